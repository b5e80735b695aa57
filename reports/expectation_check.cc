#include "reports/expectation_check.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "model/dotted_path.h"
#include "model/money.h"
#include "model/nearest_word.h"
#include "model/settings_drift.h"
#include "reports/metric_paths.h"
#include "reports/summary_columns.h"
#include "sim/assert.h"
#include "sim/time.h"

namespace reports {
namespace {

std::string display_value(const std::string& path, int64_t value) {
  if (model::is_money_path(path)) {
    return fmt::format("{} ({} USD)", model::format_usd_cents(value), model::format_usd_exact(value));
  }
  if (!is_duration_path(path)) return fmt::format("{}", value);
  return fmt::format("{} ({} ns)", sim::format_duration(sim::Duration::nanoseconds(value), sim::DurationStyle::kReadable),
                     value);
}

// The nearest path by spelling, or else one ending in the same figure
// that shares most of the other segments: 'clobbered' finds
// 'conflicts.clobbered', 'throttle.eu-west-1.client_errors' finds
// 'regions.eu-west-1.client_errors'.
std::optional<std::string> nearest_path(const std::string& path, const std::vector<std::string>& paths) {
  if (auto near = model::nearest_word(path, paths)) return near;
  const std::vector<std::string> segments = model::split_path(path);
  std::optional<std::string> best;
  size_t best_shared = 0;
  for (const std::string& candidate : paths) {
    const std::vector<std::string> theirs = model::split_path(candidate);
    if (theirs.back() != segments.back()) continue;
    size_t shared = 1;
    for (size_t i = 0; i + 1 < segments.size(); ++i) {
      shared += std::find(theirs.begin(), theirs.end(), segments[i]) != theirs.end() ? 1 : 0;
    }
    if (shared > best_shared) {
      best = candidate;
      best_shared = shared;
    }
  }
  return best;
}

}  // namespace

namespace {

// A run with no traffic has every figure a real run has: flatten() names
// them, so the paths cannot drift from the report's.
model::RunResult skeleton_result(const std::vector<std::string>& regions, const std::vector<std::string>& index_names,
                                 bool strong_consistency) {
  model::RunResult skeleton;
  skeleton.regions = regions;
  skeleton.drift.settings = model::drift_setting_names(index_names);
  for (const std::string& from : regions) {
    model::RegionResult region;
    region.name = from;
    skeleton.region_results.push_back(region);
    for (const std::string& to : regions) {
      if (from == to) continue;
      model::PairResult pair;
      pair.from = from;
      pair.to = to;
      skeleton.pairs.push_back(pair);
      if (strong_consistency) skeleton.strong_consistency.pairs.push_back({from, to, 0});
    }
    if (strong_consistency) skeleton.strong_consistency.regions.push_back({from});
  }
  skeleton.strong_consistency.enabled = strong_consistency;
  return skeleton;
}

std::vector<std::string> paths_of(const model::RunResult& skeleton) {
  std::vector<std::string> paths;
  for (const Figure& figure : flatten(skeleton)) paths.push_back(figure.path);
  return paths;
}

}  // namespace

std::vector<std::string> metric_paths_for(const std::vector<std::string>& regions,
                                          const std::vector<std::string>& index_names, bool strong_consistency) {
  return paths_of(skeleton_result(regions, index_names, strong_consistency));
}

std::vector<std::string> metric_paths_for(const model::Scenario& scenario) {
  std::vector<std::string> regions;
  for (const model::RegionConfig& region : scenario.regions) regions.push_back(region.name);
  model::RunResult skeleton = skeleton_result(regions, scenario.index_names, scenario.consistency.strong());
  for (size_t r = 0; r < scenario.workload.size(); ++r) {
    for (const model::ClientGroupConfig& group : scenario.workload[r]) {
      skeleton.client_groups.push_back(model::ClientGroupResult{});
      skeleton.client_groups.back().region = regions[r];
      skeleton.client_groups.back().name = group.name;
    }
  }
  model::LatencyPhase phase;
  phase.regions.resize(regions.size());
  phase.groups.resize(skeleton.client_groups.size());
  skeleton.timeline.resize(scenario.timeline.size(), model::TimelineResult{0, {}, {}, false, phase, phase});
  return paths_of(skeleton);
}

std::vector<model::Diagnostic> check_expectation_paths(const std::vector<model::Expectation>& expectations,
                                                       const model::Scenario& scenario) {
  // Every path of a long timeline is many strings: build them only when asked.
  if (expectations.empty()) return {};
  return check_expectation_paths(expectations, metric_paths_for(scenario));
}

std::vector<model::Diagnostic> check_expectation_paths(const std::vector<model::Expectation>& expectations,
                                                       const std::vector<std::string>& regions,
                                                       const std::vector<std::string>& index_names) {
  if (expectations.empty()) return {};
  return check_expectation_paths(expectations, metric_paths_for(regions, index_names));
}

std::vector<model::Diagnostic> check_expectation_paths(const std::vector<model::Expectation>& expectations,
                                                       const std::vector<std::string>& paths) {
  std::vector<model::Diagnostic> diagnostics;
  for (const model::Expectation& e : expectations) {
    const auto fail = [&](std::string message) {
      diagnostics.push_back(model::Diagnostic{e.file, e.line, e.column, std::move(message)});
    };
    bool known = false;
    for (const std::string& path : paths) known = known || path == e.path;
    if (!known) {
      std::string message = fmt::format("expect: no figure is named '{}'", e.path);
      const auto is_path = [&](const std::string& p) { return std::find(paths.begin(), paths.end(), p) != paths.end(); };
      if (auto column = summary_column_hint(e.path, is_path)) {
        message += "; " + *column;
      } else if (auto near = nearest_path(e.path, paths)) {
        message += fmt::format("; did you mean '{}'?", *near);
      }
      fail(message + " (docs/report-paths.md)");
    } else if (e.is_duration && !is_duration_path(e.path)) {
      fail(fmt::format("expect: '{}' is a count, found a duration '{}'", e.path, e.text));
    } else if (!e.is_duration && e.value != 0 && is_duration_path(e.path)) {
      fail(fmt::format("expect: '{}' is a duration: write the value with a unit, e.g. '1s' or '250ms'", e.path));
    }
  }
  return diagnostics;
}

std::vector<ExpectationOutcome> evaluate_expectations(const std::vector<model::Expectation>& expectations,
                                                      const model::RunResult& result) {
  const std::vector<Figure> figures = flatten(result);
  std::vector<ExpectationOutcome> outcomes;
  for (const model::Expectation& e : expectations) {
    const Figure* figure = nullptr;
    for (const Figure& f : figures) {
      if (f.path == e.path) figure = &f;
    }
    GTSIM_ASSERT(figure != nullptr);
    outcomes.push_back(ExpectationOutcome{&e, figure->value, model::holds(e.comparison, figure->value, e.value)});
  }
  return outcomes;
}

std::string expectation_summary(const std::vector<ExpectationOutcome>& outcomes) {
  if (outcomes.empty()) return "";
  size_t held = 0;
  for (const ExpectationOutcome& o : outcomes) held += o.passed ? 1 : 0;
  std::string out = fmt::format("\nexpect       {} of {} held{}\n", held, outcomes.size(),
                                held == outcomes.size() ? "" : "; FAILED:");
  for (const ExpectationOutcome& o : outcomes) {
    if (o.passed) continue;
    out += fmt::format("  FAILED  {}: actual {}\n", o.expectation->text,
                       display_value(o.expectation->path, o.actual));
  }
  return out;
}

}  // namespace reports
