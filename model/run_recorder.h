// RunRecorder: what a run measures, recorded as it happens, one call per outcome.
//
// It owns the RunResult being built, the per-second and per-minute series
// (MetricsRecorder), client latency (LatencyRecorder), the settings-drift
// episodes with their costs (SettingsDrift) and the conflict metrics
// (ConflictTracker). Each outcome
// is one call here, which counts it in its region's or link's totals, in
// the current second's series and, if it is a cost of a setting, in that
// setting's open drift episode (the metric definitions are docs/design.md's).
// Handlers never update those apart, so they cannot disagree.
//
// Invariants: region results and series are in region order; link results
// (RunResult::pairs) from-major, to-minor, skipping from == to; sessions in
// client group order (regions in scenario order, each region's groups in
// workload order). Records (outages, replica changes, scaling actions) are
// appended in time order and addressed by the index their append returned
// (kNoRecord: none).
//
// Determinism: bookkeeping of the run's own values only; no randomness, no
// clock, no iteration over hashed containers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/conflict_tracker.h"
#include "model/latency_recorder.h"
#include "model/metrics_recorder.h"
#include "model/operation.h"
#include "model/run_result.h"
#include "model/scenario.h"
#include "model/series_resolution.h"
#include "model/settings_drift.h"
#include "model/write_table.h"
#include "sim/time.h"

namespace model {

inline constexpr size_t kNoRecord = SIZE_MAX;

// One replica's administrative settings, as the drift report compares them.
struct ReplicaSettings {
  bool in_group;                    // false: no replica, its values are not compared
  const CapacityConfig* capacity;
  bool ttl_enabled;
  uint64_t indexes;                 // bit i: it has Scenario::index_names[i]
};

class RunRecorder {
 public:
  RunRecorder(const Scenario& scenario, const std::vector<std::string>& region_names);

  // Writes and their conflicts: a write committed anywhere; a replicated
  // write arrived at `replica` (its region had issued `own_writes` to the
  // item); `replica` kept `winner` over `loser` under LWW.
  void write_committed(sim::Instant now) {
    conflicts_.count_write();
    last_write_ns_ = now.ns();
  }
  void arrival(WriteTable& writes, WriteSlot write, size_t replica, uint32_t own_writes) {
    conflicts_.on_arrival(writes, write, replica, own_writes);
    transferred(writes[write]);
  }
  // A replicated write that can be concurrent with none (MRSC's quorum
  // ordered it): only its transfer out of its region is counted.
  void transferred(const WriteRecord& write) { region_result(write.origin).billing.replicated_out_bytes += write.size_bytes; }
  void decided(WriteTable& writes, WriteSlot winner, WriteSlot loser, size_t replica, sim::Instant now) {
    conflicts_.on_decided(writes, winner, loser, replica, now);
  }

  // Requests served (capacity admitted them, or scripted).
  void request_served(size_t region, Operation op) { ++region_result(region).operations[static_cast<int>(op)]; }
  void ttl_delete_served(size_t region) { ++region_result(region).ttl_deletes; }
  void noop_delete(size_t region) { ++region_result(region).noop_deletes; }
  void bytes_written(size_t region, uint32_t bytes) { region_result(region).bytes_written += bytes; }
  // A request of client group `group` served by `region` (`moved`: not its
  // home) reached its client `latency_ns` after its first attempt was sent;
  // the service took `service_ns` to answer it.
  void client_success(size_t region, size_t group, bool moved, int64_t latency_ns, int64_t service_ns) {
    latency_.record(region, group, moved, latency_ns, service_ns);
    metrics_.on_client_success(region);
  }

  // Client attempts that failed.
  void throttle(size_t region) {
    ++region_result(region).throttle_events;
    metrics_.on_throttle(region);
    drift_.charge(capacity_setting_, 1);
  }
  void retry(size_t region) { ++region_result(region).retries; }
  // A request failed after its last attempt.
  void client_error(size_t region) {
    ++region_result(region).client_errors;
    metrics_.on_client_error(region);
  }
  void unavailable_error(size_t region) {
    ++region_result(region).unavailable_errors;
    metrics_.on_unavailable(region);
  }
  // Sent where no replica serves; `backfill`: the replica change of the
  // replica being backfilled there, or kNoRecord.
  void refused_request(size_t region, size_t backfill) {
    ++region_result(region).refused_requests;
    if (backfill != kNoRecord) ++result_.replica_changes[backfill].refused_requests;
    metrics_.on_refused(region);
  }
  // A query the replica refused for lacking index `index`.
  void missing_index_error(size_t region, size_t index) {
    ++region_result(region).missing_index_errors;
    drift_.charge(first_index_setting_ + index, 1);
  }

  // Reads.
  void stale_read(size_t region, int64_t staleness_ns) {
    ++region_result(region).stale_reads;
    region_result(region).staleness_ns.record(staleness_ns);
  }
  // A read in `to` of an item `from` wrote `bucket`'s age ago; `seen`: it found that write.
  void visibility_read(size_t from, size_t to, size_t bucket, bool seen) {
    PairResult& link = link_result(from, to);
    ++link.visibility_reads[bucket];
    if (seen) ++link.visibility_seen[bucket];
  }
  void session_read(size_t session, size_t delay, bool seen) {
    SessionResult& result = result_.sessions[session];
    ++result.reads[delay];
    if (!seen) ++result.violations[delay];
  }

