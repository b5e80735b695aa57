#include "reports/metric_paths.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "model/nearest_word.h"
#include "reports/cost_report.h"
#include "reports/report_fields.h"
#include "reports/summary_columns.h"
#include "sim/assert.h"

namespace reports {
namespace {

// A record's integer at `key` of its reports/report_fields.h table.
template <class Record>
auto record_getter(std::span<const Field<Record>> fields, const Record& record) {
  return [fields, &record](std::string_view key) -> std::optional<int64_t> {
    const std::optional<FieldValue> value = field_at(fields, record, key);
    if (!value || std::holds_alternative<std::string_view>(*value)) return std::nullopt;
    return figure_value(*value);
  };
}

// Appends the figures (in path order) of one record under `prefix`.
template <class Record>
void add_figures(const std::string& prefix, const std::vector<const Field<Record>*>& figures, const Record& record,
                 std::vector<Figure>* out) {
  for (const Field<Record>* field : figures) {
    out->push_back(Figure{prefix + std::string(field->figure), figure_value(field->value(record))});
  }
}

// groups.R.G.* per client group, then timeline.N.{before,after}.regions.R.*
// and .groups.R.G.* per timeline event (N from 1, as the charts number them).
void add_latency_figures(const model::RunResult& result, std::vector<Figure>* figures) {
  const auto group_figures = figures_in_path_order(client_group_fields());
  for (const model::ClientGroupResult& group : result.client_groups) {
    add_figures(group_prefix("groups.", group), group_figures, group, figures);
  }
  const auto summary_figures = figures_in_path_order(latency_summary_fields());
  for (size_t i = 0; i < result.timeline.size(); ++i) {
    const model::TimelineResult& event = result.timeline[i];
    for (const auto& [side, phase] : {std::pair{"before", &event.before}, std::pair{"after", &event.after}}) {
      const std::string prefix = fmt::format("timeline.{}.{}.", i + 1, side);
      for (size_t r = 0; r < phase->regions.size(); ++r) {
        add_figures(prefix + "regions." + result.regions[r] + ".", summary_figures, phase->regions[r], figures);
      }
      for (size_t g = 0; g < phase->groups.size(); ++g) {
        add_figures(group_prefix(prefix + "groups.", result.client_groups[g]), summary_figures, phase->groups[g],
                    figures);
      }
    }
  }
}

}  // namespace

std::string group_prefix(const std::string& prefix, const model::ClientGroupResult& group) {
  return prefix + group.region + "." + group.name + ".";
}

void RegionEventFigures::append_to(std::string_view region, std::vector<Figure>* figures) const {
  const std::string name(region);
  const auto add = [&](const std::string& section, const char* figure, int64_t value) {
    figures->push_back(Figure{section + "." + name + "." + figure, value});
  };
  add("outages", "outages", outages);
  add("outages", "at_risk_writes", at_risk_writes);
  add("outages", "oldest_at_risk_age_ns", oldest_at_risk_age_ns);
  add("outages", "lost_writes", lost_writes);
  if (unreplicated_at_end_writes) add("outages", "unreplicated_at_end_writes", *unreplicated_at_end_writes);
  add("outages", "down_ns", down_ns);
  add("outages", "backlog_drain_ns", backlog_drain_ns);
  add("outages", "left_group", left_group);
  add("throttling", "windows", windows);
  add("throttling", "start_ns", throttling_start_ns);
  add("throttling", "end_ns", throttling_end_ns);
  add("throttling", "duration_ns", throttled_ns);
  add("scaling", "write_actions", write_actions);
  add("scaling", "read_actions", read_actions);
  add("scaling", "last_action_ns", last_action_ns);
}

bool DriftFigures::add(int64_t since_ns, int64_t until_ns, int64_t episode_cost, int64_t end_ns) {
  int64_t length = 0;
  int64_t new_cost = 0;
  int64_t new_drifted = 0;
  if (__builtin_sub_overflow(until_ns < 0 ? end_ns : until_ns, since_ns, &length) ||
      __builtin_add_overflow(cost, episode_cost, &new_cost) ||
      __builtin_add_overflow(drifted_ns, std::max<int64_t>(0, length), &new_drifted)) {
    return false;
  }
  ++episodes;
  cost = new_cost;
  drifted_ns = new_drifted;
  return true;
}

void DriftFigures::append_to(std::string_view setting, std::vector<Figure>* figures) const {
  const std::string prefix = "drift." + std::string(setting) + ".";
  figures->push_back(Figure{prefix + "episodes", episodes});
  figures->push_back(Figure{prefix + "cost", cost});
  figures->push_back(Figure{prefix + "drifted_ns", drifted_ns});
}

std::vector<Figure> flatten(const model::RunResult& result) {
  std::vector<Figure> figures;
  figures.reserve(32 + region_fields().size() * result.region_results.size() + 10 * result.pairs.size() +
                  3 * result.drift.settings.size());
  const auto region_figures = figures_in_path_order(region_fields());
  for (const model::RegionResult& region : result.region_results) {
    add_figures("regions." + region.name + ".", region_figures, region, &figures);
  }
  const auto pair_figures = figures_in_path_order(pair_fields());
  for (const model::PairResult& pair : result.pairs) {
    add_figures("lag." + pair.from + "->" + pair.to + ".", pair_figures, pair, &figures);
  }
  add_figures("conflicts.", figures_in_path_order(conflict_fields()), result.conflicts, &figures);
  add_figures("convergence.", figures_in_path_order(convergence_fields()), result.convergence, &figures);

  // Every setting compared, drifted or not, so the paths depend on the
  // scenario only.
  for (const std::string& setting : result.drift.settings) {
    DriftFigures drift;
    for (const model::DriftEpisode& e : result.drift.episodes) {
      if (e.setting != setting) continue;
      // A run's own times and costs are far from int64's limits.
      const bool added = drift.add(e.since_ns, e.until_ns, figure_value(e.cost), result.stop.at_ns);
      GTSIM_ASSERT(added);
    }
    drift.append_to(setting, &figures);
  }
  // Every region, whether or not anything happened to it.
  for (const std::string& region : result.regions) {
    RegionEventFigures events;
    for (const model::OutageResult& o : result.outages) {
      if (o.region == region) events.add_outage(record_getter(outage_fields(), o), result.stop.at_ns);
    }
    for (const model::ThrottleWindow& w : result.throttle_windows) {
      if (w.region == region) events.add_window(record_getter(throttle_window_fields(), w));
    }
    for (const model::ScalingAction& a : result.scaling_actions) {
      if (a.region == region) events.add_action(record_getter(scaling_action_fields(), a), a.dimension == model::Dimension::kWrite);
    }
    events.append_to(region, &figures);
  }
  add_latency_figures(result, &figures);
  append_cost_figures(cost_breakdown(result), &figures);
  // An MRSC table's own figures (none for MREC, whose reports lack them).
  const model::StrongConsistencyResult& strong = result.strong_consistency;
  if (strong.enabled) {
    int64_t conflicts = 0;
    for (const model::StrongConsistencyRegion& region : strong.regions) {
      conflicts += static_cast<int64_t>(region.write_conflicts);
    }
    figures.push_back(Figure{"strong_consistency.write_conflicts", conflicts});
    const auto strong_regions = figures_in_path_order(strong_region_fields());
    for (const model::StrongConsistencyRegion& region : strong.regions) {
      add_figures("strong_consistency.regions." + region.name + ".", strong_regions, region, &figures);
    }
    const auto strong_pairs = figures_in_path_order(strong_pair_fields());
    for (const model::StrongConsistencyPair& pair : strong.pairs) {
      add_figures("strong_consistency.pairs." + pair.from + "->" + pair.to + ".", strong_pairs, pair, &figures);
    }
  }
  return figures;
}

bool path_matches(std::string_view pattern, std::string_view path) {
  // Iterative glob with one backtrack point; '*' never crosses a '.'.
  size_t p = 0, s = 0;
  size_t star = std::string_view::npos, resume = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos && path[resume] != '.') {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

const std::vector<std::string>& default_metric_patterns() {
  static const std::vector<std::string> patterns = {
      "conflicts.clobbered", "conflicts.concurrent_writes", "lag.*.p99_ns",
      "convergence.divergent_items"};
  return patterns;
}

std::optional<std::vector<size_t>> select_figures(const std::vector<Figure>& figures,
                                                  const std::vector<std::string>& patterns,
                                                  std::string* unmatched) {
  std::vector<size_t> selected;
  std::vector<bool> taken(figures.size(), false);
  for (const std::string& pattern : patterns) {
    bool any = false;
    for (size_t i = 0; i < figures.size(); ++i) {
      if (!path_matches(pattern, figures[i].path)) continue;
      any = true;
      if (taken[i]) continue;
      taken[i] = true;
      selected.push_back(i);
    }
    if (!any) {
      *unmatched = pattern;
      return std::nullopt;
    }
  }
  return selected;
}

std::string unmatched_pattern_message(std::string_view pattern, const std::vector<Figure>& figures) {
  std::vector<std::string> paths;
  paths.reserve(figures.size());
  for (const Figure& figure : figures) paths.push_back(figure.path);
  std::string message = fmt::format("no figure is named '{}'", pattern);
  const auto matches = [&](const std::string& mapped) {
    return std::any_of(figures.begin(), figures.end(), [&](const Figure& f) { return path_matches(mapped, f.path); });
  };
  if (auto column = summary_column_hint(pattern, matches)) return message + "; " + *column;
  if (auto near = model::nearest_word(pattern, paths)) message += fmt::format("; did you mean '{}'?", *near);
  return message;
}

}  // namespace reports
