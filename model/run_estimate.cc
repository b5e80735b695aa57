#include "model/run_estimate.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "model/replica_capacity.h"

namespace model {
namespace {

// As ReplicaItems::block_bytes (model/replica_items.h): a WriteSlot and one
// seen counter per region, padded to 16, 32 or 64 bytes within a cache line.
double block_bytes(size_t region_count) {
  const size_t bytes = 4 + 4 * region_count;
  if (bytes <= 64) return bytes <= 16 ? 16 : bytes <= 32 ? 32 : 64;
  return static_cast<double>(bytes);
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

// A backfill copies at most every item once.
double backfill_events(const Scenario& scenario) {
  const double adds = static_cast<double>(std::count_if(
      scenario.timeline.begin(), scenario.timeline.end(),
      [](const TimelineEvent& event) { return event.kind == TimelineKind::kAddReplica; }));
  return adds * static_cast<double>(scenario.table.key_count);
}

}  // namespace

RunEstimate estimate_run(const Scenario& scenario) {
  RunEstimate estimate;
  const double seconds = static_cast<double>(scenario.duration.ns()) / 1e9;
  const double other_regions = static_cast<double>(scenario.region_count()) - 1;
  const double poll_ns = static_cast<double>(scenario.replication.poll_interval.ns());
  double writes = 0;
  estimate.simulated_ns = static_cast<double>(scenario.duration.ns());
  const uint64_t data_bytes = static_cast<uint64_t>(static_cast<double>(scenario.table.key_count) *
                                                    scenario.table.item_size_bytes.mean());
  for (size_t r = 0; r < scenario.workload.size(); ++r) {
    const std::vector<ClientGroupConfig>& groups = scenario.workload[r];
    double region_writes = 0;
    for (const ClientGroupConfig& group : groups) {
      const double requests = group.rate_per_second * (seconds > 0 ? seconds : 0);
      const double write_share =
          (group.mix.put_percent + group.mix.update_percent + group.mix.delete_percent) / 100;
      estimate.requests += requests;
      region_writes += requests * write_share;
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
  estimate.events = estimate.requests + writes * other_regions + polls + estimate.simulated_ns / 1e9;
  estimate.events += ttl_events(scenario, writes) + backfill_events(scenario);
  // Coalescing also keeps, per region and key, the record waiting in a stream.
  const bool coalesces = scenario.replication.coalesce_window.ns() > 0 && poll_ns > 0;
  estimate.item_state_bytes = static_cast<double>(scenario.region_count()) *
                              static_cast<double>(scenario.table.key_count) *
                              (block_bytes(scenario.region_count()) + (coalesces ? 4 : 0));
  return estimate;
}

std::optional<std::string> refuse_run(const RunEstimate& estimate, bool bounded) {
  if (estimate.item_state_bytes > kItemStateBytesCeiling) {
    return fmt::format(
        "the run would need about {:.1f} GiB for item state (regions x keys x block bytes), above the "
        "limit of {:.0f} GiB; lower 'table.keys' or the number of regions",
        estimate.item_state_bytes / (1ull << 30), kItemStateBytesCeiling / (1ull << 30));
  }
  if (estimate.simulated_ns > kSimulatedNsCeiling) {
    return fmt::format(
        "the run would simulate about {:.3g}h (each partition's stream ships at most "
        "'replication.batch_size' records per 'replication.poll_interval'), above the limit of 100000h; "
        "raise the batch size, shorten the poll interval or lower the rates",
        estimate.simulated_ns / 3600e9);
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
