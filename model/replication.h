// Replication: the pipeline that carries each committed write to the other
// replicas: streams and their polls, the links between regions, the records
// held for per-item order, and the backlogs of replicated writes waiting for
// capacity.
//
// A write committed in a region is appended to the stream of its source
// partition (or, with a zero poll interval, shipped at once): each source
// partition replicates in parallel with the others (docs/sources.md,
// Replication), so a region has one stream per partition, as the capacity
// model counts them (a split adds streams; a record stays in the stream it
// was appended to). Each stream is polled on its own every poll interval
// and a poll ships up to batch_size of its records, each to every other
// replica in the group over the link from its origin (sim::Link: latency,
// cuts), then waits the apply time. At the destination a record is admitted
// in per-item order: one that overtook an earlier record of its item from
// its origin is held (sim::HeldRecords) until that one is admitted. An
// admitted record that the destination's capacity refuses waits in its
// backlog, in order, for the destination's applier: a requester of its own
// that tries again applier_retry later (one drain scheduled at a time) while
// it shares the replica's write capacity with the clients
// (model/replica_capacity.h; docs/design.md). The World decides where
// records go and applies them; this owns where they wait.
//
// Coalescing (replication.coalesce_window > 0, with polls): a write whose
// item's previous record from the same region is still in a stream, and was
// committed at most the window before it, replaces that record: the older
// one is flagged WriteRecord::kCoalesced, stays in its stream (the poll
// skips it) and hangs on the newer one's chain (predecessor()), so the
// destination can account for it when the newer one arrives.
//
// Counters: inbound(r) counts the records bound for r that were shipped or
// are waiting and not yet applied or dropped; pending(from, to) counts the
// writes committed at `from` not yet applied (or abandoned) at `to`;
// queued(source) the records in the source's streams.
//
// Invariants: a stream has at most one poll scheduled (its poll_pending), a
// destination at most one drain (drain_pending); ticks of a stream's polls
// fall at its phase + n * interval; a backlog keeps the order records were
// admitted in; a record is held at most once per (destination, origin,
// item, sequence).
//
// Determinism: a link's latencies are drawn from "network/<from>-><to>" and
// its apply times from "replication/apply/<from>-><to>", in send order; the
// poll phases of a source's streams from "replication/<region>/poll-phase",
// one per stream in stream order (stream 0's is the first draw), when the
// stream is first used. Held records are found by lookup and dropped in
// write order, never in hash order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/key_values.h"
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

  // Streams and polls: stream `shard` of `source` holds the records of its
  // partition `shard` (ReplicaCapacity::partition_of at commit).
  bool ships_at_commit() const { return poll_interval_.ns() == 0; }
  // Appends a committed write to a stream of its source: true if a poll of
  // that stream must now be scheduled (at next_poll_after()).
  bool append(size_t source, size_t shard, WriteSlot write) {
    Stream& stream = stream_of(source, shard);
    stream.records.push_back(write);
    ++queued_[source];
    if (stream.poll_pending) return false;
    stream.poll_pending = 1;
    return true;
  }
  // After a recovery: schedule(shard) for each stream with records and no
  // poll scheduled, which it now counts as scheduled.
  template <class Schedule>
  void resume_polls(size_t source, Schedule&& schedule) {
    std::vector<Stream>& streams = streams_[source];
    for (size_t shard = 0; shard < streams.size(); ++shard) {
      if (streams[shard].records.empty() || streams[shard].poll_pending) continue;
      streams[shard].poll_pending = 1;
      schedule(shard);
    }
  }
  // The stream's first poll tick strictly after `now`: ticks are phase + n * interval.
  sim::Instant next_poll_after(size_t source, size_t shard, sim::Instant now) const {
    const int64_t interval = poll_interval_.ns();
    const int64_t phase = streams_[source][shard].phase_ns;
    if (now.ns() < phase) return sim::Instant::from_ns(phase);
    const int64_t ticks = (now.ns() - phase) / interval + 1;
    return sim::Instant::from_ns(phase + ticks * interval);
  }
  sim::Duration poll_interval() const { return poll_interval_; }
  // How long a throttled applier waits before it tries its backlog again.
  sim::Duration applier_retry() const { return applier_retry_; }
  // A poll of one stream: ship(write) for up to batch_size records, oldest
  // first, each returning whether it counts (a coalesced record does not);
  // true if more remain (the next poll is the caller's to schedule).
  template <class Ship>
  bool poll(size_t source, size_t shard, Ship&& ship) {
    Stream& stream = streams_[source][shard];
    for (uint32_t shipped = 0; shipped < batch_size_ && !stream.records.empty();) {
      --queued_[source];
      if (ship(stream.records.pop_front())) ++shipped;
    }
    if (!stream.records.empty()) return true;
    stream.poll_pending = 0;
    return false;
  }
  // A poll that ships nothing (its source is down): polls stop until resumed.
  void skip_poll(size_t source, size_t shard) { streams_[source][shard].poll_pending = 0; }
  // Empties every stream of `source` through take(write): stream by stream,
  // each oldest first.
  template <class Take>
  void empty_streams(size_t source, Take&& take) {
    for (Stream& stream : streams_[source]) {
      while (!stream.records.empty()) {
        --queued_[source];
        take(stream.records.pop_front());
      }
    }
  }
  // f(write) for each record in `source`'s streams, in empty_streams' order.
  template <class F>
  void for_each_queued(size_t source, F&& f) const {
    for (const Stream& stream : streams_[source]) stream.records.for_each(f);
  }
  uint64_t queued(size_t source) const { return queued_[source]; }

  // Coalescing.
  bool coalesces() const { return coalesces_; }
  int64_t coalesce_window_ns() const { return coalesce_window_ns_; }
  // The newest record of `key` from `origin` still in a stream (kNoWrite if
  // none), now `write`. REQUIRES: coalesces().
  WriteSlot replace_unshipped(size_t origin, uint64_t key, WriteSlot write) {
    WriteSlot& entry = unshipped_.at(origin * key_count_ + key);
    const WriteSlot previous = entry;
    entry = write;
    return previous;
  }
  // `write` left its stream (shipped, skipped or dropped).
  void left_stream(size_t origin, uint64_t key, WriteSlot write) {
    if (!coalesces()) return;
    if (unshipped_.get(origin * key_count_ + key) == write) unshipped_.at(origin * key_count_ + key) = kNoWrite;
  }
  // The record `write` replaced (and that one's, and so on), or kNoWrite.
  WriteSlot predecessor(WriteSlot write) const {
    return write < predecessors_.size() ? predecessors_[write] : kNoWrite;
  }
  void set_predecessor(WriteSlot write, WriteSlot replaced) {
    if (write >= predecessors_.size()) predecessors_.resize(std::max<size_t>(write + 1, 2 * predecessors_.size()), kNoWrite);
    predecessors_[write] = replaced;
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

  struct Stream {
    sim::RingBuffer<WriteSlot> records;
    int64_t phase_ns;
    uint8_t poll_pending;
  };
  // The stream, made (with the ones before it) on first use.
  Stream& stream_of(size_t source, size_t shard) {
    std::vector<Stream>& streams = streams_[source];
    while (streams.size() <= shard) add_stream(source);
    return streams[shard];
  }
  void add_stream(size_t source);

  size_t region_count_;
  uint64_t key_count_;
  sim::Duration poll_interval_;
  uint32_t batch_size_;
  sim::LatencyModel apply_time_;
  sim::Duration applier_retry_;
  int64_t coalesce_window_ns_;
  bool coalesces_;                        // a window, and streams that hold records
  KeyValues<WriteSlot> unshipped_;        // [origin * keys + key], only when coalescing
  std::vector<WriteSlot> predecessors_;   // by write slot, grown on demand
  // Per source region: its streams, by partition; where their phases come from.
  std::vector<std::vector<Stream>> streams_;
  std::vector<sim::Rng> phase_rngs_;
  std::vector<uint64_t> queued_;
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
