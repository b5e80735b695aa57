// gtsim diff A.json B.json [--tolerance [PATTERN=]VALUE]...
//
// What changed between two JSON reports, figure by figure under their
// metric paths (reports/report_diff.h), for reviewing a regression: exit 0
// when every figure is equal within tolerance and nothing else differs, 1
// when something changed, 2 on bad input (a file that is not a report).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace app {

struct DiffOptions {
  std::string a;
  std::string b;
  std::vector<std::string> tolerances;
};

CLI::App* add_diff_command(CLI::App& app, DiffOptions* options);
int diff_command(const DiffOptions& options);

}  // namespace app
