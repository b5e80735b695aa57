#include "model/client_group.h"

#include <algorithm>
#include <cmath>

#include "model/random_streams.h"
#include "sim/assert.h"

namespace model {
namespace {

// percent / 100 as a threshold out of 2^64; 100 % is 2^64 itself, above every draw.
sim::UInt128 fraction_of_2_64(double percent) {
  const long double p = static_cast<long double>(percent) / 100.0L;
  if (p >= 1.0L) return static_cast<sim::UInt128>(1) << 64;
  if (p <= 0.0L) return 0;
  return static_cast<uint64_t>(p * 18446744073709551616.0L);
}

// std::llround of a non-negative double below 2^63 (halves away from zero),
// without its library call: x - whole is exact.
int64_t round_nonnegative(double x) {
  auto whole = static_cast<int64_t>(x);
  if (x - static_cast<double>(whole) >= 0.5) ++whole;
  return whole;
}

}  // namespace

ClientGroup::ClientGroup(uint64_t seed, const std::string& region_name,
                         const ClientGroupConfig& config, const KeySampler& keys,
                         const sim::Distribution& item_size_bytes, sim::Instant stop)
    : config_(config),
      keys_(&keys),
      item_size_bytes_(&item_size_bytes),
      stop_(stop),
      arrivals_rng_(sim::Rng::stream(seed, workload_stream(region_name, config.name, WorkloadDraw::kArrivals))),
      ops_rng_(sim::Rng::stream(seed, workload_stream(region_name, config.name, WorkloadDraw::kOps))),
      keys_rng_(sim::Rng::stream(seed, workload_stream(region_name, config.name, WorkloadDraw::kKeys))),
      sizes_rng_(sim::Rng::stream(seed, workload_stream(region_name, config.name, WorkloadDraw::kSizes))),
      mean_gap_ns_(sim::kNanosecondsPerSecondDouble / config.rate_per_second) {
  GTSIM_ASSERT(config.rate_per_second > 0.0);
  const OperationMix& mix = config.mix;
  put_below_ = fraction_of_2_64(mix.put_percent);
  update_below_ = fraction_of_2_64(mix.put_percent + mix.update_percent);
  delete_below_ = fraction_of_2_64(mix.put_percent + mix.update_percent + mix.delete_percent);
  // With no queries every draw past the deletes is a get, whatever rounding says.
  get_below_ = mix.query_percent > 0.0
                   ? fraction_of_2_64(mix.put_percent + mix.update_percent + mix.delete_percent + mix.get_percent)
                   : static_cast<sim::UInt128>(1) << 64;
  for (Request& r : ahead_) r = draw_request();
}

std::optional<sim::Instant> ClientGroup::before_stop(sim::Instant at) const {
  if (at >= stop_) return std::nullopt;
  return at;
}

std::optional<sim::Instant> ClientGroup::curve_arrival(bool first) {
  const RateCurve& curve = config_.rate_curve;
  double mass = 1.0;  // constant arrivals: one expected request apart, after a phase in [0, 1)
  if (config_.arrivals == Arrivals::kPoisson) {
    mass = arrivals_rng_.exponential(1.0);
  } else if (first) {
    mass = arrivals_rng_.uniform01();
  }
  if (!curve.advance(&curve_at_, mass)) return std::nullopt;
  const double at_ns = curve.ns_at(curve_at_);
  if (at_ns >= static_cast<double>(stop_.ns())) return std::nullopt;
  // Never before the last one: at a piece's end the double may round back a nanosecond.
  curve_last_ns_ = std::max(curve_last_ns_, static_cast<int64_t>(std::llround(at_ns)));
  return before_stop(sim::Instant::from_ns(curve_last_ns_));
}

std::optional<sim::Instant> ClientGroup::first_arrival() {
  if (!config_.rate_curve.empty()) {
    curve_at_ = RatePosition{};
    curve_last_ns_ = 0;
    return curve_arrival(true);
  }
  if (config_.arrivals == Arrivals::kConstant) {
    phase_ns_ = std::llround(arrivals_rng_.uniform01() * mean_gap_ns_);
    arrival_index_ = 0;
    return before_stop(sim::Instant::from_ns(phase_ns_));
  }
  return before_stop(sim::Instant::from_ns(std::llround(arrivals_rng_.exponential(mean_gap_ns_))));
}

std::optional<sim::Instant> ClientGroup::next_arrival(sim::Instant now) {
  if (!config_.rate_curve.empty()) return curve_arrival(false);
  if (config_.arrivals == Arrivals::kConstant) {
    ++arrival_index_;
    const double offset = static_cast<double>(arrival_index_) * mean_gap_ns_;
    if (offset >= static_cast<double>(stop_.ns())) return std::nullopt;
    return before_stop(sim::Instant::from_ns(phase_ns_ + std::llround(offset)));
  }
  const double gap = arrivals_rng_.exponential(mean_gap_ns_);
  if (gap >= static_cast<double>(stop_.ns() - now.ns())) return std::nullopt;
  return before_stop(now + sim::Duration::nanoseconds(round_nonnegative(gap)));
}

Request ClientGroup::next_request() {
  const Request request = ahead_[next_];
  ahead_[next_] = draw_request();
  next_ = (next_ + 1) % kLookahead;
  return request;
}

Request ClientGroup::draw_request() {
  const uint64_t u = ops_rng_.next_u64();
  Operation op = Operation::kQuery;
  if (u < put_below_) {
    op = Operation::kPut;
  } else if (u < update_below_) {
    op = Operation::kUpdate;
  } else if (u < delete_below_) {
    op = Operation::kDelete;
  } else if (u < get_below_) {
    op = Operation::kGet;
  }
  return Request{op, keys_->sample(keys_rng_)};
}

// DynamoDB's item size limit is 400 KB (docs/sources.md, Capacity units).
uint32_t ClientGroup::next_item_size() {
  constexpr double kItemBytesMax = 400.0 * 1024.0;
  const double bytes = std::round(item_size_bytes_->sample(sizes_rng_));
  return bytes < 1.0 ? 1u : static_cast<uint32_t>(std::min(bytes, kItemBytesMax));
}

}  // namespace model
