// ReplicaCapacity: whether one replica admits a request now, and what it used.
//
// docs/sources.md (Capacity units; Partitions and burst; On-demand capacity; Provisioned capacity and auto scaling), per replica (capacity is never
// replicated):
//   - provisioned: a table token bucket per dimension refilled at the
//     provisioned rate, holding up to burst_seconds of unused capacity and
//     never less than one second of it (burst_seconds 0: capacity per
//     second, nothing older kept); it starts full (the table is taken to
//     have been idle before the run);
//   - on-demand: a ceiling of max(warm throughput, 2 x the peak per-second
//     rate reached at least 30 minutes ago), capped by the table maximum,
//     enforced as a bucket holding one second of the ceiling;
//   - in both modes, partitions: ceil(write/1000 + read/3000) from the
//     provisioned (or on-demand ceiling) throughput, and at least
//     ceil(data / 10 GB); each partition admits at most 1,000 write and 3,000
//     read units per second (a bucket holding one second of that). Items map
//     to partitions by a fixed hash; partitions split when throughput rises
//     above any earlier level and never merge, so a hot key throttles even
//     when the table has room.
// Replicated writes are admitted through try_consume_replicated, as the
// replication applier's requests. While the applier has a backlog
// (start_sharing() to end_sharing()), the table's write bucket is split
// (sim::ShareSplit) between the two requesters: clients are guaranteed
// (1 - applier_share) of its rate, in a bucket holding one second of that;
// the applier applier_share of it, and every token the clients leave unused,
// in a bucket as large as the table's (docs/model.md, the sharing rule).
// Partition ceilings are not split: requests take them as they come.
// Units are milli-units (1 WCU = 1000): exact integer arithmetic throughout;
// a split and its merge lose nothing.
// Consumption is tallied per second of true time for the report, for auto
// scaling's datapoints and for the on-demand peak; what an on-demand
// replica bills (model/billing.h), per requester, over the run.
#pragma once

#include <cstdint>
#include <array>
#include <deque>
#include <vector>

#include "model/billing.h"
#include "model/capacity_kinds.h"
#include "model/scenario.h"
#include "sim/share_split.h"
#include "sim/time.h"
#include "sim/token_bucket.h"

namespace model {

class ReplicaCapacity {
 public:
  // `applier_share_percent`: the applier's guaranteed share of the write
  // rate while it has a backlog, 0 to 100.
  ReplicaCapacity(const CapacityConfig& config, uint64_t data_bytes, sim::Instant now,
                  double applier_share_percent = 50.0);

  // A client request: true and consumed if the table (its clients' share
  // while the applier shares) and the item's partition both have the units
  // now; false (nothing consumed) if not: the request is throttled.
  bool try_consume(sim::Instant now, Dimension dimension, uint64_t key, int64_t milli);
  // The same for a replicated write, from the applier's share while it shares.
  bool try_consume_replicated(sim::Instant now, uint64_t key, int64_t milli);
  // The applier has a backlog from now on: the write bucket's tokens are
  // split, the clients' part (1 - share) of them and at most their one
  // second. Then it has none: the shares merge back, capped at the table's
  // capacity. Each does nothing if already so.
  void start_sharing(sim::Instant now);
  void end_sharing(sim::Instant now);
  bool sharing() const { return sharing_; }

  // New settings (an operator's change or auto scaling), effective now.
  void reconfigure(sim::Instant now, const CapacityConfig& config);
  void set_provisioned_units(sim::Instant now, Dimension dimension, int64_t units);

  // Closes the second ending at `now` (a multiple of one second): records
  // the second's consumption and, on demand, moves the ceiling.
  void end_second(sim::Instant now);

  const CapacityConfig& config() const { return config_; }
  // Units per second currently provisioned, or the on-demand ceiling.
  int64_t capacity_units(Dimension dimension) const;
  // Milli-units consumed in the last closed second, and in the last 60
  // closed seconds (fewer at the start): only those are kept, so the
  // memory does not grow with the run (the run's series are the recorder's).
  int64_t last_second_milli(Dimension dimension) const {
    const RecentSeconds& r = recent_[static_cast<int>(dimension)];
    return r.closed == 0 ? 0 : r.milli[(r.closed - 1) % r.milli.size()];
  }
  int64_t last_minute_milli(Dimension dimension) const {
    int64_t sum = 0;
    for (const int64_t milli : recent_[static_cast<int>(dimension)].milli) sum += milli;
    return sum;
  }
  size_t partition_count() const { return partitions_; }
  // The request units admitted while on demand: the request fields of a
  // BilledUsage (its capacity, storage and transfer are the callers').
  const BilledUsage& on_demand_units() const { return billed_; }
  // Which partition holds `key` (a fixed hash; changes only when partitions split).
  size_t partition_of(uint64_t key) const;

 private:
  struct PerDimension {
    sim::TokenBucket table;
    std::vector<sim::TokenBucket> partitions;
    int64_t consumed_this_second = 0;     // milli-units
    int64_t on_demand_ceiling = 0;        // units per second
    int64_t peak_units = 0;               // highest per-second consumption so far, units
    int64_t settled_peak_units = 0;       // the highest one reached 30 minutes ago or more
    std::deque<std::pair<int64_t, int64_t>> peaks;  // newer peaks: (second end ns, units)
  };

  void configure_buckets(sim::Instant now);
  void configure_shares(sim::Instant now);
  bool admit(sim::Instant now, PerDimension& d, uint64_t key, int64_t milli, bool replicated);
  bool take(sim::Instant now, Dimension dimension, uint64_t key, int64_t milli);
  // Counts an admitted request's units if the replica is on demand.
  void bill(int64_t BilledUsage::*units, int64_t milli) {
    if (config_.mode == CapacityMode::kOnDemand) billed_.*units += milli;
  }
  void resize_partitions(sim::Instant now);
  int64_t table_rate_units(Dimension dimension) const;
  int64_t table_capacity_milli(Dimension dimension) const;
  PerDimension& at(Dimension dimension) { return dimensions_[static_cast<int>(dimension)]; }
  const PerDimension& at(Dimension dimension) const { return dimensions_[static_cast<int>(dimension)]; }

  CapacityConfig config_;
  uint64_t data_bytes_;
  size_t partitions_ = 1;
  PerDimension dimensions_[2];
  struct RecentSeconds {
    std::array<int64_t, 60> milli{};  // second i of the run at [i % 60]
    size_t closed = 0;
  };
  RecentSeconds recent_[2];
  // The write bucket split while the applier has a backlog.
  int64_t applier_share_ppm_;
  bool sharing_ = false;
  sim::ShareSplit shares_;
  BilledUsage billed_;  // its request counters only
};

// Capacity units for a request, in milli-units (docs/sources.md, Capacity units): writes 1 per
// KB (rounded up), reads 1 per 4 KB, eventually consistent reads half,
// transactional requests double; at least one unit's worth.
// Inline: one of them is computed for every request and every replicated write.
inline int64_t write_milli_units(uint64_t item_bytes, bool transactional) {
  const int64_t kilobytes = (static_cast<int64_t>(item_bytes) + 1023) / 1024;
  return (kilobytes < 1 ? 1 : kilobytes) * 1000 * (transactional ? 2 : 1);
}
inline int64_t read_milli_units(uint64_t item_bytes, bool strong, bool transactional) {
  const int64_t blocks = (static_cast<int64_t>(item_bytes) + 4095) / 4096;
  const int64_t at_least_one = blocks < 1 ? 1 : blocks;
  if (transactional) return at_least_one * 2 * 1000;
  return at_least_one * (strong ? 1000 : 500);
}

}  // namespace model
