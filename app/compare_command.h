// gtsim compare FILE --a PATH=V [--a ...] --b PATH=V [--b ...] [--seeds N|A..B]
//                    [--jobs J] [--metric PATH]... [--out DIR] [--shard I/N]
//
// Runs variant a and variant b on the same seeds and reports, per figure,
// each variant's mean and the paired difference b - a with its 95 % CI.
// Common random numbers: every random stream is named (docs/model.md), so
// with the same seed both variants draw the same client traffic and fault
// timing; the difference is not drowned in seed-to-seed noise.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/study_command.h"

namespace app {

struct CompareOptions {
  StudyOptions study;
  std::vector<std::string> a;  // PATH=VALUE overrides of variant a
  std::vector<std::string> b;
};

CLI::App* add_compare_command(CLI::App& app, CompareOptions* options);
int compare_command(const CompareOptions& options);

}  // namespace app
