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
  // The write knows what its region had seen of the item, itself included.
  uint32_t* region_seen = items_.seen(region, key);
  const uint32_t sequence = ++region_seen[region];
  const WriteSlot slot = writes_.allocate(region_seen);
  WriteRecord& write = writes_[slot];
  writes_.retain(slot);  // held by this commit until it returns
  write.id = next_write_id_++;
  write.key = key;
  write.issued_ns = now.ns();
  write.sequence = sequence;
  write.size_bytes = size_bytes;
  write.origin = static_cast<uint16_t>(region);
  write.op = op;
  write.undelivered = static_cast<uint16_t>(region_count_ - 1);
  if (by_ttl) write.flags |= WriteRecord::kTtlDelete;
  if (!strong_.enabled()) {
    write.timestamp_ns = clocks_[region].read_ns(now);
  } else {
    // MRSC orders an item's writes by their quorum, not by a region's clock
    // (its conflict windows keep two regions' writes to an item apart in
    // time), and a write sees the latest version through its quorum: it
    // knows every write committed to the item before it, wherever.
    write.timestamp_ns = now.ns();
    uint32_t* known = writes_.knowledge(slot);
    for (size_t r = 0; r < region_count_; ++r) known[r] = items_.seen(r, key)[r];
  }
  if (op != Operation::kDelete) recorder_.bytes_written(region, size_bytes);
  recorder_.write_committed(now);
  const TtlConfig& ttl = scenario_.table.ttl;
  if (ttl.items_expire && op != Operation::kDelete) {
    admin_.expire_at(Expiry{now.ns() + ttl.item_lifetime.ns(), key, write.id});
  }
  if (observer_) observer_->on_commit(write, now);

  apply(region, slot, now);
  items_.last_commit_ns(region, key) = now.ns();
  WriteSlot& newest = items_.newest(key);
  if (newest == kNoWrite || lww_.supersedes(write, writes_[newest])) {
    if (newest != kNoWrite) writes_.release(newest);
    newest = slot;
    writes_.retain(slot);
  }
  replicate(region, slot, now);
  writes_.release(slot);
  return sequence;
}

// A write committed at `region` starts towards the other replicas: at once,
// or through the region's stream and its next poll. While the region's
// replication is out it waits in the stream (recover_region ships it).
// Inlined into its one caller, commit().
[[gnu::always_inline]] inline void World::replicate(size_t region, WriteSlot slot, sim::Instant now) {
  replication_.committed(region);
  if (region_count_ < 2) return;  // nothing to replicate to
  const bool replicates = outages_.replicates(region);
  if (replication_.ships_at_commit() && replicates) {
    ship(region, slot, now);
    return;
  }
  writes_.retain(slot);  // held by the stream until shipped
  if (replication_.coalesces()) coalesce(region, slot, now);
  // The stream of the item's partition, as the region's capacity counts
  // them; with no polls (records ship at commit) only one stream, which
  // holds what the region commits while its replication is out.
  const size_t shard = replication_.ships_at_commit() ? 0 : capacity_[region].partition_of(writes_[slot].key);
  if (replication_.append(region, shard, slot) && !replication_.ships_at_commit()) {
    schedule_poll(region, shard, replication_.next_poll_after(region, shard, now));
  }
}

void World::schedule_poll(size_t source, size_t shard, sim::Instant at) {
  queue_.push(at, Event{EventKind::kPoll, Operation::kPut, static_cast<uint16_t>(source), static_cast<uint32_t>(shard),
                        0});
}

