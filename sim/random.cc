#include "sim/random.h"

#include <cmath>

#include "sim/assert.h"
#include "sim/int128.h"

namespace sim {

namespace {

constexpr uint64_t kFnvOffsetBasis = 14695981039346656037ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

// The polar method accepts a point with probability pi/4; 1000 rejections in
// a row (probability 0.2146^1000) means the generator is broken.
constexpr int kPolarTriesMax = 1000;

}  // namespace

uint64_t splitmix64(uint64_t& state) {
  state += 0x9E3779B97F4A7C15ULL;
  uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t stable_hash(std::string_view name) {
  uint64_t hash = kFnvOffsetBasis;
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

Rng::Rng(uint64_t seed) {
  uint64_t state = seed;
  for (uint64_t& word : s_) word = splitmix64(state);
}

Rng Rng::stream(uint64_t root_seed, std::string_view name) {
  // Mix the root seed first so that nearby seeds and the name hash do not
  // cancel each other by a plain xor.
  uint64_t state = root_seed;
  uint64_t mixed = splitmix64(state) ^ stable_hash(name);
  return Rng(splitmix64(mixed));
}

uint64_t Rng::below_rejecting(uint64_t n, UInt128 product) {
  uint64_t low = static_cast<uint64_t>(product);
  const uint64_t threshold = (uint64_t{0} - n) % n;  // 2^64 mod n
  while (low < threshold) {
    product = static_cast<UInt128>(next_u64()) * n;
    low = static_cast<uint64_t>(product);
  }
  return static_cast<uint64_t>(product >> 64);
}

double Rng::standard_normal() {
  for (int tries = 0; tries < kPolarTriesMax; ++tries) {
    const double u = 2.0 * uniform01() - 1.0;
    const double v = 2.0 * uniform01() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
  GTSIM_ASSERT(false && "standard_normal: polar method never accepted");
  return 0.0;
}

}  // namespace sim
