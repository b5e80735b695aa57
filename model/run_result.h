// RunResult: everything a run measured, immutable once run() returns.
//
// Reports (reports/) are pure functions of it. It holds no wall-clock time,
// pointer or host-dependent value, so the same scenario and seed give the
// same RunResult on every machine (docs/design.md, law 1). A closed set of
// words is an enum here; its words are in reports/result_words.h, so only
// reports hold them. Metric meanings are docs/design.md's "What the figures
// mean"; units are in the names.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/billing.h"
#include "model/capacity_kinds.h"
#include "model/operation.h"
#include "model/pricing.h"
#include "model/scenario.h"
#include "sim/histogram.h"
#include "sim/time.h"

namespace model {

// One write as it appears in an example.
struct WriteSummary {
  uint64_t id = 0;
  std::string region;
  Operation op = Operation::kPut;
  int64_t issued_ns = 0;      // true time of the commit
  int64_t timestamp_ns = 0;   // origin clock reading: the LWW timestamp
};

// Two writes to one item that met at one replica.
struct ConflictExample {
  uint64_t key = 0;
  std::string replica;        // the region where they met
  int64_t at_ns = 0;          // true time they met
  WriteSummary loser;         // for a concurrent pair: the one LWW ranked lower
  WriteSummary winner;
};

// Every link from -> to (an ordered pair of regions): writes of `from` replicated into `to`.
// t-visibility: reads in `to` bucketed by the age of `from`'s latest write to
// the item (bucket i holds ages in [grid[i], grid[i+1])), and how many of
// them found that write already applied in `to`.
inline constexpr int64_t kVisibilityGridNs[] = {
    0,
    sim::Duration::milliseconds(10).ns(),
    sim::Duration::milliseconds(50).ns(),
    sim::Duration::milliseconds(100).ns(),
    sim::Duration::milliseconds(200).ns(),
    sim::Duration::milliseconds(500).ns(),
    sim::Duration::seconds(1).ns(),
    sim::Duration::seconds(2).ns(),
    sim::Duration::seconds(5).ns(),
    sim::Duration::seconds(10).ns(),
    sim::Duration::seconds(30).ns(),
    sim::Duration::seconds(60).ns()};
inline constexpr size_t kVisibilityBuckets = sizeof(kVisibilityGridNs) / sizeof(kVisibilityGridNs[0]);

struct PairResult {
  std::string from;
  std::string to;
  uint64_t replicated = 0;    // writes applied (or rejected by LWW) at `to`
  sim::Histogram lag_ns;      // applied at `to` minus committed at `from`, true time
  uint64_t coalesced = 0;     // writes not shipped to `to`: a newer write to the item replaced them in the stream
  uint64_t visibility_reads[kVisibilityBuckets] = {};
  uint64_t visibility_seen[kVisibilityBuckets] = {};
};

// Read-your-writes of one client group's sessions, per redirect delay.
struct SessionResult {
  std::string region;           // where the sessions write
  std::string group;
  std::string read_region;      // where they read back
  std::vector<int64_t> delay_ns;
  std::vector<uint64_t> reads;       // per delay
  std::vector<uint64_t> violations;  // reads that did not see the session's own write
};

struct RegionResult {
  std::string name;
  uint64_t operations[kOperationCount] = {};  // requests served, by Operation
  uint64_t noop_deletes = 0;  // deletes of an absent item: served, nothing replicated
  uint64_t bytes_written = 0;
  uint64_t writes() const {
    return operations[0] + operations[1] + operations[2];
  }
  // Capacity and clients (requests are counted where they were sent).
  uint64_t throttle_events = 0;             // client attempts the replica rejected for capacity
  uint64_t replication_throttle_events = 0; // its applier's requests it rejected: a replicated write
                                            // on arrival, then a try of the queue every applier_retry
  uint64_t retries = 0;                     // client attempts after the first
  uint64_t client_errors = 0;               // requests that failed after their last attempt
  uint64_t unavailable_errors = 0;          // requests sent while the region was down
  // Client latency of the requests it served: from the client's first
  // attempt to the answer reaching it (the service time, the round trip of
  // a client from another region, the waits between retries).
  sim::Histogram client_latency_ns;
  // The service time of the requests it served, as CloudWatch's
  // SuccessfulRequestLatency measures it (no network, no retries).
  sim::Histogram service_latency_ns;
  // Client attempts that reached the replica's capacity: admitted (each
  // admitted one has a latency) or throttled.
  uint64_t client_attempts() const { return client_latency_ns.count() + throttle_events; }
  // Reads served here: stale if an LWW-newer version of the item had been
  // committed anywhere before the read (docs/design.md, "Stale read"); staleness is that
  // newest version's age at the read.
  uint64_t stale_reads = 0;
  sim::Histogram staleness_ns;
  // Administrative drift and replica lifecycle.
  uint64_t missing_index_errors = 0;        // queries refused: this replica lacks their index
  uint64_t refused_requests = 0;            // requests sent while it had no serving replica
                                            // (not yet added, being backfilled, removed)
  uint64_t ttl_deletes = 0;                 // expired items its TTL process deleted (free here)
  int64_t ttl_replicated_write_units = 0;   // write units spent applying other replicas' TTL deletes
  uint64_t expired_items = 0;               // expired items it still stores at the end
  // Its writes lost to a concurrent write of another region (LWW's write
  // conflicts, clobbered: conflicts.clobbered counted where each was made).
  uint64_t clobbered_writes = 0;
  // Capacity at the end of the run.
  CapacityMode capacity_mode = CapacityMode::kOnDemand;
  int64_t write_units = 0;                  // provisioned, or the on-demand ceiling
  int64_t read_units = 0;
  uint64_t partitions = 0;
  // What its bill is made of (reports/cost_breakdown.h prices it).
  BilledUsage billing;
};

// Per-second figures of one region, from the start of the run to the drain,
// at kPerSecondResolution (model/series_resolution.h): a point per second
// for the first 3 hours, then per minute, 5 minutes, hour. A coarse point
// sums the counts (events, milli-units) and keeps the largest value of the
// levels (provisioned units, backlog) of the seconds it covers.
struct RegionSeries {
  std::vector<int64_t> consumed_write_milli;   // ConsumedWriteCapacityUnits x 1000
  std::vector<int64_t> consumed_read_milli;    // ConsumedReadCapacityUnits x 1000
  // Consumed above provisioned (or the on-demand ceiling), x 1000: burst
  // capacity in use, or the one-second bucket's carry from the second before.
  std::vector<int64_t> burst_write_milli;
  std::vector<int64_t> burst_read_milli;
  std::vector<int64_t> provisioned_write_units;  // ProvisionedWriteCapacityUnits (or on-demand ceiling)
  std::vector<int64_t> provisioned_read_units;
  std::vector<int64_t> throttle_events;        // client attempts throttled (WriteThrottleEvents + ReadThrottleEvents)
  // Client attempts that reached capacity, admitted or throttled (the
  // per-second RegionResult::client_attempts(): the throttled share's denominator).
  std::vector<int64_t> client_attempts;
  std::vector<int64_t> replication_throttle_events;
  std::vector<int64_t> client_errors;          // requests that failed for capacity after their last attempt
  std::vector<int64_t> unavailable_errors;     // requests that failed for an outage of the region
  std::vector<int64_t> refused_requests;       // requests sent while it had no serving replica
  std::vector<int64_t> replication_backlog;    // replicated writes bound here, not yet applied (end of second)
  // Per minute (kPerMinuteResolution: per 5 minutes after 15 days, per hour
  // after 63): client latency quantiles of the requests served in it, and
  // SuccessfulRequestLatency's Average (truncated to the ns) and Maximum;
  // kNoValue in a minute without a request.
  std::vector<int64_t> latency_p50_ns;
  std::vector<int64_t> latency_p99_ns;
  std::vector<int64_t> latency_p90_ns;
  std::vector<int64_t> latency_max_ns;
  std::vector<int64_t> successful_request_latency_mean_ns;
  std::vector<int64_t> successful_request_latency_max_ns;
};

// A per-minute entry with nothing to measure (no request): null in the JSON
// report, empty in the CSV, a gap in a chart; never 0, which reads as fast.
inline constexpr int64_t kNoValue = INT64_MIN;

// One client group: where it lives, what it was served, the latency it saw.
struct ClientGroupResult {
  std::string region;                 // its home
  std::string name;
  uint64_t served = 0;                // requests that succeeded
  uint64_t moved = 0;                 // of them, served by a region other than its home
  sim::Histogram latency_ns;          // their client latency (as RegionResult::client_latency_ns)
};

// Per-minute client latency of one client group (kPerMinuteResolution;
// kNoValue: no request served).
struct ClientGroupSeries {
  std::vector<int64_t> latency_p50_ns;
  std::vector<int64_t> latency_p90_ns;
  std::vector<int64_t> latency_p99_ns;
  std::vector<int64_t> latency_max_ns;
};

// A latency distribution reduced to the figures the report gives; all 0
// when `requests` is 0 (no request, no value).
struct LatencySummary {
  uint64_t requests = 0;
  int64_t p50_ns = 0;
  int64_t p90_ns = 0;
  int64_t p99_ns = 0;
  int64_t max_ns = 0;
};

// Client latency over a stretch of the run between two timeline events
// (the first starts at 0, the last ends with the run): of the requests
// that succeeded in [start_ns, end_ns).
struct LatencyPhase {
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  std::vector<LatencySummary> regions;  // by serving region, in region order
  std::vector<LatencySummary> groups;   // by client group, in client_groups order
};

// One event of the timeline as the loader expanded it (a failover is an
// outage and, after its delay, a traffic shift), with the client latency of
// the stretch before it and of the one after it. Events at one instant share
// their stretches.
struct TimelineResult {
  int64_t at_ns = 0;
  TimelineKind kind = TimelineKind::kOutage;
  std::string region;                 // its region (shift_traffic: whose clients move); empty for link events
  bool synced = false;                // a copy settings_sync made
  LatencyPhase before;
  LatencyPhase after;
};

// Per-minute figures of one link, like CloudWatch's (kPerMinuteResolution),
// and one per-second one (kPerSecondResolution).
struct PairSeries {
  std::vector<int64_t> replication_latency_mean_ns;  // ReplicationLatency, Average (0: none applied)
  std::vector<int64_t> replication_latency_max_ns;   // ReplicationLatency, Maximum
  std::vector<int64_t> pending_replication;          // PendingReplicationCount at each second's end (a coarse
                                                     // point: the largest)
};

// A stretch of throttling in one region: from the first second with a
// throttle event to the last one before a full minute without.
struct ThrottleWindow {
  std::string region;
  int64_t start_ns = 0;
  int64_t end_ns = 0;                 // end of its last throttled second
  int64_t throttle_events = 0;        // client attempts throttled in it
  int64_t replication_throttle_events = 0;
  int64_t client_errors = 0;          // requests that failed for capacity in it
};

struct ScalingAction {
  std::string region;
  Dimension dimension = Dimension::kWrite;
  int64_t decided_ns = 0;             // end of the datapoint that fired the alarm
  int64_t effective_ns = 0;           // when the new capacity applies
  int64_t from_units = 0;
  int64_t to_units = 0;
};

struct OutageResult {
  std::string region;
  OutageScope scope = OutageScope::kFull;
  OutageCause cause = OutageCause::kOutage;
  int64_t failed_ns = 0;
  int64_t recovered_ns = -1;          // -1: not within the run
  uint64_t at_risk_writes = 0;        // committed there, held back by the outage, not yet applied everywhere
  int64_t oldest_at_risk_age_ns = 0;  // age of the oldest of them when it failed
  // Lost: never left it, because it left the replication group (a region
  // disabled or a KMS key inaccessible for more than 20 hours). An outage
  // never loses a write: what it still held at the end of the run is
  // unreplicated_at_end_writes, delivered if it comes back.
  uint64_t lost_writes = 0;
  uint64_t unreplicated_at_end_writes = 0;  // its writes some replica had not applied at the end
  int64_t backlog_drain_ns = -1;      // recovery to the last of its backlog applied; -1: n/a
  int64_t left_group_ns = -1;         // when it left the replication group (disabled or KMS > 20 h); -1: it did not
  uint64_t divergent_items = 0;       // items it holds differently from the group at the end, if it left
};

// What a drift episode's cost counts (DriftEpisode::cost).
enum class DriftCostUnit : uint8_t { kThrottleEvents, kReplicatedWriteUnits, kQueriesRefused };

// One stretch of time in which a setting differed between the replicas
// (docs/sources.md, Versions and settings; The article's golden rule).
struct DriftEpisode {
  std::string setting;                // "capacity", "ttl" or "index:NAME"
  int64_t since_ns = 0;               // when the replicas' values first differed
  int64_t until_ns = -1;              // when they agreed again; -1: not within the run
  // Each replica's value in the last differing state, in region order:
  // (region, value); regions without a replica are left out.
  std::vector<std::pair<std::string, std::string>> values;
  // What it cost while it lasted, in `cost_unit`: for an index, queries
  // refused for lacking it; for TTL, write units TTL deletes consumed in the
  // replicas that did not run them; for capacity, throttle events (client
  // and replication) in every region.
  uint64_t cost = 0;
  DriftCostUnit cost_unit = DriftCostUnit::kThrottleEvents;
};

struct DriftResult {
  bool settings_sync = false;         // the scenario's settings_sync.enabled
  int64_t sync_delay_ns = 0;
  // Every setting compared, whether or not it drifted: "capacity", "ttl",
  // then "index:NAME" per index in Scenario::index_names order.
  std::vector<std::string> settings;
  std::vector<DriftEpisode> episodes;  // by start time
};

enum class ReplicaAction : uint8_t { kAdd, kRemove };

// What became of a ReplicaChange. add: kBackfilling (still copying at the
// end), kActive (backfilled, serving), kAbandoned (the replica was
// removed before its backfill finished), kRefused (2017.11.29: the table was
// not empty); remove: kRemoved, kRefused (the last replica, or none there).
enum class ReplicaOutcome : uint8_t { kBackfilling, kActive, kAbandoned, kRefused, kRemoved };

// A replica added to or removed from the group by the timeline.
struct ReplicaChange {
  std::string region;
  ReplicaAction action = ReplicaAction::kAdd;
  int64_t at_ns = 0;
  ReplicaOutcome outcome = ReplicaOutcome::kBackfilling;
  std::string source;                 // add: the serving replicas it was copied from, e.g. "us-east-1, eu-west-1"
  uint64_t items = 0;                 // add: items copied (deleted items' markers included)
  int64_t backfill_ns = -1;           // add: from the add to serving; -1: it never served
  uint64_t refused_requests = 0;      // add: requests refused while it was backfilled
  uint64_t parked_writes = 0;         // add: replicated writes that waited for the backfill
  // The migration path (scan, then batch writes), estimated at the event.
  bool migration = false;
  uint64_t migration_items = 0;
  uint64_t migration_bytes = 0;
  int64_t migration_read_units = 0;   // RCU the scan consumes (eventually consistent)
  int64_t migration_write_units = 0;  // WCU the batch writes consume
  int64_t migration_ns = 0;           // the slower of scan and writes at the given capacity
};

inline constexpr size_t kExamplesMax = 5;

struct ConflictResult {
  uint64_t writes = 0;                // writes committed anywhere (puts, updates, effective deletes)
  uint64_t concurrent_pairs = 0;      // pairs of concurrent writes (docs/design.md)
  uint64_t concurrent_writes = 0;     // writes concurrent with at least one other
  uint64_t clobbered = 0;             // writes lost to a concurrent write, once each
  uint64_t skew_inversions = 0;       // clobbered writes issued later in true time than their winner
  uint64_t causal_inversions = 0;     // writes lost to a write their region had already seen
  std::vector<ConflictExample> concurrent_examples;  // up to kExamplesMax each, first met first
  std::vector<ConflictExample> clobbered_examples;
  std::vector<ConflictExample> skew_inversion_examples;
  std::vector<ConflictExample> causal_inversion_examples;
};

struct ConvergenceResult {
  int64_t last_write_ns = 0;      // true time of the last client write
  int64_t drained_ns = 0;         // true time the last replicated write was applied
  int64_t drain_ns = 0;           // drained - last write (0 if nothing was pending)
  uint64_t items = 0;             // items written at least once
  uint64_t divergent_items = 0;   // items whose replicas disagree at the end
};

// Multi-Region strong consistency (docs/model.md, "Multi-Region strong
// consistency"): what the mode refused, per region and per pair, and each
// region's losses of quorum. Present only for such a table.
struct StrongConsistencyRegion {
  std::string name;
  bool witness = false;
  // Write attempts refused with ReplicatedWriteConflictException: another
  // region was modifying the item. The SDK retries them.
  uint64_t write_conflicts = 0;
  uint64_t conflict_errors = 0;     // requests that failed on a conflict after their last attempt
  // Writes and strongly consistent reads refused: the region reached no
  // other participant (eventually consistent reads are still served) ...
  uint64_t no_quorum_errors = 0;
  uint64_t catching_up_errors = 0;  // ... or it had one again but had not caught up yet
  int64_t without_quorum_ns = 0;    // summed over its episodes: lost to regained (or the end)
  int64_t catching_up_ns = 0;       // summed: regained to caught up (or the end)
};

// Write attempts in `from` refused because `to` was modifying the item.
struct StrongConsistencyPair {
  std::string from;
  std::string to;
  uint64_t write_conflicts = 0;
};

// A region's loss of quorum: from losing its last reachable participant
// (an outage of its own replication, a partition, a pause, the others
// down) to catching up after getting one back.
struct QuorumEpisode {
  std::string region;
  int64_t lost_ns = 0;
  int64_t regained_ns = -1;          // -1: not within the run
  int64_t caught_up_ns = -1;         // -1: not within the run
  uint64_t catch_up_writes = 0;      // writes bound for it, committed elsewhere before it regained
};

struct StrongConsistencyResult {
  bool enabled = false;              // the table has multi_region_consistency: strong
  std::string witness;               // its region; empty: three replicas
  int64_t conflict_window_ns = -1;   // write_conflict_window; -1: quorum (each write's round trip)
  std::vector<StrongConsistencyRegion> regions;  // in region order
  std::vector<StrongConsistencyPair> pairs;      // from-major, to-minor, skipping from == to
  std::vector<QuorumEpisode> episodes;           // by loss time
};

enum class StopReason : uint8_t {
  kCompleted,    // traffic ran its duration and replication drained
  kMaxEvents,    // RunLimits::max_events reached
  kStopped,      // RunLimits::should_stop said so (wall-clock guard, interrupt)
  kLiveState,    // the live state passed RunLimits::max_live_state_bytes
};

struct StopResult {
  StopReason reason = StopReason::kCompleted;
  int64_t at_ns = 0;              // true time of the last event processed
};

struct RunResult {
  std::string scenario_name;
  std::string scenario_description;  // `description:`; empty when the scenario has none
  std::string scenario_file;
  uint64_t seed = 0;
  int64_t duration_ns = 0;
  std::vector<std::string> regions;
  std::vector<RegionResult> region_results;   // in region order
  std::vector<PairResult> pairs;              // from-major, to-minor, skipping from == to
  ConflictResult conflicts;
  ConvergenceResult convergence;  // meaningful only when stop.reason is kCompleted
  int64_t series_seconds = 0;                 // the seconds [0, series_seconds) the series cover
  std::vector<RegionSeries> region_series;    // in region order
  std::vector<PairSeries> pair_series;        // in `pairs` order
  std::vector<ThrottleWindow> throttle_windows;  // by region, then time
  std::vector<ScalingAction> scaling_actions;    // in time order
  std::vector<OutageResult> outages;             // in time order
  std::vector<SessionResult> sessions;           // per client group with sessions, in group order
  std::vector<ClientGroupResult> client_groups;  // every client group: regions in order, each one's groups in order
  std::vector<ClientGroupSeries> client_group_series;  // per minute, in client_groups order
  std::vector<TimelineResult> timeline;          // the scenario's timeline, in order
  DriftResult drift;
  std::vector<ReplicaChange> replica_changes;    // in time order
  StopResult stop;
  Pricing pricing;                               // the scenario's prices, for the cost report
  StrongConsistencyResult strong_consistency;
  // Run statistics: deterministic, but reported on the terminal only.
  uint64_t events = 0;
  uint64_t peak_live_writes = 0;
};

}  // namespace model
