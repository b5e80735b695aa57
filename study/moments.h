// Moments: the count, the exact sum and the exact sum of squares of integer
// values taken one at a time (a figure of each run, or the paired difference
// of two runs), and the Estimate (study/statistics.h) they give. What a
// study's tables keep instead of its rows: 48 bytes per point and figure,
// whatever the number of seeds.
//
// Exact: the sums are integers wide enough never to overflow (|value| below
// 2^64, so any difference of two int64 figures; fewer than 2^32 values), so
// the result does not depend on the order the values came in, and the mean
// and the variance are each rounded once from exact integers:
//   mean     = sum / n
//   variance = (n * sum of squares - sum^2) / (n (n - 1))
// For a sum below 2^53 in magnitude (every study so far) the mean is the
// very double the two-pass estimate() gives; the standard deviation agrees
// with it to a few units in the last place, and is the more accurate of the
// two when the values are large (tests/study/moments_test.cc).
#pragma once

#include <cstdint>

#include "sim/int128.h"
#include "study/statistics.h"

namespace study {

class Moments {
 public:
  // REQUIRES: |value| < 2^64 and count() < 2^32.
  void add(sim::Int128 value);

  uint64_t count() const { return n_; }
  Estimate estimate() const;

 private:
  uint64_t n_ = 0;
  sim::Int128 sum_ = 0;            // |sum| < 2^96
  sim::UInt128 squares_low_ = 0;   // the sum of squares (< 2^160): its low 128 bits
  uint64_t squares_high_ = 0;      // and the bits above them
};

}  // namespace study
