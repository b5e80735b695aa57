// The guards of a run, shared by `gtsim run` and each run of a study
// (`sweep`, `compare`): --max-events N, --max-wall DURATION and
// --max-live-state SIZE (docs/robustness.md, "Guards"), with SIGINT and
// SIGTERM (app/interrupt.h) polled like a guard.
//
// Wall-clock time decides only whether a run goes on, never what it
// computes. The live-state limit is a size, so it stops a run at the same
// event on every machine.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "model/run_limits.h"
#include "model/run_result.h"
#include "sim/time.h"

namespace app {

struct GuardOptions {
  std::optional<uint64_t> max_events;  // --max-events
  std::string max_wall;                // --max-wall, a duration such as "30s"
  std::string max_live_state;          // --max-live-state, a size such as "2GB"
};

// Adds --max-events, --max-wall and --max-live-state to a command.
void add_guard_options(CLI::App* command, GuardOptions* options, const char* per);

struct RunGuards {
  std::optional<uint64_t> max_events;
  std::optional<sim::Duration> max_wall;
  uint64_t max_live_state_bytes = model::kLiveStateBytesCeiling;
  std::string max_wall_text;             // as given, for messages
  std::string live_state_text = "8GB";

  // True when --max-events or --max-wall bounds a run (the estimate's event
  // ceiling then does not apply).
  bool bounded() const { return max_events.has_value() || max_wall.has_value(); }
  // The limits of one run that started at `started` (wall clock).
  model::RunLimits limits(std::chrono::steady_clock::time_point started) const;
  // "--max-events 1000", "--max-wall 200ms", "the live-state limit 8GB
  // (--max-live-state)". REQUIRES: reason != kCompleted.
  std::string describe(model::StopReason reason) const;
};

// Reads the options; nullopt, with the message printed, when one is malformed.
std::optional<RunGuards> parse_guards(const GuardOptions& options);

// "64MB" -> 67108864: an integer and a unit B, KB, MB or GB (1024-based, as
// the scenario's sizes). nullopt when malformed, zero or above 2^50 bytes.
std::optional<uint64_t> parse_size_bytes(const std::string& text);

}  // namespace app
