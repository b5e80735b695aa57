// reports/time_units.h: one unit per line, chosen by the largest value.
#include "reports/time_units.h"

#include <catch2/catch.hpp>

namespace reports {
namespace {

TEST_CASE("time units: the largest value of a line chooses its unit") {
  CHECK(unit_for(999) == TimeUnit::kNs);
  CHECK(unit_for(1'000) == TimeUnit::kUs);
  CHECK(unit_for(999'999'999) == TimeUnit::kMs);
  CHECK(unit_for(1'000'000'000) == TimeUnit::kS);
  CHECK(unit_for(599'999'999'999) == TimeUnit::kS);
  CHECK(unit_for(600'000'000'000) == TimeUnit::kMin);   // 10 min
  CHECK(unit_for(36'000'000'000'000) == TimeUnit::kH);  // 10 h
  CHECK(unit_for(-700'000'000'000) == TimeUnit::kMin);  // by magnitude
  CHECK(unit_for({2'000'000'000, 3'894'000'000'000}) == TimeUnit::kMin);
  CHECK(unit_for(std::vector<int64_t>{}) == TimeUnit::kNs);
}

TEST_CASE("time units: every value of the line in that unit, with its fixed decimals") {
  // The line: a throttling window from 2 s to 64.9 min, once in one unit.
  const TimeUnit unit = unit_for({2'000'000'000, 3'894'000'000'000});
  CHECK(in_unit(2'000'000'000, unit) == "0.03 min");
  CHECK(in_unit(3'894'000'000'000, unit) == "64.90 min");
  CHECK(in_unit(503'490'000, TimeUnit::kS) == "0.503 s");
  CHECK(in_unit(503'490'000, TimeUnit::kMs) == "503.49 ms");
  CHECK(in_unit(1'500, TimeUnit::kUs) == "1.50 us");
  CHECK(in_unit(812, TimeUnit::kNs) == "812 ns");
  CHECK(in_unit(72'000'000'000'000, TimeUnit::kH) == "20.00 h");
  CHECK(in_unit(0, TimeUnit::kMin) == "0 min");  // a zero is exact in any unit
  CHECK(std::string(unit_name(TimeUnit::kMin)) == "min");
}

}  // namespace
}  // namespace reports
