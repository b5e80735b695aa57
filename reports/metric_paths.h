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
// over the report's drift episodes. A new RunResult field gets its path in
// its section's table (reports/report_fields.h), appended, never renaming
// one.
//
// Determinism: flatten() is a pure function of the result; figures come in
// a fixed order (sections as in the JSON report, regions and pairs in
// scenario order).
#pragma once

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
  void add(int64_t since_ns, int64_t until_ns, int64_t episode_cost, int64_t end_ns);
  // drift.SETTING.episodes, .cost and .drifted_ns.
  void append_to(std::string_view setting, std::vector<Figure>* figures) const;
};

// "PREFIX<region>.<group>.": where a client group's figures sit under a prefix.
std::string group_prefix(const std::string& prefix, const model::ClientGroupResult& group);

// Whether the figure at `path` is in nanoseconds: its name ends in `_ns`
// (units are last in every name).
inline bool is_duration_path(std::string_view path) { return path.ends_with("_ns"); }

// A pattern is a path in which `*` stands for any run of characters other
// than '.', so `lag.*.p99_ns` names the p99 lag of every pair.
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
