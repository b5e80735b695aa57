#include "model/key_sampler.h"

#include <cmath>

#include "sim/assert.h"

namespace model {
namespace {

// log1p(x)/x, continuous at 0.
double log1p_over_x(double x) {
  return std::fabs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x / 3.0);
}

// expm1(x)/x, continuous at 0.
double expm1_over_x(double x) {
  return std::fabs(x) > 1e-8 ? std::expm1(x) / x : 1.0 + x * (0.5 + x / 6.0);
}

}  // namespace

KeySampler::KeySampler(uint64_t key_count, const KeyDistribution& distribution)
    : key_count_(key_count), distribution_(distribution) {
  GTSIM_ASSERT(key_count_ >= 1);
  switch (distribution_.kind) {
    case KeyDistributionKind::kUniform:
      break;
    case KeyDistributionKind::kHotspot: {
      const double hot = std::round(distribution_.hotspot_keys * static_cast<double>(key_count_));
      hot_keys_ = std::max<uint64_t>(1, std::min<uint64_t>(key_count_, static_cast<uint64_t>(hot)));
      // Probability as an integer ratio: compare one 64-bit draw, no float ties.
      const auto p = static_cast<long double>(distribution_.hotspot_traffic);
      hot_traffic_per_2_64_ =
          p >= 1.0L ? UINT64_MAX : static_cast<uint64_t>(p * 18446744073709551616.0L);
      break;
    }
    case KeyDistributionKind::kZipf: {
      GTSIM_ASSERT(distribution_.zipf_exponent > 0.0);
      const double n = static_cast<double>(key_count_);
      h_integral_x1_ = h_integral(1.5) - 1.0;
      h_integral_n_ = h_integral(n + 0.5);
      s_ = 2.0 - h_integral_inverse(h_integral(2.5) - h(2.0));
      break;
    }
  }
}

uint64_t KeySampler::sample(sim::Rng& rng) const {
  switch (distribution_.kind) {
    case KeyDistributionKind::kUniform:
      return rng.below(key_count_);
    case KeyDistributionKind::kHotspot: {
      const bool hot = rng.next_u64() < hot_traffic_per_2_64_;
      if (hot || hot_keys_ == key_count_) return rng.below(hot_keys_);
      return hot_keys_ + rng.below(key_count_ - hot_keys_);
    }
    case KeyDistributionKind::kZipf:
      return sample_zipf(rng);
  }
  return 0;
}

// Rejection-inversion over ranks 1..n; returns rank - 1.
uint64_t KeySampler::sample_zipf(sim::Rng& rng) const {
  const double n = static_cast<double>(key_count_);
  for (;;) {
    const double u = h_integral_n_ + rng.uniform01() * (h_integral_x1_ - h_integral_n_);
    const double x = h_integral_inverse(u);
    double k = std::floor(x + 0.5);
    if (k < 1.0) k = 1.0;
    if (k > n) k = n;
    if (k - x <= s_ || u >= h_integral(k + 0.5) - h(k)) {
      return static_cast<uint64_t>(k) - 1;
    }
  }
}

double KeySampler::h(double x) const { return std::exp(-distribution_.zipf_exponent * std::log(x)); }

double KeySampler::h_integral(double x) const {
  const double log_x = std::log(x);
  return expm1_over_x((1.0 - distribution_.zipf_exponent) * log_x) * log_x;
}

double KeySampler::h_integral_inverse(double x) const {
  double t = x * (1.0 - distribution_.zipf_exponent);
  if (t < -1.0) t = -1.0;  // numerical guard, as in the paper's reference code
  return std::exp(log1p_over_x(t) * x);
}

double KeySampler::probability(uint64_t key) const {
  if (key >= key_count_) return 0.0;
  const double n = static_cast<double>(key_count_);
  switch (distribution_.kind) {
    case KeyDistributionKind::kUniform:
      return 1.0 / n;
    case KeyDistributionKind::kHotspot: {
      const double p_hot = hot_keys_ == key_count_ ? 1.0 : distribution_.hotspot_traffic;
      return key < hot_keys_ ? p_hot / static_cast<double>(hot_keys_)
                             : (1.0 - p_hot) / static_cast<double>(key_count_ - hot_keys_);
    }
    case KeyDistributionKind::kZipf: {
      double normalizer = 0.0;
      for (uint64_t k = 1; k <= key_count_; ++k) {
        normalizer += std::pow(static_cast<double>(k), -distribution_.zipf_exponent);
      }
      return std::pow(static_cast<double>(key + 1), -distribution_.zipf_exponent) / normalizer;
    }
  }
  return 0.0;
}

}  // namespace model