// `slot`'s item's previous record from `region`, if it is still in a stream
// and was committed within the window, is replaced by `slot`: it will never
// be shipped (its deliveries are given up now, counted as coalesced per
// pair) and hangs on `slot`'s chain, which deliver() accounts for and
// delivered_everywhere() releases.
void World::coalesce(size_t region, WriteSlot slot, sim::Instant now) {
  const WriteRecord& write = writes_[slot];
  const WriteSlot previous = replication_.replace_unshipped(region, write.key, slot);
  const bool replaces = previous != kNoWrite &&
                        write.issued_ns - writes_[previous].issued_ns <= replication_.coalesce_window_ns();
  replication_.set_predecessor(slot, replaces ? previous : kNoWrite);
  if (!replaces) return;
  writes_[previous].flags |= WriteRecord::kCoalesced;
  writes_.retain(previous);  // held by the chain until `slot` is everywhere
  const bool sends = admin_.member(region);
  for (size_t to = 0; to < region_count_; ++to) {
    if (to == region) continue;
    if (sends && admin_.member(to)) recorder_.coalesced(region, to);
    abandon_delivery(to, previous, now);
  }
}

// A record leaves one of `source`'s streams: true if it is to be shipped,
// false (the stream's reference released) if a newer write replaced it.
bool World::leaves_stream(size_t source, WriteSlot write) {
  replication_.left_stream(source, writes_[write].key, write);
  if (!(writes_[write].flags & WriteRecord::kCoalesced)) return true;
  writes_.release(write);
  return false;
}

// The first per-item sequence number `write` stands for: its own, or that
// of the oldest record it replaced.
uint32_t World::first_sequence(WriteSlot write) const {
  uint32_t first = writes_[write].sequence;
  if (!replication_.coalesces()) return first;
  for (WriteSlot c = replication_.predecessor(write); c != kNoWrite; c = replication_.predecessor(c)) {
    first = writes_[c].sequence;
  }
  return first;
}

// The records `write` replaced meet `replica`'s own writes when it arrives,
// as they would have: the concurrent pairs stay exact.
void World::replaced_arrive(WriteSlot write, size_t replica, uint32_t own_writes) {
  for (WriteSlot c = replication_.predecessor(write); c != kNoWrite; c = replication_.predecessor(c)) {
    recorder_.arrival(writes_, c, replica, own_writes);
  }
}

// `write` has been applied at, or given up for, every other replica.
void World::delivered_everywhere(WriteSlot write, sim::Instant now) {
  const WriteRecord& record = writes_[write];
  if (record.flags & WriteRecord::kAtRisk) {
    outages_.at_risk_delivered(record.origin);
    note_outage_progress(now);
  }
  if (!replication_.coalesces() || (record.flags & WriteRecord::kCoalesced)) return;  // a chain is its head's
  WriteSlot replaced = replication_.predecessor(write);
  replication_.set_predecessor(write, kNoWrite);
  while (replaced != kNoWrite) {
    const WriteSlot next = replication_.predecessor(replaced);
    replication_.set_predecessor(replaced, kNoWrite);
    writes_.release(replaced);
    replaced = next;
  }
}

// After a recovery every stream of `source` with records is polled again.
void World::resume_polls(size_t source, sim::Instant now) {
  replication_.resume_polls(source, [&](size_t shard) {
    schedule_poll(source, shard, replication_.next_poll_after(source, shard, now));
  });
}

// Last-writer-wins at one replica: keep the winner, tell the tracker.
// Inlined into its two callers, commit() and deliver().
[[gnu::always_inline]] inline void World::apply(size_t replica, WriteSlot incoming, sim::Instant now) {
  const WriteRecord& write = writes_[incoming];
  const WriteSlot current = items_.stored(replica, write.key);
  if (current == kNoWrite) {
    items_.store(replica, write.key, incoming, write.stored_size_bytes());
    writes_.retain(incoming);
    return;
  }
  if (lww_.supersedes(write, writes_[current])) {
    recorder_.decided(writes_, incoming, current, replica, now);
    writes_.release(current);
    items_.store(replica, write.key, incoming, write.stored_size_bytes());
    writes_.retain(incoming);
  } else {
    recorder_.decided(writes_, current, incoming, replica, now);
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
    replication_.shipped(to);
    send(source, to, write, now);
  }
}

