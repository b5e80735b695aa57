// Capacity kinds: the closed sets of words a replica's capacity is described
// by, as enums. The scenario (scenario.h), the capacity model
// (replica_capacity.h) and the run's result (run_result.h) all hold these;
// the words a user reads for them are in reports/result_words.h, and the
// YAML words in load/capacity_section.cc.
//
// Determinism: plain values; the numbering is fixed (Dimension indexes
// per-dimension arrays).
#pragma once

#include <cstdint>

namespace model {

// A replica's capacity mode (docs/sources.md, Capacity units).
enum class CapacityMode : uint8_t { kOnDemand, kProvisioned };

// One side of a replica's capacity: writes (WCU) or reads (RCU).
enum class Dimension : uint8_t { kWrite = 0, kRead = 1 };

}  // namespace model