  // Replication.
  void replication_throttle(size_t replica) {
    ++region_result(replica).replication_throttle_events;
    metrics_.on_replication_throttle(replica);
    drift_.charge(capacity_setting_, 1);
  }
  // A write committed at `issued_ns` was applied at `replica` now.
  void replicated(size_t origin, size_t replica, int64_t issued_ns, sim::Instant now) {
    const int64_t lag_ns = now.ns() - issued_ns;
    PairResult& link = link_result(origin, replica);
    ++link.replicated;
    link.lag_ns.record(lag_ns);
    metrics_.on_replicated(origin, replica, lag_ns);
    last_apply_ns_ = now.ns();
  }
  // A write of `origin` bound for `to` was replaced in its stream by a newer
  // write to its item (coalescing): never shipped there.
  void coalesced(size_t origin, size_t to) { ++link_result(origin, to).coalesced; }
  // `replica` applied another replica's TTL delete, spending `units`.
  void ttl_replicated(size_t replica, int64_t units) {
    region_result(replica).ttl_replicated_write_units += units;
    drift_.charge(ttl_setting_, static_cast<uint64_t>(units));
  }

  // Time. Closes region's second ending now, then each link's; then
  // close_second() says whether a minute ended with it (end_minute() next).
  // The per-minute series close a point at the minutes that end one
  // (kPerMinuteResolution: every minute for 15 days, then every 5 minutes, ...).
  void end_second(size_t region, const MetricsRecorder::SecondSample& sample) {
    metrics_.end_second(region, static_cast<int64_t>(seconds_closed_), sample);
  }
  void end_link_second(size_t from, size_t to, int64_t pending) {
    metrics_.end_pair_second(from, to, static_cast<int64_t>(seconds_closed_), pending);
  }
  bool close_second() { return ++seconds_closed_ % 60 == 0; }
  void end_minute() {
    const auto end_s = static_cast<int64_t>(seconds_closed_);
    if (end_s % step_at(kPerMinuteResolution, end_s - 1) != 0) return;
    metrics_.end_minute();
    latency_.end_minute();
  }
  // Timeline event `index` (of Scenario::timeline) runs now.
  void timeline_event(size_t index, sim::Instant now) { latency_.timeline_event(index, now.ns()); }

  // Settings: `region`'s as they are from `now` on.
  void note_settings(size_t region, const ReplicaSettings& settings, sim::Instant now);

  // Records.
  size_t add_outage(const OutageResult& outage);
  void outage_recovered(size_t outage, sim::Instant now) { result_.outages[outage].recovered_ns = now.ns(); }
  // Its at-risk writes applied everywhere and its backlog empty.
  void outage_drained(size_t outage, sim::Instant now) {
    OutageResult& record = result_.outages[outage];
    record.backlog_drain_ns = now.ns() - record.recovered_ns;
  }
  void outage_left_group(size_t outage, sim::Instant now, uint64_t lost_writes) {
    result_.outages[outage].left_group_ns = now.ns();
    result_.outages[outage].lost_writes = lost_writes;
  }
  size_t add_replica_change(const ReplicaChange& change);
  // A backfill copied one more item; it finished now (`parked` writes
  // waited for it); its replica was removed before it finished.
  void backfill_copied(size_t change, uint64_t items) { result_.replica_changes[change].items += items; }
  void backfill_done(size_t change, sim::Instant now, uint64_t parked) {
    ReplicaChange& record = result_.replica_changes[change];
    record.outcome = ReplicaOutcome::kActive;
    record.backfill_ns = now.ns() - record.at_ns;
    record.parked_writes = parked;
  }
  void backfill_abandoned(size_t change) { result_.replica_changes[change].outcome = ReplicaOutcome::kAbandoned; }
  void scaling_applied(const ScalingAction& action) { result_.scaling_actions.push_back(action); }

  void stopped(StopReason reason) { result_.stop.reason = reason; }
  StopReason stop_reason() const { return result_.stop.reason; }

  // Closes the series (an unfinished minute too) and hands over the result
  // with its conflicts and drain times; the figures of the state at the end
  // (capacity, convergence of the items, ...) are the caller's.
  // REQUIRES: called once, last.
  RunResult finish(sim::Instant now, uint64_t events);

 private:
  RegionResult& region_result(size_t region) { return result_.region_results[region]; }
  PairResult& link_result(size_t from, size_t to) {
    return result_.pairs[from * (region_count_ - 1) + (to < from ? to : to - 1)];
  }

  size_t region_count_;
  size_t index_count_;
  RunResult result_;
  MetricsRecorder metrics_;
  LatencyRecorder latency_;
  SettingsDrift drift_;
  ConflictTracker conflicts_;
  size_t capacity_setting_ = 0;
  size_t ttl_setting_ = 0;
  size_t first_index_setting_ = 0;
  uint64_t seconds_closed_ = 0;
  int64_t last_write_ns_ = 0;              // the last write committed
  int64_t last_apply_ns_ = 0;              // the last replicated write applied
};

}  // namespace model
