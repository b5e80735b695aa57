// Tests for model/key_sampler.h: over 1,000,000 draws from a fixed stream,
// the observed frequency of each of the hottest keys (and of the hot set)
// matches KeySampler::probability() within 4 standard errors; zipf over
// 100,000,000 keys samples in O(1) memory; a golden sequence pins the
// rejection-inversion algorithm.
//
// Tolerance: a key drawn with probability p in n independent draws is
// counted Binomial(n, p) times, so its observed frequency has standard error
// sqrt(p * (1 - p) / n). 4 SE is wide enough that a correct sampler fails
// with probability about 6e-5 per check, and the seed is fixed anyway, so a
// failure means the distribution changed, not bad luck.
#include "model/key_sampler.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace model {
namespace {

constexpr int kDraws = 1'000'000;

// 4 binomial standard errors of a frequency with probability p over n draws.
double four_se(double p, int n) { return 4.0 * std::sqrt(p * (1.0 - p) / n); }

std::vector<int> counts(const KeySampler& sampler, uint64_t key_count, uint64_t seed) {
  sim::Rng rng = sim::Rng::stream(seed, "keys");
  std::vector<int> seen(key_count, 0);
  for (int i = 0; i < kDraws; ++i) {
    const uint64_t key = sampler.sample(rng);
    REQUIRE(key < key_count);
    ++seen[key];
  }
  return seen;
}

void check_frequency(int seen, double p, const std::string& what) {
  INFO(what << ": seen " << seen << " of " << kDraws << ", expected probability " << p);
  CHECK(std::fabs(static_cast<double>(seen) / kDraws - p) <= four_se(p, kDraws));
}

KeyDistribution zipf(double exponent) {
  KeyDistribution d;
  d.kind = KeyDistributionKind::kZipf;
  d.zipf_exponent = exponent;
  return d;
}

TEST_CASE("KeySampler: uniform frequencies match probability (1000 keys)", "[model][key_sampler]") {
  const KeySampler sampler(1000, KeyDistribution{});
  const std::vector<int> seen = counts(sampler, 1000, 7);
  CHECK(sampler.probability(0) == 1.0 / 1000);
  CHECK(sampler.probability(1000) == 0.0);
  for (const uint64_t key : {0, 1, 2, 499, 998, 999}) {
    check_frequency(seen[key], sampler.probability(key), "key " + std::to_string(key));
  }
}

TEST_CASE("KeySampler: zipf frequencies of the top keys match probability (1000 keys)",
          "[model][key_sampler]") {
  for (const double exponent : {1.0, 1.5}) {
    INFO("exponent " << exponent);
    const KeySampler sampler(1000, zipf(exponent));
    const std::vector<int> seen = counts(sampler, 1000, 11);
    double total = 0;
    for (uint64_t key = 0; key < 1000; ++key) total += sampler.probability(key);
    CHECK(total == Approx(1.0).epsilon(1e-12));
    for (uint64_t key = 0; key < 10; ++key) {
      check_frequency(seen[key], sampler.probability(key), "key " + std::to_string(key));
    }
    check_frequency(seen[999], sampler.probability(999), "key 999");
  }
}

TEST_CASE("KeySampler: zipf over 100,000,000 keys samples in range without a table",
          "[model][key_sampler]") {
  // The sampler holds a few doubles whatever the key count; a table would be 800 MB.
  static_assert(sizeof(KeySampler) < 128);
  const uint64_t key_count = 100'000'000;
  const KeySampler sampler(key_count, zipf(1.0));
  sim::Rng rng = sim::Rng::stream(3, "keys");
  uint64_t max_key = 0;
  int key_0 = 0;
  for (int i = 0; i < kDraws; ++i) {
    const uint64_t key = sampler.sample(rng);
    REQUIRE(key < key_count);
    max_key = std::max(max_key, key);
    key_0 += key == 0 ? 1 : 0;
  }
  CHECK(max_key > key_count / 100);  // the long tail is reached
  // P(key 0) = 1 / H(10^8) ~ 1 / 19.0: hot, as zipf should be.
  CHECK(key_0 > kDraws / 25);
  CHECK(key_0 < kDraws / 15);
}

TEST_CASE("KeySampler: 10^10 keys (the keys limit): zipf, hotspot and uniform draw 64-bit keys without a table",
          "[model][key_sampler]") {
  const uint64_t key_count = 10'000'000'000;
  KeyDistribution hotspot;
  hotspot.kind = KeyDistributionKind::kHotspot;
  hotspot.hotspot_traffic = 0.5;
  hotspot.hotspot_keys = 0.5;
  const KeySampler zipf_keys(key_count, zipf(1.0));
  const KeySampler hot_keys(key_count, hotspot);
  const KeySampler uniform_keys(key_count, KeyDistribution{});
  sim::Rng rng = sim::Rng::stream(5, "keys");
  int key_0 = 0;
  uint64_t max_hot = 0;
  uint64_t max_uniform = 0;
  for (int i = 0; i < kDraws; ++i) {
    const uint64_t z = zipf_keys.sample(rng);
    REQUIRE(z < key_count);
    key_0 += z == 0 ? 1 : 0;
    max_hot = std::max(max_hot, hot_keys.sample(rng));
    max_uniform = std::max(max_uniform, uniform_keys.sample(rng));
  }
  // P(key 0) = 1 / H(10^10) ~ 1 / 23.6.
  CHECK(key_0 > kDraws / 27);
  CHECK(key_0 < kDraws / 21);
  CHECK(max_hot < key_count);
  CHECK(max_hot > (uint64_t{1} << 32));  // beyond 32 bits
  CHECK(max_uniform < key_count);
  CHECK(max_uniform > key_count - key_count / 100);
}

TEST_CASE("KeySampler: hotspot puts 90% of traffic on 10% of keys (1000 keys)", "[model][key_sampler]") {
  KeyDistribution d;
  d.kind = KeyDistributionKind::kHotspot;
  d.hotspot_traffic = 0.9;
  d.hotspot_keys = 0.1;
  const KeySampler sampler(1000, d);
  const std::vector<int> seen = counts(sampler, 1000, 13);
  CHECK(sampler.probability(0) == Approx(0.9 / 100));
  CHECK(sampler.probability(100) == Approx(0.1 / 900));
  int hot = 0;
  double p_hot = 0;
  for (uint64_t key = 0; key < 100; ++key) {
    hot += seen[key];
    p_hot += sampler.probability(key);
  }
  CHECK(p_hot == Approx(0.9));
  check_frequency(hot, p_hot, "the hot set, keys 0-99");
  for (const uint64_t key : {0, 1, 99, 100, 500, 999}) {
    check_frequency(seen[key], sampler.probability(key), "key " + std::to_string(key));
  }
}

// Golden values: printed once from this implementation and pasted here. If
// they change, every scenario with a zipf table draws other keys: do not
// update them without saying so in the commit.
TEST_CASE("KeySampler: golden first keys of zipf (exponent 1.0, 1000 keys, seed 1)",
          "[model][key_sampler]") {
  const KeySampler sampler(1000, zipf(1.0));
  sim::Rng rng = sim::Rng::stream(1, "keys");
  std::vector<uint64_t> keys;
  for (int i = 0; i < 5; ++i) keys.push_back(sampler.sample(rng));
  CHECK(keys == std::vector<uint64_t>{67, 8, 641, 0, 3});
}

}  // namespace
}  // namespace model
