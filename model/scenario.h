// Scenario: the validated, immutable description of one world to simulate.
//
// Plain structs mirroring the YAML schema (scenarios/README.md), every field
// with its meaning, unit and default. A Scenario is produced only by the
// loader (load/scenario_loader.h), which has already checked every rule, so
// the simulation may rely on the REQUIRES below without re-checking input.
// Region indices follow the order of `regions:` in the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/capacity_kinds.h"
#include "model/operation.h"
#include "model/pricing.h"
#include "model/rate_curve.h"
#include "sim/distribution.h"
#include "sim/time.h"

namespace model {

// A region's clock: local = true + offset + true * drift_ppm / 1e6.
// LWW timestamps are read from the origin region's clock (docs/design.md, "The model in words").
struct ClockConfig {
  sim::Duration offset;       // `offset`, may be negative; default 0s
  double drift_ppm = 0.0;     // `drift_ppm`, parts per million, may be negative; default 0
};

// Target tracking auto scaling for one dimension (reads or writes) of one
// replica, as Application Auto Scaling does it for DynamoDB
// (docs/sources.md, Provisioned capacity and auto scaling): one-minute datapoints of
// consumed / provisioned; scale out after `scale_out_datapoints` consecutive
// datapoints above target, scale in after `scale_in_datapoints` below, each
// to consumed / target within [min, max]; the new capacity takes effect after
// the alarm delay and the table update.
struct AutoScalingConfig {
  bool enabled = false;
  int64_t min_units = 5;                 // `min`; console default 5
  int64_t max_units = 40000;             // `max`; default the table quota
  double target_percent = 70.0;          // `target`: 20 to 90; default 70
  int scale_out_datapoints = 2;          // fixed by the service
  int scale_in_datapoints = 15;          // fixed by the service
  // `alarm_delay`: CloudWatch's delay before the alarm acts ("up to a few
  // minutes"); default 1m. `update_time`: UpdateTable ("several minutes");
  // default 2m.
  sim::Duration alarm_delay = sim::Duration::minutes(1);
  sim::Duration update_time = sim::Duration::minutes(2);
};

// A replica's capacity (docs/sources.md, Capacity units and the sections after it): per region, never replicated.
struct CapacityConfig {
  CapacityMode mode = CapacityMode::kOnDemand;   // `mode`: on_demand | provisioned
  // Provisioned: `write_units`, `read_units` per second (WCU, RCU).
  int64_t write_units = 5;
  int64_t read_units = 5;
  // `burst_seconds`: unused capacity kept for bursts; default 300 (docs/sources.md, Partitions and burst).
  int64_t burst_seconds = 300;
  AutoScalingConfig write_scaling;       // `auto_scaling.write`
  AutoScalingConfig read_scaling;        // `auto_scaling.read`
  // On-demand: the rate a new table serves at once (4,000 writes/s and
  // 12,000 reads/s, docs/sources.md, On-demand capacity), or a previous peak's double; the table
  // cap (40,000 each by default).
  int64_t on_demand_write_units = 4000;  // `warm_write_units`
  int64_t on_demand_read_units = 12000;  // `warm_read_units`
  int64_t table_max_write_units = 40000; // `max_write_units`
  int64_t table_max_read_units = 40000;  // `max_read_units`
  // Per-partition ceilings (docs/sources.md, Partitions and burst) and the partition size limit.
  int64_t partition_write_units = 1000;
  int64_t partition_read_units = 3000;
};

struct RegionConfig {
  std::string name;           // e.g. "us-east-1"; unique
  ClockConfig clock;
  CapacityConfig capacity;    // `capacity`; default the scenario's `table.capacity`
  // `replica`: false when the region has no replica at the start (a timeline
  // `add_replica` creates it); its clients' requests are refused until then.
  // Default true.
  bool replica = true;
};

// The path from a region's streams to another replica (docs/design.md, "The
// model in words"; docs/sources.md, Replication): one stream per source
// partition, each polled on its own; a record waits for its stream's next
// poll, at most batch_size records leave a stream per poll, cross the
// network, and are applied after apply_time. Defaults give the service's
// typical sub-second replication delay on catalogue latencies, at any
// write rate the partitions admit.
struct ReplicationConfig {
  // `poll_interval`: time between polls of a stream; 0s ships each record
  // at commit. Default 500ms.
  sim::Duration poll_interval = sim::Duration::milliseconds(500);
  // `batch_size`: records shipped per poll of one partition's stream, at
  // most. Default 1000 (DynamoDB Streams' GetRecords returns at most 1,000
  // records a call): with the default interval 2,000 records/s per
  // partition, twice the 1,000 writes/s a partition admits.
  uint32_t batch_size = 1000;
  // `apply_time`: from arrival at the destination to the write being applied.
  // Default 100ms base + exponential jitter of mean 100ms.
  sim::LatencyModel apply_time = sim::LatencyModel(
      sim::Duration::milliseconds(100), sim::Distribution::exponential(100e6));
  // The applier: a replica applies replicated writes as a requester of its
  // own, competing with its clients for write capacity (docs/model.md, the
  // sharing rule; an assumption, the service documents none).
  // `applier_share`: while it has a backlog, the share of the replica's
  // write rate it is guaranteed, in percent; clients are guaranteed the rest
  // and the applier also gets what they leave unused. 0: clients first; 100:
  // the applier first. Default 50.
  double applier_share_percent = 50.0;
  // `applier_retry`: how long a throttled applier waits before it tries
  // again, taking then what its share has gathered; at most 1s. Default 100ms.
  sim::Duration applier_retry = sim::Duration::milliseconds(100);
  // `coalesce_window`: a record still waiting in its stream is replaced by
  // a newer write to the same item from the same region committed within
  // this of it, so only the newer one is replicated (the service "may
  // coalesce" quick changes; how is not documented). Default 0s: off.
  sim::Duration coalesce_window;
};

enum class KeyDistributionKind { kUniform, kZipf, kHotspot };

// Which item a request touches. Key 0 is the hottest under zipf and hotspot.
struct KeyDistribution {
  KeyDistributionKind kind = KeyDistributionKind::kUniform;
  double zipf_exponent = 1.0;        // `zipf: {exponent}`, > 0
  double hotspot_traffic = 0.0;      // `hotspot: {traffic}`, fraction in [0,1] of requests ...
  double hotspot_keys = 0.0;         // ... on this fraction in (0,1) of the keys
};

// Time to live (docs/sources.md, TTL): written items carry an
// expiry attribute; each replica whose TTL is enabled deletes its expired
// items, free there, and the delete replicates like any other, costing a
// replicated write in every other replica. TTL is a per-replica setting
// (enable_ttl / disable_ttl in the timeline), not replicated unless
// `settings_sync` is on.
struct TtlConfig {
  bool items_expire = false;   // `ttl:` given: items carry an expiry attribute
  bool enabled = false;        // `enabled`: TTL on in every replica at the start; default false
  // `item_lifetime` (required): a written item expires this long after its write.
  sim::Duration item_lifetime;
  // `prepopulated_expiry`: when prepopulated items expire, from the start
  // of the run (0s: they had expired before it); default item_lifetime.
  sim::Duration prepopulated_expiry;
  // `deleted_within`: a replica's TTL process deletes an expired item at a
  // uniformly random time within this after it expired, or after TTL was
  // enabled there if later ("typically within two days"); default 48h. TTL
  // processes run while the traffic does (the scenario's duration).
  sim::Duration deleted_within = sim::Duration::hours(48);
};

// The service's response time to a request it admitted, per operation
// (docs/sources.md, Request latency): DynamoDB documents single-digit
// milliseconds for item operations inside a region; the shapes below are
// assumptions (docs/model.md, [KNOB]): the percentiles of a lognormal (reads
// median 2 ms and p99 5 ms, writes 4 ms and 9 ms) up to p99.9, cut at 9 ms and
// 15 ms, as an empirical table (cheap to sample on the hot path). A client in
// the serving region sees exactly this; one served from another region adds
// the round trip between its home and that region. It is what CloudWatch's
// SuccessfulRequestLatency measures.
struct ServiceLatencyConfig {
  // `get`, `query`, `put`, `update`, `delete`: a latency each, by Operation.
  sim::LatencyModel by_operation[kOperationCount] = {
      write_default(), write_default(), write_default(), read_default(), read_default()};