// `write` will never be applied at `to` (one of them left the group).
void World::abandon_delivery(size_t to, WriteSlot write, sim::Instant now) {
  WriteRecord& record = writes_[write];
  replication_.abandoned(record.origin, to);
  GTSIM_ASSERT(record.undelivered > 0);
  if (--record.undelivered == 0 && needs_completion(record)) delivered_everywhere(write, now);
}

// A copy bound for `to` that arrived there but will never be applied.
void World::drop_arrived(size_t to, WriteSlot write, sim::Instant now) {
  replication_.inbound_dropped(to);
  if (strong_.enabled()) strong_.settled(to, writes_[write].id, now);
  abandon_delivery(to, write, now);
  writes_.release(write);
}

// Puts one copy on the link from -> to, or parks it there while the link is cut.
void World::send(size_t from, size_t to, WriteSlot write, sim::Instant now) {
  if (const auto at = replication_.send(from, to, write, now)) {
    queue_.push(*at, Event{EventKind::kApply, Operation::kPut, static_cast<uint16_t>(to), write, writes_[write].key});
  }
}

// A poll of one of `source`'s streams. A region whose replication is out (a
// full or replication outage) ships nothing: its streams wait for recovery.
void World::poll(size_t source, size_t shard, sim::Instant now) {
  if (!outages_.replicates(source)) {
    replication_.skip_poll(source, shard);
    return;
  }
  const bool more = replication_.poll(source, shard, [&](WriteSlot write) {
    if (!leaves_stream(source, write)) return false;
    ship(source, write, now);
    writes_.release(write);
    return true;
  });
  if (more) schedule_poll(source, shard, now + replication_.poll_interval());
}

// A replicated write reaches `replica`. Records of one item from one origin
// are admitted in order: one that overtook its predecessor on the network is
// held back and admitted right after the predecessor.
void World::arrive(size_t replica, WriteSlot write, sim::Instant now) {
  const WriteRecord& record = writes_[write];
  if (!admin_.member(replica)) {  // removed while this was on the way
    drop_arrived(replica, write, now);
    return;
  }
  // The link was cut while it was on the way: resent after the restore.
  if (replication_.park_if_cut(record.origin, replica, write)) return;
  uint32_t& admitted = items_.admitted(replica, record.key, record.origin);
  if (record.sequence <= admitted) {  // sent before it joined: its backfill copies it
    drop_arrived(replica, write, now);
    return;
  }
  // A record that replaced older ones (coalescing) stands for them all: it
  // waits for the one before the oldest it replaced.
  if (record.sequence != admitted + 1) {
    const uint32_t first = first_sequence(write);
    if (first > admitted + 1) {
      replication_.hold(replica, record.origin, record.key, first, write);
      return;
    }
  }
  // Admitted in order; the held successors it unblocks follow (usually none).
  admitted = record.sequence;
  const uint64_t key = record.key;
  const size_t origin = record.origin;
  admit(replica, write, now);
  if (!replication_.held_empty()) admit_in_order(replica, take_held_successor(replica, key, origin), now);
}

// Admits `write` (kNoWrite: none), then the held successors it unblocks, in order.
void World::admit_in_order(size_t replica, WriteSlot write, sim::Instant now) {
  for (WriteSlot next = write; next != kNoWrite;) {
    const uint64_t key = writes_[next].key;
    const size_t origin = writes_[next].origin;
    items_.admitted(replica, key, origin) = writes_[next].sequence;
    admit(replica, next, now);
    next = take_held_successor(replica, key, origin);
  }
}

WriteSlot World::take_held_successor(size_t replica, uint64_t key, size_t origin) {
  if (replication_.held_empty()) return kNoWrite;
  return replication_.take_held(replica, origin, key, items_.admitted(replica, key, origin) + 1);
}

