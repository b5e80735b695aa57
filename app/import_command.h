// gtsim import KIND FILE... [--out scenario.yaml] [--param Name=Value]...
//                           [--resource NAME]
//
// Writes a scenario from the artefacts a user already has (docs/import.md):
// KIND is a row of importer::import_kinds() (describe-table, ...). The
// scenario goes to --out (staged and renamed into place: never half a file)
// or to standard output; what was not imported and what was assumed go to
// stderr, and are in the file as comments too. Exit 0 on success, 2 on bad
// input (file:line:column: error: ...), 4 when the output cannot be written.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace app {

struct ImportOptions {
  std::string kind;
  std::vector<std::string> files;
  std::string out;
  std::vector<std::string> params;
  std::string resource;
};

CLI::App* add_import_command(CLI::App& app, ImportOptions* options);
int import_command(const ImportOptions& options);

}  // namespace app