  const sim::LatencyModel& operator[](Operation op) const { return by_operation[static_cast<int>(op)]; }
  static sim::LatencyModel read_default() {
    return sim::LatencyModel(sim::Duration::zero(),
                             sim::Distribution::empirical({{0, 0.5e6}, {10, 1.2e6}, {50, 2e6}, {90, 3.3e6},
                                                           {99, 5e6}, {99.9, 6.8e6}, {100, 9e6}}));
  }
  static sim::LatencyModel write_default() {
    return sim::LatencyModel(sim::Duration::zero(),
                             sim::Distribution::empirical({{0, 1e6}, {10, 2.6e6}, {50, 4e6}, {90, 6.3e6},
                                                           {99, 9e6}, {99.9, 11.8e6}, {100, 15e6}}));
  }
};

// How World keeps per-item state (model/replica_items.h): dense for a small
// key space, sparse (memory following the items touched) for a large one.
// Not a YAML key: tests force each layout to check that no report depends on it.
enum class ItemLayout : uint8_t { kAuto, kDense, kSparse };

struct TableConfig {
  uint64_t key_count = 1000;         // `keys`: distinct items; default 1000
  KeyDistribution key_distribution;  // `key_distribution`; default uniform
  // `item_size`: bytes per written item; default constant 1KB (1024 bytes).
  sim::Distribution item_size_bytes = sim::Distribution::constant(1024.0);
  // `prepopulated`: every item exists before the run, identical in every
  // replica, with the median item size (reads and deletes of it cost what it
  // weighs); default false: the table starts empty.
  bool prepopulated = false;
  // `indexes`: names of the global secondary indexes every replica has at
  // the start; default none. They are the first entries of
  // Scenario::index_names.
  std::vector<std::string> indexes;
  TtlConfig ttl;                     // `ttl`; default: items never expire
  ServiceLatencyConfig service_latency;  // `service_latency`; default above
  ItemLayout item_layout = ItemLayout::kAuto;  // not in YAML; see ItemLayout
};

enum class Arrivals { kPoisson, kConstant };

enum class ReadConsistency { kEventual, kStrong };

// How clients retry throttled requests: the AWS SDKs' standard mode
// (docs/sources.md, Throttling and retries: attempts, delay =
// random(0,1) * min(base * 2^(retry-1), max_backoff), a retry quota of 500
// tokens costing 5 per retry and refunding 1 per first-try success) or
// legacy mode (10 retries, no quota).
enum class RetryMode { kStandard, kLegacy };

struct RetryConfig {
  RetryMode mode = RetryMode::kStandard;      // `mode`
  int max_attempts = 3;                       // `max_attempts`, including the first
  sim::Duration base = sim::Duration::seconds(1);          // `base`: throttling base delay
  sim::Duration max_backoff = sim::Duration::seconds(20);  // `max_backoff`
  int64_t quota_tokens = 500;                 // `quota`: 0 disables the retry quota
  int64_t retry_cost = 5;
  int64_t success_refund = 1;
  static RetryConfig legacy() {
    RetryConfig config;
    config.mode = RetryMode::kLegacy;
    config.max_attempts = 11;
    config.base = sim::Duration::milliseconds(500);
    config.quota_tokens = 0;
    return config;
  }
};

// Operation mix in percent; the loader requires the five to sum to 100.
struct OperationMix {
  double put_percent = 100.0;
  double update_percent = 0.0;
  double delete_percent = 0.0;
  double get_percent = 0.0;
  double query_percent = 0.0;        // `query`: reads through the group's `index`
};

// Client sessions that read from another region after writing (a user
// bounced between regions, a redirect): after a write, with probability
// `redirect` the session reads the item back in `read_region` after one of
// `delays` (chosen uniformly). Measures read-your-writes violations.
struct SessionConfig {
  bool enabled = false;
  double redirect_percent = 0.0;         // `redirect`: percent (0..100) of writes followed by a read elsewhere
  size_t read_region = 0;                // `read_region`
  std::vector<sim::Duration> delays;     // `delays`: at least one, each >= 0
};

// One client group in one region: a stream of requests to that region's replica.
struct ClientGroupConfig {
  std::string name;                      // `name`; default "<region>/<index>"
  // `rate`: requests per second, > 0. For a curve, its mean over the run
  // ([0, duration)), which the run estimate reads (model/run_estimate.h).
  double rate_per_second = 0.0;
  Arrivals arrivals = Arrivals::kPoisson;  // `arrivals`: poisson | constant
  OperationMix mix;                      // `mix`; default 100% put
  ReadConsistency consistency = ReadConsistency::kEventual;  // `consistency` of gets
  bool transactional = false;            // `transactional`: units doubled
  RetryConfig retry;                     // `retry`; default the scenario's `retry`
  SessionConfig sessions;                // `sessions`; default none
  // `index`: the global secondary index its queries read, an index into
  // Scenario::index_names; required when the mix has queries. A query in a
  // replica that lacks the index fails (it is not retried) and is counted.
  size_t index = 0;
  // `instances`: the SDK clients the group's requests are spread over, in
  // turn; each has its own retry quota (docs/model.md). The loader fills the
  // default, one instance per 100 requests/s of `rate`, rounded up.
  uint32_t instances = 1;
  // `rate` as a curve (`points`, `diurnal`, `steps`, `trace`;
  // model/rate_curve.h), which drives the arrivals; empty for a number.
  RateCurve rate_curve{};
};

// How much of a region an outage takes away (docs/model.md, "Outages and
// failover").
enum class OutageScope : uint8_t {
  kFull,         // `full`: client requests fail and replication into and out of it stops
  kEndpoint,     // `endpoint`: client requests fail; replication goes on (the October 2025 us-east-1 shape)
  kReplication,  // `replication`: requests are served; replication into and out of it stops
};

// Why a region is out. Only the two conditions AWS documents a time limit
// for (API_ReplicaDescription: REGION_DISABLED, INACCESSIBLE_ENCRYPTION_CREDENTIALS)
// remove a replica from the group after 20 hours; an outage only delays.
enum class OutageCause : uint8_t {
  kOutage,           // `outage`
  kRegionDisabled,   // `disable_region`
  kKmsInaccessible,  // `kms_inaccessible`: the replica's KMS key cannot be used
};

// Their names in scenario files and reports, in enum order.
inline constexpr std::string_view kOutageScopeNames[] = {"full", "endpoint", "replication"};
inline constexpr std::string_view kOutageCauseNames[] = {"outage", "region_disabled", "kms_inaccessible"};
inline std::string_view outage_scope_name(OutageScope scope) { return kOutageScopeNames[static_cast<int>(scope)]; }
inline std::string_view outage_cause_name(OutageCause cause) { return kOutageCauseNames[static_cast<int>(cause)]; }

// One outage's shape (`outage: {region, scope, failing, latency_multiplier, duration}`).
struct OutageConfig {
  OutageScope scope = OutageScope::kFull;   // `scope`; default full
  OutageCause cause = OutageCause::kOutage;
  // `failing`: the share (0..1) of client requests sent to the region that
  // fail; scopes full and endpoint only; default 1 (all of them).
  double failing_fraction = 1.0;
  // `latency_multiplier`: the service response time of the requests it
  // still serves is multiplied by this (>= 1); default 1. The client
  // latency model reads it (Outages::latency_multiplier).
  double latency_multiplier = 1.0;
};

// Timeline: faults and operator actions at given true times. The loader
// expands compound actions (a failover, a replication pause, a degraded
// link's end, an outage's duration) into these primitive events.
enum class TimelineKind {
  kOutage, kRecover, kShiftTraffic, kSetCapacity,
  kCutLinks,       // records cannot cross `links` until they are restored
  kRestoreLinks,   // `links` carry records again; what waited crosses now
  kSetLatency,     // `links` take `latency` from now on
  kClockStep,      // the region's clock jumps by `clock_step`
  kClockDrift,     // the region's clock runs at `drift_ppm` from now on
  // Administrative changes: one replica's settings (docs/sources.md, Versions and settings).
  kCreateIndex,    // the region's replica gets global secondary index `index`
  kDeleteIndex,    // ... loses it
  kEnableTtl,      // the region's TTL process starts deleting expired items
  kDisableTtl,     // ... stops
  // Replica lifecycle.
  kAddReplica,     // a replica is created in `region` and backfilled (`replica`)
  kRemoveReplica,  // the region's replica is deleted: it leaves the group
};

// The article's migration path for a table that cannot get a replica (the
// 2017.11.29 rule): scan it and batch-write every item into a new global
// table at the given capacity. Estimated, not simulated.
struct MigrationConfig {
  bool enabled = false;              // `migration:` given
  int64_t read_units = 0;            // `read_units`: RCU the scan may use, per second
  int64_t write_units = 0;           // `write_units`: WCU the batch writes may use, per second
};

// The backfill copies each item's newest version held by any serving
// replica (the service replays the replication streams alongside the copy,
// so the new replica misses nothing).
struct ReplicaAddConfig {
  // `backfill_rate`: items copied per second; the loader fills the default,
  // the service's quota of 10 TB per destination Region per day (research
  // section 5) divided by the mean item size.
  double backfill_items_per_second = 0.0;
  MigrationConfig migration;         // `migration`: also estimate the migration path
};

struct TimelineEvent {
  TimelineKind kind = TimelineKind::kOutage;
  sim::Duration at;                  // `at`: true time from the start of the run
  size_t region = 0;                 // outage, recover, set_capacity, clock: the region;
                                     // shift_traffic: whose clients move (`from`)
  size_t to_region = 0;              // shift_traffic: where they go (`to`)
  double fraction = 1.0;             // shift_traffic: share of requests moved, 0..1
  CapacityConfig capacity;           // set_capacity: the new settings
  // set_capacity: whether `write_units` / `read_units` were given; when not,
  // a provisioned replica keeps its current units (auto scaling's included).
  bool sets_write_units = false;
  bool sets_read_units = false;
  std::vector<std::pair<size_t, size_t>> links;  // cut, restore, set_latency: (from, to) pairs
  sim::LatencyModel latency;         // set_latency
  sim::Duration clock_step;          // clock_step
  double drift_ppm = 0.0;            // clock_drift
  size_t index = 0;                  // create_index, delete_index: into Scenario::index_names
  ReplicaAddConfig replica;          // add_replica
  OutageConfig outage;               // outage (and disable_region, kms_inaccessible)
  // A copy settings_sync made of an operator's change in another region
  // (create/delete index, enable/disable TTL, set capacity).
  bool synced = false;
};

// `settings_sync`: the fix the article asks for, and what the service's
// version 2019.11.21 does for most settings (docs/sources.md, Versions and settings): an
// administrative change made in one region is applied to every other
// replica `delay` later. Default off: changes stay where they were made.
struct SettingsSyncConfig {
  bool enabled = false;              // `enabled`
  sim::Duration delay;               // `delay`: default 0s
};

// `version`: which global tables version the table is. Only the 2017.11.29
// rule that replicas can be added to an empty table only is modelled.
enum class GlobalTablesVersion { k2019_11_21, k2017_11_29 };

// `table.multi_region_consistency`: the service's MultiRegionConsistency
// (docs/sources.md, Multi-Region strong consistency). Eventual (MREC, the
// default): every replica accepts writes at once and last-writer-wins
// settles conflicts. Strong (MRSC): a write or a strongly consistent read
// needs a second participant (replica or witness) that the region reaches,
// and a write to an item another region is modifying fails with
// ReplicatedWriteConflictException (docs/model.md, "Multi-Region strong
// consistency").
enum class MultiRegionConsistency : uint8_t { kEventual, kStrong };

// The MRSC settings of the table. The loader guarantees, for kStrong:
// exactly three regions, all of one region set, version 2019.11.21, every
// region but the witness with a replica from the start (`replica` of the
// witness is false), no TTL, no transactional group, no add_replica or
// remove_replica, no client group or traffic shift served by the witness,
// and FIS pauses within 5,040 minutes in any 7 days.
struct ConsistencyConfig {
  MultiRegionConsistency mode = MultiRegionConsistency::kEventual;
  // `witness`: the region of the witness (a participant that holds no items,
  // serves no requests and costs nothing); none: three replicas.
  bool has_witness = false;
  size_t witness = 0;
  // `write_conflict_window`: how long a write keeps its item "being
  // modified", so that a write from another region fails with a conflict.
  // `quorum` (the default): the write's round trip to the participant that
  // acknowledges it; else this fixed duration [KNOB].
  bool window_is_quorum = true;
  sim::Duration conflict_window;

