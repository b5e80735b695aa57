#include "app/run_guards.h"

#include <charconv>
#include <cstdio>

#include <fmt/format.h>

#include "app/interrupt.h"

namespace app {

void add_guard_options(CLI::App* command, GuardOptions* options, const char* per) {
  command->add_option("--max-events", options->max_events, fmt::format("Stop {} after N events (exit 3)", per));
  command->add_option("--max-wall", options->max_wall,
                      fmt::format("Stop {} after this much wall-clock time, e.g. 30s (exit 3)", per));
  command->add_option("--max-live-state", options->max_live_state,
                      fmt::format("Stop {} when its live state (writes in flight, events) passes this size, "
                                  "e.g. 2GB (default 8GB; exit 3)",
                                  per));
}

std::optional<uint64_t> parse_size_bytes(const std::string& text) {
  uint64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  const std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
  int shift = -1;
  if (unit == "B") shift = 0;
  if (unit == "KB") shift = 10;
  if (unit == "MB") shift = 20;
  if (unit == "GB") shift = 30;
  constexpr uint64_t kMaxBytes = 1ull << 50;
  if (shift < 0 || number == 0 || number > (kMaxBytes >> shift)) return std::nullopt;
  return number << shift;
}

model::RunLimits RunGuards::limits(std::chrono::steady_clock::time_point started) const {
  model::RunLimits limits;
  if (max_events) limits.max_events = *max_events;
  limits.max_live_state_bytes = max_live_state_bytes;
  const std::optional<sim::Duration> wall = max_wall;
  limits.should_stop = [wall, started] {
    if (interrupt_signal() != 0) return true;
    return wall && std::chrono::steady_clock::now() - started >= std::chrono::nanoseconds(wall->ns());
  };
  return limits;
}

std::string RunGuards::describe(model::StopReason reason) const {
  switch (reason) {
    case model::StopReason::kMaxEvents:
      return fmt::format("--max-events {}", max_events.value_or(0));
    case model::StopReason::kLiveState:
      return fmt::format("the live-state limit {} (--max-live-state)", live_state_text);
    case model::StopReason::kStopped:
    case model::StopReason::kCompleted:
      break;
  }
  return max_wall ? "--max-wall " + max_wall_text : "a signal";
}

std::optional<RunGuards> parse_guards(const GuardOptions& options) {
  RunGuards guards;
  if (options.max_events && *options.max_events == 0) {
    std::fprintf(stderr, "gtsim: error: --max-events expects a positive number of events, found 0\n");
    return std::nullopt;
  }
  guards.max_events = options.max_events;
  if (!options.max_wall.empty()) {
    std::string reason;
    guards.max_wall = sim::parse_duration(options.max_wall, &reason);
    if (!guards.max_wall || guards.max_wall->ns() <= 0) {
      std::fprintf(stderr,
                   "gtsim: error: --max-wall expects a positive duration with a unit (ns, us, ms, s, m, h), "
                   "e.g. '30s'; found '%s'\n",
                   options.max_wall.c_str());
      return std::nullopt;
    }
    guards.max_wall_text = options.max_wall;
  }
  if (!options.max_live_state.empty()) {
    const std::optional<uint64_t> bytes = parse_size_bytes(options.max_live_state);
    if (!bytes) {
      std::fprintf(stderr,
                   "gtsim: error: --max-live-state expects a positive size with a unit (B, KB, MB, GB), "
                   "e.g. '2GB'; found '%s'\n",
                   options.max_live_state.c_str());
      return std::nullopt;
    }
    guards.max_live_state_bytes = *bytes;
    guards.live_state_text = options.max_live_state;
  }
  return guards;
}

}  // namespace app
