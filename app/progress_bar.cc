#include "app/progress_bar.h"

#include <unistd.h>

#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace app {
namespace {

std::string clock_time(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
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
