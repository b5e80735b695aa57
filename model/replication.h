// Replication: the pipeline that carries each committed write to the other
// replicas: streams and their polls, the links between regions, the records
// held for per-item order, and the backlogs of replicated writes waiting for
// capacity.
//
// A write committed in a region is appended to that region's stream (or,
// with a zero poll interval, shipped at once); a poll ships up to batch_size
// records, each to every other replica in the group over the link from its
// origin (sim::Link: latency, cuts), then waits the apply time. At the
// destination a record is admitted in per-item order: one that overtook an
// earlier record of its item from its origin is held (sim::HeldRecords)
// until that one is admitted. An admitted record that the destination's
// capacity refuses waits in its backlog, in order, for the destination's
// applier: a requester of its own that tries again applier_retry later
// (one drain scheduled at a time) while it shares the replica's write
// capacity with the clients (model/replica_capacity.h; docs/design.md). The
// World decides where records go and applies them; this owns where they wait.
//
// Counters: inbound(r) counts the records bound for r that were shipped or
// are waiting and not yet applied or dropped; pending(from, to) counts the
// writes committed at `from` not yet applied (or abandoned) at `to`.
//
// Invariants: a source has at most one poll scheduled (poll_pending), a
// destination at most one drain (drain_pending); ticks of a source's polls
// fall at phase + n * interval; a backlog keeps the order records were
// admitted in; a record is held at most once per (destination, origin,
// item, sequence).
//
// Determinism: a link's latencies are drawn from "network/<from>-><to>" and
// its apply times from "replication/apply/<from>-><to>", in send order; a
// source's poll phase once from "replication/<region>/poll-phase". Held
// records are found by lookup and dropped in write order, never in hash
// order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "model/write_table.h"
#include "sim/distribution.h"
#include "sim/held_records.h"
#include "sim/link.h"
#include "sim/random.h"
#include "sim/ring_buffer.h"
#include "sim/time.h"

namespace model {

class Replication {
 public:
  Replication(const Scenario& scenario, const std::vector<std::string>& region_names);

  // Streams and polls.
  bool ships_at_commit() const { return poll_interval_.ns() == 0; }
  // Appends a committed write to its source's stream: true if a poll must
  // now be scheduled (at next_poll_after()).
  bool append(size_t source, WriteSlot write) {
    streams_[source].push_back(write);
    if (poll_pending_[source]) return false;
    poll_pending_[source] = 1;
    return true;
  }
  // After a recovery: true if the stream has records and no poll is
  // scheduled, which it now counts as scheduled.
  bool resume_polls(size_t source) {
    if (streams_[source].empty() || poll_pending_[source]) return false;
    poll_pending_[source] = 1;
    return true;
  }
  // The first poll tick strictly after `now`: ticks are phase + n * interval.
  sim::Instant next_poll_after(size_t source, sim::Instant now) const {
    const int64_t interval = poll_interval_.ns();
    const int64_t phase = poll_phase_ns_[source];
    if (now.ns() < phase) return sim::Instant::from_ns(phase);
    const int64_t ticks = (now.ns() - phase) / interval + 1;
    return sim::Instant::from_ns(phase + ticks * interval);
  }
  sim::Duration poll_interval() const { return poll_interval_; }
  // How long a throttled applier waits before it tries its backlog again.
  sim::Duration applier_retry() const { return applier_retry_; }
  // A poll: ship(write) for up to batch_size records, oldest first; true if
  // more remain (the next poll is the caller's to schedule).
  template <class Ship>
  bool poll(size_t source, Ship&& ship) {
    sim::RingBuffer<WriteSlot>& stream = streams_[source];
    for (uint32_t shipped = 0; shipped < batch_size_ && !stream.empty(); ++shipped) ship(stream.pop_front());
    if (!stream.empty()) return true;
    poll_pending_[source] = 0;
    return false;
  }
  // A poll that ships nothing (its source is down): polls stop until resumed.
  void skip_poll(size_t source) { poll_pending_[source] = 0; }
  // Empties the stream through take(write), oldest first.
  template <class Take>
  void empty_stream(size_t source, Take&& take) {
    for (sim::RingBuffer<WriteSlot>& stream = streams_[source]; !stream.empty();) take(stream.pop_front());
  }
  const sim::RingBuffer<WriteSlot>& stream(size_t source) const { return streams_[source]; }
  // Calls f(write) for each record in the source's stream, oldest first.
  template <class F>
  void for_each_in_stream(size_t source, F&& f) const {
    streams_[source].for_each(f);
  }