  bool strong() const { return mode == MultiRegionConsistency::kStrong; }
  bool is_witness(size_t region) const { return has_witness && witness == region; }
};

struct Scenario {
  std::string file;          // path it was loaded from (for messages and reports)
  std::string name;          // `name`; default the file's stem
  std::string description;   // `description`; default empty
  uint64_t seed = 1;         // `seed`; default 1; `gtsim run --seed` overrides
  sim::Duration duration = sim::Duration::minutes(1);  // `duration`: client traffic runs [0, duration)

  std::vector<RegionConfig> regions;                   // at least 2
  // One-way latency from region i to region j at [i * regions.size() + j];
  // the diagonal is unused. Catalogue defaults already filled in.
  std::vector<sim::LatencyModel> one_way_latency;
  ReplicationConfig replication;
  TableConfig table;
  // Client groups per region index (workload[i] may be empty).
  std::vector<std::vector<ClientGroupConfig>> workload;
  // Faults and operator actions, sorted by `at` (stable).
  std::vector<TimelineEvent> timeline;
  // Every global secondary index named in the file: table.indexes first,
  // then new names in timeline order. At most 64.
  std::vector<std::string> index_names;
  SettingsSyncConfig settings_sync;
  GlobalTablesVersion version = GlobalTablesVersion::k2019_11_21;
  // `pricing`: each region's prices (the built-in table, overlaid by the
  // section and --pricing FILE); read by the cost report only.
  Pricing pricing;
  ConsistencyConfig consistency;   // `table.multi_region_consistency`, `table.witness`, ...

  size_t region_count() const { return regions.size(); }
  const sim::LatencyModel& latency(size_t from, size_t to) const {
    return one_way_latency[from * regions.size() + to];
  }
};

}  // namespace model
