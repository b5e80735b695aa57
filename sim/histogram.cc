#include "sim/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "sim/assert.h"

namespace sim {

Histogram::Histogram() : counts_(kBucketCount, 0) {}

int64_t Histogram::bucket_lowest(size_t index) {
  if (index < kSubBucketCount) return static_cast<int64_t>(index);
  const size_t group = (index - kSubBucketCount) / kSubBucketCount;
  const size_t sub = (index - kSubBucketCount) % kSubBucketCount;
  return static_cast<int64_t>((kSubBucketCount + sub) << group);
}

int64_t Histogram::bucket_width(size_t index) {
  if (index < kSubBucketCount) return 1;
  return int64_t{1} << ((index - kSubBucketCount) / kSubBucketCount);
}

// Only the buckets between min and max can be non-zero: clearing and
// merging touch those alone, so an empty or narrow histogram costs little.
void Histogram::clear() {
  if (count_ == 0) return;
  std::fill(counts_.begin() + static_cast<std::ptrdiff_t>(bucket_index(min_)),
            counts_.begin() + static_cast<std::ptrdiff_t>(bucket_index(max_)) + 1, 0);
  count_ = 0;
  sum_ = 0;
  min_ = INT64_MAX;
  max_ = 0;
}

void Histogram::record_n(int64_t value, uint64_t n) {
  GTSIM_ASSERT(value >= 0);
  GTSIM_ASSERT(count_ + n >= count_);  // the count never wraps
  if (n == 0) return;
  counts_[bucket_index(value)] += n;
  count_ += n;
  sum_ += static_cast<UInt128>(value) * n;  // < 2^63 * 2^64: fits
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
}

void Histogram::merge(const Histogram& other) {
  GTSIM_ASSERT(count_ + other.count_ >= count_);
  if (other.count_ == 0) return;
  const size_t last = bucket_index(other.max_);
  for (size_t i = bucket_index(other.min_); i <= last; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double Histogram::mean() const {
  if (count_ == 0) return 0.0;
  // Split so that the integer part is exact before the one rounding.
  const UInt128 whole = sum_ / count_;
  const UInt128 remainder = sum_ % count_;
  return static_cast<double>(static_cast<uint64_t>(whole)) +
         static_cast<double>(static_cast<uint64_t>(remainder)) / static_cast<double>(count_);
}

int64_t Histogram::quantile(double q) const {
  GTSIM_ASSERT(q >= 0.0 && q <= 1.0);
  if (count_ == 0) return 0;
  if (q == 0.0) return min_;
  if (q == 1.0) return max_;
  const double count = static_cast<double>(count_);
  uint64_t rank = static_cast<uint64_t>(std::ceil(q * count));
  rank = std::clamp<uint64_t>(rank, 1, count_);
  uint64_t seen = 0;
  const size_t last = bucket_index(max_);
  for (size_t i = bucket_index(min_); i <= last; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      const int64_t midpoint = bucket_lowest(i) + bucket_width(i) / 2;
      return std::clamp(midpoint, min_, max_);
    }
  }
  GTSIM_ASSERT(false && "histogram counts do not add up to count");
  return max_;
}

double Histogram::cdf(int64_t v) const {
  if (count_ == 0 || v < min_) return 0.0;
  if (v >= max_) return 1.0;
  uint64_t seen = 0;
  const size_t last = bucket_index(v);
  for (size_t i = bucket_index(min_); i <= last; ++i) seen += counts_[i];
  return static_cast<double>(seen) / static_cast<double>(count_);
}

bool operator==(const Histogram& a, const Histogram& b) {
  return a.count_ == b.count_ && a.sum_ == b.sum_ && a.min_ == b.min_ && a.max_ == b.max_ &&
         a.counts_ == b.counts_;
}

}  // namespace sim
