#include "app/compare_command.h"

#include <algorithm>
#include <cstdio>

#include "load/scenario_loader.h"

namespace app {

CLI::App* add_compare_command(CLI::App& app, CompareOptions* options) {
  CLI::App* command = app.add_subcommand("compare", "Compare two variants of a scenario, paired by seed");
  add_study_options(command, &options->study);
  command->add_option("--a", options->a, "PATH=VALUE: an override of variant a (repeatable)");
  command->add_option("--b", options->b, "PATH=VALUE: an override of variant b (repeatable)");
  return command;
}

int compare_command(const CompareOptions& options) {
  study::SweepPlan plan;
  plan.kind = study::StudyKind::kCompare;
  for (const auto* sets : {&options.a, &options.b}) {
    std::vector<load::Override> point;
    for (const std::string& set : *sets) {
      const auto parsed = load::parse_override(set);
      if (!parsed) {
        std::fprintf(stderr, "gtsim: error: --%s expects PATH=VALUE, found '%s'\n", sets == &options.a ? "a" : "b",
                     set.c_str());
        return kExitBadInput;
      }
      if (std::find(plan.parameters.begin(), plan.parameters.end(), parsed->path) == plan.parameters.end()) {
        plan.parameters.push_back(parsed->path);
      }
      point.push_back(*parsed);
    }
    plan.points.push_back(std::move(point));
  }
  if (options.a.empty() && options.b.empty()) {
    std::fprintf(stderr, "gtsim: error: compare needs --a PATH=VALUE or --b PATH=VALUE: the variants are identical\n");
    return kExitBadInput;
  }
  return execute_study(std::move(plan), options.study);
}

}  // namespace app
