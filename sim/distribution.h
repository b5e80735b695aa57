// Distribution: a value-type probability distribution over non-negative
// reals, in a unit the caller chooses (nanoseconds for latencies, bytes for
// item sizes). LatencyModel: a fixed base Duration plus an optional jitter.
//
// Each kind knows its exact inverse CDF (quantile) and mean, so tests and docs
// can state what a scenario means without sampling. Factories check their
// preconditions with GTSIM_ASSERT: a bad parameter is a programmer error here,
// because the scenario loader validates user input before building one.
//
// Determinism: sampling uses only the caller's Rng stream and our own code
// (inverse normal CDF: Acklam's approximation refined by one Halley step on
// std::erfc). sample() never allocates; an empirical table allocates only
// when built or copied. Truncated-normal draws below zero are re-drawn from
// the same stream, so the number of values consumed varies but is a pure
// function of the stream.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "sim/assert.h"
#include "sim/random.h"
#include "sim/time.h"

namespace sim {

// Standard normal CDF Phi(x), via std::erfc (accurate in both tails).
double normal_cdf(double x);

// Inverse of Phi. REQUIRES: 0 < p < 1. Relative error about 1e-15.
double normal_quantile(double p);

class Distribution {
 public:
  enum class Kind { kConstant, kUniform, kNormal, kLognormal, kExponential, kPareto, kEmpirical };

  // REQUIRES: value >= 0.
  static Distribution constant(double value);
  // REQUIRES: 0 <= min <= max.
  static Distribution uniform(double min, double max);
  // Normal truncated at zero: negative draws are re-drawn. REQUIRES: stddev >=
  // 0; mean >= 0 if stddev == 0 (then it is the constant mean); a kept mass
  // P(X >= 0) above 1e-300 (mean > -37 stddev). When the kept mass is below
  // 1% the sample is drawn by inversion instead, so sampling is bounded.
  static Distribution normal(double mean, double stddev);
  // mu = ln(median), sigma = (ln(p99) - mu) / Phi^-1(0.99). REQUIRES: 0 < median < p99.
  static Distribution lognormal_median_p99(double median, double p99);
  // REQUIRES: mean >= 0.
  static Distribution exponential(double mean);
  // xm = scale, alpha = shape; F(x) = 1 - (xm/x)^alpha for x >= xm.
  // REQUIRES: scale > 0, shape > 0.
  static Distribution pareto(double scale, double shape);
  // Percentile table of (percentile in [0,100], value): percentiles strictly
  // increasing from 0 to 100, values non-negative and non-decreasing; the
  // inverse CDF is linear between points.
  static Distribution empirical(std::vector<std::pair<double, double>> points);

  Kind kind() const { return kind_; }

  // Inline for the exponential (a link's jitter, drawn for every record
  // shipped) and the constant (the default item size), a direct call for the
  // empirical table (the default service time); the other kinds through one
  // switch. Each call site thus branches on its own distribution's kind.
  double sample(Rng& rng) const {
    if (kind_ == Kind::kExponential) return rng.exponential(a_);
    if (kind_ == Kind::kConstant) return a_;
    if (kind_ == Kind::kEmpirical) return sample_empirical(rng);
    return sample_other(rng);
  }

  // Exact inverse CDF at p in (0, 1) (for normal: of the truncated
  // distribution). Also defined at p = 0 and 1 where finite.
  double quantile(double p) const;

  // Exact mean (of the truncated distribution for normal); infinity for a
  // pareto with shape <= 1.
  double mean() const;

  // True when every sample is the same value (sample may still draw).
  bool is_constant() const;

 private:
  explicit Distribution(Kind kind) : kind_(kind) {}

  double sample_other(Rng& rng) const;
  double sample_empirical(Rng& rng) const;

  // Truncated normal: the inverse CDF through the kept upper tail, accurate
  // even when the kept mass is small.
  double normal_truncated_quantile(double p) const;
  // Empirical: the inverse CDF at `percentile` (0..100), linear between points.
  double empirical_at(double percentile) const;

  Kind kind_;
  // Meaning by kind: constant (a_ = value); uniform (a_ = min, b_ = max);
  // normal (a_ = mean, b_ = stddev, kept_mass_ = P(N(a_, b_) >= 0));
  // lognormal (a_ = mu, b_ = sigma); exponential (a_ = mean);
  // pareto (a_ = scale, b_ = shape).
  double a_ = 0;
  double b_ = 0;
  double kept_mass_ = 1;
  std::vector<std::pair<double, double>> points_;  // empirical only
  // Empirical only: scan_from_[i] is the first point strictly above
  // percentile i (i = 0..100). A percentile in [i, i + 1) lies below every
  // point from there on but no earlier one, so its scan may start there and
  // finds the point a scan from the first would.
  std::vector<uint32_t> scan_from_;
};

class LatencyModel {
 public:
  // Latencies are clamped to this so that "now + latency" cannot overflow in
  // any run shorter than about 146 years (only heavy-tailed jitter gets near).
  static constexpr Duration kLatencyMax = Duration::nanoseconds(int64_t{1} << 62);

  LatencyModel();  // zero
  static LatencyModel fixed(Duration base);
  // REQUIRES: Duration::zero() <= base <= kLatencyMax.
  LatencyModel(Duration base, std::optional<Distribution> jitter_ns);

  // base + jitter rounded to the nearest ns (halves away from zero), clamped
  // to kLatencyMax; never negative. Exactly base when there is no jitter, and
  // then draws nothing from rng.
  // Inline: every record shipped draws its latency and its apply time.
  Duration sample(Rng& rng) const {
    if (!jitter_ns_.has_value()) return base_;
    const double jitter = jitter_ns_->sample(rng);
    GTSIM_ASSERT(jitter >= 0.0);  // also rejects NaN
    const Duration room = kLatencyMax - base_;
    // Compare in double before converting: the jitter may be huge or infinite.
    if (jitter >= static_cast<double>(room.ns())) return kLatencyMax;
    // Rounded half away from zero, as std::llround does for a non-negative
    // value below 2^62, without its call: jitter - whole is exact.
    auto whole = static_cast<int64_t>(jitter);
    if (jitter - static_cast<double>(whole) >= 0.5) ++whole;
    return base_ + Duration::nanoseconds(whole);
  }

  Duration base() const { return base_; }
  const std::optional<Distribution>& jitter_ns() const { return jitter_ns_; }

  // base + the jitter's quantile, in ns (p in (0, 1)).
  double quantile_ns(double p) const;
  double mean_ns() const;
  // True when every sample is the same (no jitter, or constant jitter).
  bool is_constant() const;

 private:
  Duration base_;
  std::optional<Distribution> jitter_ns_;
};

}  // namespace sim
