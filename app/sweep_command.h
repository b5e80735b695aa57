// gtsim sweep FILE --vary PATH=V1,V2,... [--vary ...] [--seeds N|A..B] [--jobs J]
//                  [--metric PATH]... [--out DIR] [--shard I/N] [--quiet]
//
// Runs the full grid of the --vary values (the first --vary varies slowest)
// times the seeds, and prints per point the mean and 95 % CI of each figure.
// docs/sweeps.md has the file formats and the sharding recipes.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/study_command.h"

namespace app {

struct SweepOptions {
  StudyOptions study;
  std::vector<std::string> vary;  // PATH=V1,V2,...
};

CLI::App* add_sweep_command(CLI::App& app, SweepOptions* options);
int sweep_command(const SweepOptions& options);

}  // namespace app
