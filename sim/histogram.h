// Histogram: a fixed-size, log-bucketed histogram of non-negative int64
// values (HdrHistogram-style), for latencies in ns, sizes in bytes, counts.
//
// Values below 2^kSubBucketBits (256) have a bucket each and are exact. Every
// larger power of two [2^e, 2^(e+1)) is split into 256 linear sub-buckets of
// width 2^(e-8), so a bucket is never wider than 1/256 of its lowest value.
// The buckets cover all of [0, INT64_MAX] in kBucketCount counters allocated
// once by the constructor: record() never allocates. Count, sum (128-bit),
// min and max are exact.
//
// Determinism: integer state only; merging in any order gives the same
// histogram. quantile() and cdf() are pure functions of that state.
// A moved-from Histogram may only be assigned to or destroyed.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/assert.h"
#include "sim/int128.h"

namespace sim {

class Histogram {
 public:
  static constexpr int kSubBucketBits = 8;
  static constexpr size_t kSubBucketCount = size_t{1} << kSubBucketBits;
  // One exact group [0, 256) plus one group of 256 for each e in [8, 62].
  static constexpr size_t kBucketCount = kSubBucketCount * (63 - kSubBucketBits + 1);

  Histogram();

  // REQUIRES: value >= 0. Inline: a request records several figures.
  void record(int64_t value) {
    GTSIM_ASSERT(value >= 0 && count_ != UINT64_MAX);
    ++counts_[bucket_index(value)];
    ++count_;
    sum_ += static_cast<UInt128>(value);
    min_ = value < min_ ? value : min_;
    max_ = value > max_ ? value : max_;
  }
  // Records value n times. REQUIRES: value >= 0.
  void record_n(int64_t value, uint64_t n);
  // Both cost the span of buckets between min and max, not kBucketCount.
  void merge(const Histogram& other);
  // Forgets every value (keeps the storage).
  void clear();

  uint64_t count() const { return count_; }
  int64_t min() const { return count_ == 0 ? 0 : min_; }  // 0 when empty
  int64_t max() const { return max_; }                    // 0 when empty
  // Exact sum / count (rounded once to double); 0 when empty.
  double mean() const;

  // The value at rank ceil(q * count) (q in [0, 1]; q = 0 gives min, q = 1
  // gives max), reported as the midpoint of its bucket clamped to [min, max]:
  // a histogram of one repeated value reports exactly that value, and the
  // relative error is at most 1/512 of the true value. 0 when empty.
  int64_t quantile(double q) const;

  // Fraction of recorded values <= v, to bucket accuracy: values sharing v's
  // bucket count as <= v. Exactly 0 below min and 1 at or above max.
  double cdf(int64_t v) const;

  friend bool operator==(const Histogram& a, const Histogram& b);

 private:
  static size_t bucket_index(int64_t value) {
    const uint64_t v = static_cast<uint64_t>(value);
    if (v < kSubBucketCount) return static_cast<size_t>(v);
    const int exponent = static_cast<int>(std::bit_width(v)) - 1;  // 8..62
    const int group = exponent - kSubBucketBits;                    // 0..54
    const size_t sub = static_cast<size_t>(v >> group) - kSubBucketCount;
    return kSubBucketCount + static_cast<size_t>(group) * kSubBucketCount + sub;
  }
  static int64_t bucket_lowest(size_t index);
  static int64_t bucket_width(size_t index);

  std::vector<uint64_t> counts_;  // kBucketCount, never resized
  uint64_t count_ = 0;
  UInt128 sum_ = 0;
  int64_t min_ = INT64_MAX;  // INT64_MAX while empty
  int64_t max_ = 0;
};

}  // namespace sim
