// gtsim list [DIR]
//
// Prints every scenario of a library (DIR, default `scenarios`): one line
// each, the file's name and the first line of its opening comment (the
// question the study answers). Files in sub-directories (scenarios/bench)
// are not studies and are not listed.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace app {

struct ListOptions {
  std::string dir = "scenarios";
};

CLI::App* add_list_command(CLI::App& app, ListOptions* options);
int list_command(const ListOptions& options);

}  // namespace app
