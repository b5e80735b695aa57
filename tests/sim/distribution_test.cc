// Tests for sim/distribution.h: for each kind, 1,000,000 draws with a fixed
// seed must match the exact mean() and quantile() the class states.
//
// Tolerances (a correct sampler fails one check with probability below 1e-6;
// with fixed seeds the outcome is deterministic anyway):
// - mean: 5 standard errors, sqrt(variance / n), with the kind's exact variance;
// - quantile p: the empirical p-quantile of n draws must lie between
//   quantile(p - d) and quantile(p + d), d = 5 * sqrt(p (1 - p) / n): the
//   count of draws below a fixed value is binomial, so this is again 5
//   standard errors, measured on the probability axis where it holds for
//   every distribution.
#include "sim/distribution.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

namespace sim {
namespace {

constexpr int kDraws = 1'000'000;
constexpr double kStandardErrors = 5.0;

double relative_error(double actual, double expected) {
  return std::abs(actual - expected) / std::abs(expected);
}

// The empirical p-quantile of values: the ceil(p n)-th smallest. Reorders values.
double empirical_quantile(std::vector<double>& values, double p) {
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
  auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

// Draws kDraws samples of d from a fixed stream and checks mean and the
// 0.5/0.9/0.99 quantiles against d's exact answers (tolerances above).
void check_samples_match(const Distribution& d, double variance, const std::string& stream) {
  Rng rng = Rng::stream(2024, stream);
  std::vector<double> values(kDraws);
  double sum = 0;
  for (double& v : values) {
    v = d.sample(rng);
    REQUIRE(v >= 0.0);
    sum += v;
  }
  const double mean = sum / kDraws;
  const double mean_error_max = kStandardErrors * std::sqrt(variance / kDraws);
  INFO(stream << ": mean " << mean << " expected " << d.mean() << " standard errors off "
              << std::abs(mean - d.mean()) / std::sqrt(variance / kDraws));
  CHECK(std::abs(mean - d.mean()) <= mean_error_max);
  for (double p : {0.5, 0.9, 0.99}) {
    const double delta = kStandardErrors * std::sqrt(p * (1 - p) / kDraws);
    const double q = empirical_quantile(values, p);
    INFO(stream << ": p" << p << " empirical " << q << " exact " << d.quantile(p)
                << " relative error " << relative_error(q, d.quantile(p)));
    CHECK(q >= d.quantile(p - delta));
    CHECK(q <= d.quantile(p + delta));
  }
}

TEST_CASE("normal_quantile: reference values and inverse of normal_cdf", "[sim][distribution]") {
  CHECK(normal_quantile(0.5) == 0.0);
  CHECK(relative_error(normal_quantile(0.975), 1.959963984540054) < 1e-14);
  CHECK(relative_error(normal_quantile(0.99), 2.326347874040841) < 1e-14);
  CHECK(relative_error(normal_quantile(1e-10), -6.361340902404056) < 1e-14);
  for (double p = 1e-12; p < 1.0; p = p < 0.01 ? p * 10 : p + 0.01) {
    INFO("p = " << p);
    CHECK(relative_error(normal_cdf(normal_quantile(p)), p) < 1e-13);
    // Symmetry only where 1 - p is nearly exact in double.
    if (p >= 1e-3) CHECK(std::abs(normal_quantile(p) + normal_quantile(1 - p)) < 1e-12);
  }
}

TEST_CASE("Distribution: constant (value 7)", "[sim][distribution]") {
  const Distribution d = Distribution::constant(7.0);
  CHECK(d.kind() == Distribution::Kind::kConstant);
  CHECK(d.is_constant());
  CHECK(d.mean() == 7.0);
  CHECK(d.quantile(0.3) == 7.0);
  check_samples_match(d, 0.0, "constant");
}

TEST_CASE("Distribution: uniform (min 10, max 30)", "[sim][distribution]") {
  const Distribution d = Distribution::uniform(10.0, 30.0);
  CHECK(d.kind() == Distribution::Kind::kUniform);
  CHECK(d.mean() == 20.0);
  CHECK(d.quantile(0.25) == 15.0);
  check_samples_match(d, 20.0 * 20.0 / 12.0, "uniform");
}

// Variance of N(mean, stddev) truncated to [0, inf): with t = -mean/stddev,
// m = 1 - Phi(t), l = phi(t)/m: stddev^2 (1 + t l - l^2).
double truncated_normal_variance(double mean, double stddev) {
  const double t = -mean / stddev;
  const double m = 1.0 - normal_cdf(t);
  const double l = std::exp(-0.5 * t * t) / std::sqrt(2 * std::numbers::pi) / m;
  return stddev * stddev * (1 + t * l - l * l);
}

TEST_CASE("Distribution: normal truncated at zero is the half-normal (mean 0, stddev 1)",
          "[sim][distribution]") {
  const Distribution d = Distribution::normal(0.0, 1.0);
  CHECK(relative_error(d.mean(), std::sqrt(2 / std::numbers::pi)) < 1e-14);
  CHECK(relative_error(d.quantile(0.5), normal_quantile(0.75)) < 1e-14);
  CHECK(relative_error(d.quantile(0.99), normal_quantile(0.995)) < 1e-14);
}

TEST_CASE("Distribution: normal (mean 2, stddev 2, 16% mass re-drawn)", "[sim][distribution]") {
  const Distribution d = Distribution::normal(2.0, 2.0);
  CHECK(d.kind() == Distribution::Kind::kNormal);
  check_samples_match(d, truncated_normal_variance(2.0, 2.0), "normal");
}

TEST_CASE("Distribution: normal (mean 100, stddev 10, barely truncated)", "[sim][distribution]") {
  const Distribution d = Distribution::normal(100.0, 10.0);
  CHECK(relative_error(d.mean(), 100.0) < 1e-14);
  CHECK(relative_error(d.quantile(0.5), 100.0) < 1e-14);
  CHECK(relative_error(d.quantile(0.99), 100.0 + 10.0 * 2.326347874040841) < 1e-14);
  check_samples_match(d, truncated_normal_variance(100.0, 10.0), "normal-wide");
}

TEST_CASE("Distribution: normal sampled by inversion (mean -5, stddev 2, 0.6% kept)",
          "[sim][distribution]") {
  const Distribution d = Distribution::normal(-5.0, 2.0);
  check_samples_match(d, truncated_normal_variance(-5.0, 2.0), "normal-inverted");
}

TEST_CASE("Distribution: normal with stddev 0 is constant (mean 3)", "[sim][distribution]") {
  const Distribution d = Distribution::normal(3.0, 0.0);
  CHECK(d.is_constant());
  CHECK(d.mean() == 3.0);
  CHECK(d.quantile(0.9) == 3.0);
  Rng rng(1);
  CHECK(d.sample(rng) == 3.0);
}

TEST_CASE("Distribution: lognormal (median 50ms, p99 200ms, in ns)", "[sim][distribution]") {
  const double median = 50e6;
  const double p99 = 200e6;
  const Distribution d = Distribution::lognormal_median_p99(median, p99);
  CHECK(d.kind() == Distribution::Kind::kLognormal);
  CHECK(relative_error(d.quantile(0.5), median) < 1e-14);
  CHECK(relative_error(d.quantile(0.99), p99) < 1e-14);
  const double mu = std::log(median);
  const double sigma = (std::log(p99) - mu) / 2.326347874040841;
  CHECK(relative_error(d.mean(), std::exp(mu + sigma * sigma / 2)) < 1e-14);
  const double variance = (std::exp(sigma * sigma) - 1) * std::exp(2 * mu + sigma * sigma);
  check_samples_match(d, variance, "lognormal");
}

TEST_CASE("Distribution: exponential (mean 5)", "[sim][distribution]") {
  const Distribution d = Distribution::exponential(5.0);
  CHECK(d.kind() == Distribution::Kind::kExponential);
  CHECK(d.mean() == 5.0);
  CHECK(relative_error(d.quantile(0.5), 5.0 * std::log(2.0)) < 1e-15);
  CHECK(relative_error(d.quantile(0.99), 5.0 * std::log(100.0)) < 1e-14);
  check_samples_match(d, 25.0, "exponential");
}

TEST_CASE("Distribution: pareto (scale 1000, shape 3)", "[sim][distribution]") {
  // shape 3 > 2: the variance xm^2 a / ((a-1)^2 (a-2)) = 750000 is finite.
  const Distribution d = Distribution::pareto(1000.0, 3.0);
  CHECK(d.kind() == Distribution::Kind::kPareto);
  CHECK(d.mean() == 1500.0);
  CHECK(relative_error(d.quantile(0.875), 2000.0) < 1e-14);  // (1/8)^(-1/3) = 2
  check_samples_match(d, 750000.0, "pareto");
  CHECK(std::isinf(Distribution::pareto(1.0, 1.0).mean()));
}

TEST_CASE("Distribution: empirical table (p0 0, p50 10, p90 30, p99 100, p100 200)",
          "[sim][distribution]") {
  const std::vector<std::pair<double, double>> points = {
      {0, 0}, {50, 10}, {90, 30}, {99, 100}, {100, 200}};
  const Distribution d = Distribution::empirical(points);
  CHECK(d.kind() == Distribution::Kind::kEmpirical);
  CHECK(d.quantile(0.0) == 0.0);
  CHECK(d.quantile(0.5) == 10.0);
  CHECK(d.quantile(0.9) == 30.0);
  CHECK(d.quantile(0.99) == Approx(100.0).epsilon(1e-12));
  CHECK(d.quantile(0.995) == Approx(150.0).epsilon(1e-12));
  CHECK(d.quantile(0.7) == Approx(20.0).epsilon(1e-12));
  CHECK(d.quantile(1.0) == 200.0);
  // Each segment is uniform between its points: mean sum w (lo + hi) / 2 and
  // second moment sum w (lo^2 + lo hi + hi^2) / 3.
  double mean = 0;
  double second_moment = 0;
  for (size_t i = 1; i < points.size(); ++i) {
    const double w = (points[i].first - points[i - 1].first) / 100;
    const double lo = points[i - 1].second;
    const double hi = points[i].second;
    mean += w * (lo + hi) / 2;
    second_moment += w * (lo * lo + lo * hi + hi * hi) / 3;
  }
  CHECK(mean == Approx(17.85).epsilon(1e-12));
  CHECK(d.mean() == Approx(mean).epsilon(1e-12));
  check_samples_match(d, second_moment - mean * mean, "empirical");
}

// The scan of an empirical table starts at the first point above the
// percentile's whole part: the value must be the one a scan from the first
// point gives, bit for bit, with several points inside one whole percentile,
// points on whole percentiles and percentiles just below and on them.
TEST_CASE("Distribution: empirical table scanned from its guide (bit-identical)", "[sim][distribution]") {
  const std::vector<std::pair<double, double>> points = {
      {0, 1}, {0.5, 2}, {12.25, 3}, {12.75, 7}, {13, 8}, {50, 10}, {99.9, 400}, {99.99, 900}, {100, 2000}};
  const Distribution d = Distribution::empirical(points);
  const auto from_first = [&](double percentile) {
    size_t above = 1;
    while (above < points.size() && points[above].first <= percentile) ++above;
    if (above == points.size()) return points.back().second;
    const auto& hi = points[above];
    const auto& lo = points[above - 1];
    const double t = (percentile - lo.first) / (hi.first - lo.first);
    return lo.second + (hi.second - lo.second) * t;
  };
  std::vector<double> percentiles = {0, 0.25, 0.5, 1, 12, 12.25, 12.5, 12.75, 12.9, 13, 49.999, 50, 99, 99.9,
                                     99.95, 99.99, 99.999, 100};
  for (int i = 0; i <= 10000; ++i) percentiles.push_back(i / 100.0);
  for (const double percentile : percentiles) {
    const double p = percentile / 100.0;
    INFO("percentile " << percentile);
    CHECK(d.quantile(p) == from_first(p * 100.0));  // quantile(p) reads the table at p x 100
  }
}

TEST_CASE("LatencyModel: fixed base draws nothing (base 7ms)", "[sim][distribution]") {
  const LatencyModel model = LatencyModel::fixed(Duration::milliseconds(7));
  CHECK(model.is_constant());
  Rng rng(9);
  const Rng before = rng;
  CHECK(model.sample(rng) == Duration::milliseconds(7));
  Rng untouched = before;
  CHECK(rng.next_u64() == untouched.next_u64());
  CHECK(model.quantile_ns(0.99) == 7e6);
  CHECK(model.mean_ns() == 7e6);
  CHECK(LatencyModel().sample(rng) == Duration::zero());
}

TEST_CASE("LatencyModel: rounds jitter to the nearest ns (constant 0.4 and 0.5)",
          "[sim][distribution]") {
  Rng rng(1);
  const Duration base = Duration::nanoseconds(100);
  CHECK(LatencyModel(base, Distribution::constant(0.4)).sample(rng).ns() == 100);
  CHECK(LatencyModel(base, Distribution::constant(0.5)).sample(rng).ns() == 101);
  CHECK(LatencyModel(base, Distribution::constant(0.5)).is_constant());
}

TEST_CASE("LatencyModel: rounds as std::llround does, halves away from zero, up to 2^62",
          "[sim][distribution]") {
  Rng rng(1);
  for (const double jitter : {0.0, 0.49999999999999994, 2.5, 3.5, 1e6 + 0.5, 4503599627370495.5,
                              4503599627370497.0, 9007199254740993.0, 0x1.fffffffffffffp61}) {
    INFO(jitter);
    CHECK(LatencyModel(Duration::zero(), Distribution::constant(jitter)).sample(rng).ns() == std::llround(jitter));
  }
}

TEST_CASE("LatencyModel: huge jitter is clamped to kLatencyMax (pareto shape 0.1)",
          "[sim][distribution]") {
  const LatencyModel model(Duration::milliseconds(1), Distribution::pareto(1e6, 0.1));
  Rng rng(11);
  for (int i = 0; i < 10'000; ++i) {
    const Duration d = model.sample(rng);
    REQUIRE(d >= Duration::milliseconds(2));
    REQUIRE(d <= LatencyModel::kLatencyMax);
  }
}

TEST_CASE("LatencyModel: base plus exponential jitter (base 20ms, mean 5ms)",
          "[sim][distribution]") {
  const double base_ns = 20e6;
  const double mean_ns = 5e6;
  const LatencyModel model(Duration::milliseconds(20), Distribution::exponential(mean_ns));
  CHECK_FALSE(model.is_constant());
  CHECK(model.quantile_ns(0.5) == Approx(base_ns + mean_ns * std::log(2.0)).epsilon(1e-14));
  CHECK(model.quantile_ns(0.99) == Approx(base_ns + mean_ns * std::log(100.0)).epsilon(1e-14));
  CHECK(model.mean_ns() == base_ns + mean_ns);
  Rng rng = Rng::stream(2024, "latency");
  std::vector<double> samples(kDraws);
  for (double& s : samples) {
    const Duration d = model.sample(rng);
    REQUIRE(d >= Duration::milliseconds(20));
    s = static_cast<double>(d.ns());
  }
  // Same 5-standard-error rule on the probability axis as above (rounding to
  // the ns moves a value by at most 0.5 ns, far below these widths).
  for (double p : {0.5, 0.99}) {
    const double delta = kStandardErrors * std::sqrt(p * (1 - p) / kDraws);
    const double q = empirical_quantile(samples, p);
    INFO("p" << p << " empirical " << q << " exact " << model.quantile_ns(p));
    CHECK(q >= model.quantile_ns(p - delta) - 0.5);
    CHECK(q <= model.quantile_ns(p + delta) + 0.5);
  }
}

}  // namespace
}  // namespace sim
