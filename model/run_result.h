// RunResult: everything a run measured, immutable once run() returns.
//
// Reports (reports/) are pure functions of it. It holds no wall-clock time,
// pointer or host-dependent value, so the same scenario and seed give the
// same RunResult on every machine (DESIGN.md law 1). Metric meanings are
// DESIGN.md's "What the answers mean"; units are in the names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/operation.h"
#include "sim/histogram.h"
#include "sim/time.h"

namespace model {

// One write as it appears in an example.
struct WriteSummary {
  uint64_t id = 0;
  std::string region;
  Operation op = Operation::kPut;
  int64_t issued_ns = 0;      // true time of the commit
  int64_t timestamp_ns = 0;   // origin clock reading: the LWW timestamp
};

// Two writes to one item that met at one replica.
struct ConflictExample {
  uint64_t key = 0;
  std::string replica;        // the region where they met
  int64_t at_ns = 0;          // true time they met
  WriteSummary loser;         // for a concurrent pair: the one LWW ranked lower
  WriteSummary winner;
};

// Every ordered region pair from -> to: writes of `from` replicated into `to`.
struct PairResult {
  std::string from;
  std::string to;
  uint64_t replicated = 0;    // writes applied (or rejected by LWW) at `to`
  sim::Histogram lag_ns;      // applied at `to` minus committed at `from`, true time
};

struct RegionResult {
  std::string name;
  uint64_t operations[kOperationCount] = {};  // requests served, by Operation
  uint64_t noop_deletes = 0;  // deletes of an absent item: served, nothing replicated
  uint64_t bytes_written = 0;
  uint64_t writes() const {
    return operations[0] + operations[1] + operations[2];
  }
};

inline constexpr size_t kExamplesMax = 5;

struct ConflictResult {
  uint64_t writes = 0;                // writes committed anywhere (puts, updates, effective deletes)
  uint64_t concurrent_pairs = 0;      // pairs of concurrent writes (DESIGN.md)
  uint64_t concurrent_writes = 0;     // writes concurrent with at least one other
  uint64_t clobbered = 0;             // writes lost to a concurrent write, once each
  uint64_t skew_inversions = 0;       // clobbered writes issued later in true time than their winner
  uint64_t causal_inversions = 0;     // writes lost to a write their region had already seen
  std::vector<ConflictExample> concurrent_examples;  // up to kExamplesMax each, first met first
  std::vector<ConflictExample> clobbered_examples;
  std::vector<ConflictExample> skew_inversion_examples;
  std::vector<ConflictExample> causal_inversion_examples;
};

struct ConvergenceResult {
  int64_t last_write_ns = 0;      // true time of the last client write
  int64_t drained_ns = 0;         // true time the last replicated write was applied
  int64_t drain_ns = 0;           // drained - last write (0 if nothing was pending)
  uint64_t items = 0;             // items written at least once
  uint64_t divergent_items = 0;   // items whose replicas disagree at the end
};

enum class StopReason : uint8_t {
  kCompleted,    // traffic ran its duration and replication drained
  kMaxEvents,    // RunLimits::max_events reached
  kStopped,      // RunLimits::should_stop said so (wall-clock guard, interrupt)
};

struct StopResult {
  StopReason reason = StopReason::kCompleted;
  int64_t at_ns = 0;              // true time of the last event processed
};

struct RunResult {
  std::string scenario_name;
  std::string scenario_file;
  uint64_t seed = 0;
  int64_t duration_ns = 0;
  std::vector<std::string> regions;
  std::vector<RegionResult> region_results;   // in region order
  std::vector<PairResult> pairs;              // from-major, to-minor, skipping from == to
  ConflictResult conflicts;
  ConvergenceResult convergence;  // meaningful only when stop.reason is kCompleted
  StopResult stop;
  // Run statistics: deterministic, but reported on the terminal only.
  uint64_t events = 0;
  uint64_t peak_live_writes = 0;
};

}  // namespace model
