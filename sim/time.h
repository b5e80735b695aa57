// Simulated time: Duration (a span) and Instant (a point on the true-time axis).
//
// Both are strong types over int64 nanoseconds. Time is an integer so that a
// run is exactly reproducible: there is no constructor from double, and the
// *_f() accessors exist only for display. An Instant counts nanoseconds of
// true (simulated) time since the start of the run; region clocks with skew
// are built on top of it by the model, never here.
//
// Invariants: arithmetic that would overflow int64 is a programmer error and
// is asserted (GTSIM_ASSERT, on in every build type), never undefined
// behaviour. Duration::max() and Instant::max() are INT64_MAX ns and are meant
// as "never" sentinels: compare against them, do not add to them.
//
// Determinism: nothing here reads the wall clock. format_duration and
// parse_duration are locale-independent, and exact in DurationStyle::kExact:
// a Duration formatted so and parsed back is the same Duration.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "sim/assert.h"

namespace sim {

namespace time_internal {

// a + b, a - b, a * b on int64, asserting on overflow.
constexpr int64_t checked_add(int64_t a, int64_t b) {
  int64_t r = 0;
  GTSIM_ASSERT(!__builtin_add_overflow(a, b, &r));
  return r;
}
constexpr int64_t checked_sub(int64_t a, int64_t b) {
  int64_t r = 0;
  GTSIM_ASSERT(!__builtin_sub_overflow(a, b, &r));
  return r;
}
constexpr int64_t checked_mul(int64_t a, int64_t b) {
  int64_t r = 0;
  GTSIM_ASSERT(!__builtin_mul_overflow(a, b, &r));
  return r;
}

}  // namespace time_internal

class Duration {
 public:
  static constexpr int64_t kNanosecondsPerMicrosecond = 1'000;
  static constexpr int64_t kNanosecondsPerMillisecond = 1'000'000;
  static constexpr int64_t kNanosecondsPerSecond = 1'000'000'000;
  static constexpr int64_t kNanosecondsPerMinute = 60 * kNanosecondsPerSecond;
  static constexpr int64_t kNanosecondsPerHour = 60 * kNanosecondsPerMinute;

  constexpr Duration() = default;  // zero

