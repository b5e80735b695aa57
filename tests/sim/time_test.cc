// Tests for sim/time.h: Duration and Instant arithmetic, format_duration and
// parse_duration (round trips and exact error reasons).
#include "sim/time.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace sim {
namespace {

// Parses text, failing the test with the reason if it is rejected.
Duration parse_ok(const std::string& text) {
  std::string error;
  const std::optional<Duration> d = parse_duration(text, &error);
  INFO("text: '" << text << "' error: " << error);
  REQUIRE(d.has_value());
  return *d;
}

// The reason text is rejected with ("" if it parses).
std::string parse_error(const std::string& text) {
  std::string error;
  const std::optional<Duration> d = parse_duration(text, &error);
  return d.has_value() ? std::string() : error;
}

TEST_CASE("Duration: named constructors and arithmetic (exact ns)", "[sim][time]") {
  STATIC_REQUIRE(Duration().ns() == 0);
  STATIC_REQUIRE(Duration::microseconds(3).ns() == 3'000);
  STATIC_REQUIRE(Duration::milliseconds(3).ns() == 3'000'000);
  STATIC_REQUIRE(Duration::seconds(2).ns() == 2'000'000'000);
  STATIC_REQUIRE(Duration::minutes(1) == Duration::seconds(60));
  STATIC_REQUIRE(Duration::hours(1) == Duration::minutes(60));
  STATIC_REQUIRE(Duration::max().ns() == std::numeric_limits<int64_t>::max());
  STATIC_REQUIRE(Duration::milliseconds(1) + Duration::microseconds(500) ==
                 Duration::microseconds(1500));
  STATIC_REQUIRE(Duration::seconds(1) - Duration::milliseconds(1500) == -Duration::milliseconds(500));
  STATIC_REQUIRE(Duration::milliseconds(3) * 4 == Duration::milliseconds(12));
  STATIC_REQUIRE(4 * Duration::milliseconds(3) == Duration::milliseconds(12));
  STATIC_REQUIRE(Duration::milliseconds(7) / 2 == Duration::microseconds(3500));
  STATIC_REQUIRE(Duration::nanoseconds(-7) / 2 == Duration::nanoseconds(-3));
  STATIC_REQUIRE(Duration::milliseconds(1) < Duration::milliseconds(2));
  STATIC_REQUIRE(Duration::zero() > -Duration::nanoseconds(1));
  Duration d = Duration::seconds(1);
  d += Duration::seconds(2);
  d -= Duration::milliseconds(500);
  CHECK(d == Duration::milliseconds(2500));
  CHECK(d.seconds_f() == 2.5);
  CHECK(d.milliseconds_f() == 2500.0);
}

TEST_CASE("Instant: arithmetic with Duration (exact ns)", "[sim][time]") {
  STATIC_REQUIRE(Instant().ns() == 0);
  STATIC_REQUIRE(Instant::zero() == Instant::from_ns(0));
  STATIC_REQUIRE(Instant::max().ns() == std::numeric_limits<int64_t>::max());
  constexpr Instant t = Instant::from_ns(1'000) + Duration::nanoseconds(500);
  STATIC_REQUIRE(t.ns() == 1'500);
  STATIC_REQUIRE((t - Duration::nanoseconds(1'500)) == Instant::zero());
  STATIC_REQUIRE(t - Instant::from_ns(2'000) == Duration::nanoseconds(-500));
  STATIC_REQUIRE(Instant::from_ns(1) < Instant::from_ns(2));
  Instant u = Instant::zero();
  u += Duration::seconds(3);
  u -= Duration::seconds(1);
  CHECK(u == Instant::from_ns(2'000'000'000));
}

TEST_CASE("format_duration: largest exact unit (table)", "[sim][time]") {
  const std::vector<std::pair<int64_t, std::string>> cases = {
      {0, "0s"},
      {1, "1ns"},
      {999, "999ns"},
      {1'000, "1us"},
      {1'500, "1.5us"},
      {250'000, "250us"},
      {1'000'000, "1ms"},
      {1'500'000, "1.5ms"},
      {150'000'000, "150ms"},
      {43'470'000, "43.47ms"},
      {43'470'001, "43.470001ms"},
      {999'999'999, "999.999999ms"},
      {1'000'000'000, "1s"},
      {1'500'000'000, "1.5s"},
      {59'000'000'000, "59s"},
      {60'000'000'000, "1m"},
      {90'000'000'000, "1m30s"},
      {90'500'000'000, "90.5s"},
      {3'600'000'000'000, "1h"},
      {5'400'000'000'000, "1h30m"},
      {5'405'000'000'000, "1h30m5s"},
      {3'605'000'000'000, "1h5s"},
      {90'000'000'000'000, "25h"},
      {-5'000'000, "-5ms"},
      {-5'400'000'000'000, "-1h30m"},
      {std::numeric_limits<int64_t>::max(), "9223372036.854775807s"},
      {std::numeric_limits<int64_t>::min(), "-9223372036.854775808s"},
  };
  for (const auto& [ns, text] : cases) {
    INFO("ns = " << ns);
    CHECK(format_duration(Duration::nanoseconds(ns)) == text);
  }
}

TEST_CASE("format_duration: readable and clock styles (table)", "[sim][time]") {
  const std::vector<std::pair<int64_t, std::string>> readable = {
      {0, "0 ns"},
      {812, "812 ns"},
      {1'500, "1.50 us"},
      {43'470'001, "43.47 ms"},
      {1'250'000'000, "1.250 s"},
      {599'999'000'000, "599.999 s"},
      {750'000'000'000, "12.5 min"},
      {-5'000'000, "-5.00 ms"},
  };
  for (const auto& [ns, text] : readable) {
    INFO("ns = " << ns);
    CHECK(format_duration(Duration::nanoseconds(ns), DurationStyle::kReadable) == text);
  }
  const std::vector<std::pair<int64_t, std::string>> clock = {
      {0, "0:00"},
      {420'000'000'000, "7:00"},
      {3'930'000'000'000, "1:05:30"},
      {2'250'000'000, "0:02.250"},
      {2'250'999'999, "0:02.250"},
  };
  for (const auto& [ns, text] : clock) {
    INFO("ns = " << ns);
    CHECK(format_duration(Duration::nanoseconds(ns), DurationStyle::kClock) == text);
  }
  CHECK(format_duration(Duration::seconds(90), DurationStyle::kExact) == format_duration(Duration::seconds(90)));
}

TEST_CASE("parse_duration: accepted forms (table)", "[sim][time]") {
  CHECK(parse_ok("150ms") == Duration::milliseconds(150));
  CHECK(parse_ok("2m") == Duration::minutes(2));
  CHECK(parse_ok("1h30m") == Duration::minutes(90));
  CHECK(parse_ok("1h30m5s") == Duration::seconds(5405));
  CHECK(parse_ok("1h0.5s") == Duration::milliseconds(3'600'500));
  CHECK(parse_ok("1.5s") == Duration::milliseconds(1500));
  CHECK(parse_ok("0.25h") == Duration::minutes(15));
  CHECK(parse_ok("250us") == Duration::microseconds(250));
  CHECK(parse_ok("10ns") == Duration::nanoseconds(10));
  CHECK(parse_ok("0s") == Duration::zero());
  CHECK(parse_ok("-0s") == Duration::zero());
  CHECK(parse_ok("-5ms") == -Duration::milliseconds(5));
  CHECK(parse_ok("1s500ms") == Duration::milliseconds(1500));
  CHECK(parse_ok("1.500000000000000000000s") == Duration::milliseconds(1500));
  CHECK(parse_ok("0.000000001s") == Duration::nanoseconds(1));
  CHECK(parse_ok("007ms") == Duration::milliseconds(7));
  CHECK(parse_ok("9223372036854775807ns") == Duration::max());
  CHECK(parse_ok("9223372036.854775807s") == Duration::max());
  CHECK(parse_ok("-9223372036854775808ns").ns() == std::numeric_limits<int64_t>::min());
}

TEST_CASE("parse_duration: exact error reasons (table)", "[sim][time]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty duration"},
      {"-", "expected a number"},
      {"ms", "expected a number"},
      {".5s", "expected a number"},
      {" 5ms", "expected a number"},
      {"150", "missing unit"},
      {"1h30", "missing unit"},
      {"1.s", "expected digits after '.'"},
      {"5 ms", "unexpected character ' '"},
      {"5ms ", "unexpected character ' '"},
      {"1.5.5s", "unexpected character '.'"},
      {"--5ms", "expected a number"},
      {"5sec", "unknown unit 'sec'"},
      {"5S", "unknown unit 'S'"},
      {"5d", "unknown unit 'd'"},
      {"1s1h", "units must go from larger to smaller"},
      {"1s2s", "units must go from larger to smaller"},
      {"1ms1s", "units must go from larger to smaller"},
      {"9999999999h", "overflows 64-bit nanoseconds"},
      {"9223372036854775808ns", "overflows 64-bit nanoseconds"},
      {"-9223372036854775809ns", "overflows 64-bit nanoseconds"},
      {"99999999999999999999999999999999ns", "overflows 64-bit nanoseconds"},
      {"2562047h47m16s854775808ns", "overflows 64-bit nanoseconds"},
      {"1.5ns", "not a whole number of nanoseconds"},
      {"0.0000000001s", "not a whole number of nanoseconds"},
      {"1.0000000000001h", "not a whole number of nanoseconds"},
  };
  for (const auto& [text, reason] : cases) {
    INFO("text: '" << text << "'");
    CHECK(parse_error(text) == reason);
  }
  // A null error pointer is allowed.
  CHECK_FALSE(parse_duration("5sec", nullptr).has_value());
}

TEST_CASE("parse_duration: round trip of format_duration (many values)", "[sim][time]") {
  std::vector<int64_t> values = {0, 1, 999, 1'000, 1'001, 43'470'001, 60'000'000'000,
                                 5'405'000'000'001, std::numeric_limits<int64_t>::max(),
                                 std::numeric_limits<int64_t>::min()};
  // Powers of 3 and their neighbours cover every unit and odd fractions.
  for (int64_t v = 1; v < std::numeric_limits<int64_t>::max() / 3; v *= 3) {
    values.push_back(v);
    values.push_back(v + 1);
    values.push_back(-v);
    if (v < std::numeric_limits<int64_t>::max() / 1'000'000'000) {
      values.push_back(v * 1'000);            // whole us
      values.push_back(v * 1'000'000'000);    // whole s: compound h/m/s form
    }
  }
  for (int64_t v : values) {
    const std::string text = format_duration(Duration::nanoseconds(v));
    INFO("ns = " << v << " text = " << text);
    CHECK(parse_ok(text).ns() == v);
  }
}

}  // namespace
}  // namespace sim
