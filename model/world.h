// World: one simulation run: the event queue, the dispatch of each event to
// its handler, and the handlers that need more than one owner.
//
// Internal to the simulation: Simulation (model/simulation.h) owns one and is
// the only interface users and reports see. The run's state lives in owners,
// each with its own header contract:
//   Clients       client groups, routing, retries, sessions (model/clients.h)
//   Capacity      each replica's capacity and auto scaling (model/capacity.h)
//   Replication   streams, polls, links, held records, backlogs (model/replication.h)
//   ReplicaAdmin  membership, indexes, TTL, backfill (model/replica_admin.h)
//   StrongConsistency  an MRSC table's quorums, catch-ups, conflict windows (model/strong_consistency.h)
//   Outages       which regions are down, their recovery (model/outages.h)
//   RunRecorder   everything measured, one call per outcome (model/run_recorder.h)
// World itself keeps the table's data that every handler reads and writes:
// the live writes (WriteTable), each replica's items and each item's newest
// write (ReplicaItems), the LWW order and the regions' clocks. Its
// handlers are spread over files by concern, all sharing this declaration:
//   world.cc              construction, the event loop and dispatch, the end of the run
//   world_clients.cc      client requests, capacity checks, reads, sessions
//   world_replication.cc  commits, LWW applies, shipping, per-item order, backlogs
//   world_faults.cc       one-second ticks, auto scaling, the timeline, outages
//   world_admin.cc        settings, TTL, the replica lifecycle
//   world_strong.cc       multi-Region strong consistency: quorums, conflicts, latest reads
// Determinism: model/simulation.h states the run's; each owner its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/arrival_lanes.h"
#include "model/capacity.h"
#include "model/clients.h"
#include "model/lww.h"
#include "model/observer.h"
#include "model/outages.h"
#include "model/region_clock.h"
#include "model/replica_admin.h"
#include "model/replica_items.h"
#include "model/replication.h"
#include "model/run_limits.h"
#include "model/run_recorder.h"
#include "model/run_result.h"
#include "model/scenario.h"
#include "model/strong_consistency.h"
#include "model/write_table.h"
#include "sim/event_queue.h"
#include "sim/time.h"

namespace model {

enum class EventKind : uint8_t {
  kClientRequest,  // region, key, op: the request; index: client group
  kRetry,          // region, key, op: the request; index: its retry slot
  kScriptedWrite,  // index: scripted write
  kPoll,           // region: the stream's region; index: the stream (its source partition)
  kApply,          // region: destination replica; key; index: write slot
  kDrainBacklog,   // region: the replica whose throttled replicated writes may go on
  kSecondTick,     // closes one second of the series (and each 60th, a minute)
  kScalingApplied, // region; index: the scaling action
  kTimeline,       // index: the timeline event
  kLeaveCheck,     // region: whose outage may have lasted past the 20-hour limit; index: its outage record
  kSessionRead,    // region: where a session reads its own write back; key; index: its read-back slot
  // Background events: like kLeaveCheck they alone do not keep a run going.
  kTtlSweep,       // prepopulated items expire now
  kTtlDelete,      // region: whose TTL process deletes (or the table's); key; index: its TTL delete slot
  kBackfillStep,   // region: the replica being backfilled copies its next items; index 1: in the background
};

// Small and trivially copyable (16 bytes): the queue moves these by value.
// The key rides along so the loop can load an item's state one event ahead.
struct Event {
  EventKind kind;
  Operation op;
  uint16_t region;
  uint32_t index;
  uint64_t key;
};

class World {
 public:
  explicit World(const Scenario& scenario);

  void add_scripted_write(size_t region, sim::Instant at, uint64_t key, Operation op);
  RunResult run(const RunLimits& limits);
  std::optional<WriteSummary> stored(size_t region, uint64_t key) const;
  const ReplicaItems& items() const { return items_; }

  Observer* observer_ = nullptr;  // set through Simulation::set_observer

