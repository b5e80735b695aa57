#include "study/sweep_grid.h"

#include <algorithm>

#include <fmt/format.h>

namespace study {
namespace {

// Why the dimensions cannot be expanded, or "": one length per group, each path once.
std::string dimension_problem(const std::vector<GridDimension>& dimensions) {
  std::vector<std::pair<std::string, bool>> seen;  // path, from a group
  for (const GridDimension& dimension : dimensions) {
    for (size_t i = 0; i < dimension.paths.size(); ++i) {
      const std::string& path = dimension.paths[i];
      const auto before = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == path; });
      if (before != seen.end() && !before->second && !dimension.together) {
        return fmt::format("--vary {} is given twice", path);
      }
      if (before != seen.end()) {
        return fmt::format("{} is varied twice ({} and {}); a path takes one list of values", path,
                           before->second ? "--vary-together" : "--vary",
                           dimension.together ? "--vary-together" : "--vary");
      }
      seen.emplace_back(path, dimension.together);
      if (dimension.values[i].size() != dimension.values.front().size()) {
        return fmt::format("--vary-together zips lists of one length: {} has {} value{}, {} has {}",
                           dimension.paths.front(), dimension.values.front().size(),
                           dimension.values.front().size() == 1 ? "" : "s", path, dimension.values[i].size());
      }
    }
  }
  return "";
}

}  // namespace

std::string expand_grid(const std::vector<GridDimension>& dimensions, SweepPlan* plan) {
  if (std::string problem = dimension_problem(dimensions); !problem.empty()) return problem;
  // Bounded before it is built: every point loads the scenario.
  constexpr size_t kBeyond = kMaxPoints + 1;  // saturates: no overflow
  size_t grid = 1, parameters = 0;
  bool together = false;
  for (const GridDimension& dimension : dimensions) {
    grid = std::min(grid * std::min(dimension.values.front().size(), kBeyond), kBeyond);
    parameters += dimension.paths.size();
    together = together || dimension.together;
  }
  if (grid > kMaxPoints || parameters > kMaxParameters) {
    const std::string points =
        grid > kMaxPoints ? fmt::format("more than {}", kMaxPoints) : fmt::format("{}", grid);
    return fmt::format("{} a grid of {} points over {} parameters, above the limit of {} points and {} parameters a study",
                       together ? "--vary and --vary-together give" : "--vary gives", points, parameters, kMaxPoints,
                       kMaxParameters);
  }
  plan->parameters.clear();
  plan->points.clear();
  for (const GridDimension& dimension : dimensions) {
    plan->parameters.insert(plan->parameters.end(), dimension.paths.begin(), dimension.paths.end());
  }
  // Odometer order: the last dimension varies fastest.
  std::vector<size_t> digit(dimensions.size(), 0);
  for (;;) {
    std::vector<load::Override> point;
    for (size_t d = 0; d < dimensions.size(); ++d) {
      for (size_t i = 0; i < dimensions[d].paths.size(); ++i) {
        point.push_back({dimensions[d].paths[i], dimensions[d].values[i][digit[d]]});
      }
    }
    plan->points.push_back(std::move(point));
    size_t d = dimensions.size();
    while (d > 0 && ++digit[d - 1] == dimensions[d - 1].values.front().size()) digit[--d] = 0;
    if (d == 0) break;
  }
  return "";
}

}  // namespace study
