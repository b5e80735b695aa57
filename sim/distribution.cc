#include "sim/distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/assert.h"

namespace sim {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kSqrt2 = 1.41421356237309504880;
constexpr double kSqrt2Pi = 2.50662827463100050242;

// Truncated normal: re-draw negatives while the kept mass is at least this;
// below it, sample by inversion. With mass >= 1%, kRedrawTriesMax failures in
// a row have probability 0.99^10000 < 1e-43: hitting the assert means a bug.
constexpr double kRedrawKeptMassMin = 0.01;
constexpr int kRedrawTriesMax = 10000;
constexpr double kKeptMassMin = 1e-300;

// Acklam's rational approximation of the inverse normal CDF (relative error
// below 1.15e-9), coefficients as published by Peter J. Acklam.
constexpr double kA[6] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                          1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
constexpr double kB[5] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                          6.680131188771972e+01, -1.328068155288572e+01};
constexpr double kC[6] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                          -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
constexpr double kD[4] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                          3.754408661907416e+00};
constexpr double kAcklamLow = 0.02425;

double acklam_tail(double q) {  // q = sqrt(-2 ln p) for the lower tail
  return (((((kC[0] * q + kC[1]) * q + kC[2]) * q + kC[3]) * q + kC[4]) * q + kC[5]) /
         ((((kD[0] * q + kD[1]) * q + kD[2]) * q + kD[3]) * q + 1.0);
}

double standard_normal_density(double x) { return std::exp(-0.5 * x * x) / kSqrt2Pi; }

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x / kSqrt2); }

double normal_quantile(double p) {
  GTSIM_ASSERT(p > 0.0 && p < 1.0);
  double x = 0;
  if (p < kAcklamLow) {
    x = acklam_tail(std::sqrt(-2.0 * std::log(p)));
  } else if (p <= 1.0 - kAcklamLow) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((kA[0] * r + kA[1]) * r + kA[2]) * r + kA[3]) * r + kA[4]) * r + kA[5]) * q /
        (((((kB[0] * r + kB[1]) * r + kB[2]) * r + kB[3]) * r + kB[4]) * r + 1.0);
  } else {
    x = -acklam_tail(std::sqrt(-2.0 * std::log1p(-p)));
  }
  // One Halley step on Phi(x) - p brings the error to machine precision.
  const double e = normal_cdf(x) - p;
  const double u = e * kSqrt2Pi * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}

Distribution Distribution::constant(double value) {
  GTSIM_ASSERT(value >= 0.0 && std::isfinite(value));
  Distribution d(Kind::kConstant);
  d.a_ = value;
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  GTSIM_ASSERT(min >= 0.0 && min <= max && std::isfinite(max));
  Distribution d(Kind::kUniform);
  d.a_ = min;
  d.b_ = max;
  return d;
}

Distribution Distribution::normal(double mean, double stddev) {
  GTSIM_ASSERT(std::isfinite(mean) && std::isfinite(stddev) && stddev >= 0.0);
  Distribution d(Kind::kNormal);
  d.a_ = mean;
  d.b_ = stddev;
  if (stddev == 0.0) {
    GTSIM_ASSERT(mean >= 0.0);
    d.kept_mass_ = 1.0;
  } else {
    d.kept_mass_ = normal_cdf(mean / stddev);  // P(N(mean, stddev) >= 0)
    GTSIM_ASSERT(d.kept_mass_ > kKeptMassMin);
  }
  return d;
}

Distribution Distribution::lognormal_median_p99(double median, double p99) {
  GTSIM_ASSERT(median > 0.0 && median < p99 && std::isfinite(p99));
  Distribution d(Kind::kLognormal);
  d.a_ = std::log(median);
  d.b_ = (std::log(p99) - d.a_) / normal_quantile(0.99);
  return d;
}

Distribution Distribution::exponential(double mean) {
  GTSIM_ASSERT(mean >= 0.0 && std::isfinite(mean));
  Distribution d(Kind::kExponential);
  d.a_ = mean;
  return d;
}

Distribution Distribution::pareto(double scale, double shape) {
  GTSIM_ASSERT(scale > 0.0 && shape > 0.0 && std::isfinite(scale) && std::isfinite(shape));
  Distribution d(Kind::kPareto);
  d.a_ = scale;
  d.b_ = shape;
  return d;
}

Distribution Distribution::empirical(std::vector<std::pair<double, double>> points) {
  GTSIM_ASSERT(points.size() >= 2);
  GTSIM_ASSERT(points.front().first == 0.0 && points.back().first == 100.0);
  GTSIM_ASSERT(points.front().second >= 0.0);
  for (size_t i = 1; i < points.size(); ++i) {
    GTSIM_ASSERT(points[i - 1].first < points[i].first);
    GTSIM_ASSERT(points[i - 1].second <= points[i].second);
  }
  GTSIM_ASSERT(std::isfinite(points.back().second));
  Distribution d(Kind::kEmpirical);
  d.points_ = std::move(points);
  d.scan_from_.resize(101);
  size_t above = 1;
  for (size_t i = 0; i <= 100; ++i) {
    while (above < d.points_.size() && d.points_[above].first <= static_cast<double>(i)) ++above;
    d.scan_from_[i] = static_cast<uint32_t>(above);
  }
  return d;
}

double Distribution::sample_empirical(Rng& rng) const { return empirical_at(rng.uniform01() * 100.0); }

