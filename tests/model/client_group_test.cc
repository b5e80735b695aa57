// Tests for model/client_group.h: constant arrivals are evenly spaced with no
// accumulated rounding, Poisson gaps have mean 1/rate, and the operation mix
// matches its percentages.
//
// Tolerances are 4 standard errors: for a frequency with probability p over
// n draws the binomial SE is sqrt(p * (1 - p) / n); for the mean of n
// exponential gaps with mean m it is m / sqrt(n). The seeds are fixed, so a
// failure means the behaviour changed, not bad luck.
#include "model/client_group.h"

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

TEST_CASE("ClientGroup: a 100% mix gives only that operation (get)", "[model][client_group]") {
  TestGroup test(config(1000, Arrivals::kPoisson, OperationMix{0, 0, 0, 100}));
  for (int i = 0; i < 10'000; ++i) REQUIRE(test.group.next_request().op == Operation::kGet);
}

}  // namespace
}  // namespace model
