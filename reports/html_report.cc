#include "reports/html_report.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "model/series_resolution.h"
#include "reports/cost_report.h"
#include "reports/figure_notes.h"
#include "reports/html_page.h"
#include "reports/json_report.h"
#include "reports/result_words.h"
#include "reports/series_grid.h"
#include "reports/svg_chart.h"
#include "reports/text_report.h"
#include "reports/time_units.h"
#include "sim/time.h"

namespace reports {
namespace {

// A measured duration: "43.47 ms".
std::string duration(int64_t ns) {
  return html_escape(readable(ns));
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
      out += row({html_escape(r.name), fmt::format("{}", r.operations[kQuery]),
                  fmt::format("{}", r.missing_index_errors),
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
    out += "<table class=\"timeline wide\">\n" + row({"setting", "from", "to", "cost", "values"}, true);
    for (const model::DriftEpisode& e : drift.episodes) {
      std::string values;
      for (const auto& [region, value] : e.values) {
        values += (values.empty() ? "" : ", ") + html_escape(region + " " + value);
      }
      out += row({html_escape(e.setting), clock(e.since_ns), e.until_ns < 0 ? "still at the end" : clock(e.until_ns),
                  fmt::format("{} {}", e.cost, drift_cost_unit_word(e.cost_unit)), values});
    }
    out += "</table>\n";
  }
  if (!result.replica_changes.empty()) {
    out += "<h2>Replica changes</h2>\n<table class=\"timeline wide\">\n";
    out += row({"region", "action", "at", "outcome", "source", "items", "backfill", "refused", "parked",
                "migration path (estimate)"},
               true);
    for (const model::ReplicaChange& c : result.replica_changes) {
      const bool added = c.action == model::ReplicaAction::kAdd && c.outcome != model::ReplicaOutcome::kRefused;
      const auto number = [&](uint64_t n) { return added ? fmt::format("{}", n) : std::string(); };
      std::string backfill;
      if (added) backfill = c.backfill_ns < 0 ? "never served" : duration(c.backfill_ns);
      out += row({html_escape(c.region), std::string(replica_action_word(c.action)), clock(c.at_ns),
                  std::string(replica_outcome_word(c.outcome)), added ? html_escape(c.source) : "", number(c.items),
                  backfill, number(c.refused_requests), number(c.parked_writes),
                  c.migration ? fmt::format("{} items ({}) in {}: {} RCU, {} WCU", c.migration_items,
                                            html_escape(display_bytes(c.migration_bytes)), duration(c.migration_ns),
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
    out += row({html_escape(g.region + "/" + g.name), fmt::format("{}", g.served), fmt::format("{}", g.moved),
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
      out += row({fmt::format("{}", i + 1), clock(e.at_ns), html_escape(std::string(timeline_kind_word(e.kind)) +
                                                                         (e.region.empty() ? "" : " " + e.region)),
                  html_escape(result.client_groups[g].region + "/" + result.client_groups[g].name), p50_p99(before),
                  p50_p99(after)});
    }
  }
  return out + "</table>\n";
}

// Requests and capacity per region, then replication lag per link.
std::string regions_and_lag(const model::RunResult& result) {
  std::string out = "<h2>Regions</h2>\n<table>\n";
  out += row({"region", "writes", "gets", "capacity", "W units", "R units", "throttled", "throttled share",
              "repl. throttled", "retries", "client errors", "unavailable", "latency p50", "latency p99"},
             true);
  for (const model::RegionResult& r : result.region_results) {
    out += row({html_escape(r.name), fmt::format("{}", r.writes()), fmt::format("{}", r.operations[3]),
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
    // One unit per row; a pair that replicated nothing has no lag (n/a, not 0).
    const TimeUnit unit = unit_for(lag.max());
    const auto cell = [&](int64_t ns) { return p.replicated == 0 ? std::string("n/a") : in_unit(ns, unit); };
    out += row({html_escape(p.from + " → " + p.to), fmt::format("{}", p.replicated), cell(std::llround(lag.mean())),
                cell(lag.quantile(0.5)), cell(lag.quantile(0.9)), cell(lag.quantile(0.99)), cell(lag.quantile(0.999)),
                cell(lag.max())});
  }
  return out + "</table>\n";
}

// The notes of a section on where its surprising figures come from.
std::string notes_html(const std::vector<FigureNote>& notes, NoteSection section) {
  std::string out;
  for (const FigureNote& note : notes) {
    if (note.section == section) out += "<p class=\"where\">where from: " + html_escape(note.text) + "</p>\n";
  }
  return out;
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

// Multi-Region strong consistency (an MRSC table only): its topology, what
// each region refused and why, the conflicts per pair and each loss of
// quorum; the terminal summary's section (reports/strong_consistency_text.h)
// as tables.
std::string strong_consistency(const model::RunResult& result) {
  const model::StrongConsistencyResult& s = result.strong_consistency;
  if (!s.enabled) return "";
  std::string out = "<h2>Multi-Region strong consistency (MRSC)</h2>\n";
  out += fmt::format("<p class=\"note\">{}; conflict window {}. RPO 0: a write is acknowledged once a second "
                     "participant holds it, so none is at risk at an outage and none is clobbered.</p>\n",
                     s.witness.empty() ? std::string("Three replicas")
                                       : "Two replicas, witness in " + html_escape(s.witness),
                     s.conflict_window_ns < 0 ? std::string("each write's quorum round trip")
                                              : duration(s.conflict_window_ns));
  out += "<table>\n" + row({"region", "write conflicts (retried)", "gave up on a conflict", "refused: no quorum",
                             "refused: catching up", "without quorum", "catching up"},
                            true);
  std::vector<int64_t> without, catching;  // each time column in one unit
  for (const model::StrongConsistencyRegion& r : s.regions) {
    without.push_back(r.without_quorum_ns);
    catching.push_back(r.catching_up_ns);
  }
  const TimeUnit without_unit = unit_for(without);
  const TimeUnit catching_unit = unit_for(catching);
  for (const model::StrongConsistencyRegion& r : s.regions) {
    if (r.witness) {
      out += row({html_escape(r.name) + " (witness)", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a"});
      continue;
    }
    out += row({html_escape(r.name), fmt::format("{}", r.write_conflicts), fmt::format("{}", r.conflict_errors),
                fmt::format("{}", r.no_quorum_errors), fmt::format("{}", r.catching_up_errors),
                in_unit(r.without_quorum_ns, without_unit), in_unit(r.catching_up_ns, catching_unit)});
  }
  out += "</table>\n";
  std::string pairs;
  for (const model::StrongConsistencyPair& p : s.pairs) {
    if (p.write_conflicts == 0) continue;
    pairs += row({html_escape(p.from), html_escape(p.to), fmt::format("{}", p.write_conflicts)});
  }
  if (!pairs.empty()) {
    out += "<table>\n" + row({"writer", "region modifying the item", "write conflicts"}, true) + pairs + "</table>\n";
  }
  if (!s.episodes.empty()) {
    out += "<table>\n" + row({"region", "reached no other participant", "again from", "caught up", "writes applied "
                               "to catch up"},
                              true);
    for (const model::QuorumEpisode& e : s.episodes) {
      out += row({html_escape(e.region), clock(e.lost_ns), e.regained_ns < 0 ? "the end" : clock(e.regained_ns),
                  e.caught_up_ns < 0 ? "not within the run" : clock(e.caught_up_ns),
                  fmt::format("{}", e.catch_up_writes)});
    }
    out += "</table>\n";
  }
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
      out += row({html_escape(o.region), std::string(model::outage_scope_name(o.scope)),
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
    // No stale read, no staleness to show (n/a, not 0).
    const TimeUnit unit = unit_for(r.staleness_ns.max());
    const auto cell = [&](int64_t ns) { return r.stale_reads == 0 ? std::string("n/a") : in_unit(ns, unit); };
    out += row({html_escape(r.name), fmt::format("{}", r.operations[3]), fmt::format("{}", r.stale_reads),
                cell(r.staleness_ns.quantile(0.5)), cell(r.staleness_ns.quantile(0.99)), cell(r.staleness_ns.max())});
  }
  out += "</table>\n";
  for (const model::SessionResult& session : result.sessions) {
    out += fmt::format("<p class=\"note\">Read-your-writes: sessions of {} writing in {} and reading in {}</p>\n",
                       html_escape(session.group), html_escape(session.region), html_escape(session.read_region));
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
      out += row({html_escape(w.region), clock(w.start_ns), clock(w.end_ns), fmt::format("{}", w.throttle_events),
                  fmt::format("{}", w.replication_throttle_events), fmt::format("{}", w.client_errors)});
    }
    out += "</table>\n";
  }
  if (!result.scaling_actions.empty()) {
    out += "<h2>Auto scaling</h2>\n<table>\n";
    out += row({"region", "dimension", "decided", "effective", "from", "to"}, true);
    for (const model::ScalingAction& a : result.scaling_actions) {
      out += row({html_escape(a.region), std::string(dimension_word(a.dimension)), clock(a.decided_ns),
                  clock(a.effective_ns),
                  fmt::format("{}", a.from_units), fmt::format("{}", a.to_units)});
    }
    out += "</table>\n";
  }
  return out;
}

std::string summary(const model::RunResult& result, const std::vector<FigureNote>& notes) {
  return regions_and_lag(result) + notes_html(notes, NoteSection::kLag) + client_latency(result) +
         conflicts_and_convergence(result) + strong_consistency(result) +
         outages(result) + reads(result) + notes_html(notes, NoteSection::kReads) + capacity_events(result) +
         administration(result);
}

// The second after the last change of any series (at least the traffic's
// duration): a run that goes on long after the action (a region down for
// good, waiting out the 20-hour limit) would otherwise squash every chart.
size_t seconds_shown(const model::RunResult& result) {
  size_t last = static_cast<size_t>(result.duration_ns / sim::Duration::kNanosecondsPerSecond);
  const auto scan = [&](const std::vector<int64_t>& v) {
    for (size_t i = v.size(); i-- > 1;) {
      if (v[i] != v[i - 1]) {
        const int64_t start_s = model::point_start_s(model::kPerSecondResolution, i);
        const int64_t end_s = start_s + model::step_at(model::kPerSecondResolution, start_s);
        last = std::max(last, static_cast<size_t>(end_s));
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

// What the charts share: the timeline marks, the seconds shown, the
// colours, the footer, and the running figure number.
struct ChartContext {
  const model::RunResult& result;
  std::vector<ChartMark> marks;
  size_t shown_s = 0;
  SeriesColours colours;
  std::string footer;
  int figure = 0;

  static model::SeriesResolution resolution(bool minutes) {
    return minutes ? model::kPerMinuteResolution : model::kPerSecondResolution;
  }
  // The seconds one chart value covers: the coarsest step the series hold
  // within the seconds shown (1, or 60 for per-minute series, in a run
  // under 3 hours).
  int64_t grid_s(bool minutes) const { return grid_step(resolution(minutes), static_cast<int64_t>(shown_s)); }
  size_t cells(bool minutes) const {
    const int64_t grid = grid_s(minutes);
    return static_cast<size_t>((static_cast<int64_t>(shown_s) + grid - 1) / grid);
  }
  std::vector<int64_t> grid(const std::vector<int64_t>& v, bool minutes, model::Aggregation rule,
                            std::optional<int64_t> none = std::nullopt) const {
    return on_grid(v, resolution(minutes), grid_s(minutes), cells(minutes), rule, none);
  }

  // A level's values over the seconds shown, times `scale`: each chart
  // value the largest of its points; `no_data`: the value that means none
  // (NaN).
  std::vector<double> values(const std::vector<int64_t>& v, double scale, bool minutes = false,
                             std::optional<int64_t> no_data = std::nullopt) const {
    std::vector<double> out;
    for (const int64_t x : grid(v, minutes, model::Aggregation::kMax, no_data)) {
      out.push_back(no_data && x == *no_data ? std::nan("") : static_cast<double>(x) * scale);
    }
    return out;
  }
  // A per-second count's values over the seconds shown, times `scale`:
  // each chart value its mean per second over the value's seconds.
  std::vector<double> rates(const std::vector<int64_t>& v, double scale) const {
    const double per_second = scale / static_cast<double>(grid_s(false));
    std::vector<double> out;
    for (const int64_t x : grid(v, false, model::Aggregation::kSum)) out.push_back(static_cast<double>(x) * per_second);
    return out;
  }
  Chart chart(const std::string& title, const std::string& unit, double step_s) const {
    Chart c;
    c.title = title;
    c.unit = unit;
    c.step_s = step_s;
    c.marks = marks;
    c.footer = footer;
    return c;
  }
  // The chart as the next figure, with its line on what to read.
  std::string figure_of(Chart c, const std::string& read) {
    c.title = fmt::format("Figure {} · {}", ++figure, c.title);
    return figure_html(figure, svg_chart(c), read);
  }
};

std::string lag_charts(ChartContext& ctx) {
  const model::RunResult& result = ctx.result;
  std::string out = "<h2>Replication latency per minute (ReplicationLatency)</h2>\n<div class=\"charts\">";
  for (size_t i = 0; i < result.pair_series.size(); ++i) {
    const model::PairSeries& s = result.pair_series[i];
    const model::PairResult& pair = result.pairs[i];
    int64_t max_ns = 0;
    for (int64_t v : s.replication_latency_max_ns) max_ns = std::max(max_ns, v);
    // The unit of the chart's largest value, as the tables choose it (at least ms).
    const TimeUnit unit = std::max(unit_for(max_ns), TimeUnit::kMs);
    const double scale = 1.0 / unit_ns(unit);
    Chart chart = ctx.chart(pair.from + " → " + pair.to + ": replication latency", unit_name(unit),
                            static_cast<double>(ctx.grid_s(true)));
    const std::string key = pair_key(pair.from, pair.to);
    // A minute in which no write was applied has no latency: a gap.
    chart.lines.push_back({"average", ctx.values(s.replication_latency_mean_ns, scale, true, 0), ctx.colours.pair(i),
                           key, false, false});
    chart.lines.push_back({"maximum", ctx.values(s.replication_latency_max_ns, scale, true, 0), ctx.colours.pair(i),
                           key, true, false});
    out += ctx.figure_of(chart, fmt::format("how long writes of {} took to be applied in {}, minute by minute: the "
                                            "solid line is the minute's average, the dashed one its slowest write; a "
                                            "gap is a minute in which none was applied. The service documents "
                                            "sub-second replication.",
                                            pair.from, pair.to));
  }
  return out + "</div>\n";
}

// Per client group that was served: its latency p50 and p99 per minute,
// with gaps where it was served nothing.
std::string latency_charts(ChartContext& ctx) {
  const model::RunResult& result = ctx.result;
  std::string out;
  for (size_t g = 0; g < result.client_group_series.size(); ++g) {
    const model::ClientGroupResult& group = result.client_groups[g];
    if (group.served == 0) continue;
    const model::ClientGroupSeries& s = result.client_group_series[g];
    const TimeUnit unit = std::max(unit_for(group.latency_ns.max()), TimeUnit::kMs);
    const double scale = 1.0 / unit_ns(unit);
    Chart chart = ctx.chart(group.region + "/" + group.name + ": client latency", unit_name(unit),
                            static_cast<double>(ctx.grid_s(true)));
    const size_t home = static_cast<size_t>(
        std::find(result.regions.begin(), result.regions.end(), group.region) - result.regions.begin());
    const std::string colour = home < result.regions.size() ? ctx.colours.region(home) : SeriesColours::neutral();
    const std::string key = region_key(group.region) + "/" + group.name;
    chart.lines.push_back({"p50", ctx.values(s.latency_p50_ns, scale, true, model::kNoValue), colour, key, false, false});
    chart.lines.push_back({"p99", ctx.values(s.latency_p99_ns, scale, true, model::kNoValue), colour, key, true, false});
    out += ctx.figure_of(chart, fmt::format("the latency {}'s clients saw, minute by minute: the solid line is the "
                                            "minute's median, the dashed one its p99; a step up is requests served "
                                            "by another region (a round trip more); a gap is a minute with no "
                                            "request served.",
                                            group.region + "/" + group.name));
  }
  if (out.empty()) return out;
  return "<h2>Client latency per minute, by client group</h2>\n<div class=\"charts\">" + out + "</div>\n";
}

std::string backlog_charts(ChartContext& ctx) {
  const model::RunResult& result = ctx.result;
  std::string out = "<h2>Replication backlog</h2>\n<div class=\"charts\">";
  const auto step_s = static_cast<double>(ctx.grid_s(false));
  Chart backlog = ctx.chart("replicated writes waiting, by destination", "writes", step_s);
  Chart throttled = ctx.chart("replicated writes throttled, by destination", "per second", step_s);
  for (size_t r = 0; r < result.region_series.size(); ++r) {
    const std::string& name = result.regions[r];
    backlog.lines.push_back({name, ctx.values(result.region_series[r].replication_backlog, 1), ctx.colours.region(r),
                             region_key(name), false, false});
    throttled.lines.push_back({name, ctx.rates(result.region_series[r].replication_throttle_events, 1),
                               ctx.colours.region(r), region_key(name), false, false});
  }
  out += ctx.figure_of(backlog, "the replicated writes on their way to each region at each second's end; a line "
                                "that rises is a region applying writes slower than they arrive: throttled, down "
                                "or cut off.");
  out += ctx.figure_of(throttled, "replicated writes each region's replica refused for capacity, per second; they "
                                  "wait and are applied later, so lag grows while this is above 0.");
  Chart pending = ctx.chart("PendingReplicationCount, by pair", "writes", step_s);
  for (size_t i = 0; i < result.pair_series.size(); ++i) {
    pending.lines.push_back({result.pairs[i].from + "→" + result.pairs[i].to,
                             ctx.values(result.pair_series[i].pending_replication, 1), ctx.colours.pair(i),
                             pair_key(result.pairs[i].from, result.pairs[i].to), false, false});
  }
  out += ctx.figure_of(pending, "PendingReplicationCount as CloudWatch shows it: the writes of one region not yet "
                                "applied in another, per pair, at each second's end.");
  return out + "</div>\n";
}

// Consumed against provisioned, one dimension of one region, with the
// seconds in which burst capacity was in use shaded.
Chart capacity_chart(const ChartContext& ctx, size_t r, bool write) {
  const model::RegionSeries& s = ctx.result.region_series[r];
  const std::string& name = ctx.result.regions[r];
  Chart chart = ctx.chart(name + (write ? ": write capacity" : ": read capacity"), "units/s",
                          static_cast<double>(ctx.grid_s(false)));
  chart.lines.push_back({"consumed", ctx.rates(write ? s.consumed_write_milli : s.consumed_read_milli, 1e-3),
                         ctx.colours.region(r), region_key(name), false, false});
  chart.lines.push_back({"provisioned", ctx.values(write ? s.provisioned_write_units : s.provisioned_read_units, 1),
                         SeriesColours::neutral(), "provisioned", true, false});
  ChartBand burst{"consumed above provisioned (burst)", {}, ctx.colours.region(r), region_key(name)};
  const std::vector<int64_t>& above = write ? s.burst_write_milli : s.burst_read_milli;
  for (const int64_t milli : ctx.grid(above, false, model::Aggregation::kSum)) burst.on.push_back(milli > 0);
  chart.bands.push_back(std::move(burst));
  return chart;
}

std::string capacity_charts(ChartContext& ctx) {
  const model::RunResult& result = ctx.result;
  std::string out = "<h2>Capacity per region</h2>\n<div class=\"charts\">";
  for (size_t r = 0; r < result.region_series.size(); ++r) {
    for (const bool write : {true, false}) {
      out += ctx.figure_of(capacity_chart(ctx, r, write),
                           fmt::format("the {} units {} consumed per second (solid) against what it had (dashed: "
                                       "provisioned, or the on-demand ceiling); shaded seconds consumed above it, on "
                                       "burst capacity.",
                                       write ? "write" : "read", result.regions[r]));
    }
  }
  return out + "</div>\n";
}

// Throttled client attempts as a share of the attempts of each chart
// value's seconds; NaN (a gap) where there were none.
std::vector<double> throttled_percent(const ChartContext& ctx, const model::RegionSeries& s) {
  const std::vector<int64_t> throttled = ctx.grid(s.throttle_events, false, model::Aggregation::kSum);
  const std::vector<int64_t> attempts = ctx.grid(s.client_attempts, false, model::Aggregation::kSum);
  std::vector<double> percent;
  for (size_t i = 0; i < throttled.size(); ++i) {
    const int64_t n = i < attempts.size() ? attempts[i] : 0;
    percent.push_back(n == 0 ? std::nan("") : 100.0 * static_cast<double>(throttled[i]) / static_cast<double>(n));
  }
  return percent;
}

std::string throttling_charts(ChartContext& ctx) {
  const model::RunResult& result = ctx.result;
  std::string out = "<h2>Throttling</h2>\n<div class=\"charts\">";
  const auto step_s = static_cast<double>(ctx.grid_s(false));
  Chart share = ctx.chart("client attempts throttled, by region", "% of attempts", step_s);
  Chart errors = ctx.chart("client errors, by region", "per second", step_s);
  for (size_t r = 0; r < result.region_series.size(); ++r) {
    const std::string& name = result.regions[r];
    share.lines.push_back({name, throttled_percent(ctx, result.region_series[r]), ctx.colours.region(r),
                           region_key(name), false, false});
    errors.lines.push_back({name, ctx.rates(result.region_series[r].client_errors, 1), ctx.colours.region(r),
                            region_key(name), false, false});
  }
  out += ctx.figure_of(share, "the share of client attempts each region throttled, per second, in percent of its "
                              "attempts; a gap is a second in which no client reached it.");
  out += ctx.figure_of(errors, "requests per second that failed after their last attempt, for capacity: what the "
                               "application saw as errors.");
  return out + "</div>\n";
}

// The timeline on top: at most kTimelineRowsMax rows, saying what is left out.
std::string timeline_table(const std::vector<TimelineMark>& timeline) {
  if (timeline.empty()) return "";
  std::string out = "<table class=\"timeline\">\n" + row({"#", "at", "timeline"}, true);
  for (size_t i = 0; i < timeline.size() && i < kTimelineRowsMax; ++i) {
    out += row({fmt::format("{}", i + 1), clock(timeline[i].at_ns), html_escape(timeline[i].label)});
  }
  out += "</table>\n";
  if (timeline.size() > kTimelineRowsMax) {
    out += fmt::format("<p class=\"note\">The table lists the first {} of {} timeline events; the scenario file "
                       "holds them all.</p>\n",
                       kTimelineRowsMax, timeline.size());
  }
  if (timeline.size() > kChartMarksMax) {
    out += fmt::format("<p class=\"note\">The charts mark the first {} of {} timeline events.</p>\n", kChartMarksMax,
                       timeline.size());
  }
  return out;
}

}  // namespace

std::string html_report(const model::RunResult& result, const std::vector<TimelineMark>& timeline,
                        const Provenance& provenance) {
  ChartContext ctx{result, {}, seconds_shown(result), SeriesColours(result.regions.size()), provenance.short_line(), 0};
  for (size_t i = 0; i < timeline.size() && i < kChartMarksMax; ++i) {
    const double at_s = sim::to_seconds(sim::Duration::nanoseconds(timeline[i].at_ns));
    ctx.marks.push_back({at_s, timeline[i].label, static_cast<int>(i + 1)});
  }
  std::string regions;
  for (const std::string& r : result.regions) regions += (regions.empty() ? "" : ", ") + html_escape(r);
  std::string out = page_begin(fmt::format("gtsim: {} (seed {})", result.scenario_name, result.seed));
  out += fmt::format("<h1>gtsim: {}</h1>\n<div class=\"meta\">seed <b>{}</b> &middot; traffic <b>{}</b> &middot; "
                     "regions <b>{}</b> &middot; run {}</div>\n",
                     html_escape(result.scenario_name), result.seed,
                     html_escape(sim::format_duration(sim::Duration::nanoseconds(result.duration_ns))), regions,
                     result.stop.reason == model::StopReason::kCompleted
                         ? std::string("completed")
                         : fmt::format("<span class=\"bad\">stopped ({}) at {}</span>",
                                       stop_word(result.stop.reason), duration(result.stop.at_ns)));
  if (!result.scenario_description.empty()) {
    out += fmt::format("<p class=\"description\">{}</p>\n", html_escape(result.scenario_description));
  }
  out += provenance_html(provenance);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const model::PairResult& p : result.pairs) pairs.emplace_back(p.from, p.to);
  out += colour_key_html(result.regions, pairs, ctx.colours);
  out += timeline_table(timeline);
  out += summary(result, figure_notes(result, timeline));
  out += cost_html(result);
  // One statement each: they number their figures in turn.
  out += lag_charts(ctx);
  out += latency_charts(ctx);
  out += backlog_charts(ctx);
  out += capacity_charts(ctx);
  out += throttling_charts(ctx);
  const auto run_s = static_cast<size_t>(result.series_seconds);
  out += "<p class=\"note\">Charts of per-second series longer than 10 minutes show the largest value of each "
         "stretch, so peaks survive.";
  if (ctx.grid_s(false) > 1) {
    std::string steps;
    for (const model::SeriesSegment& segment : model::segments_reached(model::kPerSecondResolution, run_s)) {
      steps += fmt::format("{}a point per {} s from {}", steps.empty() ? "" : ", ",
                           segment.step_s, clock(sim::Duration::seconds(segment.from_s).ns()));
    }
    out += fmt::format(" The per-second series hold {} (CloudWatch's retention): their charts show a value per {} s, "
                       "a count as its mean per second, a level as its largest value; the per-minute charts a value "
                       "per {} s.",
                       steps, ctx.grid_s(false), ctx.grid_s(true));
  }
  if (ctx.shown_s < run_s) {
    out += fmt::format(" The charts end at {}, after the last change of any series; the run went on to {}.",
                       clock(sim::Duration::seconds(static_cast<int64_t>(ctx.shown_s)).ns()),
                       clock(sim::Duration::seconds(static_cast<int64_t>(run_s)).ns()));
  }
  out += " Every figure, exactly: the JSON report (<code>--json</code>).</p>\n";
  return out + page_end();
}

}  // namespace reports
