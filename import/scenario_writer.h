// write_scenario: a TableDraft as the text of a scenario the user can edit
// and run (scenarios/README.md), every value with a comment saying where it
// came from, ASSUMED on each value the artefacts do not hold, and the list
// of what was not imported at the top (docs/import.md).
//
// Assumptions (docs/import.md, "What is assumed"): a 10m run; keys and item
// size from ItemCount and TableSizeBytes, else gtsim's defaults, keys at
// most kImportedKeysMax; a provisioned 2019.11.21 table without write auto
// scaling pinned at min = max = its write units; a TTL item lifetime of 1h;
// a one-way latency of kAssumedLatency for a pair of regions the catalogue
// does not measure; a light workload in every region (assumed_rate).
// Determinism: a pure function of the draft.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "import/table_draft.h"

namespace importer {

inline constexpr int64_t kImportedKeysMax = 1'000'000;
inline constexpr const char* kAssumedLatency = "50ms";
inline constexpr const char* kAssumedDuration = "10m";
inline constexpr const char* kAssumedItemLifetime = "1h";

struct ImportedScenario {
  std::string yaml;
  std::vector<std::string> not_imported;  // "FILE: PATH[, PATH...]: REASON", in file order
  std::vector<std::string> assumed;       // "KEY: VALUE (why)", in the scenario's order
  std::vector<std::string> warnings;      // what makes the scenario differ from the table in kind
};

ImportedScenario write_scenario(const TableDraft& draft);

// The requests per second of the light workload each region gets: 100 on
// demand; provisioned, at most half of the smallest write capacity (every
// replica applies every region's puts) and half of each replica's read
// capacity, with half the requests puts and half eventually consistent gets
// of the draft's item size; at least 0.01.
double assumed_rate(const TableDraft& draft, double item_bytes);

}  // namespace importer
