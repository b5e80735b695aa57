// Tests for sim/histogram.h: exact count/min/max/mean, exact quantiles for
// repeated values, bounded relative error across many decades, merge, cdf.
#include "sim/histogram.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/random.h"

namespace sim {
namespace {

TEST_CASE("Histogram: empty reports zeros", "[sim][histogram]") {
  const Histogram h;
  CHECK(h.count() == 0);
  CHECK(h.min() == 0);
  CHECK(h.max() == 0);
  CHECK(h.mean() == 0.0);
  CHECK(h.quantile(0.5) == 0);
  CHECK(h.cdf(10) == 0.0);
}

TEST_CASE("Histogram: exact count, min, max, mean (values 3, 1000, 123456789)",
          "[sim][histogram]") {
  Histogram h;
  h.record(3);
  h.record(1000);
  h.record_n(123456789, 2);
  h.record_n(55, 0);  // recording nothing changes nothing
  CHECK(h.count() == 4);
  CHECK(h.min() == 3);
  CHECK(h.max() == 123456789);
  CHECK(h.mean() == (3.0 + 1000.0 + 2 * 123456789.0) / 4);
  CHECK(h.quantile(0.0) == 3);
  CHECK(h.quantile(1.0) == 123456789);
}

TEST_CASE("Histogram: mean is exact beyond 64-bit sums (INT64_MAX three times)",
          "[sim][histogram]") {
  Histogram h;
  h.record_n(std::numeric_limits<int64_t>::max(), 3);
  CHECK(h.mean() == static_cast<double>(std::numeric_limits<int64_t>::max()));
  CHECK(h.quantile(0.5) == std::numeric_limits<int64_t>::max());
}

TEST_CASE("Histogram: one repeated value gives exact quantiles (many magnitudes)",
          "[sim][histogram]") {
  for (int64_t value : {int64_t{0}, int64_t{1}, int64_t{255}, int64_t{256}, int64_t{43'470'001},
                        int64_t{999'999'999'999}, std::numeric_limits<int64_t>::max()}) {
    Histogram h;
    h.record_n(value, 1000);
    INFO("value " << value);
    for (double q : {0.0, 0.001, 0.5, 0.9, 0.99, 0.999, 1.0}) CHECK(h.quantile(q) == value);
  }
}

TEST_CASE("Histogram: small values are exact (0..255 once each)", "[sim][histogram]") {
  Histogram h;
  for (int64_t v = 0; v < 256; ++v) h.record(v);
  // Rank ceil(q * 256) holds value rank - 1.
  CHECK(h.quantile(0.5) == 127);
  CHECK(h.quantile(0.9) == 230);  // ceil(230.4) = 231
  CHECK(h.quantile(1.0 / 256) == 0);
  CHECK(h.cdf(127) == 0.5);
}

TEST_CASE("Histogram: quantile relative error <= 1/256 (values over 15 decades)",
          "[sim][histogram]") {
  // Log-uniform values from 1 to 1e15, compared with the exact order statistics.
  Rng rng(17);
  std::vector<int64_t> values;
  Histogram h;
  for (int i = 0; i < 200'000; ++i) {
    const int64_t v = static_cast<int64_t>(std::pow(10.0, 15.0 * rng.uniform01()));
    values.push_back(v);
    h.record(v);
  }
  std::sort(values.begin(), values.end());
  double worst = 0;
  for (double q = 0.001; q < 1.0; q += 0.001) {
    const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
    const int64_t exact = values[rank - 1];
    const double error = std::abs(static_cast<double>(h.quantile(q) - exact)) /
                         static_cast<double>(exact);
    worst = std::max(worst, error);
  }
  INFO("worst relative error " << worst);
  CHECK(worst <= 1.0 / 256);
}

TEST_CASE("Histogram: every bucket boundary keeps relative error <= 1/256 (all powers of two)",
          "[sim][histogram]") {
  for (int e = 8; e < 63; ++e) {
    for (int64_t v : {(int64_t{1} << e) - 1, int64_t{1} << e, (int64_t{1} << e) + 1,
                      (int64_t{1} << e) + (int64_t{1} << (e - 1)) + 12345 % (int64_t{1} << e)}) {
      Histogram h;
      h.record(0);
      h.record_n(v, 3);
      h.record(std::numeric_limits<int64_t>::max());
      const double error =
          std::abs(static_cast<double>(h.quantile(0.5)) - static_cast<double>(v)) /
          static_cast<double>(v);
      INFO("value " << v);
      CHECK(error <= 1.0 / 256);
    }
  }
}

TEST_CASE("Histogram: merge equals recording both (two random sets)", "[sim][histogram]") {
  Rng rng(23);
  Histogram a;
  Histogram b;
  Histogram both;
  for (int i = 0; i < 10'000; ++i) {
    const int64_t x = static_cast<int64_t>(rng.below(1'000'000'000));
    const int64_t y = static_cast<int64_t>(rng.below(1'000));
    a.record(x);
    b.record(y);
    both.record(x);
    both.record(y);
  }
  Histogram merged = a;
  merged.merge(b);
  CHECK(merged == both);
  CHECK(merged.count() == 20'000);
  CHECK(merged.quantile(0.5) == both.quantile(0.5));
  Histogram empty;
  empty.merge(a);
  CHECK(empty == a);
  a.merge(Histogram());
  CHECK(empty == a);
}

TEST_CASE("Histogram: clear forgets everything, however wide the values were", "[sim][histogram]") {
  Histogram h;
  h.record(3);
  h.record(5'000'000);
  h.record(std::numeric_limits<int64_t>::max());
  h.clear();
  CHECK(h == Histogram());
  h.record(7);
  h.clear();
  h.clear();  // clearing an empty histogram is harmless
  CHECK(h == Histogram());
  Histogram one;
  one.record(42);
  h.merge(one);
  CHECK(h == one);
  CHECK(h.quantile(0.5) == 42);
}

TEST_CASE("Histogram: cdf (values 10, 20, 30, 1000000)", "[sim][histogram]") {
  Histogram h;
  for (int64_t v : {10, 20, 30, 1'000'000}) h.record(v);
  CHECK(h.cdf(9) == 0.0);
  CHECK(h.cdf(10) == 0.25);
  CHECK(h.cdf(25) == 0.5);
  CHECK(h.cdf(30) == 0.75);
  CHECK(h.cdf(999'000) == 0.75);
  // 999'999 shares 1'000'000's bucket (width 2^11 there): bucket accuracy.
  CHECK(h.cdf(999'999) == 1.0);
  CHECK(h.cdf(1'000'000) == 1.0);
  CHECK(h.cdf(std::numeric_limits<int64_t>::max()) == 1.0);
}

}  // namespace
}  // namespace sim
