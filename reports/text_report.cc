#include "reports/text_report.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/figure_notes.h"
#include "reports/json_report.h"
#include "reports/cost_report.h"
#include "reports/result_words.h"
#include "reports/strong_consistency_text.h"
#include "reports/time_units.h"
#include "sim/time.h"

namespace reports {
namespace {

// The width the scenario's description is wrapped to.
constexpr size_t kDescriptionWidth = 100;

// `text` as lines of at most `width` characters (a longer word alone on its
// line), words separated by one space; "" for a text without words.
std::string wrapped(std::string_view text, size_t width) {
  std::string out;
  size_t line = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t') ++i;
    if (i == start) break;
    const std::string_view word = text.substr(start, i - start);
    if (line > 0 && line + 1 + word.size() > width) {
      out += '\n';
      line = 0;
    }
    if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += word.size();
  }
  return out.empty() ? out : out + "\n";
}

// A share; "n/a" of nothing (no data is not 0%).
std::string percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "n/a";
  return fmt::format("{:.3g}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string describe(const model::WriteSummary& write, TimeUnit unit) {
  return fmt::format("{} #{} from {} at {} (clock {})", model::operation_name(write.op), write.id,
                     write.region, in_unit(write.issued_ns, unit), in_unit(write.timestamp_ns, unit));
}

// A conflict's two lines, in one time unit.
void append_example(std::string& out, std::string_view verb, const model::ConflictExample& e) {
  const TimeUnit unit = unit_for({e.loser.issued_ns, e.loser.timestamp_ns, e.winner.issued_ns,
                                  e.winner.timestamp_ns, e.at_ns});
  out += fmt::format("    key {}: {}\n      {} {} at {} in {}\n", e.key, describe(e.loser, unit), verb,
                     describe(e.winner, unit), in_unit(e.at_ns, unit), e.replica);
}

// The notes of a section on where its surprising figures come from, at most
// kNotesPerSection of them.
void append_notes(std::string& out, const std::vector<FigureNote>& notes, NoteSection section) {
  size_t shown = 0;
  size_t more = 0;
  for (const FigureNote& note : notes) {
    if (note.section != section) continue;
    if (shown == kNotesPerSection) {
      ++more;
      continue;
    }
    out += "  where from: " + note.text + "\n";
    ++shown;
  }
  if (more > 0) out += fmt::format("  ... and {} more such figures (the HTML report lists them all)\n", more);
}

// "  R: 3 queries failed for a missing index; 40 requests refused (no serving
// replica); TTL: deleted 12 expired items, ...": only the figures that are
// not zero, and no line at all when every one is.
void append_admin_figures(std::string& out, const model::RegionResult& r) {
  std::vector<std::string> parts;
  if (r.missing_index_errors > 0) {
    parts.push_back(fmt::format("{} queries failed for a missing index", r.missing_index_errors));
  }
  if (r.refused_requests > 0) {
    parts.push_back(fmt::format("{} requests refused (no serving replica)", r.refused_requests));
  }
  std::vector<std::string> ttl;
  if (r.ttl_deletes > 0) ttl.push_back(fmt::format("deleted {} expired items", r.ttl_deletes));
  if (r.ttl_replicated_write_units > 0) {
    ttl.push_back(fmt::format("{} write units for other replicas' TTL deletes", r.ttl_replicated_write_units));
  }
  if (r.expired_items > 0) ttl.push_back(fmt::format("{} expired items still stored", r.expired_items));
  if (!ttl.empty()) parts.push_back(fmt::format("TTL: {}", fmt::join(ttl, ", ")));
  if (parts.empty()) return;
  out += fmt::format("  {}: {}\n", r.name, fmt::join(parts, "; "));
}

// `end_ns`: the run's end, which an open episode lasts to (and which chooses its line's unit).
void append_drift(std::string& out, const model::DriftResult& drift, int64_t end_ns) {
  if (drift.episodes.empty() && !drift.settings_sync) return;
  out += fmt::format("\nsettings drift  {} episode{}", drift.episodes.size(), drift.episodes.size() == 1 ? "" : "s");
  if (drift.settings_sync) out += fmt::format("; settings_sync on, delay {}", readable(drift.sync_delay_ns));
  out += "\n";
  // At most kEpisodesShown, so the summary fits a screen.
  constexpr size_t kEpisodesShown = 6;
  for (size_t i = 0; i < drift.episodes.size() && i < kEpisodesShown; ++i) {
    const model::DriftEpisode& e = drift.episodes[i];
    std::vector<std::string> values;
    for (const auto& [region, value] : e.values) values.push_back(region + ": " + value);
    const TimeUnit unit = unit_for({e.since_ns, e.until_ns, end_ns});
    out += fmt::format("  {} from {}{} (cost {} {})\n      {}\n", e.setting, in_unit(e.since_ns, unit),
                       e.until_ns < 0 ? std::string(", still at the end") : " to " + in_unit(e.until_ns, unit),
                       e.cost, drift_cost_unit_word(e.cost_unit), fmt::join(values, "; "));
  }
  if (drift.episodes.size() > kEpisodesShown) {
    out += fmt::format("  ... and {} more episodes (all in the JSON and HTML reports)\n",
                       drift.episodes.size() - kEpisodesShown);
  }
}

void append_replica_changes(std::string& out, const std::vector<model::ReplicaChange>& changes) {
  if (changes.empty()) return;
  out += "\nreplica changes\n";
  for (const model::ReplicaChange& c : changes) {
    const TimeUnit unit = unit_for({c.at_ns, c.backfill_ns});
    const auto shown = [unit](int64_t ns) { return in_unit(ns, unit); };
    const std::string at = shown(c.at_ns);
    if (c.action == model::ReplicaAction::kRemove && c.outcome == model::ReplicaOutcome::kRefused) {
      out += fmt::format("  {}: replica removal in {} refused (no replica there, or the table's last one)\n", at,
                         c.region);
    } else if (c.action == model::ReplicaAction::kRemove) {
      out += fmt::format("  {}: replica removed from {}\n", at, c.region);
    } else if (c.outcome == model::ReplicaOutcome::kRefused) {
      out += fmt::format("  {}: replica add in {} refused (version 2017.11.29: the table was not empty)\n", at,
                         c.region);
    } else if (c.backfill_ns < 0) {
      out += fmt::format("  {}: replica added in {}, backfill from {} not finished ({} items copied); {} requests "
                         "refused, {} replicated writes parked\n",
                         at, c.region, c.source, c.items, c.refused_requests, c.parked_writes);
    } else {
      out += fmt::format("  {}: replica added in {}, backfilled from {}: {} items in {}; {} requests refused, "
                         "{} replicated writes parked\n",
                         at, c.region, c.source, c.items, shown(c.backfill_ns), c.refused_requests,
                         c.parked_writes);
    }
    if (c.migration) {
      out += fmt::format("    migration path (estimate): scan and batch-write {} items ({}) in {}: {} read units, "
                         "{} write units\n",
                         c.migration_items, display_bytes(c.migration_bytes), readable(c.migration_ns),
                         c.migration_read_units, c.migration_write_units);
    }
  }
}

// Requests served per region, then the regions' administrative figures.
void append_regions(std::string& out, const model::RunResult& result, size_t name_width) {
  constexpr int kQuery = static_cast<int>(model::Operation::kQuery);
  const bool queries = std::any_of(result.region_results.begin(), result.region_results.end(),
                                   [](const model::RegionResult& r) { return r.operations[kQuery] > 0; });
  out += fmt::format("{:<{}}  {:>10} {:>10} {:>10} {:>10} {:>10}{}\n", "region", name_width, "writes",
                     "puts", "updates", "deletes", "gets", queries ? fmt::format(" {:>10}", "queries") : "");
  for (const model::RegionResult& region : result.region_results) {
    out += fmt::format("{:<{}}  {:>10} {:>10} {:>10} {:>10} {:>10}{}\n", region.name, name_width,
                       region.writes(), region.operations[0], region.operations[1],
                       region.operations[2], region.operations[3],
                       queries ? fmt::format(" {:>10}", region.operations[kQuery]) : "");
  }
  for (const model::RegionResult& region : result.region_results) append_admin_figures(out, region);
}

// One line per pair, each in one time unit; a pair that replicated nothing has no lag to show.
void append_lag(std::string& out, const model::RunResult& result, size_t name_width,
                const std::vector<FigureNote>& notes) {
  const size_t pair_width = 2 * name_width + 4;
  out += fmt::format("\n{:<{}}  {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n",
                     "replication lag", pair_width, "writes", "mean", "p50", "p90", "p99", "p99.9",
                     "max");
  for (const model::PairResult& pair : result.pairs) {
    const sim::Histogram& lag = pair.lag_ns;
    const TimeUnit unit = unit_for(lag.max());
    const auto cell = [&](int64_t ns) { return pair.replicated == 0 ? std::string("n/a") : in_unit(ns, unit); };
    out += fmt::format("{:<{}}  {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n",
                       pair.from + " -> " + pair.to, pair_width, pair.replicated,
                       cell(std::llround(lag.mean())), cell(lag.quantile(0.5)), cell(lag.quantile(0.9)),
                       cell(lag.quantile(0.99)), cell(lag.quantile(0.999)), cell(lag.max()));
  }
  append_notes(out, notes, NoteSection::kLag);
}

void append_conflicts(std::string& out, const model::ConflictResult& c) {
  out += fmt::format(
      "\nconflicts  {} writes, {} concurrent with another ({}) in {} concurrent pairs\n"
      "           {} clobbered by last-writer-wins ({}), {} skew inversions, {} causal inversions\n",
      c.writes, c.concurrent_writes, percent(c.concurrent_writes, c.writes), c.concurrent_pairs,
      c.clobbered, percent(c.clobbered, c.writes), c.skew_inversions, c.causal_inversions);
  if (!c.clobbered_examples.empty()) {
    out += "  first clobbered write:\n";
    append_example(out, "lost to", c.clobbered_examples.front());
  }
  if (!c.causal_inversion_examples.empty()) {
    out += "  first causal inversion:\n";
    append_example(out, "lost to the write it had seen,", c.causal_inversion_examples.front());
  }
}

// Capacity and clients per region, then the throttling windows and the
// auto scaling actions.
void append_capacity(std::string& out, const model::RunResult& result, size_t name_width) {
  out += "\n";
  // "errors" are client_errors (failed for capacity after their last
  // attempt), "unavail." unavailable_errors (failed for an outage): the
  // JSON report's figures, never summed. "thr. %": throttled attempts as a
  // share of all client attempts.
  out += fmt::format("{:<{}}  {:<11} {:>8} {:>8} {:>10} {:>7} {:>10} {:>9} {:>10} {:>10} {:>10} {:>10}\n", "capacity",
                     name_width, "mode", "W units", "R units", "throttled", "thr. %", "repl.thr.", "retries",
                     "errors", "unavail.", "lat. p50", "lat. p99");
  for (const model::RegionResult& region : result.region_results) {
    const uint64_t attempts = region.client_attempts();
    const std::string share =
        attempts == 0 ? "n/a"
                      : fmt::format("{:.1f}%", 100.0 * static_cast<double>(region.throttle_events) /
                                                   static_cast<double>(attempts));
    out += fmt::format("{:<{}}  {:<11} {:>8} {:>8} {:>10} {:>7} {:>10} {:>9} {:>10} {:>10} {:>10} {:>10}\n",
                       region.name, name_width, capacity_mode_word(region.capacity_mode), region.write_units,
                       region.read_units, region.throttle_events, share, region.replication_throttle_events,
                       region.retries, region.client_errors, region.unavailable_errors,
                       readable(region.client_latency_ns.quantile(0.5)),
                       readable(region.client_latency_ns.quantile(0.99)));
  }
  // At most kWindowsShown windows, so the summary fits a screen.
  constexpr size_t kWindowsShown = 4;
  for (size_t i = 0; i < result.throttle_windows.size() && i < kWindowsShown; ++i) {
    const model::ThrottleWindow& w = result.throttle_windows[i];
    const TimeUnit unit = unit_for({w.start_ns, w.end_ns});
    out += fmt::format("  throttling in {} from {} to {}: {} client attempts and {} replicated writes throttled, "
                       "{} client errors\n",
                       w.region, in_unit(w.start_ns, unit), in_unit(w.end_ns, unit), w.throttle_events,
                       w.replication_throttle_events, w.client_errors);
  }
  if (result.throttle_windows.size() > kWindowsShown) {
    out += fmt::format("  ... and {} more throttling windows (all in the JSON and HTML reports)\n",
                       result.throttle_windows.size() - kWindowsShown);
  }
  if (!result.scaling_actions.empty()) {
    out += fmt::format("  auto scaling: {} actions", result.scaling_actions.size());
    const size_t shown = std::min<size_t>(result.scaling_actions.size(), 4);
    std::vector<int64_t> times;
    for (size_t i = 0; i < shown; ++i) times.push_back(result.scaling_actions[i].effective_ns);
    const TimeUnit unit = unit_for(times);
    for (size_t i = 0; i < shown; ++i) {
      const model::ScalingAction& a = result.scaling_actions[i];
      out += fmt::format("{} {} {} {}->{} at {}", i == 0 ? ":" : ";", a.region, dimension_word(a.dimension),
                         a.from_units, a.to_units, in_unit(a.effective_ns, unit));
    }
    out += shown < result.scaling_actions.size() ? "; ... (all in the JSON report)\n" : "\n";
  }
}

// "outage of R": a plain full outage; "endpoint outage of R", "R disabled",
// "R's KMS key inaccessible": the others.
std::string outage_title(const model::OutageResult& o) {
  switch (o.cause) {
    case model::OutageCause::kRegionDisabled:
      return o.region + " disabled";
    case model::OutageCause::kKmsInaccessible:
      return o.region + "'s KMS key inaccessible";
    case model::OutageCause::kOutage:
      break;
  }
  if (o.scope == model::OutageScope::kFull) return "outage of " + o.region;
  return fmt::format("{} outage of {}", model::outage_scope_name(o.scope), o.region);
}

// The p50 of a stretch, or "none" when it served nothing.
std::string p50_or_none(const model::LatencySummary& s) { return s.requests == 0 ? "none" : readable(s.p50_ns); }

// Each client group's latency, then the steps the timeline caused: at an
// event, a group whose p50 after it differs by more than 10% from the last
// stretch it was served in (or that is served nothing from there on).
void append_clients(std::string& out, const model::RunResult& result) {
  if (result.client_groups.empty()) return;
  out += "\nclients\n";
  for (const model::ClientGroupResult& g : result.client_groups) {
    out += fmt::format("  {}/{}: {} served ({} by another region), latency p50 {}, p99 {}, max {}\n", g.region,
                       g.name, g.served, g.moved, readable(g.latency_ns.quantile(0.5)),
                       readable(g.latency_ns.quantile(0.99)), readable(g.latency_ns.max()));
  }
  constexpr size_t kStepsShown = 6;
  size_t steps = 0;
  std::vector<model::LatencySummary> last(result.client_groups.size());  // the last stretch served
  std::vector<bool> quiet(result.client_groups.size(), false);            // served nothing since
  for (const model::TimelineResult& e : result.timeline) {
    for (size_t g = 0; g < result.client_groups.size(); ++g) {
      if (e.before.groups[g].requests > 0) last[g] = e.before.groups[g];
      const model::LatencySummary& after = e.after.groups[g];
      if (last[g].requests == 0) continue;
      const double from = static_cast<double>(last[g].p50_ns);
      const bool stopped = after.requests == 0 && !quiet[g];
      const bool moved = after.requests > 0 && std::fabs(static_cast<double>(after.p50_ns) - from) > 0.1 * from;
      quiet[g] = after.requests == 0;
      if (!stopped && !moved) continue;
      if (moved) last[g] = after;
      if (steps++ >= kStepsShown) continue;
      out += fmt::format("  at {} {}{}: {}/{} p50 {} -> {}\n", readable(e.at_ns), timeline_kind_word(e.kind),
                         e.region.empty() ? "" : " " + e.region, result.client_groups[g].region,
                         result.client_groups[g].name, readable(static_cast<int64_t>(from)), p50_or_none(after));
    }
  }
  if (steps > kStepsShown) {
    out += fmt::format("  ... and {} more latency steps (all in the JSON and HTML reports)\n", steps - kStepsShown);
  }
}

void append_outages(std::string& out, const std::vector<model::OutageResult>& outages) {
  for (const model::OutageResult& o : outages) {
    const TimeUnit unit =
        unit_for({o.failed_ns, o.oldest_at_risk_age_ns, o.left_group_ns, o.recovered_ns, o.backlog_drain_ns});
    const auto shown = [unit](int64_t ns) { return in_unit(ns, unit); };
    out += fmt::format("  {} at {}: {} writes at risk{}, ", outage_title(o), shown(o.failed_ns), o.at_risk_writes,
                       o.at_risk_writes == 0 ? "" : " (oldest " + shown(o.oldest_at_risk_age_ns) + " old)");
    if (o.left_group_ns >= 0) {
      out += fmt::format("left the group at {} (over 20 h): {} writes lost, {} items divergent at the end\n",
                         shown(o.left_group_ns), o.lost_writes, o.divergent_items);
    } else if (o.recovered_ns < 0) {
      out += fmt::format("not recovered by the end: {} writes not yet replicated (delivered if it comes back)\n",
                         o.unreplicated_at_end_writes);
    } else {
      out += fmt::format("recovered at {}, backlog drained {}\n", shown(o.recovered_ns),
                         o.backlog_drain_ns < 0 ? std::string("never") : "after " + shown(o.backlog_drain_ns));
    }
  }
}

// Stale reads per region (their p99 age only where a read was stale), in
// one time unit, then read-your-writes per session group.
void append_reads(std::string& out, const model::RunResult& result, const std::vector<FigureNote>& notes) {
  uint64_t reads = 0;
  std::vector<int64_t> ages;
  for (const model::RegionResult& region : result.region_results) {
    reads += region.operations[3];
    if (region.stale_reads > 0) ages.push_back(region.staleness_ns.quantile(0.99));
  }
  if (reads > 0) {
    const TimeUnit unit = unit_for(ages);
    out += "\nreads      ";
    for (size_t i = 0; i < result.region_results.size(); ++i) {
      const model::RegionResult& region = result.region_results[i];
      out += i == 0 ? "" : "; ";
      if (region.operations[3] == 0) {
        out += region.name + " no gets";
        continue;
      }
      out += fmt::format("{} {} stale of {}", region.name, region.stale_reads, region.operations[3]);
      if (region.stale_reads > 0) {
        out += " (p99 staleness " + in_unit(region.staleness_ns.quantile(0.99), unit) + ")";
      }
    }
    out += "\n";
    append_notes(out, notes, NoteSection::kReads);
  }
  for (const model::SessionResult& session : result.sessions) {
    const TimeUnit unit = unit_for(session.delay_ns);
    out += fmt::format("  read-your-writes, {} {} reading in {}:", session.region, session.group, session.read_region);
    for (size_t i = 0; i < session.delay_ns.size(); ++i) {
      out += fmt::format("{} after {} {}/{}", i == 0 ? "" : ",", in_unit(session.delay_ns[i], unit),
                         session.violations[i], session.reads[i]);
    }
    out += " violations\n";
  }
}

}  // namespace

