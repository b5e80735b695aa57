// study/moments.h: the exact streaming moments a study's tables come from,
// against the two-pass estimate() of study/statistics.h.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "study/moments.h"
#include "study/statistics.h"

namespace {

// A fixed sequence of integers (xorshift64*), wide or narrow.
std::vector<int64_t> values(size_t n, int bits, uint64_t state) {
  std::vector<int64_t> out;
  for (size_t i = 0; i < n; ++i) {
    state ^= state >> 12, state ^= state << 25, state ^= state >> 27;
    const uint64_t x = state * 0x2545F4914F6CDD1Dull;
    out.push_back(static_cast<int64_t>(x >> (64 - bits)) - (int64_t{1} << (bits - 1)));
  }
  return out;
}

study::Estimate streamed(const std::vector<int64_t>& xs) {
  study::Moments moments;
  for (const int64_t x : xs) moments.add(x);
  return moments.estimate();
}

study::Estimate two_pass(const std::vector<int64_t>& xs) {
  std::vector<double> doubles(xs.begin(), xs.end());
  return study::estimate(doubles);
}

}  // namespace

TEST_CASE("Moments: the same mean, bit for bit, and the same deviation to 1e-13 as the two-pass estimate") {
  for (const int bits : {8, 30, 44}) {  // sums below 2^53: the two-pass mean is exact too
    for (const size_t n : {size_t{1}, size_t{2}, size_t{3}, size_t{16}, size_t{1000}, size_t{20000}}) {
      const std::vector<int64_t> xs = values(n, bits, 0x9E3779B97F4A7C15ull + n);
      const study::Estimate a = streamed(xs), b = two_pass(xs);
      CAPTURE(bits, n, a.mean, b.mean, a.stddev, b.stddev);
      CHECK(a.n == b.n);
      CHECK(a.mean == b.mean);
      CHECK(a.has_interval() == b.has_interval());
      CHECK(a.stddev == Approx(b.stddev).epsilon(1e-13));
      CHECK(a.ci95_half == Approx(b.ci95_half).epsilon(1e-13));
    }
  }
}

TEST_CASE("Moments: a mean on a rounding boundary stays on it (integer values, n a power of two)") {
  // 1/16 = 0.0625: printed with 3 decimals, one ulp either way would move the last digit.
  std::vector<int64_t> xs(16, 0);
  xs[3] = 1;
  CHECK(streamed(xs).mean == 0.0625);
  CHECK(streamed(xs).mean == two_pass(xs).mean);
}

TEST_CASE("Moments: exact where the two-pass estimate in doubles is not") {
  // 2^62, 2^62 + 1, 2^62 + 2: one apart, but the same double (1024 apart at 2^62).
  const int64_t base = int64_t{1} << 62;
  const std::vector<int64_t> xs = {base, base + 1, base + 2};
  CHECK(streamed(xs).stddev == 1.0);
  CHECK(two_pass(xs).stddev == 0.0);
  CHECK(streamed(xs).mean == static_cast<double>(base + 1));
}

TEST_CASE("Moments: the extremes of int64, and their difference, do not overflow") {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const study::Estimate e = streamed({kMin, kMax});
  CHECK(e.mean == -0.5);
  // Deviations of +-(2^63 - 1/2): s = sqrt(2) (2^63 - 1/2).
  CHECK(e.stddev == Approx(std::sqrt(2.0) * 9223372036854775807.5).epsilon(1e-15));
  study::Moments differences;  // b - a of int64 figures reaches +-(2^64 - 1)
  const sim::Int128 widest = static_cast<sim::Int128>(kMax) - kMin;
  for (int i = 0; i < 1000; ++i) differences.add(i % 2 == 0 ? widest : -widest);
  const study::Estimate d = differences.estimate();
  CHECK(d.mean == 0.0);
  CHECK(d.stddev == Approx(18446744073709551615.0 * std::sqrt(1000.0 / 999.0)).epsilon(1e-15));
}

TEST_CASE("Moments: the order of the values does not matter, to the bit") {
  std::vector<int64_t> xs = values(5000, 62, 7);  // large: the two-pass sums would round
  const study::Estimate forward = streamed(xs);
  std::reverse(xs.begin(), xs.end());
  const study::Estimate backward = streamed(xs);
  std::rotate(xs.begin(), xs.begin() + 1234, xs.end());
  const study::Estimate rotated = streamed(xs);
  CHECK(forward.mean == backward.mean);
  CHECK(forward.stddev == backward.stddev);
  CHECK(forward.mean == rotated.mean);
  CHECK(forward.stddev == rotated.stddev);
}
