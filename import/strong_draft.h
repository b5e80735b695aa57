// settle_strong: whether a draft read as multi-Region strongly consistent
// (TableDraft::strong, ::witness) can become a scenario with
// `multi_region_consistency: strong`, by the rules the service and the
// loader hold such a table to (scenarios/README.md, "Multi-Region strong
// consistency"): exactly three regions, replicas and witness together, all
// of one region set; the witness not a replica; version 2019.11.21; no TTL.
//
// A draft that breaks one is simulated as MREC instead: STRONG and the
// witness are filed as not imported with the rule, and a warning says so.
// A witness of a table that is not STRONG is filed as not imported.
// Every importer's draft passes through here before it is written.
// Determinism: a pure function of the draft.
#pragma once

#include <string>

#include "import/table_draft.h"

namespace importer {

// The first MRSC rule the draft breaks, in the words of the loader's
// refusal, or empty.
std::string strong_problem(const TableDraft& draft);

void settle_strong(TableDraft* draft);

}  // namespace importer
