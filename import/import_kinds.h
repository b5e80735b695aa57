// The import kinds of `gtsim import KIND FILE...`, one row each: its name,
// what it reads, how many files, which options it takes and its importer.
// A kind is offered only once its importer works (docs/import.md).
//
// import_scenario() runs a kind's importer and writes the scenario
// (import/scenario_writer.h); the text is then checked by the scenario
// loader, so an import never hands the user a file gtsim refuses.
// Determinism: a pure function of the request and the files' bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/import_request.h"
#include "import/scenario_writer.h"

namespace importer {

struct ImportKind {
  std::string_view name;     // "describe-table"
  std::string_view reads;    // for --help: what FILE... is
  size_t min_files;
  size_t max_files;
  bool takes_params;         // --param Name=Value
  bool takes_resource;       // --resource NAME
  ImportOutcome (*import)(const ImportRequest& request);
};

const std::vector<ImportKind>& import_kinds();

// The kind of that name, or null.
const ImportKind* find_import_kind(std::string_view name);

struct ImportResult {
  std::optional<ImportedScenario> scenario;    // set iff diagnostics is empty
  std::vector<model::Diagnostic> diagnostics;  // the request's, the files', or the written scenario's
};

// Checks the request against the kind (files, options), imports and writes.
ImportResult import_scenario(const ImportKind& kind, const ImportRequest& request);

}  // namespace importer
