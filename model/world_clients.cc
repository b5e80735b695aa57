#include "model/world.h"

#include <algorithm>

#include "sim/assert.h"

namespace model {

void World::schedule_request(size_t group, sim::Instant at) {
  const Request request = groups_[group].next_request();
  queue_.push(at, Event{EventKind::kClientRequest, request.op, group_region_[group],
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

// Which region a request of `group` goes to: its own, or, after a traffic
// shift, the shift's target for the shifted share of requests.
size_t World::route(size_t group) {
  const size_t home = group_region_[group];
  if (route_to_[group] == home) return home;
  const sim::UInt128 all = static_cast<sim::UInt128>(1) << 64;
  if (route_below_[group] >= all) return route_to_[group];
  return route_rngs_[group].next_u64() < route_below_[group] ? route_to_[group] : home;
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
  const size_t group = first ? event.index : retries_[event.index].group;
  const ClientGroupConfig& config = *group_configs_[group];
  if (first) {
    if (auto next = groups_[group].next_arrival(now)) schedule_request(group, *next);
  }
  const size_t target = first ? route(group) : retries_[event.index].target;
  if (!serving(target)) {  // no replica there yet, being backfilled, or removed
    recorder_.refused_request(
        target, replica_state_[target] == ReplicaState::kBackfilling ? replica_change_[target] : kNoRecord);
    if (!first) retry_free_.push_back(event.index);
    return;
  }
  if (down_[target]) {
    recorder_.unavailable_error(target);
    if (!first) retry_free_.push_back(event.index);
    return;
  }
  if (event.op == Operation::kQuery && !((indexes_[target] >> config.index) & 1)) {
    // The replica lacks the index: a validation error, not retried.
    recorder_.missing_index_error(target, config.index);
    if (!first) retry_free_.push_back(event.index);
    return;
  }
  const bool writes_item = event.op == Operation::kPut || event.op == Operation::kUpdate;
  const uint32_t size = writes_item ? groups_[group].next_item_size() : 0;
  const Dimension dimension = is_read(event.op) ? Dimension::kRead : Dimension::kWrite;
  const int64_t milli = request_milli_units(target, event.op, event.key, size, config);
  const int attempts = first ? 1 : retries_[event.index].attempts;
  const int64_t first_ns = first ? now.ns() : retries_[event.index].first_attempt_ns;

  if (capacity_[target].try_consume(now, dimension, event.key, milli)) {
    const uint32_t sequence = commit(target, now, event.op, event.key, size);
    if (sequence > 0 && group_session_[group] >= 0) maybe_redirect_session(group, target, event.key, sequence, now);
    retry_budgets_[group].on_success(attempts);
    recorder_.client_success(target, now.ns() - first_ns);
    if (!first) retry_free_.push_back(event.index);
    return;
  }
  recorder_.throttle(target);
  if (!retry_budgets_[group].allow_retry(attempts + 1)) {
    recorder_.client_error(target);
    if (!first) retry_free_.push_back(event.index);
    return;
  }
  recorder_.retry(target);
  uint32_t slot = first ? 0 : event.index;
  if (first) {
    if (retry_free_.empty()) {
      slot = static_cast<uint32_t>(retries_.size());
      retries_.push_back(RetryState{});
    } else {
      slot = retry_free_.back();
      retry_free_.pop_back();
    }
    retries_[slot] = RetryState{static_cast<uint32_t>(group), static_cast<uint16_t>(target), 1, first_ns};
  }
  RetryState& state = retries_[slot];
  const sim::Duration wait = retry_budgets_[group].backoff(state.attempts, retry_rngs_[group]);
  ++state.attempts;
  queue_.push(now + wait, Event{EventKind::kRetry, event.op, event.region, slot, event.key});
}

// After a session's write, maybe its next read goes to another region.
void World::maybe_redirect_session(size_t group, size_t home, uint64_t key, uint32_t sequence, sim::Instant now) {
  const SessionConfig& sessions = group_configs_[group]->sessions;
  sim::Rng& rng = session_rngs_[group];
  if (rng.uniform01() * 100.0 >= sessions.redirect_fraction) return;
  const uint32_t delay = static_cast<uint32_t>(rng.below(sessions.delays.size()));
  uint32_t slot;
  if (session_free_.empty()) {
    slot = static_cast<uint32_t>(session_reads_.size());
    session_reads_.emplace_back();
  } else {
    slot = session_free_.back();
    session_free_.pop_back();
  }
  session_reads_[slot] = SessionRead{static_cast<uint32_t>(group_session_[group]), delay, sequence,
                                     static_cast<uint16_t>(home)};
  queue_.push(now + sessions.delays[delay],
              Event{EventKind::kSessionRead, Operation::kGet, static_cast<uint16_t>(sessions.read_region), slot, key});
}

// The read-back: a violation unless the read region has applied the write.
void World::session_read(uint32_t slot, size_t region, uint64_t key) {
  const SessionRead read = session_reads_[slot];
  session_free_.push_back(slot);
  if (!serving(region)) return;  // refused there: no read, no verdict
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
