#include "model/run_estimate.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/run_limits.h"

#include <fmt/format.h>

#include "model/replica_capacity.h"
#include "model/key_values.h"
#include "model/replica_items.h"

namespace model {
namespace {

// The per-item state (model/replica_items.h, model/key_values.h): in a
// small key space every item's, allocated before the run; in a large one
// only the items the run can touch (at most one per write, and with TTL on a
// prepopulated table every item), each with its key index slot (16 bytes,
// the index at least 35 % full). Coalescing keeps a slot per (region, item),
// an MRSC table a conflict window (16 bytes) per item; TTL on a prepopulated
// table queues a delete (an event, 32 bytes) per item and TTL region.
// The items a run can touch: at most one per write, every item with TTL on
// a prepopulated table.
double touchable_items(const Scenario& scenario, double writes, double ttl_regions) {
  const double keys = static_cast<double>(scenario.table.key_count);
  const bool prepopulated_ttl = scenario.table.prepopulated && ttl_regions > 0;
  return std::min(keys, writes + (prepopulated_ttl ? keys : 0));
}

ItemLayout item_layout_for(const Scenario& scenario, double writes, double ttl_regions) {
  if (scenario.table.item_layout != ItemLayout::kAuto) return scenario.table.item_layout;
  const double dense = ReplicaItems::dense_bytes(scenario.region_count(), scenario.table.key_count);
  const double keys = static_cast<double>(scenario.table.key_count);
  const bool small = dense <= static_cast<double>(ReplicaItems::kDenseBytesMax);
  return small || touchable_items(scenario, writes, ttl_regions) * 4 >= keys ? ItemLayout::kDense
                                                                             : ItemLayout::kSparse;
}

double item_state_bytes(const Scenario& scenario, double writes, double ttl_regions) {
  const size_t regions = scenario.region_count();
  const double keys = static_cast<double>(scenario.table.key_count);
  const bool prepopulated_ttl = scenario.table.prepopulated && ttl_regions > 0;
  const double dense = ReplicaItems::dense_bytes(regions, scenario.table.key_count);
  const double touched = touchable_items(scenario, writes, ttl_regions);
  constexpr double kIndexBytes = 16 / 0.35;
  // A KeyValues (model/key_values.h) over `space` keys of `value` bytes each.
  const auto values = [&](double space, double value) {
    const double dense_values = space * value;
    return dense_values <= static_cast<double>(KeyValues<int>::kDenseBytesMax) ? dense_values
                                                                                 : touched * (value + kIndexBytes);
  };
  double bytes = item_layout_for(scenario, writes, ttl_regions) == ItemLayout::kDense
                     ? dense
                     : touched * (static_cast<double>(ReplicaItems::sparse_item_bytes(regions)) + kIndexBytes);
  const bool coalesces = scenario.replication.coalesce_window.ns() > 0 && scenario.replication.poll_interval.ns() > 0;
  if (coalesces) bytes += values(static_cast<double>(regions) * keys, 4);
  if (scenario.consistency.strong()) bytes += values(keys, 16);
  if (prepopulated_ttl) bytes += keys * ttl_regions * 32;
  return bytes;
}

// Regions whose TTL process may run: every one if TTL is enabled at the
// start, else those a timeline event (or its settings_sync copy) enables.
double ttl_regions(const Scenario& scenario) {
  if (!scenario.table.ttl.items_expire) return 0;
  if (scenario.table.ttl.enabled) return static_cast<double>(scenario.region_count());
  std::vector<bool> enabled(scenario.region_count(), false);
  for (const TimelineEvent& event : scenario.timeline) {
    if (event.kind == TimelineKind::kEnableTtl) enabled[event.region] = true;
  }
  return static_cast<double>(std::count(enabled.begin(), enabled.end(), true));
}

// Every written (or prepopulated) item may expire; each TTL region schedules
// its own delete of it, and the delete that finds it replicates to the others.
double ttl_events(const Scenario& scenario, double writes) {
  const double regions = ttl_regions(scenario);
  if (regions == 0) return 0;
  const double expiring = writes + (scenario.table.prepopulated ? static_cast<double>(scenario.table.key_count) : 0);
  return expiring * (regions + static_cast<double>(scenario.region_count()) - 1);
}

// A backfill copies each item it meets once: one by one those the run
// touched (at most one per write), the untouched ones in closed form; and it
// takes a step (an event) per 100 ms while it copies at its rate.
double backfill_events(const Scenario& scenario, double writes) {
  const double keys = static_cast<double>(scenario.table.key_count);
  const double touched = std::min(keys, writes);
  double events = 0;
  for (const TimelineEvent& event : scenario.timeline) {
    if (event.kind != TimelineKind::kAddReplica) continue;
    const double items = scenario.table.prepopulated ? keys : touched;
    events += touched + items / std::max(event.replica.backfill_items_per_second * 0.1, 1.0);
  }
  return events;
}

// As WriteTable::slot_bytes (model/write_table.h): a record and one
// knowledge counter per region, in 64-byte slots.
double write_slot_bytes(size_t region_count) {
  const size_t bytes = 40 + 4 * region_count;
  return static_cast<double>(bytes <= 64 ? 64 : (bytes + 63) / 64 * 64);
}

// Whether the timeline changes a region's capacity, availability or replica.
bool timeline_touches(const Scenario& scenario, size_t region) {
  return std::any_of(scenario.timeline.begin(), scenario.timeline.end(), [&](const TimelineEvent& e) {
    const bool kind = e.kind == TimelineKind::kSetCapacity || e.kind == TimelineKind::kOutage ||
                      e.kind == TimelineKind::kAddReplica || e.kind == TimelineKind::kRemoveReplica;
    return kind && e.region == region;
  });
}

// The write units per second a replica sustains without throttling.
double sustained_write_units(const CapacityConfig& c) {
  if (c.mode == CapacityMode::kOnDemand) return static_cast<double>(c.table_max_write_units);
  return static_cast<double>(c.write_scaling.enabled ? std::max(c.write_units, c.write_scaling.max_units)
                                                     : c.write_units);
}

// The largest backlog of the replicas (see run_estimate.h) into *estimate.
void estimate_backlog(const Scenario& scenario, const std::vector<double>& write_units_per_s,
                      RunEstimate* estimate) {
  const double seconds = static_cast<double>(scenario.duration.ns()) / 1e9;
  const double units_per_write =
      std::max(1.0, std::ceil(scenario.table.item_size_bytes.quantile(0.5) / 1024.0));
  // A write its own replica refuses (its client is throttled) never replicates.
  std::vector<double> admitted(scenario.region_count(), 0);
  double all = 0;
  for (size_t r = 0; r < scenario.region_count(); ++r) {
    admitted[r] = std::min(write_units_per_s[r], sustained_write_units(scenario.regions[r].capacity));
    all += admitted[r];
  }
  for (size_t r = 0; r < scenario.region_count(); ++r) {
    if (!scenario.regions[r].replica || timeline_touches(scenario, r)) continue;
    const CapacityConfig& c = scenario.regions[r].capacity;
    const double capacity = sustained_write_units(c);
    const double local = admitted[r];
    const double left = std::max(0.0, capacity - local);  // what the local writes leave
    const double bank = c.mode == CapacityMode::kProvisioned ? capacity * static_cast<double>(c.burst_seconds) : 0;
    const double backlog_units = std::max(0.0, (all - local - left) * seconds - bank);
    const double writes = backlog_units / units_per_write;
    if (writes <= estimate->backlog_writes) continue;
    estimate->backlog_writes = writes;
    estimate->backlog_bytes = writes * write_slot_bytes(scenario.region_count());
    estimate->backlog_region = scenario.regions[r].name;
    estimate->backlog_capacity_units = capacity;
    estimate->backlog_arriving_units = all - local;
    const double drain_ns = (seconds + backlog_units / std::max(capacity, 1e-9)) * 1e9;
    if (drain_ns > estimate->simulated_ns) {
      estimate->simulated_ns = drain_ns;
      estimate->simulated_by_backlog = true;
    }
  }
}

}  // namespace

RunEstimate estimate_run(const Scenario& scenario) {
  RunEstimate estimate;
  const double seconds = sim::to_seconds(scenario.duration);
  const double other_regions = static_cast<double>(scenario.region_count()) - 1;
  const double poll_ns = static_cast<double>(scenario.replication.poll_interval.ns());
  double writes = 0;
  estimate.simulated_ns = static_cast<double>(scenario.duration.ns());
  std::vector<double> write_units_per_s;  // per region: the write units its clients' writes cost
  const uint64_t data_bytes = static_cast<uint64_t>(static_cast<double>(scenario.table.key_count) *
                                                    scenario.table.item_size_bytes.mean());
  for (size_t r = 0; r < scenario.workload.size(); ++r) {
    const std::vector<ClientGroupConfig>& groups = scenario.workload[r];
    double region_writes = 0;
    write_units_per_s.push_back(0);
    for (const ClientGroupConfig& group : groups) {
      const double requests = group.rate_per_second * (seconds > 0 ? seconds : 0);
      const double write_share =
          (group.mix.put_percent + group.mix.update_percent + group.mix.delete_percent) / 100;
      estimate.requests += requests;
      region_writes += requests * write_share;
      write_units_per_s.back() += group.rate_per_second * write_share * (group.transactional ? 2 : 1);
    }
    writes += region_writes;
    if (poll_ns > 0 && other_regions > 0) {
      // One stream per partition at the start (a split adds more), each
      // shipping batch_size records per poll.
      const double streams = static_cast<double>(
          ReplicaCapacity(scenario.regions[r].capacity, data_bytes, sim::Instant::zero()).partition_count());
      const double drained_ns = region_writes / (scenario.replication.batch_size * streams) * poll_ns;
      estimate.simulated_ns = std::max(estimate.simulated_ns, drained_ns);
    }
  }
  const double polls = poll_ns > 0 && other_regions > 0 ? writes : 0;
  estimate.events =
      estimate.requests + writes * other_regions + polls + estimate.simulated_ns / sim::kNanosecondsPerSecondDouble;
  estimate.events += ttl_events(scenario, writes) + backfill_events(scenario, writes);
  write_units_per_s.resize(scenario.region_count(), 0);
  estimate_backlog(scenario, write_units_per_s, &estimate);
  estimate.writes = writes;
  estimate.item_state_bytes = item_state_bytes(scenario, writes, ttl_regions(scenario));
  return estimate;
}

ItemPlan plan_items(const Scenario& scenario) {
  const double writes = estimate_run(scenario).writes;
  const double ttl = ttl_regions(scenario);
  const double keys = static_cast<double>(scenario.table.key_count);
  double expected = 0;
  if (scenario.table.prepopulated && ttl > 0) {
    expected = keys;
  } else if (keys > 0 && scenario.table.key_distribution.kind == KeyDistributionKind::kUniform) {
    expected = -keys * std::expm1(-writes / keys);
  }
  return ItemPlan{item_layout_for(scenario, writes, ttl), static_cast<uint64_t>(std::ceil(expected))};
}

std::optional<std::string> refuse_run(const RunEstimate& estimate, bool bounded) {
  if (estimate.item_state_bytes > kItemStateBytesCeiling) {
    return fmt::format(
        "the run would need about {:.1f} GiB for item state (the items it may touch, in every region), "
        "above the limit of {:.0f} GiB; lower 'table.keys', the number of regions or the writes",
        estimate.item_state_bytes / (1ull << 30), kItemStateBytesCeiling / (1ull << 30));
  }
  if (estimate.simulated_ns > kSimulatedNsCeiling && estimate.simulated_by_backlog) {
    return fmt::format(
        "the run would simulate about {:.3g}h: {}'s replication backlog (about {:.3g} writes) drains at "
        "its write capacity of {:.0f} units/s after the traffic, above the limit of 100000h; raise its write "
        "capacity or lower the rates",
        estimate.simulated_ns / 3600e9, estimate.backlog_region, estimate.backlog_writes,
        estimate.backlog_capacity_units);
  }
  if (estimate.simulated_ns > kSimulatedNsCeiling) {
    return fmt::format(
        "the run would simulate about {:.3g}h (each partition's stream ships at most "
        "'replication.batch_size' records per 'replication.poll_interval'), above the limit of 100000h; "
        "raise the batch size, shorten the poll interval or lower the rates",
        estimate.simulated_ns / static_cast<double>(sim::Duration::hours(1).ns()));
  }
  if (!bounded && estimate.backlog_bytes > static_cast<double>(kLiveStateBytesCeiling)) {
    return fmt::format(
        "{}'s replication backlog would grow to about {:.3g} writes ({:.1f} GiB of live state), above "
        "the live-state limit of {} GiB: its write capacity of {:.0f} units/s admits far less than the {:.0f} "
        "units/s replicated to it; raise its write capacity, lower the rates, or bound the run with --max-events or "
        "--max-wall",
        estimate.backlog_region, estimate.backlog_writes, estimate.backlog_bytes / (1ull << 30),
        kLiveStateBytesCeiling >> 30, estimate.backlog_capacity_units, estimate.backlog_arriving_units);
  }
  if (!bounded && estimate.events > kEventsCeiling) {
    return fmt::format(
        "the run would process about {:.3g} events ({:.3g} requests, each write applied in every other "
        "region), above the limit of {:.0e} for an unbounded run; shorten 'duration', lower the rates, "
        "or bound the run with --max-events or --max-wall",
        estimate.events, estimate.requests, kEventsCeiling);
  }
  return std::nullopt;
}

}  // namespace model
