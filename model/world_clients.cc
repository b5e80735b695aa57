#include "model/world.h"

#include <algorithm>

#include "sim/assert.h"

namespace model {

void World::schedule_request(size_t group, sim::Instant at) {
  const Request request = clients_.next_request(group);
  queue_.push(at, Event{EventKind::kClientRequest, request.op, clients_.home(group),
                        static_cast<uint32_t>(group), request.key});
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

// What the item weighs in a replica: 0 if absent; a never-written item of a
// prepopulated table weighs the median item size.
uint32_t World::stored_size(size_t region, uint64_t key) const {
  const WriteSlot slot = items_.stored(region, key);
  if (slot == kNoWrite) return prepopulated_item_bytes_;
  if (writes_[slot].is_tombstone()) return 0;
  return writes_[slot].size_bytes;
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

// One attempt of a client request: the first (kClientRequest) or a retry.
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
  const bool writes_item = event.op == Operation::kPut || event.op == Operation::kUpdate;
  const int attempts = first ? 1 : clients_.retry(event.index).attempts;
  const int64_t first_ns = first ? now.ns() : clients_.retry(event.index).first_attempt_ns;
  // MRSC: a write or strong read needs its quorum (the round trip to it is the client's to wait).
  const bool strong_read = event.op == Operation::kGet && config.consistency == ReadConsistency::kStrong;
  const bool latest = strong_.enabled() && (!is_read(event.op) || strong_read);
  QuorumCheck quorum;
  if (latest) {
    quorum = quorum_check(group, target, event.op, event.key, now);
    if (quorum.verdict == QuorumCheck::kRefused) return done();
    if (quorum.verdict == QuorumCheck::kConflict) {
      return retry_conflict(event, group, target, instance, attempts, first_ns, now);
    }
  }
  const uint32_t size = writes_item ? clients_.next_item_size(group) : 0;
  const Dimension dimension = is_read(event.op) ? Dimension::kRead : Dimension::kWrite;
  const int64_t milli = request_milli_units(target, event.op, event.key, size, config);

  if (capacity_[target].try_consume(now, dimension, event.key, milli)) {
    if (latest && event.op == Operation::kGet) {
      recorder_.request_served(target, event.op);
      observe_latest_read(target, event.key, now);
    } else {
      const uint32_t sequence = commit(target, now, event.op, event.key, size);
      if (latest && sequence > 0) strong_.modify(event.key, target, now, quorum.round_trip);
      if (sequence > 0 && clients_.has_sessions(group)) maybe_redirect_session(group, target, event.key, sequence, now);
    }
    clients_.on_success(group, instance, attempts);
    recorder_.client_success(target, now.ns() - first_ns + quorum.round_trip.ns());
    return done();
  }
  recorder_.throttle(target);
  if (!clients_.allow_retry(group, instance, attempts + 1)) {
    recorder_.client_error(target);
    return done();
  }
  recorder_.retry(target);
  const uint32_t slot = first ? clients_.start_retry(group, target, instance, first_ns) : event.index;
  const sim::Duration wait = clients_.next_backoff(slot);
  queue_.push(now + wait, Event{EventKind::kRetry, event.op, event.region, slot, event.key});
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
  const bool seen = region == read.home || items_.seen(region, key)[read.home] >= read.sequence;
  recorder_.session_read(read.session, read.delay, seen);
}

// A get served at `region`: stale if a newer version had been committed
// anywhere, and, for each other region, whether its latest write is visible.
void World::observe_read(size_t region, uint64_t key, sim::Instant now) {
  const WriteSlot newest = newest_[key];
  if (newest != kNoWrite && items_.stored(region, key) != newest) {
    recorder_.stale_read(region, now.ns() - writes_[newest].issued_ns);
  }
  const uint32_t* seen = items_.seen(region, key);
  for (size_t from = 0; from < region_count_; ++from) {
    if (from == region) continue;
    const int64_t last = items_.last_commit_ns(from, key);
    if (last == INT64_MIN) continue;
    const int64_t age = now.ns() - last;
    size_t bucket = 0;
    while (bucket + 1 < kVisibilityBuckets && kVisibilityGridNs[bucket + 1] <= age) ++bucket;
    recorder_.visibility_read(from, region, bucket, seen[from] >= items_.seen(from, key)[from]);
  }
}

}  // namespace model