  // Links. A record sent from -> to arrives after the link's latency and
  // the apply time; nullopt while the link is cut (it is parked there).
  std::optional<sim::Instant> send(size_t from, size_t to, WriteSlot write, sim::Instant now) {
    const size_t link = index(from, to);
    const std::optional<sim::Instant> arrival = links_[link].send(write, now);
    if (!arrival) return std::nullopt;
    return *arrival + apply_time_.sample(apply_rngs_[link]);
  }
  // A record found on a link cut while it was on the way is parked there
  // (resent after the restore): true if it was.
  bool park_if_cut(size_t from, size_t to, WriteSlot write) {
    sim::Link<WriteSlot>& link = links_[index(from, to)];
    if (!link.is_cut()) return false;
    link.park(write);
    return true;
  }
  void cut(size_t from, size_t to) { links_[index(from, to)].cut(); }
  // Ends a cut: resend(write) for what was parked on it, oldest first.
  template <class Resend>
  void restore(size_t from, size_t to, Resend&& resend) {
    links_[index(from, to)].restore(resend);
  }
  void set_latency(size_t from, size_t to, const sim::LatencyModel& latency) {
    links_[index(from, to)].set_latency(latency);
  }
  // What a record sent from -> to takes now (a client's request to another
  // region crosses the same network).
  const sim::LatencyModel& link_latency(size_t from, size_t to) const { return links_[index(from, to)].latency(); }
  bool link_cut(size_t from, size_t to) const { return links_[index(from, to)].is_cut(); }

  // Counters (see above).
  void committed(size_t origin) {
    for (size_t to = 0; to < region_count_; ++to) {
      if (to != origin) ++pending_[index(origin, to)];
    }
  }
  void shipped(size_t to) { ++inbound_[to]; }
  // A write already shipped elsewhere is sent to a new replica too.
  void resent(size_t origin, size_t to) {
    ++pending_[index(origin, to)];
    ++inbound_[to];
  }
  void applied(size_t origin, size_t to) {
    --inbound_[to];
    --pending_[index(origin, to)];
  }
  // Bound for `to` once, it will never be applied there.
  void inbound_dropped(size_t to) { --inbound_[to]; }
  void abandoned(size_t origin, size_t to) { --pending_[index(origin, to)]; }
  int64_t inbound(size_t to) const { return inbound_[to]; }
  int64_t pending(size_t from, size_t to) const { return pending_[index(from, to)]; }

  // Per-item order at the destination.
  bool held_empty() const { return held_.empty(); }
  void hold(size_t replica, size_t origin, uint64_t key, uint32_t sequence, WriteSlot write) {
    held_.hold(lane(replica, origin, key), sequence, write);
  }
  // The held record `sequence` of `key` from `origin`, removed; or kNoWrite.
  WriteSlot take_held(size_t replica, size_t origin, uint64_t key, uint32_t sequence) {
    return held_.take(lane(replica, origin, key), sequence).value_or(kNoWrite);
  }

  // Backlogs: admitted records waiting for capacity (or for recovery).
  sim::RingBuffer<WriteSlot>& backlog(size_t replica) { return backlogs_[replica]; }
  const sim::RingBuffer<WriteSlot>& backlog(size_t replica) const { return backlogs_[replica]; }
  // True if no drain was scheduled, which it now counts as scheduled.
  bool claim_drain(size_t replica) {
    if (drain_pending_[replica]) return false;
    drain_pending_[replica] = 1;
    return true;
  }
  void drain_due(size_t replica) { drain_pending_[replica] = 0; }
  bool drain_pending(size_t replica) const { return drain_pending_[replica] != 0; }

  // Everything bound for `region` not yet applied there, through drop(write):
  // its backlog in order, its held records in write order, then what is
  // parked on each link to it, link by link.
  template <class Drop>
  void drop_inbound(size_t region, const WriteTable& writes, Drop&& drop) {
    sim::RingBuffer<WriteSlot>& backlog = backlogs_[region];
    while (!backlog.empty()) drop(backlog.pop_front());
    std::vector<WriteSlot> held = held_.take_if([&](uint64_t id) { return id % region_count_ == region; });
    std::sort(held.begin(), held.end(), [&](WriteSlot a, WriteSlot b) { return writes[a].id < writes[b].id; });
    for (const WriteSlot write : held) drop(write);
    for (size_t from = 0; from < region_count_; ++from) {
      if (from != region) links_[index(from, region)].drop_parked(drop);
    }
  }

 private:
  size_t index(size_t from, size_t to) const { return from * region_count_ + to; }
  uint64_t lane(size_t replica, size_t origin, uint64_t key) const {
    return (key * region_count_ + origin) * region_count_ + replica;
  }

  size_t region_count_;
  sim::Duration poll_interval_;
  uint32_t batch_size_;
  sim::LatencyModel apply_time_;
  sim::Duration applier_retry_;
  // Per source region.
  std::vector<sim::RingBuffer<WriteSlot>> streams_;
  std::vector<uint8_t> poll_pending_;
  std::vector<int64_t> poll_phase_ns_;
  // Per link, [from * regions + to].
  std::vector<sim::Link<WriteSlot>> links_;
  std::vector<sim::Rng> apply_rngs_;
  std::vector<int64_t> pending_;
  // Per destination region.
  std::vector<sim::RingBuffer<WriteSlot>> backlogs_;
  std::vector<uint8_t> drain_pending_;
  std::vector<int64_t> inbound_;
  sim::HeldRecords<WriteSlot> held_;
};

}  // namespace model
