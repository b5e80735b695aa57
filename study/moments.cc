#include "study/moments.h"

#include <cmath>

#include "sim/assert.h"

namespace study {
namespace {

using sim::UInt128;

constexpr UInt128 kTwo64 = static_cast<UInt128>(1) << 64;

// An unsigned integer of 192 bits, least significant limb first: enough for
// n * (sum of squares) and sum^2 (both below 2^192 within the REQUIRES of add).
struct Wide {
  uint64_t limb[3] = {0, 0, 0};
};

Wide wide(UInt128 low, uint64_t high) {
  return Wide{{static_cast<uint64_t>(low), static_cast<uint64_t>(low >> 64), high}};
}

// a * m. REQUIRES: the product fits in 192 bits.
Wide times(const Wide& a, uint64_t m) {
  Wide out;
  UInt128 carry = 0;
  for (int i = 0; i < 3; ++i) {
    const UInt128 product = static_cast<UInt128>(a.limb[i]) * m + carry;
    out.limb[i] = static_cast<uint64_t>(product);
    carry = product >> 64;
  }
  GTSIM_ASSERT(carry == 0);
  return out;
}

// x^2. REQUIRES: x < 2^96.
Wide square(UInt128 x) {
  GTSIM_ASSERT((x >> 96) == 0);
  const auto low = static_cast<uint64_t>(x);
  const auto high = static_cast<uint64_t>(x >> 64);  // < 2^32
  const UInt128 low_square = static_cast<UInt128>(low) * low;
  const UInt128 cross = 2 * static_cast<UInt128>(high) * low;  // < 2^97
  const UInt128 middle = (low_square >> 64) + (cross & ~static_cast<uint64_t>(0));
  Wide out;
  out.limb[0] = static_cast<uint64_t>(low_square);
  out.limb[1] = static_cast<uint64_t>(middle);
  out.limb[2] = static_cast<uint64_t>((middle >> 64) + (cross >> 64) + static_cast<UInt128>(high) * high);
  return out;
}

// a - b. REQUIRES: a >= b.
Wide minus(const Wide& a, const Wide& b) {
  Wide out;
  uint64_t borrow = 0;
  for (int i = 0; i < 3; ++i) {
    const uint64_t step = a.limb[i] - b.limb[i];
    const uint64_t next_borrow = (a.limb[i] < b.limb[i] || step < borrow) ? 1 : 0;
    out.limb[i] = step - borrow;
    borrow = next_borrow;
  }
  GTSIM_ASSERT(borrow == 0);
  return out;
}

// The double nearest to a (ties to even): the top 128 bits, with a sticky
// bit for whatever lies below them, converted once.
double to_double(const Wide& a) {
  if (a.limb[2] == 0) return static_cast<double>(static_cast<UInt128>(a.limb[1]) << 64 | a.limb[0]);
  const int shift = 64 - __builtin_clzll(a.limb[2]);  // bits of a above the top 128 kept
  const UInt128 all_low = static_cast<UInt128>(a.limb[1]) << 64 | a.limb[0];
  UInt128 top = static_cast<UInt128>(a.limb[2]) << (128 - shift) | all_low >> shift;
  if ((all_low << (128 - shift)) != 0) top |= 1;  // sticky: 128 bits leave room for it below a double's 53
  return std::ldexp(static_cast<double>(top), shift);
}

UInt128 magnitude(sim::Int128 value) {
  return value < 0 ? static_cast<UInt128>(0) - static_cast<UInt128>(value) : static_cast<UInt128>(value);
}

}  // namespace

void Moments::add(sim::Int128 value) {
  const UInt128 size = magnitude(value);
  GTSIM_ASSERT(size < kTwo64 && n_ < (static_cast<uint64_t>(1) << 32));
  ++n_;
  sum_ += value;
  const UInt128 before = squares_low_;
  squares_low_ += size * size;  // < 2^128
  if (squares_low_ < before) ++squares_high_;
}

Estimate Moments::estimate() const {
  if (n_ == 0) return Estimate{};
  const double mean = static_cast<double>(sum_) / static_cast<double>(n_);
  if (n_ < 2) return make_estimate(n_, mean, 0.0);
  // n * sum of squares - sum^2 = n * (sum of squared deviations) >= 0 (Cauchy-Schwarz), exactly.
  const Wide spread = minus(times(wide(squares_low_, squares_high_), n_), square(magnitude(sum_)));
  const double n = static_cast<double>(n_);
  return make_estimate(n_, mean, to_double(spread) / (n * (n - 1.0)));
}

}  // namespace study
