#include "reports/html_report.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reports/cost_report.h"
#include "reports/json_report.h"
#include "reports/result_words.h"
#include "reports/svg_chart.h"
#include "reports/text_report.h"
#include "sim/time.h"

namespace reports {
namespace {

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2937;margin:24px auto;max-width:1140px;padding:0 16px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.meta{color:#4b5563;margin-bottom:12px}.meta b{color:#111827}
table{border-collapse:collapse;margin:6px 0 10px;font-variant-numeric:tabular-nums}
th,td{padding:3px 10px;border-bottom:1px solid #eef0f3;text-align:right;white-space:nowrap}
th{background:#f8fafc;font-weight:600;color:#374151}td:first-child,th:first-child{text-align:left}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:10px 18px}
.charts.three{grid-template-columns:repeat(3,1fr);gap:10px 12px}svg.chart{width:100%;height:auto}
svg.chart{background:#fff;border:1px solid #e5e7eb;border-radius:6px}
svg .title{font-size:13px;font-weight:600;fill:#111827}svg .unit{font-weight:400;fill:#6b7280}
svg .tick{font-size:10.5px;fill:#6b7280}svg .legend{font-size:11px;fill:#374151}
svg .grid{stroke:#eef0f3}svg .axis{stroke:#9ca3af}
svg .mark line{stroke:#6b7280;stroke-dasharray:3 3}svg .mark circle{fill:#fde68a;stroke:#b45309}
svg .mark text{font-size:10px;font-weight:600;fill:#78350f}
table.timeline td:last-child,table.timeline th:last-child{text-align:left}
.note{color:#6b7280;font-size:12.5px}.bad{color:#b91c1c;font-weight:600}
)";

// Checks the page after load: every chart has data, no table is empty.
constexpr const char* kSelfCheck = R"(
addEventListener('load', function () {
  var charts = document.querySelectorAll('svg.chart');
  var bad = [];
  charts.forEach(function (svg, i) {
    if (!svg.querySelector('polyline, rect, g, circle')) bad.push('chart ' + i + ' is empty');
  });
  document.querySelectorAll('table').forEach(function (t, i) {
    if (t.rows.length < 2) bad.push('table ' + i + ' is empty');
  });
  document.documentElement.setAttribute('data-self-check',
    bad.length ? 'failed: ' + bad.join('; ') : 'ok ' + charts.length + ' charts');
});
)";

std::string esc(const std::string& text) { return html_escape(text); }

// A measured duration: "43.47 ms".
std::string duration(int64_t ns) {
  return esc(sim::format_duration(sim::Duration::nanoseconds(ns), sim::DurationStyle::kReadable));
}

// A time in the run as a clock reading: "7:00", "1:05:30", "0:02.250".
std::string clock(int64_t ns) {
  return sim::format_duration(sim::Duration::nanoseconds(ns), sim::DurationStyle::kClock);
}

std::string row(const std::vector<std::string>& cells, bool header = false) {
  std::string out = "<tr>";
  for (const std::string& cell : cells) out += header ? "<th>" + cell + "</th>" : "<td>" + cell + "</td>";
  return out + "</tr>\n";
}

std::vector<double> doubles(const std::vector<int64_t>& v, double scale) {
  std::vector<double> out;
  out.reserve(v.size());
  for (int64_t x : v) out.push_back(x == model::kNoValue ? std::nan("") : static_cast<double>(x) * scale);
  return out;
}

// "5.00 ms / 9.00 ms", or "none" for a stretch that served nothing.
std::string p50_p99(const model::LatencySummary& s) {
  if (s.requests == 0) return "none";
  return duration(s.p50_ns) + " / " + duration(s.p99_ns);
}

// Each client group's latency before and after each timeline event: the
// step a failover's moved clients take.
std::string client_latency(const model::RunResult& result) {
  std::string out = "<h2>Client groups</h2>\n<table>\n";
  out += row({"group", "served", "served elsewhere", "latency p50", "p90", "p99", "max"}, true);
  for (const model::ClientGroupResult& g : result.client_groups) {
    out += row({esc(g.region + "/" + g.name), fmt::format("{}", g.served), fmt::format("{}", g.moved),
                duration(g.latency_ns.quantile(0.5)), duration(g.latency_ns.quantile(0.9)),
                duration(g.latency_ns.quantile(0.99)), duration(g.latency_ns.max())});
  }
  out += "</table>\n";
  if (result.timeline.empty() || result.client_groups.empty()) return out;
  out += "<h2>Client latency around the timeline (p50 / p99)</h2>\n<table class=\"timeline\">\n";
  out += row({"#", "at", "event", "group", "before", "after"}, true);
  for (size_t i = 0; i < result.timeline.size(); ++i) {
    const model::TimelineResult& e = result.timeline[i];
    for (size_t g = 0; g < result.client_groups.size(); ++g) {
      const model::LatencySummary& before = e.before.groups[g];
      const model::LatencySummary& after = e.after.groups[g];
      if (before.requests == 0 && after.requests == 0) continue;
      out += row({fmt::format("{}", i + 1), clock(e.at_ns), esc(std::string(timeline_kind_word(e.kind)) +
                                                                 (e.region.empty() ? "" : " " + e.region)),
                  esc(result.client_groups[g].region + "/" + result.client_groups[g].name), p50_p99(before),
                  p50_p99(after)});
    }
  }
  return out + "</table>\n";
}

// Queries, refusals and TTL per region, drift episodes, replica changes:
// each table only when it has something to show.
std::string administration(const model::RunResult& result) {
  std::string out;
  constexpr int kQuery = static_cast<int>(model::Operation::kQuery);
  const bool any_region = std::any_of(result.region_results.begin(), result.region_results.end(), [](const auto& r) {
    return r.operations[kQuery] + r.missing_index_errors + r.refused_requests + r.ttl_deletes + r.expired_items > 0 ||
           r.ttl_replicated_write_units > 0;
  });
  if (any_region) {
    out += "<h2>Queries, refused requests and TTL</h2>\n<table>\n";
    out += row({"region", "queries", "missing index errors", "refused requests", "TTL deletes",
                "TTL write units replicated", "expired items at the end"},
               true);
    for (const model::RegionResult& r : result.region_results) {
      out += row({esc(r.name), fmt::format("{}", r.operations[kQuery]), fmt::format("{}", r.missing_index_errors),
                  fmt::format("{}", r.refused_requests), fmt::format("{}", r.ttl_deletes),
                  fmt::format("{}", r.ttl_replicated_write_units), fmt::format("{}", r.expired_items)});
    }
    out += "</table>\n";
  }
  const model::DriftResult& drift = result.drift;
  if (!drift.episodes.empty()) {
    out += "<h2>Settings drift</h2>\n";
    out += drift.settings_sync
               ? fmt::format("<p class=\"note\">settings_sync on, delay {}</p>\n", duration(drift.sync_delay_ns))
               : "<p class=\"note\">settings_sync off: each change stays in the region it was made in</p>\n";
    out += "<table class=\"timeline\">\n" + row({"setting", "from", "to", "cost", "values"}, true);
    for (const model::DriftEpisode& e : drift.episodes) {
      std::string values;
      for (const auto& [region, value] : e.values) values += (values.empty() ? "" : ", ") + esc(region + " " + value);
      out += row({esc(e.setting), clock(e.since_ns), e.until_ns < 0 ? "still at the end" : clock(e.until_ns),
                  fmt::format("{} {}", e.cost, drift_cost_unit_word(e.cost_unit)), values});
    }
    out += "</table>\n";
  }
  if (!result.replica_changes.empty()) {
    out += "<h2>Replica changes</h2>\n<table class=\"timeline\">\n";
    out += row({"region", "action", "at", "outcome", "source", "items", "backfill", "refused", "parked",
                "migration path (estimate)"},
               true);
    for (const model::ReplicaChange& c : result.replica_changes) {
      const bool added = c.action == model::ReplicaAction::kAdd && c.outcome != model::ReplicaOutcome::kRefused;
      const auto number = [&](uint64_t n) { return added ? fmt::format("{}", n) : std::string(); };
      std::string backfill;
      if (added) backfill = c.backfill_ns < 0 ? "never served" : duration(c.backfill_ns);
      out += row({esc(c.region), std::string(replica_action_word(c.action)), clock(c.at_ns),
                  std::string(replica_outcome_word(c.outcome)), added ? esc(c.source) : "", number(c.items),
                  backfill, number(c.refused_requests), number(c.parked_writes),
                  c.migration ? fmt::format("{} items ({}) in {}: {} RCU, {} WCU", c.migration_items,
                                            esc(display_bytes(c.migration_bytes)), duration(c.migration_ns),
                                            c.migration_read_units, c.migration_write_units)
                              : ""});
    }
    out += "</table>\n";
  }
  return out;
}

// Throttled client attempts as a percentage of all client attempts, 2 decimals.
std::string throttled_share(const model::RegionResult& r) {
  const uint64_t attempts = r.client_attempts();
  if (attempts == 0) return "&ndash;";
  return fmt::format("{:.2f}%", 100.0 * static_cast<double>(r.throttle_events) / static_cast<double>(attempts));
}

// Requests and capacity per region, then replication lag per link.
std::string regions_and_lag(const model::RunResult& result) {
  std::string out = "<h2>Regions</h2>\n<table>\n";
  out += row({"region", "writes", "gets", "capacity", "W units", "R units", "throttled", "throttled share",
              "repl. throttled", "retries", "client errors", "unavailable", "latency p50", "latency p99"},
             true);
  for (const model::RegionResult& r : result.region_results) {
    out += row({esc(r.name), fmt::format("{}", r.writes()), fmt::format("{}", r.operations[3]),
                std::string(capacity_mode_word(r.capacity_mode)),
                fmt::format("{}", r.write_units), fmt::format("{}", r.read_units), fmt::format("{}", r.throttle_events),
                throttled_share(r), fmt::format("{}", r.replication_throttle_events), fmt::format("{}", r.retries),
                fmt::format("{}", r.client_errors), fmt::format("{}", r.unavailable_errors),
                duration(r.client_latency_ns.quantile(0.5)), duration(r.client_latency_ns.quantile(0.99))});
  }
  out += "</table>\n<h2>Replication lag</h2>\n<table>\n";
  out += row({"from &rarr; to", "writes", "mean", "p50", "p90", "p99", "p99.9", "max"}, true);
  for (const model::PairResult& p : result.pairs) {
    const sim::Histogram& lag = p.lag_ns;
    out += row({esc(p.from + " → " + p.to), fmt::format("{}", p.replicated), duration(std::llround(lag.mean())),
                duration(lag.quantile(0.5)), duration(lag.quantile(0.9)), duration(lag.quantile(0.99)),
                duration(lag.quantile(0.999)), duration(lag.max())});
  }
  return out + "</table>\n";
}

std::string conflicts_and_convergence(const model::RunResult& result) {
  const model::ConflictResult& c = result.conflicts;
  std::string out = "<h2>Conflicts and convergence</h2>\n<table>\n";
  out += row({"writes", "concurrent", "clobbered", "skew inversions", "causal inversions", "items", "divergent",
              "drain after last write"},
             true);
  const bool completed = result.stop.reason == model::StopReason::kCompleted;
  out += row({fmt::format("{}", c.writes), fmt::format("{}", c.concurrent_writes), fmt::format("{}", c.clobbered),
              fmt::format("{}", c.skew_inversions), fmt::format("{}", c.causal_inversions),
              fmt::format("{}", result.convergence.items),
              completed ? fmt::format("{}", result.convergence.divergent_items) : "not measured",
              completed ? duration(result.convergence.drain_ns) : "not measured"});
  out += "</table>\n";
  return out;
}

std::string outages(const model::RunResult& result) {
  std::string out;
  if (!result.outages.empty()) {
    out += "<h2>Outages</h2>\n<table>\n";
    out += row({"region", "scope", "cause", "failed", "recovered", "at risk", "oldest at risk", "lost",
                "unreplicated at the end", "backlog drained after", "left the group", "divergent items"},
               true);
    for (const model::OutageResult& o : result.outages) {
      out += row({esc(o.region), std::string(model::outage_scope_name(o.scope)),
                  std::string(model::outage_cause_name(o.cause)), clock(o.failed_ns),
                  o.recovered_ns < 0 ? "no" : clock(o.recovered_ns), fmt::format("{}", o.at_risk_writes),
                  duration(o.oldest_at_risk_age_ns), fmt::format("{}", o.lost_writes),
                  fmt::format("{}", o.unreplicated_at_end_writes),
                  o.backlog_drain_ns < 0 ? "n/a" : duration(o.backlog_drain_ns),
                  o.left_group_ns < 0 ? "no" : clock(o.left_group_ns),
                  o.left_group_ns < 0 ? "" : fmt::format("{}", o.divergent_items)});
    }
    out += "</table>\n";
  }
  return out;
}

// Stale reads per region, then read-your-writes per session group.
std::string reads(const model::RunResult& result) {
  std::string out = "<h2>Reads</h2>\n<table>\n";
  out += row({"region", "gets", "stale", "staleness p50", "p99", "max"}, true);
  for (const model::RegionResult& r : result.region_results) {
    out += row({esc(r.name), fmt::format("{}", r.operations[3]), fmt::format("{}", r.stale_reads),
                duration(r.staleness_ns.quantile(0.5)), duration(r.staleness_ns.quantile(0.99)),
                duration(r.staleness_ns.max())});
  }
  out += "</table>\n";
  for (const model::SessionResult& session : result.sessions) {
    out += fmt::format("<p class=\"note\">Read-your-writes: sessions of {} writing in {} and reading in {}</p>\n",
                       esc(session.group), esc(session.region), esc(session.read_region));
    out += "<table>\n" + row({"read back after", "reads", "violations"}, true);
    for (size_t i = 0; i < session.delay_ns.size(); ++i) {
      out += row({duration(session.delay_ns[i]), fmt::format("{}", session.reads[i]),
                  fmt::format("{}", session.violations[i])});
    }
    out += "</table>\n";
  }
  return out;
}

// Throttling windows and auto scaling actions.
std::string capacity_events(const model::RunResult& result) {
  std::string out;
  if (!result.throttle_windows.empty()) {
    out += "<h2>Throttling windows</h2>\n<table>\n";
    out += row({"region", "from", "to", "client attempts throttled", "replicated writes throttled", "client errors"},
               true);
    for (const model::ThrottleWindow& w : result.throttle_windows) {
      out += row({esc(w.region), clock(w.start_ns), clock(w.end_ns), fmt::format("{}", w.throttle_events),
                  fmt::format("{}", w.replication_throttle_events), fmt::format("{}", w.client_errors)});
    }
    out += "</table>\n";
  }
  if (!result.scaling_actions.empty()) {
    out += "<h2>Auto scaling</h2>\n<table>\n";
    out += row({"region", "dimension", "decided", "effective", "from", "to"}, true);
    for (const model::ScalingAction& a : result.scaling_actions) {
      out += row({esc(a.region), std::string(dimension_word(a.dimension)), clock(a.decided_ns), clock(a.effective_ns),
                  fmt::format("{}", a.from_units), fmt::format("{}", a.to_units)});
    }
    out += "</table>\n";
  }
  return out;
}

std::string summary(const model::RunResult& result) {
  return regions_and_lag(result) + client_latency(result) + conflicts_and_convergence(result) + outages(result) +
         reads(result) + capacity_events(result) + administration(result);
}

// The second after the last change of any series (at least the traffic's
// duration): a run that goes on long after the action (a region down for
// good, waiting out the 20-hour limit) would otherwise squash every chart.
size_t seconds_shown(const model::RunResult& result) {
  size_t last = static_cast<size_t>(result.duration_ns / sim::Duration::kNanosecondsPerSecond);
  const auto scan = [&](const std::vector<int64_t>& v) {
    for (size_t i = v.size(); i-- > 1;) {
      if (v[i] != v[i - 1]) {
        last = std::max(last, i + 1);
        return;
      }
    }
  };
  for (const model::RegionSeries& s : result.region_series) {
    for (const auto* v : {&s.consumed_write_milli, &s.consumed_read_milli, &s.burst_write_milli, &s.burst_read_milli,
                          &s.provisioned_write_units,
                          &s.provisioned_read_units, &s.throttle_events, &s.replication_throttle_events,
                          &s.client_errors, &s.unavailable_errors, &s.refused_requests,
                          &s.replication_backlog}) {
      scan(*v);
    }
  }
  for (const model::PairSeries& s : result.pair_series) scan(s.pending_replication);
  return last + last / 20 + 1;  // a margin after it
}

std::vector<double> head(std::vector<double> values, size_t n) {
  if (values.size() > n) values.resize(n);
  return values;
}

// Per client group that was served: its latency p50 and p99 per minute,
// with gaps where it was served nothing.
std::string latency_charts(const model::RunResult& result, const std::vector<ChartMark>& marks, size_t shown_min) {
  std::string out;
  for (size_t g = 0; g < result.client_group_series.size(); ++g) {
    const model::ClientGroupResult& group = result.client_groups[g];
    if (group.served == 0) continue;
    const model::ClientGroupSeries& s = result.client_group_series[g];
    const bool seconds = group.latency_ns.max() >= 2'000'000'000;
    const double scale = seconds ? 1e-9 : 1e-6;
    Chart chart{group.region + "/" + group.name + ": client latency", seconds ? "s" : "ms", 60, {}, marks};
    chart.lines.push_back({"p50", head(doubles(s.latency_p50_ns, scale), shown_min), 0, false, false});
    chart.lines.push_back({"p99", head(doubles(s.latency_p99_ns, scale), shown_min), 1, true, false});
    out += svg_chart(chart);
  }
  if (out.empty()) return out;
  return "<h2>Client latency per minute, by client group (a gap: nothing served)</h2>\n<div class=\"charts\">\n" +
         out + "</div>\n";
}

std::string charts(const model::RunResult& result, const std::vector<ChartMark>& marks, size_t shown_s) {
  const size_t shown_min = (shown_s + 59) / 60;
  const auto doubles = [&](const std::vector<int64_t>& v, double scale, bool minutes = false) {
    return head(reports::doubles(v, scale), minutes ? shown_min : shown_s);
  };
  std::string out = "<h2>Replication latency per minute (ReplicationLatency)</h2>\n<div class=\"charts\">\n";
  for (size_t i = 0; i < result.pair_series.size(); ++i) {
    const model::PairSeries& s = result.pair_series[i];
    int64_t max_ns = 0;
    for (int64_t v : s.replication_latency_max_ns) max_ns = std::max(max_ns, v);
    const bool seconds = max_ns >= sim::Duration::seconds(2).ns();
    const double scale = seconds ? 1e-9 : 1e-6;
    Chart chart{result.pairs[i].from + " → " + result.pairs[i].to, seconds ? "s" : "ms", 60, {}, marks};
    chart.lines.push_back({"average", doubles(s.replication_latency_mean_ns, scale, true), 0, false, false});
    chart.lines.push_back({"maximum", doubles(s.replication_latency_max_ns, scale, true), 1, true, false});
    out += svg_chart(chart);
  }
  out += "</div>\n" + latency_charts(result, marks, shown_min);
  out += "<h2>Replication backlog</h2>\n<div class=\"charts\">\n";
  Chart backlog{"Replicated writes waiting, by destination", "writes", 1, {}, marks};
  for (size_t r = 0; r < result.region_series.size(); ++r) {
    backlog.lines.push_back(
        {result.regions[r], doubles(result.region_series[r].replication_backlog, 1), static_cast<int>(r), false, false});
  }
  out += svg_chart(backlog);
  Chart pending{"PendingReplicationCount, by pair", "writes", 1, {}, marks};
  for (size_t i = 0; i < result.pair_series.size(); ++i) {
    pending.lines.push_back({result.pairs[i].from + "→" + result.pairs[i].to,
                             doubles(result.pair_series[i].pending_replication, 1), static_cast<int>(i), false, false});
  }
  out += svg_chart(pending);
  out += "</div>\n<h2>Capacity and throttling per region</h2>\n<div class=\"charts three\">\n";
  for (size_t r = 0; r < result.region_series.size(); ++r) {
    const model::RegionSeries& s = result.region_series[r];
    const std::string& name = result.regions[r];
    Chart writes{name + ": write capacity", "units/s", 1, {}, marks};
    writes.lines.push_back({"consumed", doubles(s.consumed_write_milli, 1e-3), 0, false, false});
    writes.lines.push_back({"provisioned", doubles(s.provisioned_write_units, 1), 1, true, false});
    writes.lines.push_back({"above provisioned (burst)", doubles(s.burst_write_milli, 1e-3), 6, false, false});
    writes.width = 370;
    out += svg_chart(writes);
    Chart reads{name + ": read capacity", "units/s", 1, {}, marks};
    reads.lines.push_back({"consumed", doubles(s.consumed_read_milli, 1e-3), 2, false, false});
    reads.lines.push_back({"provisioned", doubles(s.provisioned_read_units, 1), 1, true, false});
    reads.lines.push_back({"above provisioned (burst)", doubles(s.burst_read_milli, 1e-3), 6, false, false});
    reads.width = 370;
    out += svg_chart(reads);
    Chart throttles{name + ": throttling", "per second", 1, {}, marks};
    throttles.lines.push_back({"client attempts throttled", doubles(s.throttle_events, 1), 3, false, true});
    throttles.lines.push_back({"replicated writes throttled", doubles(s.replication_throttle_events, 1), 4, false, false});
    throttles.lines.push_back({"client errors (throttled)", doubles(s.client_errors, 1), 1, false, false});
    throttles.width = 370;
    out += svg_chart(throttles);
  }
  return out + "</div>\n";
}

}  // namespace

std::string html_report(const model::RunResult& result, const std::vector<TimelineMark>& timeline) {
  std::vector<ChartMark> marks;
  for (size_t i = 0; i < timeline.size() && i < kChartMarksMax; ++i) {
    const double at_s = sim::to_seconds(sim::Duration::nanoseconds(timeline[i].at_ns));
    marks.push_back({at_s, timeline[i].label, static_cast<int>(i + 1)});
  }
  std::string regions;
  for (const std::string& r : result.regions) regions += (regions.empty() ? "" : ", ") + esc(r);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += fmt::format("<title>gtsim: {} (seed {})</title>\n<style>{}</style>\n</head>\n<body>\n",
                     esc(result.scenario_name), result.seed, kStyle);
  out += fmt::format("<h1>gtsim: {}</h1>\n<div class=\"meta\">seed <b>{}</b> &middot; traffic <b>{}</b> &middot; "
                     "regions <b>{}</b> &middot; run {}</div>\n",
                     esc(result.scenario_name), result.seed,
                     esc(sim::format_duration(sim::Duration::nanoseconds(result.duration_ns))), regions,
                     result.stop.reason == model::StopReason::kCompleted
                         ? std::string("completed")
                         : fmt::format("<span class=\"bad\">stopped ({}) at {}</span>",
                                       stop_word(result.stop.reason), duration(result.stop.at_ns)));
  if (!timeline.empty()) {
    out += "<table class=\"timeline\">\n" + row({"#", "at", "timeline"}, true);
    for (size_t i = 0; i < timeline.size() && i < kTimelineRowsMax; ++i) {
      out += row({fmt::format("{}", i + 1), clock(timeline[i].at_ns),
                  esc(timeline[i].label)});
    }
    out += "</table>\n";
    if (timeline.size() > kTimelineRowsMax) {
      out += fmt::format("<p class=\"note\">The table lists the first {} of {} timeline events; the scenario file "
                         "holds them all.</p>\n",
                         kTimelineRowsMax, timeline.size());
    }
    if (timeline.size() > kChartMarksMax) {
      out += fmt::format("<p class=\"note\">The charts mark the first {} of {} timeline events.</p>\n",
                         kChartMarksMax, timeline.size());
    }
  }
  out += summary(result);
  out += cost_html(result);
  const size_t shown_s = seconds_shown(result);
  out += charts(result, marks, shown_s);
  size_t run_s = 0;
  for (const model::RegionSeries& s : result.region_series) run_s = std::max(run_s, s.replication_backlog.size());
  out += "<p class=\"note\">Charts of per-second series longer than 10 minutes show the largest value of each "
         "stretch, so peaks survive.";
  if (shown_s < run_s) {
    out += fmt::format(" The charts end at {}, after the last change of any series; the run went on to {}.",
                       clock(sim::Duration::seconds(static_cast<int64_t>(shown_s)).ns()),
                       clock(sim::Duration::seconds(static_cast<int64_t>(run_s)).ns()));
  }
  out += " Every figure, exactly: the JSON report (<code>--json</code>).</p>\n";
  out += fmt::format("<script>{}</script>\n</body>\n</html>\n", kSelfCheck);
  return out;
}

}  // namespace reports
