#include "model/world.h"

#include <algorithm>

#include "sim/assert.h"

namespace model {

uint32_t World::commit(size_t region, sim::Instant now, Operation op, uint64_t key, uint32_t size_bytes,
                       bool by_ttl) {
  if (by_ttl) {
    recorder_.ttl_delete_served(region);
  } else {
    recorder_.request_served(region, op);
  }
  if (op == Operation::kGet) {
    observe_read(region, key, now);
    return 0;
  }
  if (op == Operation::kQuery) return 0;
  if (op == Operation::kDelete) {
    // Deleting an absent item changes nothing, so the stream gets no record.
    size_bytes = stored_size(region, key);  // a delete costs what the item weighed
    if (size_bytes == 0) {
      recorder_.noop_delete(region);
      return 0;
    }
  }
  const WriteSlot slot = writes_.allocate();
  WriteRecord& write = writes_[slot];
  writes_.retain(slot);  // held by this commit until it returns
  uint32_t* region_seen = items_.seen(region, key);
  write.id = next_write_id_++;
  write.key = key;
  write.issued_ns = now.ns();
  write.timestamp_ns = clocks_[region].read_ns(now);
  write.sequence = ++region_seen[region];
  write.size_bytes = size_bytes;
  write.origin = static_cast<uint16_t>(region);
  write.op = op;
  write.undelivered = static_cast<uint16_t>(region_count_ - 1);
  if (by_ttl) write.flags |= WriteRecord::kTtlDelete;
  uint32_t* known = writes_.knowledge(slot);
  for (size_t r = 0; r < region_count_; ++r) known[r] = region_seen[r];
  if (op != Operation::kDelete) recorder_.bytes_written(region, size_bytes);
  conflicts_.count_write();
  last_write_ns_ = now.ns();
  const TtlConfig& ttl = scenario_.table.ttl;
  if (ttl.items_expire && op != Operation::kDelete) {
    admin_.expire_at(Expiry{now.ns() + ttl.item_lifetime.ns(), key, write.id});
  }
  if (observer_) observer_->on_commit(write, now);

  apply(region, slot, now);
  items_.last_commit_ns(region, key) = now.ns();
  WriteSlot& newest = newest_[key];
  if (newest == kNoWrite || lww_.supersedes(write, writes_[newest])) {
    if (newest != kNoWrite) writes_.release(newest);
    newest = slot;
    writes_.retain(slot);
  }
  for (size_t to = 0; to < region_count_; ++to) {
    if (to != region) ++pair_pending_[pair(region, to)];
  }
  if (region_count_ < 2) {
    // Nothing to replicate to.
  } else if (scenario_.replication.poll_interval.ns() == 0) {
    ship(region, slot, now);
  } else {
    writes_.retain(slot);  // held by the stream until shipped
    streams_[region].push_back(slot);
    if (!poll_pending_[region]) {
      poll_pending_[region] = true;
      queue_.push(next_poll_after(region, now),
                  Event{EventKind::kPoll, Operation::kPut, static_cast<uint16_t>(region), 0, 0});
    }
  }
  const uint32_t sequence = write.sequence;
  writes_.release(slot);
  return sequence;
}

// Last-writer-wins at one replica: keep the winner, tell the tracker.
void World::apply(size_t replica, WriteSlot incoming, sim::Instant now) {
  WriteSlot& current = items_.stored(replica, writes_[incoming].key);
  if (current == kNoWrite) {
    current = incoming;
    writes_.retain(incoming);
    return;
  }
  if (lww_.supersedes(writes_[incoming], writes_[current])) {
    conflicts_.on_decided(writes_, incoming, current, replica, now);
    writes_.release(current);
    current = incoming;
    writes_.retain(incoming);
  } else {
    conflicts_.on_decided(writes_, current, incoming, replica, now);
  }
}

// Sends one stream record to every other replica in the group; each copy
// crosses the network and waits its apply time (arrive() keeps per-item
// order). A region outside the group (left, removed, never added) replicates
// nothing and gets nothing; a replica being backfilled gets them all and
// drops on arrival those its copy brings (arrive()).
void World::ship(size_t source, WriteSlot write, sim::Instant now) {
  const bool sends = admin_.member(source);
  for (size_t to = 0; to < region_count_; ++to) {
    if (to == source) continue;
    if (!sends || !admin_.member(to)) {
      abandon_delivery(to, write, now);
      continue;
    }
    writes_.retain(write);
    ++inbound_pending_[to];
    send(source, to, write, now);
  }
}

// `write` will never be applied at `to` (one of them left the group).
void World::abandon_delivery(size_t to, WriteSlot write, sim::Instant now) {
  WriteRecord& record = writes_[write];
  --pair_pending_[pair(record.origin, to)];
  GTSIM_ASSERT(record.undelivered > 0);
  if (--record.undelivered == 0 && (record.flags & WriteRecord::kAtRisk)) {
    outages_.at_risk_delivered(record.origin);
    note_outage_progress(now);
  }
}

// Puts one copy on the link from -> to, or parks it there while the link is cut.
void World::send(size_t from, size_t to, WriteSlot write, sim::Instant now) {
  const size_t link = pair(from, to);
  if (cut_[link]) {
    link_parked_[link].push_back(write);
    return;
  }
  const sim::Duration network = latency_[link].sample(network_rngs_[link]);
  const sim::Duration apply_time = scenario_.replication.apply_time.sample(apply_rngs_[link]);
  queue_.push(now + network + apply_time,
              Event{EventKind::kApply, Operation::kPut, static_cast<uint16_t>(to), write, writes_[write].key});
}

// The first poll tick strictly after `now`: ticks are phase + n * interval.
sim::Instant World::next_poll_after(size_t source, sim::Instant now) const {
  const int64_t interval = scenario_.replication.poll_interval.ns();
  const int64_t phase = poll_phase_ns_[source];
  if (now.ns() < phase) return sim::Instant::from_ns(phase);
  const int64_t ticks = (now.ns() - phase) / interval + 1;
  return sim::Instant::from_ns(phase + ticks * interval);
}

// A region that is down replicates nothing: its stream waits for recovery.
void World::poll(size_t source, sim::Instant now) {
  sim::RingBuffer<WriteSlot>& stream = streams_[source];
  if (outages_.down(source)) {
    poll_pending_[source] = false;
    return;
  }
  for (uint32_t shipped = 0; shipped < scenario_.replication.batch_size && !stream.empty(); ++shipped) {
    const WriteSlot write = stream.pop_front();
    ship(source, write, now);
    writes_.release(write);
  }
  if (stream.empty()) {
    poll_pending_[source] = false;
  } else {
    queue_.push(now + scenario_.replication.poll_interval,
                Event{EventKind::kPoll, Operation::kPut, static_cast<uint16_t>(source), 0, 0});
  }
}

// A replicated write reaches `replica`. Records of one item from one origin
// are admitted in order: one that overtook its predecessor on the network is
// held back and admitted right after the predecessor.
void World::arrive(size_t replica, WriteSlot write, sim::Instant now) {
  const WriteRecord& record = writes_[write];
  if (!admin_.member(replica)) {  // removed while this was on the way
    --inbound_pending_[replica];
    abandon_delivery(replica, write, now);
    writes_.release(write);
    return;
  }
  const size_t link = pair(record.origin, replica);
  if (cut_[link]) {  // the link was cut while it was on the way: resent after the heal
    link_parked_[link].push_back(write);
    return;
  }
  const uint32_t admitted = items_.admitted(replica, record.key)[record.origin];
  if (record.sequence <= admitted) {  // sent before it joined: its backfill copies it
    --inbound_pending_[replica];
    abandon_delivery(replica, write, now);
    writes_.release(write);
    return;
  }
  if (record.sequence != admitted + 1) {
    GTSIM_ASSERT(record.sequence > admitted + 1);
    held_.emplace(held_key(replica, record.origin, record.key), write);
    return;
  }
  admit_in_order(replica, write, now);
}

// Admits `write`, then the held successors it unblocks, in order.
void World::admit_in_order(size_t replica, WriteSlot write, sim::Instant now) {
  for (WriteSlot next = write; next != kNoWrite;) {
    const uint64_t key = writes_[next].key;
    const size_t origin = writes_[next].origin;
    items_.admitted(replica, key)[origin] = writes_[next].sequence;
    admit(replica, next, now);
    next = take_held_successor(replica, key, origin);
  }
}

WriteSlot World::take_held_successor(size_t replica, uint64_t key, size_t origin) {
  if (held_.empty()) return kNoWrite;
  const uint32_t wanted = items_.admitted(replica, key)[origin] + 1;
  const auto [first, last] = held_.equal_range(held_key(replica, origin, key));
  for (auto it = first; it != last; ++it) {
    if (writes_[it->second].sequence == wanted) {
      const WriteSlot found = it->second;
      held_.erase(it);
      return found;
    }
  }
  return kNoWrite;
}

// A replicated write consumes write capacity at its destination too
// (research/dynamodb-facts.md section 4.1). Throttled, it waits and retries,
// behind any write already waiting there: delayed, never dropped. A replica
// that is down parks it until recovery. True if it was applied now.
bool World::admit(size_t replica, WriteSlot write, sim::Instant now) {
  if (outages_.down(replica) || !admin_.serving(replica) || !backlog_[replica].empty()) {
    backlog_[replica].push_back(write);
    return false;
  }
  const WriteRecord& record = writes_[write];
  const int64_t milli = write_milli_units(record.size_bytes, false);
  if (capacity_[replica].try_consume(now, Dimension::kWrite, record.key, milli)) {
    deliver(replica, write, now);
    return true;
  }
  recorder_.replication_throttle(replica);
  backlog_[replica].push_back(write);
  schedule_drain(replica, capacity_[replica].time_until(now, Dimension::kWrite, record.key, milli), now);
  return false;
}

void World::schedule_drain(size_t replica, sim::Duration wait, sim::Instant now) {
  GTSIM_ASSERT(wait != sim::Duration::max());  // only a zero rate never refills
  if (drain_pending_[replica]) return;
  drain_pending_[replica] = true;
  queue_.push(now + wait, Event{EventKind::kDrainBacklog, Operation::kPut, static_cast<uint16_t>(replica), 0, 0});
}

void World::drain_backlog(size_t replica, sim::Instant now) {
  sim::RingBuffer<WriteSlot>& backlog = backlog_[replica];
  while (!outages_.down(replica) && admin_.serving(replica) && !backlog.empty()) {
    const WriteSlot head = backlog.front();
    const WriteRecord& record = writes_[head];
    const int64_t milli = write_milli_units(record.size_bytes, false);
    if (!capacity_[replica].try_consume(now, Dimension::kWrite, record.key, milli)) {
      recorder_.replication_throttle(replica);
      schedule_drain(replica, capacity_[replica].time_until(now, Dimension::kWrite, record.key, milli), now);
      return;
    }
    backlog.pop_front();
    deliver(replica, head, now);
  }
  note_outage_progress(now);
}

// Applies a replicated write at `replica` in its turn: measure its lag, count
// the writes it is concurrent with, then apply it under LWW.
void World::deliver(size_t replica, WriteSlot write, sim::Instant now) {
  WriteRecord& record = writes_[write];
  const size_t origin = record.origin;
  uint32_t* replica_seen = items_.seen(replica, record.key);
  if (record.sequence <= replica_seen[origin]) {
    // A new replica's backfill already copied it (or a newer version).
    --inbound_pending_[replica];
    abandon_delivery(replica, write, now);
    writes_.release(write);
    return;
  }
  recorder_.replicated(origin, replica, now.ns() - record.issued_ns);
  --inbound_pending_[replica];
  --pair_pending_[pair(origin, replica)];

  if (record.flags & WriteRecord::kTtlDelete) {
    const int64_t units = write_milli_units(record.size_bytes, false) / 1000;
    recorder_.ttl_replicated(replica, units);
  }
  conflicts_.on_arrival(writes_, write, replica, replica_seen[replica]);
  replica_seen[origin] = record.sequence;
  apply(replica, write, now);
  if (scenario_.table.ttl.items_expire && admin_.ttl_enabled(replica) && !record.is_tombstone() && now < stop_) {
    // A version that arrives expired is deleted by this replica's TTL too.
    const int64_t expires_ns = record.issued_ns + scenario_.table.ttl.item_lifetime.ns();
    if (expires_ns <= now.ns() && items_.stored(replica, record.key) == write) {
      schedule_ttl_delete(replica, record.key, record.id, expires_ns, now);
    }
  }
  if (observer_) observer_->on_replicated(replica, record, now);
  GTSIM_ASSERT(record.undelivered > 0);
  if (--record.undelivered == 0 && (record.flags & WriteRecord::kAtRisk)) {
    outages_.at_risk_delivered(origin);
    note_outage_progress(now);
  }
  last_apply_ns_max_ = now.ns();
  writes_.release(write);
}

}  // namespace model
