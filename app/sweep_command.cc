#include "app/sweep_command.h"

#include <algorithm>
#include <cstdio>

#include "sim/assert.h"
#include "study/sweep_grid.h"

namespace app {

CLI::App* add_sweep_command(CLI::App& app, SweepOptions* options) {
  CLI::App* command = app.add_subcommand("sweep", "Run a scenario over a grid of parameters and seeds");
  add_study_options(command, &options->study);
  CLI::Option* vary =
      command->add_option("--vary", options->vary, "PATH=V1,V2,...: values of one scenario path (repeatable: a grid)");
  CLI::Option* together =
      command
          ->add_option("--vary-together", options->together,
                       "PATH=V1,V2,... PATH=W1,W2,...: paths varied together, lists of one length zipped "
                       "(repeatable; crossed with the --vary grid)")
          ->expected(1, -1);
  // Which dimension comes first: CLI11 records every value of every option in order.
  command->callback([command, vary, together, options] {
    options->order.clear();
    size_t group = 0, in_group = 0;
    for (const CLI::Option* option : command->parse_order()) {
      if (option == vary) options->order.push_back(false);
      if (option != together || group >= options->together.size()) continue;
      if (in_group == 0) options->order.push_back(true);
      if (++in_group == options->together[group].size()) ++group, in_group = 0;
    }
  });
  return command;
}

namespace {

// One dimension from PATH=V1,V2,... texts; false with its message printed.
bool dimension_of(const std::vector<std::string>& texts, bool together, study::GridDimension* dimension) {
  dimension->together = together;
  for (const std::string& text : texts) {
    std::string path, message;
    std::vector<std::string> list;
    if (!parse_vary(text, &path, &list, &message, together ? "--vary-together" : "--vary")) {
      std::fprintf(stderr, "gtsim: error: %s\n", message.c_str());
      return false;
    }
    dimension->paths.push_back(path);
    dimension->values.push_back(std::move(list));
  }
  return true;
}

}  // namespace

int sweep_command(const SweepOptions& options) {
  study::SweepPlan plan;
  plan.kind = study::StudyKind::kSweep;
  std::vector<study::GridDimension> dimensions;
  size_t next_vary = 0, next_group = 0;
  GTSIM_ASSERT(static_cast<size_t>(std::count(options.order.begin(), options.order.end(), true)) ==
                   options.together.size() &&
               options.order.size() == options.vary.size() + options.together.size());
  for (const bool group : options.order) {
    study::GridDimension dimension;
    const bool ok = group ? dimension_of(options.together[next_group++], true, &dimension)
                          : dimension_of({options.vary[next_vary++]}, false, &dimension);
    if (!ok) return kExitBadInput;
    dimensions.push_back(std::move(dimension));
  }
  if (const std::string problem = study::expand_grid(dimensions, &plan); !problem.empty()) {
    std::fprintf(stderr, "gtsim: error: %s\n", problem.c_str());
    return kExitBadInput;
  }
  return execute_study(std::move(plan), options.study);
}

}  // namespace app
