#include "model/world.h"

#include <algorithm>

#include "sim/assert.h"

namespace model {

// The request scheduled here runs at the group's next arrival; the newest
// one drawn, kLookahead arrivals after that, starts loading its item now,
// so it is in cache when it runs. The request scheduled, if a write, starts
// loading its item's newest write (prefetch_newest reads the slot from the
// item's block, loaded since its draw). Hints only: they change no result.
void World::schedule_request(size_t group, sim::Instant at) {
  const Request request = clients_.next_request(group);
  items_.prefetch(clients_.home(group), clients_.newest_drawn(group).key);
  prefetch_newest(request);
  lanes_.schedule(static_cast<uint32_t>(group), at, request, queue_.pushed());
}

// The next event's state starts loading while this one runs. A request
// needs nothing loaded here: its item started loading when it was drawn, a
// write's newest write when it was scheduled (schedule_request).
void World::prefetch_next() const {
  if (lane_first() || queue_.empty()) return;
  prefetch(queue_.peek().event);
}

// Memory, not arithmetic, bounds this loop: with many keys an event's item
// state is rarely in cache. Loading the next event's state while this one
// runs hides most of that wait. A hint only: it changes no result.
void World::prefetch(const Event& next) const {
  switch (next.kind) {
    case EventKind::kApply:
      writes_.prefetch(next.index);
      items_.prefetch(next.region, next.key);
      break;
    case EventKind::kClientRequest:
    case EventKind::kScriptedWrite:
      items_.prefetch(next.region, next.key);
      break;
    default:
      break;
  }
}

int64_t World::request_milli_units(size_t region, Operation op, uint64_t key,
                                               uint32_t size_bytes, const ClientGroupConfig& group) const {
  switch (op) {
    case Operation::kGet:
      return read_milli_units(stored_size(region, key), group.consistency == ReadConsistency::kStrong,
                              group.transactional);
    case Operation::kQuery:  // index reads are eventually consistent
      return read_milli_units(stored_size(region, key), false, false);
    case Operation::kDelete:
      return write_milli_units(stored_size(region, key), group.transactional);
    default:
      return write_milli_units(size_bytes, group.transactional);
  }
}

// Serves a request capacity admitted at `target`: a write commits (MRSC:
// its item is being modified for its window), a get reads (MRSC's strong
// read: the latest version), and a session may read its write back elsewhere.
// Inline into client_attempt (a call per request costs B1 about 1 %).
inline void World::serve(const Event& event, size_t group, size_t target, uint32_t size, sim::Instant now,
                  const QuorumCheck* quorum) {
  if (quorum != nullptr && event.op == Operation::kGet) {
    recorder_.request_served(target, event.op);
    observe_latest_read(target, event.key, now);
    return;
  }
  const uint32_t sequence = commit(target, now, event.op, event.key, size);
  if (sequence == 0) return;
  if (quorum != nullptr) strong_.modify(event.key, target, now, quorum->round_trip);
  if (clients_.has_sessions(group)) maybe_redirect_session(group, target, event.key, sequence, now);
}

// One attempt of a client request: the first (kClientRequest) or a retry.
// Its event time is when it reaches the serving replica. What the client
// waits (docs/model.md, "Latency clients see"): the time from its first
// attempt to the successful one, plus the round trip to the serving region
// when that is not its home, plus the service's time to answer.
void World::client_attempt(const Event& event, sim::Instant now) {
  const bool first = event.kind == EventKind::kClientRequest;
  const size_t group = first ? event.index : clients_.retry(event.index).group;
  const ClientGroupConfig& config = clients_.config(group);
  if (first) {
    if (auto next = clients_.next_arrival(group, now)) schedule_request(group, *next);
  }
  const size_t target = first ? clients_.route(group) : clients_.retry(event.index).target;
  const uint32_t instance = first ? clients_.next_instance(group) : clients_.retry(event.index).instance;
  const auto done = [&] {
    if (!first) clients_.end_retry(event.index);
  };
  if (!admin_.serving(target)) {  // no replica there yet, being backfilled, or removed
    recorder_.refused_request(target, admin_.backfill_record(target));
    return done();
  }
  if (outages_.request_fails(target)) {
    recorder_.unavailable_error(target);
    return done();
  }
  if (event.op == Operation::kQuery && !admin_.has_index(target, config.index)) {
    // The replica lacks the index: a validation error, not retried.
    recorder_.missing_index_error(target, config.index);
    return done();
  }
  const int attempts = first ? 1 : clients_.retry(event.index).attempts;
  const int64_t first_ns = first ? now.ns() : clients_.retry(event.index).first_attempt_ns;
  // A client served from another region pays the round trip on every attempt.
  const size_t home = clients_.home(group);
  const sim::Duration network = target == home ? sim::Duration::zero()
                                               : clients_.round_trip(group, replication_.link_latency(home, target),
                                                                     replication_.link_latency(target, home));
  // MRSC: a write or strong read needs its quorum; the client waits the round trip to it.
  const bool latest = strong_.enabled() && needs_quorum(event.op, config);
  QuorumCheck quorum;
  if (latest) {
    quorum = quorum_check(group, target, event.op, event.key, now);
    if (quorum.verdict == QuorumCheck::kRefused) return done();
    if (quorum.verdict == QuorumCheck::kConflict) {
      return retry_conflict(event, group, target, instance, attempts, first_ns, now + network);
    }
  }
  const bool writes_item = event.op == Operation::kPut || event.op == Operation::kUpdate;
  const uint32_t size = writes_item ? clients_.next_item_size(group) : 0;
  const Dimension dimension = is_read(event.op) ? Dimension::kRead : Dimension::kWrite;
  const int64_t milli = request_milli_units(target, event.op, event.key, size, config);

  if (capacity_[target].try_consume(now, dimension, event.key, milli)) {
    serve(event, group, target, size, now, latest ? &quorum : nullptr);
    clients_.on_success(group, instance, attempts);
    // What the service takes to answer (SuccessfulRequestLatency): MRSC's quorum round trip included.
    const sim::Duration service =
        clients_.service_time(group, event.op, outages_.latency_multiplier(target)) + quorum.round_trip;
    recorder_.client_success(target, group, target != home, now.ns() - first_ns + network.ns() + service.ns(),
                             service.ns());
    return done();
  }
  recorder_.throttle(target);
  if (!clients_.allow_retry(group, instance, attempts + 1)) {
    recorder_.client_error(target);
    return done();
  }
  recorder_.retry(target);
  const uint32_t slot = first ? clients_.start_retry(group, target, instance, first_ns) : event.index;
  // The throttle reaches the client after the round trip; it waits, then sends again.
  const sim::Duration wait = clients_.next_backoff(slot);
  queue_.push(now + network + wait, Event{EventKind::kRetry, event.op, event.region, slot, event.key});
}

// After a session's write, maybe its next read goes to another region.
void World::maybe_redirect_session(size_t group, size_t home, uint64_t key, uint32_t sequence, sim::Instant now) {
  const auto redirect = clients_.redirect_session(group, home, sequence);
  if (!redirect) return;
  queue_.push(now + redirect->delay, Event{EventKind::kSessionRead, Operation::kGet,
                                           static_cast<uint16_t>(redirect->read_region), redirect->slot, key});
}

// The read-back: a violation unless the read region has applied the write.
void World::session_read(uint32_t slot, size_t region, uint64_t key) {
  const SessionRead read = clients_.take_session_read(slot);
  if (!admin_.serving(region)) return;  // refused there: no read, no verdict
  const ReplicaItems& items = items_;  // a read touches no item
  const bool seen = region == read.home || items.seen(region, key)[read.home] >= read.sequence;
  recorder_.session_read(read.session, read.delay, seen);
}

// A get served at `region`: stale if a newer version had been committed
// anywhere, and, for each other region, whether its latest write is visible.
void World::observe_read(size_t region, uint64_t key, sim::Instant now) {
  const ReplicaItems& items = items_;  // a read touches no item
  const WriteSlot newest = items.newest(key);
  if (newest != kNoWrite && items.stored(region, key) != newest) {
    recorder_.stale_read(region, now.ns() - writes_[newest].issued_ns);
  }
  const uint32_t* seen = items.seen(region, key);
  for (size_t from = 0; from < region_count_; ++from) {
    if (from == region) continue;
    const int64_t last = items.last_commit_ns(from, key);
    if (last == INT64_MIN) continue;
    const int64_t age = now.ns() - last;
    // The last grid point at or below the age, found from the top: with many
    // keys most items were last written long ago (one comparison).
    size_t bucket = kVisibilityBuckets - 1;
    while (bucket > 0 && kVisibilityGridNs[bucket] > age) --bucket;
    recorder_.visibility_read(from, region, bucket, seen[from] >= items.seen(from, key)[from]);
  }
}

}  // namespace model