std::string display_bytes(uint64_t bytes) {
  const double value = static_cast<double>(bytes);
  if (bytes < 1000) return fmt::format("{} B", bytes);
  if (value < 1e6) return fmt::format("{:.2f} kB", value / 1e3);
  if (value < 1e9) return fmt::format("{:.2f} MB", value / 1e6);
  if (value < 1e12) return fmt::format("{:.2f} GB", value / 1e9);
  return fmt::format("{:.2f} TB", value / 1e12);
}

std::string text_report(const model::RunResult& result, const std::vector<TimelineMark>& timeline) {
  const std::vector<FigureNote> notes = figure_notes(result, timeline);
  std::string out;
  out += fmt::format("gtsim: {}  seed {}  duration {}  regions {}\n", result.scenario_name,
                     result.seed, sim::format_duration(sim::Duration::nanoseconds(result.duration_ns)),
                     result.regions.size());
  out += wrapped(result.scenario_description, kDescriptionWidth) + "\n";
  size_t name_width = 6;
  for (const std::string& region : result.regions) name_width = std::max(name_width, region.size());
  append_regions(out, result, name_width);
  append_lag(out, result, name_width, notes);
  append_conflicts(out, result.conflicts);
  append_strong_consistency_text(out, result, name_width);
  append_capacity(out, result, name_width);
  append_outages(out, result.outages);
  append_clients(out, result);
  append_reads(out, result, notes);
  append_drift(out, result.drift, result.stop.at_ns);
  append_replica_changes(out, result.replica_changes);
  out += cost_text(result);

  const model::ConvergenceResult& v = result.convergence;
  if (result.stop.reason != model::StopReason::kCompleted) {
    out += fmt::format("\nconvergence  not measured: the run stopped ({}) at {} simulated\n",
                       stop_word(result.stop.reason), readable(result.stop.at_ns));
    return out;
  }
  out += fmt::format("\nconvergence  replication drained {} after the last write; {} divergent of {} items\n",
                     readable(v.drain_ns), v.divergent_items, v.items);
  return out;
}

std::string text_run_statistics(const RunStatistics& statistics) {
  const double rate = statistics.wall_seconds > 0.0
                          ? static_cast<double>(statistics.events) / statistics.wall_seconds
                          : 0.0;
  return fmt::format("run          {} events in {:.3f} s wall, {:.2f} M events/s\n", statistics.events,
                     statistics.wall_seconds, rate / 1e6);
}

}  // namespace reports
