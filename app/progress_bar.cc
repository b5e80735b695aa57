#include "app/progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>

#include "sim/time.h"

namespace app {
namespace {

// Wall seconds to the nearest second on a clock face: "0:42", "1:05:30".
// An ETA past kClockSecondsMax (about 285 years, near the end of 64-bit
// nanoseconds) is shown as that.
std::string clock_time(double seconds) {
  constexpr double kClockSecondsMax = 9e9;
  const auto whole = static_cast<int64_t>(std::min(seconds, kClockSecondsMax) + 0.5);
  return sim::format_duration(sim::Duration::seconds(whole), sim::DurationStyle::kClock);
}

}  // namespace

ProgressBar::ProgressBar(bool enabled, const char* unit)
    : enabled_(enabled), unit_(unit), started_(std::chrono::steady_clock::now()), last_drawn_(started_) {}

bool ProgressBar::stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

void ProgressBar::update(size_t done, size_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_drawn_ < std::chrono::milliseconds(100)) return;
  last_drawn_ = now;
  drawn_ = true;
  constexpr size_t kWidth = 30;
  const size_t filled = done * kWidth / total;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const std::string eta =
      done == total ? "done in " + clock_time(elapsed)
                    : (rate > 0 ? "ETA " + clock_time(static_cast<double>(total - done) / rate) : "ETA -");
  std::fprintf(stderr, "\r[%s%s] %zu/%zu %s  %.1f %s/s  %s\x1b[K", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, '.').c_str(), done, total, unit_, rate, unit_, eta.c_str());
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

}  // namespace app
