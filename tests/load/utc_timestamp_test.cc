// Tests for load/utc_timestamp.h: the timestamps of trace files, against
// epoch values worked out by hand (2024-01-15T10:00:00Z is day 19737 since
// 1970-01-01, 19737 x 86400 + 36000 = 1705312800 s), and the refusals.
#include "load/utc_timestamp.h"

#include <catch2/catch.hpp>

#include <string>

namespace load {
namespace {

constexpr int64_t kS = 1'000'000'000;

std::optional<int64_t> parsed(const std::string& text) {
  std::string why;
  const std::optional<int64_t> at = parse_utc_timestamp(text, &why);
  if (!at) UNSCOPED_INFO(text << ": " << why);
  return at;
}

std::string refusal(const std::string& text) {
  std::string why;
  CHECK_FALSE(parse_utc_timestamp(text, &why));
  return why;
}

TEST_CASE("UTC timestamps: the AWS CLI's ISO 8601, with zones and fractions, and Unix seconds",
          "[load][utc_timestamp]") {
  CHECK(parsed("2024-01-15T10:00:00+00:00") == 1705312800 * kS);
  CHECK(parsed("2024-01-15T10:00:00Z") == 1705312800 * kS);
  CHECK(parsed("2024-01-15T10:00:00.000Z") == 1705312800 * kS);
  CHECK(parsed("2024-01-15 10:00:00") == 1705312800 * kS);
  CHECK(parsed("2024-01-15T10:00Z") == 1705312800 * kS);
  CHECK(parsed("2024-01-15T05:00:00-05:00") == 1705312800 * kS);
  CHECK(parsed("2024-01-15T19:30:00+0930") == 1705312800 * kS);
  CHECK(parsed("2024-01-15T10:00:00.25Z") == 1705312800 * kS + 250'000'000);
  CHECK(parsed("1705312800") == 1705312800 * kS);
  CHECK(parsed("1705312800.5") == 1705312800 * kS + 500'000'000);
  CHECK(parsed("1970-01-01T00:00:00Z") == 0);
  CHECK(parsed("2024-02-29T00:00:00Z") == (1705312800 - 36000 + 45 * 86400) * kS);  // a leap day
  CHECK(utc_timestamp_from_seconds(1705312800.0) == 1705312800 * kS);
  CHECK_FALSE(utc_timestamp_from_seconds(-1));
}

TEST_CASE("UTC timestamps: refusals say what is wrong", "[load][utc_timestamp]") {
  CHECK(refusal("yesterday") == "expected a timestamp");
  CHECK(refusal("2024-01-15") == "expected a timestamp");
  CHECK(refusal("2024-13-01T00:00:00Z") == "month 13 is not 1 to 12");
  CHECK(refusal("2023-02-29T00:00:00Z") == "day 29 is not in 2023-02");
  CHECK(refusal("2024-01-15T24:00:00Z") == "24:00:00 is not a time of day");
  CHECK(refusal("2024-01-15T10:00:00+25:00") == "offset 25:00 is not a time zone");
  CHECK(refusal("1969-12-31T23:59:59Z") == "year 1969 is not 1970 to 2199");
  CHECK(refusal("1970-01-01T00:00:00+01:00") == "before 1970-01-01T00:00:00Z");
  CHECK(refusal("2024-01-15T10:00:00.1234567891Z") == "finer than a nanosecond");
  CHECK(refusal("99999999999") == "after the year 2199");
}

TEST_CASE("UTC timestamps: formatted for messages, and read back", "[load][utc_timestamp]") {
  CHECK(format_utc_timestamp(1705312800 * kS) == "2024-01-15T10:00:00Z");
  CHECK(format_utc_timestamp(1705312800 * kS + 250'000'000) == "2024-01-15T10:00:00.25Z");
  CHECK(format_utc_timestamp(0) == "1970-01-01T00:00:00Z");
  for (const int64_t at : {int64_t{951782400} * kS, int64_t{4102444799} * kS, int64_t{1709164800} * kS + 1}) {
    CHECK(parsed(format_utc_timestamp(at)) == at);
  }
}

}  // namespace
}  // namespace load
