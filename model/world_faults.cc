#include "model/world.h"

#include <algorithm>

#include "sim/assert.h"

namespace model {
namespace {

// A replica whose region is disabled, or whose KMS key is inaccessible, for
// longer than this leaves the replication group (docs/sources.md, Replica
// lifecycle: API_ReplicaDescription). An outage has no such limit.
const sim::Duration kLeaveGroupAfter = sim::Duration::hours(20);

}  // namespace

void World::second_tick(sim::Instant now) {
  for (size_t r = 0; r < region_count_; ++r) {
    // A region that is down, or has no replica, publishes no metrics.
    const bool measured = !outages_.down(r) && (admin_.serving(r) || admin_.backfilling(r));
    recorder_.end_second(r, capacity_.end_second(r, now, replication_.inbound(r), measured));
    if (!replication_.backlog(r).empty() && !replication_.drain_pending(r)) drain_backlog(r, now);
  }
  for (size_t from = 0; from < region_count_; ++from) {
    for (size_t to = 0; to < region_count_; ++to) {
      if (from != to) recorder_.end_link_second(from, to, replication_.pending(from, to));
    }
  }
  if (recorder_.close_second()) {
    minute_datapoints(now);
    recorder_.end_minute();
  }
  if (scenario_.table.ttl.items_expire && now < stop_) expire_items(now);
  // Keep time going while traffic runs or anything else is pending.
  if (now < stop_ || foreground_pending() > 0) {
    queue_.push(now + sim::Duration::seconds(1), Event{EventKind::kSecondTick, Operation::kPut, 0, 0, 0});
  }
}

// Auto scaling's one-minute datapoints (provisioned replicas only).
void World::minute_datapoints(sim::Instant now) {
  capacity_.minute_datapoints(now, region_names_, [&](sim::Instant at, size_t region, size_t action) {
    queue_.push(at, Event{EventKind::kScalingApplied, Operation::kPut, static_cast<uint16_t>(region),
                          static_cast<uint32_t>(action), 0});
  });
}

void World::run_timeline(const TimelineEvent& event, sim::Instant now) {
  switch (event.kind) {
    case TimelineKind::kOutage:
      if (!outages_.down(event.region)) fail_region(event.region, event.outage, now);
      break;
    case TimelineKind::kRecover:
      if (outages_.down(event.region)) recover_region(event.region, now);
      break;
    case TimelineKind::kShiftTraffic:
      clients_.shift_traffic(event.region, event.to_region, event.fraction);
      break;
    case TimelineKind::kSetCapacity:
      capacity_.set_capacity(event.region, event, now);
      drain_backlog(event.region, now);
      note_settings(event.region, now);
      break;
    case TimelineKind::kCreateIndex:
    case TimelineKind::kDeleteIndex:
    case TimelineKind::kEnableTtl:
    case TimelineKind::kDisableTtl:
    case TimelineKind::kAddReplica:
    case TimelineKind::kRemoveReplica:
      run_admin(event, now);
      break;
    case TimelineKind::kCutLinks:
      for (const auto& [from, to] : event.links) replication_.cut(from, to);
      break;
    case TimelineKind::kRestoreLinks:
      for (const auto& link : event.links) {  // named: clang 14 cannot capture structured bindings
        const size_t from = link.first;
        const size_t to = link.second;
        replication_.restore(from, to, [&](WriteSlot write) { send(from, to, write, now); });
      }
      break;
    case TimelineKind::kSetLatency:
      for (const auto& [from, to] : event.links) replication_.set_latency(from, to, event.latency);
      break;
    case TimelineKind::kClockStep:
      clocks_[event.region].step(now, event.clock_step);
      break;
    case TimelineKind::kClockDrift:
      clocks_[event.region].set_drift(now, event.drift_ppm);
      break;
  }
  // MRSC: who reaches whom may have changed.
  if (strong_.enabled()) refresh_quorums(now, event.kind == TimelineKind::kSetLatency);
}

// A replica whose region stayed disabled, or whose KMS key stayed
// inaccessible, past the service's limit leaves the replication group: what
// it had not replicated is lost, what was bound for it is dropped, and from
// then on it replicates nothing either way (it keeps its data).
void World::leave_group(size_t region, sim::Instant now) {
  admin_.leave(region);
  recorder_.outage_left_group(outages_.latest(region), now, replication_.queued(region));
  replication_.empty_streams(region, [&](WriteSlot write) {
    if (!leaves_stream(region, write)) return;
    for (size_t to = 0; to < region_count_; ++to) {
      if (to != region) abandon_delivery(to, write, now);
    }
    writes_.release(write);
  });
  drop_inbound(region, now);
  note_settings(region, now);
  if (strong_.enabled()) refresh_quorums(now, false);
}

// Everything bound for `region` that has not been applied there is dropped:
// waiting for capacity, held for order, parked on a cut link.
void World::drop_inbound(size_t region, sim::Instant now) {
  replication_.drop_inbound(region, writes_, [&](WriteSlot write) { drop_arrived(region, write, now); });
  capacity_[region].end_sharing(now);  // its applier has nothing left to apply
}

// A region fails as `config` says. What it had committed but not yet
// applied everywhere is at risk, unless replication goes on (an endpoint
// outage holds nothing back). Only a disabled region or an inaccessible KMS
// key starts the 20-hour clock.
void World::fail_region(size_t region, const OutageConfig& config, sim::Instant now) {
  OutageResult outage;
  outage.region = region_names_[region];
  outage.scope = config.scope;
  outage.cause = config.cause;
  outage.failed_ns = now.ns();
  int64_t oldest = INT64_MAX;
  std::vector<WriteSlot> at_risk;
  if (strong_.enabled()) {
    // MRSC: a write left its region when it committed (a second participant
    // holds it once acknowledged): only what is still in its stream would be
    // at risk, and nothing ever waits there.
    replication_.for_each_queued(region, [&](WriteSlot slot) {
      at_risk.push_back(slot);
      oldest = std::min(oldest, writes_[slot].issued_ns);
    });
  } else if (config.scope != OutageScope::kEndpoint) {
    writes_.for_each_live([&](WriteSlot slot, const WriteRecord& write) {
      if (write.origin != region || write.undelivered == 0) return;
      at_risk.push_back(slot);
      oldest = std::min(oldest, write.issued_ns);
    });
  }
  for (const WriteSlot slot : at_risk) writes_[slot].flags |= WriteRecord::kAtRisk;
  outage.at_risk_writes = at_risk.size();
  outage.oldest_at_risk_age_ns = at_risk.empty() ? 0 : now.ns() - oldest;
  outages_.fail(region, config, recorder_.add_outage(outage), at_risk.size());
  if (config.cause == OutageCause::kOutage) return;
  push_background(now + kLeaveGroupAfter, Event{EventKind::kLeaveCheck, Operation::kPut, static_cast<uint16_t>(region),
                                                static_cast<uint32_t>(outages_.latest(region)), 0});
}

// A region comes back: its stream replicates again, writes parked for it are
// applied, and LWW decides against what happened meanwhile.
void World::recover_region(size_t region, sim::Instant now) {
  const bool was_full = outages_.config(region).scope == OutageScope::kFull;
  outages_.recover(region);
  recorder_.outage_recovered(outages_.latest(region), now);
  // MRSC: it catches up on everything bound for it, its backlog included.
  if (strong_.enabled()) refresh_quorums(now, false);
  if (replication_.ships_at_commit()) {
    replication_.empty_streams(region, [&](WriteSlot write) {
      ship(region, write, now);
      writes_.release(write);
    });
  } else {
    resume_polls(region, now);
  }
  drain_backlog(region, now);
  // Its TTL process catches up with what expired while it was down.
  if (was_full && !admin_.table_settings() && admin_.ttl_enabled(region) && admin_.serving(region) && !admin_.left(region)) sweep_expired(region, now, false);
}

// Records when a recovered region's backlog is drained: its at-risk writes
// applied everywhere, and its queue of replicated writes waiting for
// capacity empty for the first time (with incoming rate r and capacity C, a
// queue of B takes B / (C - r)).
void World::note_outage_progress(sim::Instant now) {
  for (size_t r = 0; r < region_count_; ++r) {
    if (outages_.end_drain(r, replication_.backlog(r).empty())) recorder_.outage_drained(outages_.latest(r), now);
  }
}

}  // namespace model
