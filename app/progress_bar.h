// ProgressBar: units done (runs of a sweep, simulated seconds of a run), units
// per second and time left, redrawn in place on stderr, and only when stderr
// is a terminal (a log file or a pipe gets nothing). Wall-clock time is read here for the display only; it never
// reaches a report.
#pragma once

#include <chrono>
#include <cstddef>

namespace app {

class ProgressBar {
 public:
  // Shows anything only if `enabled` (callers pass stderr_is_terminal()).
  explicit ProgressBar(bool enabled, const char* unit = "runs");
  // Redraws; at most ten times a second, and always when done == total.
  void update(size_t done, size_t total);
  // Ends the line of a bar that was drawn.
  void finish();

  static bool stderr_is_terminal();

 private:
  bool enabled_;
  const char* unit_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_drawn_;
};

}  // namespace app
