// The World's handlers for a table with multi-Region strong consistency
// (docs/model.md, "Multi-Region strong consistency"); the state they read
// and change is StrongConsistency's (model/strong_consistency.h).
#include <utility>

#include "model/world.h"

#include "sim/assert.h"

namespace model {

// MRSC does not replicate through streams: a write is sent to every other
// participant when it commits and applied on arrival, so the stream
// pipeline's knobs (poll interval, apply time, coalescing) do not apply.
Scenario World::world_scenario(const Scenario& scenario) {
  if (!scenario.consistency.strong()) return scenario;
  Scenario world = scenario;
  world.replication.poll_interval = sim::Duration::zero();
  world.replication.apply_time = sim::LatencyModel();
  world.replication.coalesce_window = sim::Duration::zero();
  return world;
}

// Whether `region` reaches participant `peer` now: both links up, the peer's
// replication going on, and the peer in the group (or the witness).
bool World::reaches(size_t region, size_t peer) const {
  if (replication_.link_cut(region, peer) || replication_.link_cut(peer, region)) return false;
  if (!outages_.replicates(peer)) return false;
  return strong_.is_witness(peer) || (admin_.member(peer) && !admin_.left(peer));
}

// Ranks each region's participants by the links' median round trip as they
// are now, then finds each region's quorum peer; a region that gets one
// back starts catching up on the writes bound for it.
void World::refresh_quorums(sim::Instant now, bool rerank) {
  if (rerank) {
    strong_.rank([&](size_t a, size_t b) {
      return replication_.link_latency(a, b).quantile_ns(0.5) + replication_.link_latency(b, a).quantile_ns(0.5);
    });
  }
  strong_.refresh(
      now, next_write_id_, [&](size_t a, size_t b) { return reaches(a, b); },
      [&](size_t a) { return outages_.replicates(a) && admin_.member(a) && !admin_.left(a); },
      [&](size_t a) { return replication_.inbound(a); });
}

// A write (or a strongly consistent read) of `group` at `target` needs a
// quorum: refused without one or while catching up; a write to an item
// another region is modifying conflicts. Otherwise the round trip to the
// participant that acknowledges it.
World::QuorumCheck World::quorum_check(size_t group, size_t target, Operation op, uint64_t key, sim::Instant now) {
  QuorumCheck check;
  const StrongConsistency::Refusal refusal = strong_.refusal(target);
  if (refusal != StrongConsistency::Refusal::kNone) {
    strong_.refused(target, refusal);
    check.verdict = QuorumCheck::kRefused;
    return check;
  }
  if (op != Operation::kGet) {
    check.holder = strong_.modifying(key, target, now);
    if (check.holder != StrongConsistency::kNone) {
      strong_.conflicted(target, check.holder);
      check.verdict = QuorumCheck::kConflict;
      return check;
    }
  }
  const size_t peer = strong_.peer(target);
  check.round_trip =
      strong_.round_trip(group, replication_.link_latency(target, peer), replication_.link_latency(peer, target));
  return check;
}

// ReplicatedWriteConflictException: the SDK retries it like a throttled
// request (its backoff and quota); after the last attempt the request fails.
void World::retry_conflict(const Event& event, size_t group, size_t target, uint32_t instance, int attempts,
                           int64_t first_ns, sim::Instant now) {
  const bool first = event.kind == EventKind::kClientRequest;
  if (!clients_.allow_retry(group, instance, attempts + 1)) {
    strong_.conflict_error(target);
    if (!first) clients_.end_retry(event.index);
    return;
  }
  recorder_.retry(target);
  const uint32_t slot = first ? clients_.start_retry(group, target, instance, first_ns) : event.index;
  const sim::Duration wait = clients_.next_backoff(slot);
  queue_.push(now + wait, Event{EventKind::kRetry, event.op, event.region, slot, event.key});
}

// A strongly consistent read of an MRSC table returns the latest version
// wherever it is served: it is never stale, and every region's latest write
// is visible to it.
void World::observe_latest_read(size_t region, uint64_t key, sim::Instant now) {
  for (size_t from = 0; from < region_count_; ++from) {
    if (from == region) continue;
    const int64_t last = std::as_const(items_).last_commit_ns(from, key);  // a read touches no item
    if (last == INT64_MIN) continue;
    const int64_t age = now.ns() - last;
    size_t bucket = 0;
    while (bucket + 1 < kVisibilityBuckets && kVisibilityGridNs[bucket + 1] <= age) ++bucket;
    recorder_.visibility_read(from, region, bucket, true);
  }
}

// A scripted write (tests) of an MRSC table takes the path of a client's,
// but has no client to retry it: refused or in conflict, it is not made.
void World::scripted_strong_write(const Event& event, sim::Instant now) {
  const QuorumCheck check = quorum_check(strong_.scripted(event.region), event.region, event.op, event.key, now);
  if (check.verdict != QuorumCheck::kGo) return;
  if (commit(event.region, now, event.op, event.key, 1024) > 0) strong_.modify(event.key, event.region, now, check.round_trip);
}

}  // namespace model
