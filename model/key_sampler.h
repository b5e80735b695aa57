// KeySampler: which item a request touches, drawn from the table's key
// distribution (uniform, zipf, hotspot). Key 0 is the hottest.
//
// Zipf uses rejection-inversion (Hoermann and Derflinger, 1996): O(1) memory
// and expected O(1) time for any key count, so a 100-million-key table costs
// nothing at start-up. Every draw comes from the Rng passed in, so a sampler
// holds no random state of its own.
#pragma once

#include <cstdint>

#include "model/scenario.h"
#include "sim/random.h"

namespace model {

class KeySampler {
 public:
  KeySampler(uint64_t key_count, const KeyDistribution& distribution);

  uint64_t sample(sim::Rng& rng) const;

  // Probability of key k (for tests and docs).
  double probability(uint64_t key) const;

 private:
  uint64_t sample_zipf(sim::Rng& rng) const;
  double h(double x) const;
  double h_integral(double x) const;
  double h_integral_inverse(double x) const;

  uint64_t key_count_;
  KeyDistribution distribution_;
  uint64_t hot_keys_ = 0;                 // hotspot: keys [0, hot_keys_) are hot
  uint64_t hot_traffic_per_2_64_ = 0;     // hotspot: P(hot) as an integer ratio of 2^64
  // Zipf constants (see the paper; names follow it).
  double h_integral_x1_ = 0.0;
  double h_integral_n_ = 0.0;
  double s_ = 0.0;
};

}  // namespace model
