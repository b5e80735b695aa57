// The exit codes of `gtsim`, one table for every command (docs/design.md,
// law 4; README.md "Exit codes").
#pragma once

namespace app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitExpectationFailed = 1;  // `run`: an expect: line failed; `diff`: the reports differ
inline constexpr int kExitBadInput = 2;           // bad input or usage, a run refused as too costly
inline constexpr int kExitGuard = 3;              // stopped by --max-events, --max-wall or the live-state limit
inline constexpr int kExitOutputFailed = 4;       // an output (a file, stdout) could not be written
inline constexpr int kExitOutOfMemory = 5;        // the machine gave no more memory
inline constexpr int kExitSignalBase = 128;       // + the signal number: interrupted

}  // namespace app
