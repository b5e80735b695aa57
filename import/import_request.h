// ImportRequest and ImportOutcome: what every import kind takes and gives
// (import/import_kinds.h has the table of kinds).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "import/table_draft.h"
#include "model/diagnostic.h"

namespace importer {

struct ImportRequest {
  std::vector<std::string> files;                           // as given, in order
  std::vector<std::pair<std::string, std::string>> params;  // --param Name=Value, in order
  std::string resource;                                     // --resource, or empty
};

struct ImportOutcome {
  std::optional<TableDraft> draft;            // set iff diagnostics is empty
  std::vector<model::Diagnostic> diagnostics;
};

}  // namespace importer