double Distribution::sample_other(Rng& rng) const {
  switch (kind_) {
    case Kind::kConstant:
      return a_;
    case Kind::kUniform:
      return a_ + (b_ - a_) * rng.uniform01();
    case Kind::kNormal:
      if (b_ == 0.0) return a_;
      if (kept_mass_ < kRedrawKeptMassMin) return normal_truncated_quantile(rng.uniform_open01());
      for (int tries = 0; tries < kRedrawTriesMax; ++tries) {
        const double x = a_ + b_ * rng.standard_normal();
        if (x >= 0.0) return x;
      }
      GTSIM_ASSERT(false && "truncated normal: too many negative draws");
      return 0.0;
    case Kind::kLognormal:
      return std::exp(a_ + b_ * rng.standard_normal());
    case Kind::kExponential:
      return rng.exponential(a_);
    case Kind::kPareto:
      return a_ * std::pow(rng.uniform_open01(), -1.0 / b_);
    case Kind::kEmpirical:
      return sample_empirical(rng);
  }
  GTSIM_ASSERT(false && "unknown distribution kind");
  return 0.0;
}

double Distribution::normal_truncated_quantile(double p) const {
  if (p <= 0.0) return 0.0;
  if (p >= 1.0) return kInfinity;
  // With m the kept mass and c = Phi(-mean/stddev) = 1 - m the cut-off, the
  // answer is Phi^-1(c + p*m) = -Phi^-1((1 - p) * m). Use whichever tail
  // probability is below one half, where doubles are most precise.
  const double lower = normal_cdf(-a_ / b_) + p * kept_mass_;
  if (lower <= 0.0) return 0.0;  // p * m underflowed: the cut-off itself
  const double z = lower < 0.5 ? normal_quantile(lower) : -normal_quantile((1.0 - p) * kept_mass_);
  return std::max(0.0, a_ + b_ * z);
}

// A scan, not a binary search: tables are short, and the scan starts at the
// first point above the percentile's whole part (usually the one it needs).
double Distribution::empirical_at(double percentile) const {
  // The first point strictly above percentile; below 100 keeps it inside the table.
  size_t above = percentile >= 0.0 ? scan_from_[static_cast<size_t>(std::min(percentile, 100.0))] : 1;
  const size_t n = points_.size();
  while (above < n && points_[above].first <= percentile) ++above;
  if (above == n) return points_.back().second;
  const std::pair<double, double>& hi = points_[above];
  const std::pair<double, double>& lo = points_[above - 1];
  const double t = (percentile - lo.first) / (hi.first - lo.first);
  return lo.second + (hi.second - lo.second) * t;
}

double Distribution::quantile(double p) const {
  GTSIM_ASSERT(p >= 0.0 && p <= 1.0);
  switch (kind_) {
    case Kind::kConstant:
      return a_;
    case Kind::kUniform:
      return a_ + (b_ - a_) * p;
    case Kind::kNormal:
      if (b_ == 0.0) return a_;
      return normal_truncated_quantile(p);
    case Kind::kLognormal:
      if (p <= 0.0) return 0.0;
      if (p >= 1.0) return kInfinity;
      return std::exp(a_ + b_ * normal_quantile(p));
    case Kind::kExponential:
      return -a_ * std::log1p(-p);
    case Kind::kPareto:
      return a_ * std::pow(1.0 - p, -1.0 / b_);
    case Kind::kEmpirical:
      return empirical_at(p * 100.0);
  }
  GTSIM_ASSERT(false && "unknown distribution kind");
  return 0.0;
}

bool Distribution::is_constant() const {
  switch (kind_) {
    case Kind::kConstant:
      return true;
    case Kind::kUniform:
      return a_ == b_;
    case Kind::kNormal:
      return b_ == 0.0;
    case Kind::kExponential:
      return a_ == 0.0;
    case Kind::kLognormal:
    case Kind::kPareto:
      return false;
    case Kind::kEmpirical:
      return points_.front().second == points_.back().second;
  }
  return false;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::kConstant:
      return a_;
    case Kind::kUniform:
      return 0.5 * (a_ + b_);
    case Kind::kNormal: {
      if (b_ == 0.0) return a_;
      // E[X | X >= 0] = mean + stddev * phi(t) / m, t = -mean/stddev the cut-off.
      const double t = -a_ / b_;
      return std::max(0.0, a_ + b_ * standard_normal_density(t) / kept_mass_);
    }
    case Kind::kLognormal:
      return std::exp(a_ + 0.5 * b_ * b_);
    case Kind::kExponential:
      return a_;
    case Kind::kPareto:
      return b_ <= 1.0 ? kInfinity : b_ * a_ / (b_ - 1.0);
    case Kind::kEmpirical: {
      // Between two points the value is uniform on [lo, hi]: mean (lo + hi) / 2.
      double sum = 0.0;
      for (size_t i = 1; i < points_.size(); ++i) {
        const double weight = (points_[i].first - points_[i - 1].first) / 100.0;
        sum += weight * 0.5 * (points_[i - 1].second + points_[i].second);
      }
      return sum;
    }
  }
  GTSIM_ASSERT(false && "unknown distribution kind");
  return 0.0;
}

LatencyModel::LatencyModel() = default;

LatencyModel LatencyModel::fixed(Duration base) { return LatencyModel(base, std::nullopt); }

LatencyModel::LatencyModel(Duration base, std::optional<Distribution> jitter_ns)
    : base_(base), jitter_ns_(std::move(jitter_ns)) {
  GTSIM_ASSERT(base >= Duration::zero() && base <= kLatencyMax);
}

double LatencyModel::quantile_ns(double p) const {
  const double base = static_cast<double>(base_.ns());
  return jitter_ns_.has_value() ? base + jitter_ns_->quantile(p) : base;
}

double LatencyModel::mean_ns() const {
  const double base = static_cast<double>(base_.ns());
  return jitter_ns_.has_value() ? base + jitter_ns_->mean() : base;
}

bool LatencyModel::is_constant() const {
  return !jitter_ns_.has_value() || jitter_ns_->is_constant();
}

}  // namespace sim
