#include "model/replica_capacity.h"

#include <algorithm>
#include <cmath>

#include "sim/int128.h"

namespace model {
namespace {

constexpr int64_t kMilliPerUnit = 1000;
constexpr int64_t kPartsPerMillion = 1'000'000;
constexpr uint64_t kPartitionBytesMax = 10ull * 1024 * 1024 * 1024;  // 10 GB (docs/sources.md, Partitions and burst)
constexpr sim::Duration kOnDemandPeakMemory = sim::Duration::minutes(30);  // docs/sources.md, On-demand capacity

// A fixed, well-mixed hash of an item number (SplitMix64's finalizer).
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

}  // namespace

ReplicaCapacity::ReplicaCapacity(const CapacityConfig& config, uint64_t data_bytes, sim::Instant now,
                                 double applier_share_percent)
    : config_(config),
      data_bytes_(data_bytes),
      applier_share_ppm_(std::llround(std::clamp(applier_share_percent, 0.0, 100.0) * 1e4)) {
  at(Dimension::kWrite).on_demand_ceiling = config_.on_demand_write_units;
  at(Dimension::kRead).on_demand_ceiling = config_.on_demand_read_units;
  resize_partitions(now);
  configure_buckets(now);
}

int64_t ReplicaCapacity::table_rate_units(Dimension dimension) const {
  const bool write = dimension == Dimension::kWrite;
  if (config_.mode == CapacityMode::kProvisioned) return write ? config_.write_units : config_.read_units;
  const int64_t cap = write ? config_.table_max_write_units : config_.table_max_read_units;
  return std::min(at(dimension).on_demand_ceiling, cap);
}

int64_t ReplicaCapacity::capacity_units(Dimension dimension) const { return table_rate_units(dimension); }

// Provisioned: burst_seconds of the provisioned rate, and never less than
// one second of it (burst_seconds 0: capacity is per second, nothing older
// is kept); on demand: one second of the ceiling.
int64_t ReplicaCapacity::table_capacity_milli(Dimension dimension) const {
  const int64_t second = table_rate_units(dimension) * kMilliPerUnit;
  if (config_.mode == CapacityMode::kProvisioned) return second * std::max<int64_t>(1, config_.burst_seconds);
  return second;
}

void ReplicaCapacity::resize_partitions(sim::Instant now) {
  // Partitions for throughput and for size; never fewer than before (no merges).
  const int64_t w = table_rate_units(Dimension::kWrite);
  const int64_t r = table_rate_units(Dimension::kRead);
  const int64_t for_throughput = ceil_div(w * config_.partition_read_units + r * config_.partition_write_units,
                                          config_.partition_write_units * config_.partition_read_units);
  const uint64_t for_size = (data_bytes_ + kPartitionBytesMax - 1) / kPartitionBytesMax;
  partitions_ = std::max({partitions_, static_cast<size_t>(std::max<int64_t>(1, for_throughput)),
                          static_cast<size_t>(for_size)});
  for (const Dimension dimension : {Dimension::kWrite, Dimension::kRead}) {
    const int64_t units = dimension == Dimension::kWrite ? config_.partition_write_units
                                                          : config_.partition_read_units;
    std::vector<sim::TokenBucket>& buckets = at(dimension).partitions;
    while (buckets.size() < partitions_) {
      buckets.emplace_back(now, units * kMilliPerUnit, units * kMilliPerUnit, true);
    }
  }
}

void ReplicaCapacity::configure_buckets(sim::Instant now) {
  for (const Dimension dimension : {Dimension::kWrite, Dimension::kRead}) {
    PerDimension& d = at(dimension);
    const int64_t rate = table_rate_units(dimension) * kMilliPerUnit;
    if (d.table.capacity_milli() == 0 && d.table.rate_milli_per_second() == 0) {
      d.table = sim::TokenBucket(now, rate, table_capacity_milli(dimension), true);
    } else {
      d.table.reconfigure(now, rate, table_capacity_milli(dimension));
    }
  }
  if (sharing_) configure_shares(now);
}

// The clients' share: (1 - applier share) of the write rate, holding one
// second of it; the applier's: the rest, holding as much as the table.
void ReplicaCapacity::configure_shares(sim::Instant now) {
  const int64_t rate = table_rate_units(Dimension::kWrite) * kMilliPerUnit;
  const auto clients = static_cast<int64_t>(static_cast<sim::Int128>(rate) * (kPartsPerMillion - applier_share_ppm_) /
                                            kPartsPerMillion);
  shares_.configure(now, sim::ShareSplit::Rate{clients, clients},
                    sim::ShareSplit::Rate{rate - clients, table_capacity_milli(Dimension::kWrite)});
}

void ReplicaCapacity::start_sharing(sim::Instant now) {
  if (sharing_) return;
  sharing_ = true;
  configure_shares(now);
  const sim::Int128 level = at(Dimension::kWrite).table.exact_level(now);
  const sim::Int128 clients = level * (kPartsPerMillion - applier_share_ppm_) / kPartsPerMillion;
  shares_.start(now, level, clients);
}

void ReplicaCapacity::end_sharing(sim::Instant now) {
  if (!sharing_) return;
  sharing_ = false;
  at(Dimension::kWrite).table.set_exact_level(now, shares_.exact_total(now));
}

size_t ReplicaCapacity::partition_of(uint64_t key) const {
  return static_cast<size_t>((static_cast<sim::UInt128>(mix(key)) * partitions_) >> 64);
}

bool ReplicaCapacity::try_consume(sim::Instant now, Dimension dimension, uint64_t key, int64_t milli) {
  const bool admitted = dimension == Dimension::kWrite && sharing_ ? admit(now, at(dimension), key, milli, false)
                                                                   : take(now, dimension, key, milli);
  if (admitted) bill(dimension == Dimension::kWrite ? &BilledUsage::local_write_milli : &BilledUsage::read_milli, milli);
  return admitted;
}

bool ReplicaCapacity::try_consume_replicated(sim::Instant now, uint64_t key, int64_t milli) {
  const bool admitted = sharing_ ? admit(now, at(Dimension::kWrite), key, milli, true)
                                 : take(now, Dimension::kWrite, key, milli);
  if (admitted) bill(&BilledUsage::replicated_write_milli, milli);
  return admitted;
}

// A request from the table's bucket and the item's partition.
[[gnu::always_inline]] inline bool ReplicaCapacity::take(sim::Instant now, Dimension dimension, uint64_t key, int64_t milli) {
  PerDimension& d = at(dimension);
  sim::TokenBucket& partition = d.partitions[partition_of(key)];
  if (!d.table.try_take(now, milli)) return false;
  if (!partition.try_take(now, milli)) {
    d.table.give_back(now, milli);
    return false;
  }
  d.consumed_this_second += milli;
  return true;
}

// A write while the applier shares: from the requester's share and the item's partition.
bool ReplicaCapacity::admit(sim::Instant now, PerDimension& d, uint64_t key, int64_t milli, bool replicated) {
  const sim::ShareSplit::Share share = replicated ? sim::ShareSplit::Share::kSecond : sim::ShareSplit::Share::kFirst;
  sim::TokenBucket& partition = d.partitions[partition_of(key)];
  if (!shares_.can_take(now, share, milli) || !partition.try_take(now, milli)) return false;
  shares_.take(now, share, milli);
  d.consumed_this_second += milli;
  return true;
}

void ReplicaCapacity::reconfigure(sim::Instant now, const CapacityConfig& config) {
  config_ = config;
  resize_partitions(now);
  configure_buckets(now);
}

void ReplicaCapacity::set_provisioned_units(sim::Instant now, Dimension dimension, int64_t units) {
  (dimension == Dimension::kWrite ? config_.write_units : config_.read_units) = units;
  resize_partitions(now);
  configure_buckets(now);
}

void ReplicaCapacity::end_second(sim::Instant now) {
  bool ceiling_moved = false;
  for (const Dimension dimension : {Dimension::kWrite, Dimension::kRead}) {
    PerDimension& d = at(dimension);
    RecentSeconds& recent = recent_[static_cast<int>(dimension)];
    recent.milli[recent.closed++ % recent.milli.size()] = d.consumed_this_second;
    const int64_t units = ceil_div(d.consumed_this_second, kMilliPerUnit);
    d.consumed_this_second = 0;
    if (config_.mode != CapacityMode::kOnDemand) continue;
    // On demand: the ceiling follows twice the peak reached 30 minutes ago.
    if (units > d.peak_units) {
      d.peak_units = units;
      d.peaks.emplace_back(now.ns(), units);
    }
    while (!d.peaks.empty() && d.peaks.front().first <= (now - kOnDemandPeakMemory).ns()) {
      d.settled_peak_units = d.peaks.front().second;
      d.peaks.pop_front();
    }
    const int64_t warm = dimension == Dimension::kWrite ? config_.on_demand_write_units
                                                        : config_.on_demand_read_units;
    const int64_t ceiling = std::max(warm, 2 * d.settled_peak_units);
    if (ceiling != d.on_demand_ceiling) {
      d.on_demand_ceiling = ceiling;
      ceiling_moved = true;
    }
  }
  if (ceiling_moved) {
    resize_partitions(now);
    configure_buckets(now);
  }
}

}  // namespace model
