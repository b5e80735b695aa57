// Tests for model/client_group.h: constant arrivals are evenly spaced with no
// accumulated rounding, Poisson gaps have mean 1/rate, and the operation mix
// matches its percentages; on a curve, arrivals per interval match the
// curve's integral (Poisson: within 3 standard errors, sqrt of the expected
// count; constant: within one arrival).
//
// Tolerances are 4 standard errors: for a frequency with probability p over
// n draws the binomial SE is sqrt(p * (1 - p) / n); for the mean of n
// exponential gaps with mean m it is m / sqrt(n). The seeds are fixed, so a
// failure means the behaviour changed, not bad luck.
#include "model/client_group.h"
#include "model/random_streams.h"
#include "model/rate_shapes.h"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace model {
namespace {

const sim::Instant kFarStop = sim::Instant::from_ns(sim::Duration::hours(1000).ns());

ClientGroupConfig config(double rate_per_second, Arrivals arrivals, const OperationMix& mix = {}) {
  // Aggregate initialisation: assigning "g" to name trips GCC 12's bogus
  // -Wrestrict (GCC bug 105329) at -O2.
  return ClientGroupConfig{"g", rate_per_second, arrivals, mix, ReadConsistency::kEventual, false, RetryConfig{},
                           SessionConfig{}};
}

// A group of uniform requests over 1000 keys (the sampler and sizes must
// outlive it).
struct TestGroup {
  explicit TestGroup(const ClientGroupConfig& c) : group(1, "us-east-1", c, keys, sizes, kFarStop) {}
  const KeySampler keys{1000, KeyDistribution{}};
  const sim::Distribution sizes = sim::Distribution::constant(1024.0);
  ClientGroup group;
};

// The first n arrival times of a group with this rate and arrival process.
std::vector<int64_t> arrivals_ns(double rate_per_second, Arrivals arrivals, int n) {
  TestGroup test(config(rate_per_second, arrivals));
  ClientGroup& group = test.group;
  std::vector<int64_t> times;
  std::optional<sim::Instant> at = group.first_arrival();
  while (at && static_cast<int>(times.size()) < n) {
    times.push_back(at->ns());
    at = group.next_arrival(*at);
  }
  REQUIRE(static_cast<int>(times.size()) == n);
  return times;
}

TEST_CASE("ClientGroup: constant arrivals are exactly 1ms apart (rate 1000/s, 100,000 arrivals)",
          "[model][client_group]") {
  const std::vector<int64_t> t = arrivals_ns(1000, Arrivals::kConstant, 100'001);
  CHECK(t[0] >= 0);
  CHECK(t[0] < 1'000'000);  // a random phase within the first gap
  for (size_t i = 1; i < t.size(); ++i) {
    if (t[i] - t[i - 1] != 1'000'000) FAIL("gap " << i << " is " << t[i] - t[i - 1] << " ns");
  }
  CHECK(t.back() - t.front() == sim::Duration::seconds(100).ns());  // no drift
}

TEST_CASE("ClientGroup: constant arrivals do not accumulate rounding (rate 3/s, 300,000 arrivals)",
          "[model][client_group]") {
  // A gap of 333,333,333.33 ns cannot be exact; each arrival is rounded once
  // from its exact offset, so gaps are 333,333,333 or 333,333,334 ns and
  // every third arrival lands on a whole second after the first.
  const std::vector<int64_t> t = arrivals_ns(3, Arrivals::kConstant, 300'001);
  for (size_t i = 1; i < t.size(); ++i) {
    const int64_t gap = t[i] - t[i - 1];
    if (gap != 333'333'333 && gap != 333'333'334) FAIL("gap " << i << " is " << gap << " ns");
  }
  CHECK(t[3] - t[0] == sim::Duration::seconds(1).ns());
  CHECK(t.back() - t.front() == sim::Duration::seconds(100'000).ns());
}

TEST_CASE("ClientGroup: Poisson gaps have mean 1/rate (rate 1000/s, 100,000 gaps)", "[model][client_group]") {
  const int gaps = 100'000;
  const std::vector<int64_t> t = arrivals_ns(1000, Arrivals::kPoisson, gaps + 1);
  const double mean_ns = 1e6;
  const double observed_ns = static_cast<double>(t.back() - t.front()) / gaps;
  INFO("observed mean gap " << observed_ns << " ns");
  CHECK(std::fabs(observed_ns - mean_ns) <= 4.0 * mean_ns / std::sqrt(gaps));
  for (size_t i = 1; i < t.size(); ++i) REQUIRE(t[i] >= t[i - 1]);
}

TEST_CASE("ClientGroup: operation mix frequencies match percentages (50/20/10/20, 1,000,000 requests)",
          "[model][client_group]") {
  TestGroup test(config(1000, Arrivals::kPoisson, OperationMix{50, 20, 10, 20}));
  const int n = 1'000'000;
  std::array<int, kOperationCount> seen{};
  for (int i = 0; i < n; ++i) {
    const Request r = test.group.next_request();
    REQUIRE(r.key < 1000);
    ++seen[static_cast<size_t>(r.op)];
  }
  const std::array<double, kOperationCount> p = {0.5, 0.2, 0.1, 0.2};  // put, update, delete, get
  for (size_t op = 0; op < p.size(); ++op) {
    const double observed = static_cast<double>(seen[op]) / n;
    INFO(operation_name(static_cast<Operation>(op)) << ": observed " << observed << ", expected " << p[op]);
    CHECK(std::fabs(observed - p[op]) <= 4.0 * std::sqrt(p[op] * (1.0 - p[op]) / n));
  }
}

TEST_CASE("ClientGroup: requests drawn ahead keep the key stream's order; newest_drawn() is kLookahead - 1 ahead",
          "[model][client_group]") {
  TestGroup test(config(1000, Arrivals::kPoisson, OperationMix{50, 0, 0, 50}));
  sim::Rng keys_rng = sim::Rng::stream(1, workload_stream("us-east-1", "g", WorkloadDraw::kKeys));
  constexpr size_t kAhead = ClientGroup::kLookahead - 1;
  std::vector<Request> predicted;
  for (size_t i = 0; i < 10'000; ++i) {
    predicted.push_back(test.group.newest_drawn());
    const Request r = test.group.next_request();
    REQUIRE(r.key == test.keys.sample(keys_rng));  // as if drawn at its use
    if (i >= kAhead) {
      REQUIRE(r.key == predicted[i - kAhead].key);
      REQUIRE(r.op == predicted[i - kAhead].op);
    }
  }
}

TEST_CASE("ClientGroup: a 100% mix gives only that operation (get)", "[model][client_group]") {
  TestGroup test(config(1000, Arrivals::kPoisson, OperationMix{0, 0, 0, 100}));
  for (int i = 0; i < 10'000; ++i) REQUIRE(test.group.next_request().op == Operation::kGet);
}

// Arrivals of a group on `curve` counted per `bucket` over [0, buckets x bucket).
std::vector<int64_t> curve_counts(const RateCurve& curve, Arrivals arrivals, sim::Duration bucket, int buckets) {
  ClientGroupConfig c = config(1, arrivals);
  c.rate_curve = curve;
  TestGroup test(c);
  std::vector<int64_t> counts(static_cast<size_t>(buckets), 0);
  const int64_t end = bucket.ns() * buckets;
  for (std::optional<sim::Instant> at = test.group.first_arrival(); at && at->ns() < end;
       at = test.group.next_arrival(*at)) {
    ++counts[static_cast<size_t>(at->ns() / bucket.ns())];
  }
  return counts;
}

// A day of a diurnal wave with a spike, and a ramp: the curves the tests below count on.
RateCurve wave_with_spike() {
  const RateCurve wave = diurnal_rate(DiurnalRate{40, 4, sim::Duration::hours(14), sim::Duration::hours(-5)});
  return stepped_rate(wave, {{sim::Duration::hours(3), 200, sim::Duration::minutes(30)}});
}

TEST_CASE("ClientGroup: Poisson arrivals on a curve match its integral per hour within 3 standard errors",
          "[model][client_group][rate_curve]") {
  // 40/s around a wave of ratio 4 peaking at 19:00 UTC, a 30-minute spike to
  // 200/s at 03:00: 3.6 million arrivals in a day, 24 hourly counts.
  const RateCurve curve = wave_with_spike();
  const sim::Duration hour = sim::Duration::hours(1);
  const std::vector<int64_t> counts = curve_counts(curve, Arrivals::kPoisson, hour, 24);
  double total_expected = 0;
  for (int h = 0; h < 24; ++h) {
    const double expected = curve.integral(sim::Instant::zero() + hour * h, sim::Instant::zero() + hour * (h + 1));
    total_expected += expected;
    INFO("hour " << h << ": " << counts[static_cast<size_t>(h)] << " arrivals, expected " << expected);
    CHECK(std::fabs(static_cast<double>(counts[static_cast<size_t>(h)]) - expected) <= 3 * std::sqrt(expected));
  }
  double total = 0;
  for (const int64_t n : counts) total += static_cast<double>(n);
  CHECK(std::fabs(total - total_expected) <= 3 * std::sqrt(total_expected));
  // The hours differ as the curve does: the crest hour has about 2.4 times the trough's.
  CHECK(counts[19] > 2 * counts[7]);
}

TEST_CASE("ClientGroup: Poisson arrivals on a ramp match its integral per 10 s within 3 standard errors",
          "[model][client_group][rate_curve]") {
  // 0 to 1000/s in 100 s, then down to 100/s at 200 s, held.
  const RateCurve ramp = points_rate({{sim::Duration::zero(), 0},
                                      {sim::Duration::seconds(100), 1000},
                                      {sim::Duration::seconds(200), 100}},
                                     false, sim::Duration::seconds(300));
  const sim::Duration ten = sim::Duration::seconds(10);
  const std::vector<int64_t> counts = curve_counts(ramp, Arrivals::kPoisson, ten, 30);
  for (int i = 0; i < 30; ++i) {
    const double expected = ramp.integral(sim::Instant::zero() + ten * i, sim::Instant::zero() + ten * (i + 1));
    INFO("interval " << i << ": " << counts[static_cast<size_t>(i)] << " arrivals, expected " << expected);
    CHECK(std::fabs(static_cast<double>(counts[static_cast<size_t>(i)]) - expected) <= 3 * std::sqrt(expected));
  }
}

TEST_CASE("ClientGroup: constant arrivals on a curve are one expected request apart: every count within 1",
          "[model][client_group][rate_curve]") {
  const RateCurve curve = wave_with_spike();
  const sim::Duration minutes = sim::Duration::minutes(10);
  const std::vector<int64_t> counts = curve_counts(curve, Arrivals::kConstant, minutes, 144);
  for (int i = 0; i < 144; ++i) {
    const double expected =
        curve.integral(sim::Instant::zero() + minutes * i, sim::Instant::zero() + minutes * (i + 1));
    INFO("interval " << i << ": " << counts[static_cast<size_t>(i)] << " arrivals, expected " << expected);
    CHECK(std::fabs(static_cast<double>(counts[static_cast<size_t>(i)]) - expected) <= 1.0);
  }
}

TEST_CASE("ClientGroup: a curve's arrivals are the same for the same seed and end where the curve is 0",
          "[model][client_group][rate_curve]") {
  ClientGroupConfig c = config(1, Arrivals::kPoisson);
  c.rate_curve = stepped_rate(constant_rate(1000), {{sim::Duration::seconds(2), 0, sim::Duration::max()}});
  TestGroup a(c), b(c);
  std::optional<sim::Instant> x = a.group.first_arrival(), y = b.group.first_arrival();
  int64_t n = 0;
  sim::Instant last;
  while (x) {
    REQUIRE(y);
    REQUIRE(*x == *y);
    REQUIRE(*x >= last);
    last = *x;
    ++n;
    x = a.group.next_arrival(*x);
    y = b.group.next_arrival(*y);
  }
  CHECK_FALSE(y);
  CHECK(last < sim::Instant::from_ns(sim::Duration::seconds(2).ns()));
  CHECK(std::fabs(static_cast<double>(n) - 2000) <= 3 * std::sqrt(2000.0));
}

}  // namespace
}  // namespace model
