// gtsim sweep FILE [--vary PATH=V1,V2,...]... [--vary-together PATH=V1,V2,... PATH=W1,W2,...]...
//                  [--seeds N|A..B] [--jobs J] [--metric PATH]... [--out DIR] [--shard I/N] [--quiet]
//
// Runs the grid of the --vary values and the --vary-together groups (lists
// of one length zipped: their i-th values go together) times the seeds,
// the first dimension on the command line varying slowest, and prints per
// point the mean and 95 % CI of each figure (study/sweep_grid.h).
// docs/sweeps.md has the file formats and the sharding recipes.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/study_command.h"

namespace app {

struct SweepOptions {
  StudyOptions study;
  std::vector<std::string> vary;                   // PATH=V1,V2,...
  std::vector<std::vector<std::string>> together;  // per --vary-together: PATH=V1,V2,... each
  // The dimensions in command-line order: true for the next --vary-together
  // group, false for the next --vary (set once the command line is parsed).
  std::vector<bool> order;
};

CLI::App* add_sweep_command(CLI::App& app, SweepOptions* options);
int sweep_command(const SweepOptions& options);

}  // namespace app