 private:
  // The run (world.cc).
  void schedule_start();
  bool stop_check(const RunLimits& limits, uint64_t events, sim::Instant now);
  void dispatch(const Event& event, sim::Instant now);
  bool lane_first() const {
    if (lanes_.empty()) return false;
    return queue_.empty() || lanes_.before(queue_.peek().at, queue_.peek().sequence);
  }
  Event lane_event(const ArrivalLanes::Lane& lane) const {
    return Event{EventKind::kClientRequest, lane.request.op, clients_.home(lane.group), lane.group,
                 lane.request.key};
  }
  // Events that keep the run going: queued, and the client groups' next requests.
  size_t foreground_pending() const { return queue_.size() + lanes_.size() - background_pending_; }
  RunResult finish(sim::Instant now, uint64_t events);
  void check_convergence(RunResult& result) const;
  uint64_t count_expired(size_t region, sim::Instant now) const;
  uint64_t unreplicated_writes(size_t region) const;
  std::vector<uint64_t> stored_bytes() const;
  // Client requests (world_clients.cc).
  void schedule_request(size_t group, sim::Instant at);
  void prefetch(const Event& next) const;
  void prefetch_next() const;
  // A write compares itself with its item's newest write: that record
  // starts loading (dense only: a sparse store would look the item up).
  void prefetch_newest(const Request& request) const {
    if (is_read(request.op) || !items_.dense()) return;
    const WriteSlot newest = items_.newest(request.key);
    if (newest != kNoWrite) writes_.prefetch(newest);
  }
  void client_attempt(const Event& event, sim::Instant now);
  int64_t request_milli_units(size_t region, Operation op, uint64_t key, uint32_t size_bytes,
                              const ClientGroupConfig& group) const;
  // What the item weighs in a replica: 0 if absent; a never-written item of
  // a prepopulated table weighs the median item size. Its block's copy: the
  // write's record stays unloaded.
  uint32_t stored_size(size_t region, uint64_t key) const { return items_.stored_size_bytes(region, key); }
  // What an item weighs when `version` is the write it holds: kNoWrite (never
  // written) weighs what stored_size() says of an untouched item.
  uint32_t version_size(WriteSlot version) const {
    return version == kNoWrite ? prepopulated_item_bytes_ : writes_[version].stored_size_bytes();
  }
  void observe_read(size_t region, uint64_t key, sim::Instant now);
  void maybe_redirect_session(size_t group, size_t home, uint64_t key, uint32_t sequence, sim::Instant now);
  void session_read(uint32_t slot, size_t region, uint64_t key);
  // Writes and replication (world_replication.cc).
  // Serves a request that capacity admitted; returns the write's per-item
  // sequence number, or 0 if nothing was written (a get, a no-op delete).
  // `by_ttl`: a delete by the region's TTL process (free, counted apart).
  uint32_t commit(size_t region, sim::Instant now, Operation op, uint64_t key, uint32_t size_bytes,
                  bool by_ttl = false);
  void replicate(size_t region, WriteSlot slot, sim::Instant now);
  void coalesce(size_t region, WriteSlot slot, sim::Instant now);
  bool leaves_stream(size_t source, WriteSlot write);
  uint32_t first_sequence(WriteSlot write) const;
  [[gnu::noinline]] void replaced_arrive(WriteSlot write, size_t replica, uint32_t own_writes);
  // Whether a write now applied everywhere has work left: an at-risk count
  // to settle or, with coalescing, a chain to release.
  bool needs_completion(const WriteRecord& record) const {
    return (record.flags & WriteRecord::kAtRisk) != 0 || replication_.coalesces();
  }
  void delivered_everywhere(WriteSlot write, sim::Instant now);
  void schedule_poll(size_t source, size_t shard, sim::Instant at);
  void resume_polls(size_t source, sim::Instant now);
  void apply(size_t replica, WriteSlot incoming, sim::Instant now);
  void ship(size_t source, WriteSlot write, sim::Instant now);
  void abandon_delivery(size_t to, WriteSlot write, sim::Instant now);
  void drop_arrived(size_t to, WriteSlot write, sim::Instant now);
  void send(size_t from, size_t to, WriteSlot write, sim::Instant now);
  void poll(size_t source, size_t shard, sim::Instant now);
  void arrive(size_t replica, WriteSlot write, sim::Instant now);
  void admit_in_order(size_t replica, WriteSlot write, sim::Instant now);
  WriteSlot take_held_successor(size_t replica, uint64_t key, size_t origin);
  bool admit(size_t replica, WriteSlot write, sim::Instant now);
  void applier_throttled(size_t replica, sim::Instant now);
  void drain_backlog(size_t replica, sim::Instant now);
  void deliver(size_t replica, WriteSlot write, sim::Instant now);
  // Time, faults and operators (world_faults.cc).
  void second_tick(sim::Instant now);
  void minute_datapoints(sim::Instant now);
  void run_timeline(const TimelineEvent& event, sim::Instant now);
  void leave_group(size_t region, sim::Instant now);
  void drop_inbound(size_t region, sim::Instant now);
  void fail_region(size_t region, const OutageConfig& config, sim::Instant now);
  void recover_region(size_t region, sim::Instant now);
  void note_outage_progress(sim::Instant now);
  // Settings, TTL and the replica lifecycle (world_admin.cc).
  WriteSlot newest_among(const std::vector<size_t>& regions, uint64_t key) const;
  void note_settings(size_t region, sim::Instant now);
  void run_admin(const TimelineEvent& event, sim::Instant now);
  void change_setting(const TimelineEvent& event, sim::Instant now);
  void push_background(sim::Instant at, Event event);
  void expire_items(sim::Instant now);
  void schedule_ttl_delete(size_t region, uint64_t key, uint64_t write_id, int64_t expired_ns, sim::Instant now);
  void sweep_expired(size_t region, sim::Instant now, bool prepopulated_only);
  void sweep_table(sim::Instant now, bool prepopulated_only);
  void sweep_prepopulated(sim::Instant now);
  bool ttl_can_delete(size_t region, uint64_t key, uint64_t expected) const;
  void ttl_delete(size_t region, uint64_t key, uint32_t slot, sim::Instant now);
  void table_ttl_delete(uint64_t key, uint64_t expected, sim::Instant now);
  void add_replica(size_t region, const ReplicaAddConfig& config, sim::Instant now);
  void join_group(size_t region, const std::vector<size_t>& sources, sim::Instant now);
  void schedule_backfill_step(size_t region, sim::Instant now, bool waiting);
  void backfill_step(size_t region, sim::Instant now);
  uint64_t parked_writes(size_t region);
  void remove_replica(size_t region, sim::Instant now);
  // Multi-Region strong consistency (world_strong.cc).
  struct QuorumCheck {
    enum Verdict : uint8_t { kGo, kRefused, kConflict } verdict = kGo;
    sim::Duration round_trip;                 // kGo: to the participant acknowledging it
    size_t holder = StrongConsistency::kNone; // kConflict: the region modifying the item
  };
  static Scenario world_scenario(const Scenario& scenario);
  bool reaches(size_t region, size_t peer) const;
  void refresh_quorums(sim::Instant now, bool rerank);
  QuorumCheck quorum_check(size_t group, size_t target, Operation op, uint64_t key, sim::Instant now);
  void retry_conflict(const Event& event, size_t group, size_t target, uint32_t instance, int attempts,
                      int64_t first_ns, sim::Instant now);
  void observe_latest_read(size_t region, uint64_t key, sim::Instant now);
  void scripted_strong_write(const Event& event, sim::Instant now);
  // A write, or a strongly consistent read, of an MRSC table needs a quorum.
  static bool needs_quorum(Operation op, const ClientGroupConfig& group) {
    return !is_read(op) || (op == Operation::kGet && group.consistency == ReadConsistency::kStrong);
  }
  void serve(const Event& event, size_t group, size_t target, uint32_t size, sim::Instant now,
             const QuorumCheck* quorum);
  // Bytes of the state that grows during a run: the write table and the event queue.
  uint64_t live_state_bytes() const { return writes_.bytes() + queue_.bytes(); }

  // The configuration: World's own copy (client groups point into it).
  const Scenario scenario_;
  const size_t region_count_;
  const uint64_t key_count_;
  const sim::Instant stop_;
  const std::vector<std::string> region_names_;
  // The table's data.
  std::vector<RegionClock> clocks_;
  LwwOrder lww_;
  WriteTable writes_;
  ReplicaItems items_;                     // with each item's LWW-newest write committed anywhere
  uint32_t prepopulated_item_bytes_ = 0;   // 0: the table starts empty
  uint64_t next_write_id_ = 0;
  // The owners.
  Clients clients_;
  Capacity capacity_;
  Replication replication_;
  ReplicaAdmin admin_;
  Outages outages_;
  StrongConsistency strong_;
  RunRecorder recorder_;
  // The queue, and each client group's next request beside it
  // (model/arrival_lanes.h). Background events queued (leave checks, TTL,
  // waiting backfills) alone do not keep a run going.
  sim::EventQueue<Event> queue_;
  ArrivalLanes lanes_;
  size_t background_pending_ = 0;
  bool ran_ = false;
};

}  // namespace model
