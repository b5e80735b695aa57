// The project's own pseudo-random numbers: SplitMix64 seeding xoshiro256**.
//
// Every random consumer owns an Rng stream identified by (root seed, stable
// name), e.g. Rng::stream(seed, "network/us-east-1->eu-west-1"); the world's
// names are built and listed in model/random_streams.h. A stream's
// numbers depend only on the root seed and its name, never on how many other
// streams exist or in which order they were created, so adding a component
// never shifts the numbers another component draws.
//
// Determinism: the generator and every sampling method here are our own code
// (no std:: distributions, whose output differs between standard libraries).
// Integer outputs are bit-exact everywhere. uniform01 and uniform_open01 are
// exact too; exponential and standard_normal use std::log and std::sqrt
// (sqrt is exactly rounded by IEEE 754; log is from the platform's libm).
// An Rng is a small value type: copying it forks an identical sequence.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include "sim/assert.h"
#include "sim/int128.h"

namespace sim {

// One SplitMix64 step: advances state and returns the next output. Used for
// seeding and stream derivation.
uint64_t splitmix64(uint64_t& state);

// 64-bit FNV-1a of the bytes of name (stable across platforms and runs).
uint64_t stable_hash(std::string_view name);

// xoshiro256** (Blackman and Vigna, 2018).
class Rng {
 public:
  // Seeds the four state words with four SplitMix64 outputs of seed; they can
  // never be all zero.
  explicit Rng(uint64_t seed);

  // The stream named name under root_seed.
  static Rng stream(uint64_t root_seed, std::string_view name);

  // The draws a request makes are inline: they run several times per event.
  uint64_t next_u64() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1): 53 random bits, so every value is a multiple of 2^-53.
  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // Uniform in (0, 1): never 0 nor 1 (safe for log); multiples of 2^-52 plus 2^-53.
  double uniform_open01() { return (static_cast<double>(next_u64() >> 12) + 0.5) * 0x1.0p-52; }

  // Uniform in [0, n), unbiased (Lemire's multiply-and-reject method).
  // REQUIRES: n > 0.
  uint64_t below(uint64_t n) {
    GTSIM_ASSERT(n > 0);
    UInt128 product = static_cast<UInt128>(next_u64()) * n;
    if (static_cast<uint64_t>(product) < n) return below_rejecting(n, product);
    return static_cast<uint64_t>(product >> 64);
  }

  // Exponential with the given mean, by inversion: -mean * log(uniform_open01()).
  // REQUIRES: mean >= 0.
  double exponential(double mean) {
    GTSIM_ASSERT(mean >= 0);
    return -mean * std::log(uniform_open01());
  }

  // Standard normal N(0, 1) by Marsaglia's polar method (uses only log and
  // sqrt); the second value of each pair is discarded so that an Rng stays a
  // plain four-word state.
  double standard_normal();

 private:
  static constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  // below()'s rare case: the low word fell under n, so the draw may be rejected.
  uint64_t below_rejecting(uint64_t n, UInt128 product);

  uint64_t s_[4];
};

}  // namespace sim