  static constexpr Duration nanoseconds(int64_t n) { return Duration(n); }
  static constexpr Duration microseconds(int64_t n) {
    return Duration(time_internal::checked_mul(n, kNanosecondsPerMicrosecond));
  }
  static constexpr Duration milliseconds(int64_t n) {
    return Duration(time_internal::checked_mul(n, kNanosecondsPerMillisecond));
  }
  static constexpr Duration seconds(int64_t n) {
    return Duration(time_internal::checked_mul(n, kNanosecondsPerSecond));
  }
  static constexpr Duration minutes(int64_t n) {
    return Duration(time_internal::checked_mul(n, kNanosecondsPerMinute));
  }
  static constexpr Duration hours(int64_t n) {
    return Duration(time_internal::checked_mul(n, kNanosecondsPerHour));
  }
  static constexpr Duration zero() { return Duration(); }
  static constexpr Duration max() { return Duration(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t ns() const { return ns_; }

  // For display only: never feed these back into simulated time.
  double seconds_f() const;
  double milliseconds_f() const;

  constexpr Duration operator-() const { return Duration(time_internal::checked_sub(0, ns_)); }
  constexpr Duration& operator+=(Duration d) {
    ns_ = time_internal::checked_add(ns_, d.ns_);
    return *this;
  }
  constexpr Duration& operator-=(Duration d) {
    ns_ = time_internal::checked_sub(ns_, d.ns_);
    return *this;
  }
  friend constexpr Duration operator+(Duration a, Duration b) { return a += b; }
  friend constexpr Duration operator-(Duration a, Duration b) { return a -= b; }
  friend constexpr Duration operator*(Duration d, int64_t k) {
    return Duration(time_internal::checked_mul(d.ns_, k));
  }
  friend constexpr Duration operator*(int64_t k, Duration d) { return d * k; }
  // Integer division, truncating toward zero. REQUIRES: k != 0.
  friend constexpr Duration operator/(Duration d, int64_t k) {
    GTSIM_ASSERT(k != 0);
    GTSIM_ASSERT(!(k == -1 && d.ns_ == std::numeric_limits<int64_t>::min()));
    return Duration(d.ns_ / k);
  }
  friend constexpr auto operator<=>(Duration, Duration) = default;
  friend constexpr bool operator==(Duration, Duration) = default;

 private:
  constexpr explicit Duration(int64_t ns) : ns_(ns) {}

  int64_t ns_ = 0;
};

// Seconds as a double, for rates, estimates and charts; event times stay
// integer nanoseconds (Duration, Instant).
constexpr double to_seconds(Duration d) {
  return static_cast<double>(d.ns()) / static_cast<double>(Duration::kNanosecondsPerSecond);
}
// Nanoseconds in one second as a double, to turn a rate per second or a
// count of seconds held as a double into nanoseconds (exact: 1e9 is a double).
inline constexpr double kNanosecondsPerSecondDouble = static_cast<double>(Duration::kNanosecondsPerSecond);

class Instant {
 public:
  constexpr Instant() = default;  // zero = start of run

  static constexpr Instant from_ns(int64_t n) { return Instant(n); }
  static constexpr Instant zero() { return Instant(); }
  static constexpr Instant max() { return Instant(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t ns() const { return ns_; }

  constexpr Instant& operator+=(Duration d) {
    ns_ = time_internal::checked_add(ns_, d.ns());
    return *this;
  }
  constexpr Instant& operator-=(Duration d) {
    ns_ = time_internal::checked_sub(ns_, d.ns());
    return *this;
  }
  friend constexpr Instant operator+(Instant t, Duration d) { return t += d; }
  friend constexpr Instant operator+(Duration d, Instant t) { return t += d; }
  friend constexpr Instant operator-(Instant t, Duration d) { return t -= d; }
  friend constexpr Duration operator-(Instant a, Instant b) {
    return Duration::nanoseconds(time_internal::checked_sub(a.ns_, b.ns_));
  }
  friend constexpr auto operator<=>(Instant, Instant) = default;
  friend constexpr bool operator==(Instant, Instant) = default;

 private:
  constexpr explicit Instant(int64_t ns) : ns_(ns) {}

  int64_t ns_ = 0;
};

// How format_duration writes a duration. The three differ on purpose, each
// for its reader:
enum class DurationStyle {
  // Exact, in the scenario's own grammar, so parse_duration reads it back:
  // "0s", "150ms", "1h30m", "1.5ms", "43.470001ms", "-5ms". For a value a
  // user wrote (a scenario's duration, a timeline time) shown back to them.
  // A whole number of seconds (at least 1s) is written in compound h/m/s
  // form ("90s" -> "1m30s", "3600s" -> "1h"). Anything else uses the largest
  // unit of {s, ms, us, ns} not larger than it, with as many decimals as
  // needed to be exact and trailing zeros trimmed (1500000ns -> "1.5ms",
  // 90.5s -> "90.5s").
  kExact,
  // For a measured figure, which is seldom round: three or four significant
  // digits and a space before the unit, "812 ns", "43.47 ms", "1.250 s",
  // "12.5 min" (minutes from 10 min on). Never exact: the JSON report has
  // the exact value.
  kReadable,
  // A reading of a clock that starts at zero, for a place in a timeline or
  // an ETA: "7:00", "1:05:30", and milliseconds when not whole, truncated,
  // "0:02.250".
  kClock,
};

std::string format_duration(Duration d, DurationStyle style = DurationStyle::kExact);

// Parses "150ms", "2m", "1h30m", "1.5s", "250us", "10ns", "0s", "-5ms".
// Grammar: ['-'] part+, part = digits ['.' digits] unit, unit one of
// h, m, s, ms, us, ns; parts must go from larger to smaller units. No spaces.
// The result must be a whole number of nanoseconds and fit in int64.
// On failure returns std::nullopt and, if error is not null, sets *error to a
// short reason: "empty duration", "expected a number", "missing unit",
// "unknown unit 'sec'", "unexpected character ' '", "units must go from
// larger to smaller", "overflows 64-bit nanoseconds", "not a whole number of
// nanoseconds".
std::optional<Duration> parse_duration(std::string_view text, std::string* error);

}  // namespace sim
