// Metric paths: every figure of a run under one stable, dotted name.
//
// The single source of report paths (docs/report-paths.md): sweeps select
// figures with them (`gtsim sweep --metric PATH`), and scenario expectations
// and `gtsim diff` are to name figures the same way. A path is segments
// joined by '.': `conflicts.clobbered`, `regions.us-east-1.writes`,
// `lag.us-east-1->eu-west-1.p99_ns`, `drift.index:by-email.cost`. Units are
// last, as in the JSON report.
//
// Every figure is an integer (counts, or nanoseconds for names ending in
// `_ns`), exactly the value the JSON report prints, or for `drift.*` a sum
// over the report's drift episodes, or for `outages.*`, `throttling.*` and
// `scaling.*` a sum (or first, last, largest) over the report's outages,
// throttling windows and scaling actions of each region. A new RunResult
// field gets its path in its section's table (reports/report_fields.h),
// appended, never renaming one.
//
// Determinism: flatten() is a pure function of the result; figures come in
// a fixed order (sections as in the JSON report, regions and pairs in
// scenario order).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/run_result.h"

namespace reports {

struct Figure {
  std::string path;
  int64_t value = 0;
};

// Every figure of the result, in report order.
std::vector<Figure> flatten(const model::RunResult& result);

// The figures of one drift setting, summed over its episodes: flatten()
// sums a DriftResult's, figures_from_report() a JSON report's.
struct DriftFigures {
  int64_t episodes = 0;
  int64_t cost = 0;
  int64_t drifted_ns = 0;  // each episode's until_ns - since_ns; an open one (until_ns < 0) ends at end_ns

  // Counts one episode of the setting; `end_ns` is the run's stop.at_ns.
  // False, adding nothing, when a sum or the episode's length would
  // overflow int64 (a report read back can say anything).
  bool add(int64_t since_ns, int64_t until_ns, int64_t episode_cost, int64_t end_ns);
  // drift.SETTING.episodes, .cost and .drifted_ns.
  void append_to(std::string_view setting, std::vector<Figure>* figures) const;
};

// The failover figures of one region, over its records in the report's
// lists: flatten() adds a RunResult's, figures_from_report() a JSON
// report's, each record's integers read by the keys of its
// reports/report_fields.h table (`get(key)`: the value, nullopt if absent).
struct RegionEventFigures {
  // outages.R.*: its outages (outage, disable_region, kms_inaccessible).
  int64_t outages = 0;
  int64_t at_risk_writes = 0;          // summed
  int64_t oldest_at_risk_age_ns = 0;   // the largest
  int64_t lost_writes = 0;             // summed
  std::optional<int64_t> unreplicated_at_end_writes = 0;  // summed; nullopt: a record lacks it (an older report)
  int64_t down_ns = 0;                 // failed to recovered, or to the run's end (stop.at_ns), summed
  int64_t backlog_drain_ns = 0;        // the longest drain; 0 when none drained
  int64_t left_group = 0;              // outages after which it left the replication group
  // throttling.R.*: its throttling windows.
  int64_t windows = 0;
  int64_t throttling_start_ns = -1;    // the first window's start; -1: none
  int64_t throttling_end_ns = -1;      // the last window's end; -1: none
  int64_t throttled_ns = 0;            // the windows' lengths, summed
  // scaling.R.*: its auto scaling actions.
  int64_t write_actions = 0;
  int64_t read_actions = 0;
  int64_t last_action_ns = -1;         // when the last took effect; -1: none

  // One record of the region; `end_ns` is the run's stop.at_ns. False if
  // a key every report has is missing.
  template <class Get>
  bool add_outage(const Get& get, int64_t end_ns);
  template <class Get>
  bool add_window(const Get& get);
  template <class Get>
  bool add_action(const Get& get, bool write);
  // outages.R.*, throttling.R.*, scaling.R.*, in that order.
  void append_to(std::string_view region, std::vector<Figure>* figures) const;
};

template <class Get>
bool RegionEventFigures::add_outage(const Get& get, int64_t end_ns) {
  const std::optional<int64_t> failed = get("failed_ns"), recovered = get("recovered_ns"),
                               at_risk = get("at_risk_writes"), oldest = get("oldest_at_risk_age_ns"),
                               lost = get("lost_writes"), drain = get("backlog_drain_ns"), left = get("left_group_ns");
  if (!failed || !recovered || !at_risk || !oldest || !lost || !drain || !left) return false;
  ++outages;
  at_risk_writes += *at_risk;
  oldest_at_risk_age_ns = std::max(oldest_at_risk_age_ns, *oldest);
  lost_writes += *lost;
  const std::optional<int64_t> unreplicated = get("unreplicated_at_end_writes");
  unreplicated_at_end_writes = unreplicated && unreplicated_at_end_writes ? *unreplicated_at_end_writes + *unreplicated
                                                                          : std::optional<int64_t>();
  down_ns += std::max<int64_t>(0, (*recovered < 0 ? end_ns : *recovered) - *failed);
  backlog_drain_ns = std::max(backlog_drain_ns, *drain);
  left_group += *left >= 0 ? 1 : 0;
  return true;
}

template <class Get>
bool RegionEventFigures::add_window(const Get& get) {
  const std::optional<int64_t> start = get("start_ns"), end = get("end_ns");
  if (!start || !end) return false;
  ++windows;
  if (throttling_start_ns < 0) throttling_start_ns = *start;
  throttling_end_ns = *end;
  throttled_ns += *end - *start;
  return true;
}

template <class Get>
bool RegionEventFigures::add_action(const Get& get, bool write) {
  const std::optional<int64_t> effective = get("effective_ns");
  if (!effective) return false;
  ++(write ? write_actions : read_actions);
  last_action_ns = std::max(last_action_ns, *effective);
  return true;
}
// "PREFIX<region>.<group>.": where a client group's figures sit under a prefix.
std::string group_prefix(const std::string& prefix, const model::ClientGroupResult& group);

// Whether the figure at `path` is in nanoseconds: its name ends in `_ns`
// (units are last in every name).
inline bool is_duration_path(std::string_view path) { return path.ends_with("_ns"); }

// A pattern is a path in which `*` stands for any run of characters other
// than '.', so `lag.*.p99_ns` names the p99 lag of every link.
bool path_matches(std::string_view pattern, std::string_view path);

// The figures a sweep reports when no --metric is given: clobbered and
// concurrent writes, the p99 lag of every pair, divergent items.
const std::vector<std::string>& default_metric_patterns();

// Indices into `figures` of those matching any pattern: pattern by pattern,
// each pattern's matches in figure order, no figure twice. If a pattern
// matches nothing, returns nullopt and sets *unmatched to it.
std::optional<std::vector<size_t>> select_figures(const std::vector<Figure>& figures,
                                                  const std::vector<std::string>& patterns,
                                                  std::string* unmatched);

// "no figure is named 'X'; did you mean 'Y'?" (the suggestion when one is near).
std::string unmatched_pattern_message(std::string_view pattern, const std::vector<Figure>& figures);

}  // namespace reports
