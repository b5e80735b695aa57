#include "app/study_view.h"

#include <fmt/format.h>

#include "app/version.h"

namespace app {
namespace {

reports::StudyEstimate plain(const study::Estimate& e) { return {e.n, e.mean, e.has_interval() ? e.ci95_half : 0}; }

std::string seeds_text(const study::SweepPlan& plan) {
  return plan.seed_count() == 1 ? fmt::format("{}", plan.first_seed)
                                : fmt::format("{}..{} ({} seeds)", plan.first_seed, plan.last_seed, plan.seed_count());
}

// A point's label: its values alone when one path varies, else "path=value ...".
std::string point_name(const study::SweepPlan& plan, size_t point) {
  if (plan.kind == study::StudyKind::kCompare) return point == 0 ? "a" : "b";
  if (plan.parameters.size() == 1) {
    const std::string* value = plan.value_of(point, plan.parameters[0]);
    return value != nullptr ? *value : plan.point_label(point);
  }
  return plan.point_label(point);
}

}  // namespace

reports::StudyView study_view(const study::SweepPlan& plan, const study::StudyTally& tally) {
  reports::StudyView view;
  view.compare = plan.kind == study::StudyKind::kCompare;
  view.partial = plan.partial;
  view.runs = fmt::format("{} point{} x {} seed{} = {} runs", plan.points.size(), plan.points.size() == 1 ? "" : "s",
                          plan.seed_count(), plan.seed_count() == 1 ? "" : "s", plan.run_count());
  view.parameters = plan.parameters;
  view.metrics = plan.metrics;
  for (size_t p = 0; p < plan.points.size(); ++p) {
    view.points.push_back(point_name(plan, p));
    view.point_settings.push_back(plan.point_label(p));
  }
  for (size_t m = 0; m < plan.metrics.size(); ++m) {
    std::vector<reports::StudyEstimate> per_point;
    for (size_t p = 0; p < plan.points.size(); ++p) {
      per_point.push_back(plain(tally.estimate(p, m)));
    }
    view.estimates.push_back(std::move(per_point));
    if (view.compare) view.paired.push_back(plain(tally.paired(m)));
  }
  return view;
}

reports::Provenance study_provenance(const study::SweepPlan& plan, const model::Scenario& first,
                                     const std::string& command_line) {
  reports::Provenance p = reports::provenance_of(first);
  p.gtsim = gtsim_version_line();
  p.command_line = command_line;
  p.scenario_hash = plan.scenario_hash;
  p.seeds = seeds_text(plan);
  if (plan.kind == study::StudyKind::kCompare) {
    p.study.emplace_back("a", plan.point_label(0));
    p.study.emplace_back("b", plan.point_label(1));
  } else {
    for (const std::string& parameter : plan.parameters) p.study.emplace_back("varies", parameter);
  }
  p.study.emplace_back("settings below", "those of " + plan.point_label(0) + ", the first point");
  return p;
}

}  // namespace app
