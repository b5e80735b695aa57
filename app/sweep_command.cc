#include "app/sweep_command.h"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

namespace app {

CLI::App* add_sweep_command(CLI::App& app, SweepOptions* options) {
  CLI::App* command = app.add_subcommand("sweep", "Run a scenario over a grid of parameters and seeds");
  add_study_options(command, &options->study);
  command->add_option("--vary", options->vary, "PATH=V1,V2,...: values of one scenario path (repeatable: a grid)");
  return command;
}

int sweep_command(const SweepOptions& options) {
  study::SweepPlan plan;
  plan.kind = study::StudyKind::kSweep;
  std::vector<std::vector<std::string>> values;  // per parameter
  for (const std::string& vary : options.vary) {
    std::string path, message;
    std::vector<std::string> list;
    if (!parse_vary(vary, &path, &list, &message)) {
      std::fprintf(stderr, "gtsim: error: %s\n", message.c_str());
      return kExitBadInput;
    }
    if (std::find(plan.parameters.begin(), plan.parameters.end(), path) != plan.parameters.end()) {
      std::fprintf(stderr, "gtsim: error: --vary %s is given twice\n", path.c_str());
      return kExitBadInput;
    }
    plan.parameters.push_back(path);
    values.push_back(std::move(list));
  }
  // Bounded before it is built: every point loads the scenario.
  constexpr size_t kBeyond = study::kMaxPoints + 1;  // saturates: no overflow
  size_t grid = 1;
  for (const auto& list : values) grid = std::min(grid * std::min(list.size(), kBeyond), kBeyond);
  if (grid > study::kMaxPoints || plan.parameters.size() > study::kMaxParameters) {
    const std::string points = grid > study::kMaxPoints ? fmt::format("more than {}", study::kMaxPoints)
                                                        : fmt::format("{}", grid);
    std::fprintf(stderr,
                 "gtsim: error: --vary gives a grid of %s points over %zu parameters, above the limit of %zu "
                 "points and %zu parameters a study\n",
                 points.c_str(), plan.parameters.size(), study::kMaxPoints, study::kMaxParameters);
    return kExitBadInput;
  }
  // The grid, odometer order: the last parameter varies fastest.
  std::vector<size_t> digit(values.size(), 0);
  for (;;) {
    std::vector<load::Override> point;
    for (size_t p = 0; p < values.size(); ++p) point.push_back({plan.parameters[p], values[p][digit[p]]});
    plan.points.push_back(std::move(point));
    size_t p = values.size();
    while (p > 0 && ++digit[p - 1] == values[p - 1].size()) digit[--p] = 0;
    if (p == 0) break;
  }
  return execute_study(std::move(plan), options.study);
}

}  // namespace app