// A replicated write consumes write capacity at its destination too
// (docs/sources.md), asked for by the destination's applier. Throttled, it
// waits behind any write already waiting there, and the applier, now
// backlogged, shares the replica's write capacity with its clients and tries
// again after its retry interval: delayed, never dropped. A replica that is
// down parks it until recovery. True if it was applied now.
bool World::admit(size_t replica, WriteSlot write, sim::Instant now) {
  sim::RingBuffer<WriteSlot>& backlog = replication_.backlog(replica);
  if (!outages_.replicates(replica) || !admin_.serving(replica) || !backlog.empty()) {
    backlog.push_back(write);
    return false;
  }
  const WriteRecord& record = writes_[write];
  if (capacity_[replica].try_consume_replicated(now, record.key, write_milli_units(record.size_bytes, false))) {
    deliver(replica, write, now);
    return true;
  }
  applier_throttled(replica, now);
  backlog.push_back(write);
  return false;
}

// The applier's request was throttled: it shares capacity until its backlog
// is empty and tries again after its retry interval (one try scheduled at a time).
void World::applier_throttled(size_t replica, sim::Instant now) {
  recorder_.replication_throttle(replica);
  capacity_[replica].start_sharing(now);
  if (!replication_.claim_drain(replica)) return;
  queue_.push(now + replication_.applier_retry(),
              Event{EventKind::kDrainBacklog, Operation::kPut, static_cast<uint16_t>(replica), 0, 0});
}

// The applier applies its backlog in order while its share admits them.
void World::drain_backlog(size_t replica, sim::Instant now) {
  sim::RingBuffer<WriteSlot>& backlog = replication_.backlog(replica);
  while (outages_.replicates(replica) && admin_.serving(replica) && !backlog.empty()) {
    const WriteSlot head = backlog.front();
    const WriteRecord& record = writes_[head];
    if (!capacity_[replica].try_consume_replicated(now, record.key, write_milli_units(record.size_bytes, false))) {
      applier_throttled(replica, now);
      return;
    }
    backlog.pop_front();
    deliver(replica, head, now);
  }
  if (backlog.empty()) capacity_[replica].end_sharing(now);
  note_outage_progress(now);
}

// Applies a replicated write at `replica` in its turn: measure its lag, count
// the writes it is concurrent with, then apply it under LWW. Inlined into
// its two callers, admit() and drain_backlog().
[[gnu::always_inline]] inline void World::deliver(size_t replica, WriteSlot write, sim::Instant now) {
  WriteRecord& record = writes_[write];
  const size_t origin = record.origin;
  uint32_t* replica_seen = items_.seen(replica, record.key);
  if (record.sequence <= replica_seen[origin]) {
    // A new replica's backfill already copied it (or a newer version).
    drop_arrived(replica, write, now);
    return;
  }
  recorder_.replicated(origin, replica, record.issued_ns, now);
  replication_.applied(origin, replica);

  if (record.flags & WriteRecord::kTtlDelete) {
    recorder_.ttl_replicated(replica, write_milli_units(record.size_bytes, false) / 1000);
  }
  if (!strong_.enabled()) {
    if (replication_.coalesces()) replaced_arrive(write, replica, replica_seen[replica]);
    recorder_.arrival(writes_, write, replica, replica_seen[replica]);
  } else {
    // MRSC serializes an item's writes through their quorum: none is
    // concurrent with another. A region catching up counts what it applies.
    recorder_.transferred(record);
    strong_.settled(replica, record.id, now);
  }
  replica_seen[origin] = record.sequence;
  apply(replica, write, now);
  if (scenario_.table.ttl.items_expire && admin_.ttl_enabled(replica) && !admin_.table_settings() &&
      !record.is_tombstone() && now < stop_) {
    // A version that arrives expired is deleted by this replica's TTL too
    // (2017.11.29; the table-wide process planned it under 2019.11.21).
    const int64_t expires_ns = record.issued_ns + scenario_.table.ttl.item_lifetime.ns();
    if (expires_ns <= now.ns() && items_.stored(replica, record.key) == write) {
      schedule_ttl_delete(replica, record.key, record.id, expires_ns, now);
    }
  }
  if (observer_) observer_->on_replicated(replica, record, now);
  GTSIM_ASSERT(record.undelivered > 0);
  if (--record.undelivered == 0 && needs_completion(record)) delivered_everywhere(write, now);
  writes_.release(write);
}

}  // namespace model
