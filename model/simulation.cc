#include "model/simulation.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "model/auto_scaler.h"
#include "model/client_group.h"
#include "model/client_retry.h"
#include "model/conflict_tracker.h"
#include "model/key_sampler.h"
#include "model/lww.h"
#include "model/metrics_recorder.h"
#include "model/replica_capacity.h"
#include "model/replica_items.h"
#include "model/region_clock.h"
#include "sim/assert.h"
#include "sim/event_queue.h"
#include "sim/random.h"
#include "sim/ring_buffer.h"

namespace model {
namespace {

enum class EventKind : uint8_t {
  kClientRequest,  // region, key, op: the request; index: client group
  kRetry,          // region, key, op: the request; index: its RetryState
  kScriptedWrite,  // index: scripted write
  kPoll,           // region: the stream's region
  kApply,          // region: destination replica; key; index: write slot
  kDrainBacklog,   // region: the replica whose throttled replicated writes may go on
  kSecondTick,     // closes one second of the series (and each 60th, a minute)
  kScalingApplied, // index: the scaling action
  kTimeline,       // index: the timeline event
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

struct ScriptedWrite {
  size_t region;
  sim::Instant at;
  uint64_t key;
  Operation op;
};

// A client request being retried: what it does and how far it got.
struct RetryState {
  uint32_t group;
  uint16_t target;        // the region it was sent to
  int attempts;           // made so far
  int64_t first_attempt_ns;
};

constexpr int64_t kSecondNs = 1'000'000'000;

std::vector<std::string> region_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const RegionConfig& region : scenario.regions) names.push_back(region.name);
  return names;
}

std::vector<uint16_t> name_ranks(const std::vector<std::string>& names) {
  std::vector<uint16_t> order(names.size());
  std::iota(order.begin(), order.end(), uint16_t{0});
  std::sort(order.begin(), order.end(), [&](uint16_t a, uint16_t b) { return names[a] < names[b]; });
  std::vector<uint16_t> rank(names.size());
  for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<uint16_t>(i);
  return rank;
}

}  // namespace

class Simulation::World {
 public:
  explicit World(const Scenario& scenario);

  void add_scripted_write(size_t region, sim::Instant at, uint64_t key, Operation op);
  RunResult run(const RunLimits& limits);
  std::optional<WriteSummary> stored(size_t region, uint64_t key) const;

  Observer* observer_ = nullptr;

 private:
  // Clients and capacity.
  void schedule_request(size_t group, sim::Instant at);
  void prefetch(const Event& next) const;
  void client_attempt(const Event& event, sim::Instant now);
  size_t route(size_t group);
  int64_t request_milli_units(size_t region, Operation op, uint64_t key, uint32_t size_bytes,
                              const ClientGroupConfig& group) const;
  uint32_t stored_size(size_t region, uint64_t key) const;
  // Writes and replication.
  void commit(size_t region, sim::Instant now, Operation op, uint64_t key, uint32_t size_bytes);
  void apply(size_t replica, WriteSlot incoming, sim::Instant now);
  void ship(size_t source, WriteSlot write, sim::Instant now);
  void poll(size_t source, sim::Instant now);
  void arrive(size_t replica, WriteSlot write, sim::Instant now);
  void admit_in_order(size_t replica, WriteSlot write, sim::Instant now);
  bool admit(size_t replica, WriteSlot write, sim::Instant now);
  void drain_backlog(size_t replica, sim::Instant now);
  void schedule_drain(size_t replica, sim::Duration wait, sim::Instant now);
  void deliver(size_t replica, WriteSlot write, sim::Instant now);
  WriteSlot take_held_successor(size_t replica, uint64_t key, size_t origin);
  sim::Instant next_poll_after(size_t source, sim::Instant now) const;
  // Time, faults and operators.
  void second_tick(sim::Instant now);
  void minute_datapoints(sim::Instant now);
  void run_timeline(const TimelineEvent& event, sim::Instant now);
  void fail_region(size_t region, sim::Instant now);
  void recover_region(size_t region, sim::Instant now);
  void note_outage_progress(sim::Instant now);
  void check_convergence();

  size_t pair(size_t from, size_t to) const { return from * region_count_ + to; }

  const Scenario scenario_;
  const size_t region_count_;
  const uint64_t key_count_;
  const sim::Instant stop_;
  std::vector<std::string> region_names_;
  std::vector<RegionClock> clocks_;
  LwwOrder lww_;
  WriteTable writes_;
  ConflictTracker conflicts_;
  KeySampler keys_;
  std::vector<ClientGroup> groups_;
  std::vector<const ClientGroupConfig*> group_configs_;
  std::vector<uint16_t> group_region_;
  std::vector<ScriptedWrite> scripted_;

  ReplicaItems items_;

  // Clients: where each group's requests go, retries in progress.
  std::vector<uint16_t> route_to_;             // per group
  std::vector<sim::UInt128> route_below_;      // per group: share moved, out of 2^64
  std::vector<sim::Rng> route_rngs_;           // per group
  std::vector<sim::Rng> retry_rngs_;           // per group
  std::vector<ClientRetry> retry_budgets_;     // per group
  std::vector<RetryState> retries_;            // slots, reused through retry_free_
  std::vector<uint32_t> retry_free_;

  // Capacity, per region: the replica's buckets, its auto scalers.
  std::vector<ReplicaCapacity> capacity_;
  std::vector<AutoScaler> scalers_;            // [region * 2 + dimension]
  std::vector<ScalingAction> pending_scaling_;  // index = event index

  // Replication pipeline, per source region.
  std::vector<sim::RingBuffer<WriteSlot>> streams_;
  std::vector<bool> poll_pending_;
  std::vector<int64_t> poll_phase_ns_;
  std::vector<sim::Rng> network_rngs_;     // [pair(from, to)]
  std::vector<sim::Rng> apply_rngs_;       // [pair(from, to)]
  // Per destination: replicated writes waiting for capacity (or recovery).
  std::vector<sim::RingBuffer<WriteSlot>> backlog_;
  std::vector<bool> drain_pending_;
  std::vector<int64_t> inbound_pending_;   // shipped or waiting, not yet applied
  std::vector<int64_t> pair_pending_;      // [pair]: committed at from, not yet applied at to

  // Replicated records that overtook an earlier record of their item.
  struct HeldRecord {
    WriteSlot write;
    uint16_t replica;
  };
  std::vector<HeldRecord> held_;

  // Outages, per region.
  std::vector<bool> down_;
  std::vector<size_t> last_outage_;        // index into result_.outages, or SIZE_MAX
  std::vector<uint64_t> at_risk_left_;     // writes at risk at its outage not yet applied everywhere
  std::vector<bool> draining_;             // recovered, backlog not yet drained

  sim::EventQueue<Event> queue_;
  MetricsRecorder metrics_;
  RunResult result_;
  uint32_t prepopulated_item_bytes_ = 0;   // 0: the table starts empty
  uint64_t next_write_id_ = 0;
  uint64_t seconds_closed_ = 0;
  int64_t last_write_ns_ = 0;
  int64_t last_apply_ns_max_ = 0;
  bool ran_ = false;
};

Simulation::World::World(const Scenario& scenario)
    : scenario_(scenario),
      region_count_(scenario.region_count()),
      key_count_(scenario.table.key_count),
      stop_(sim::Instant::zero() + scenario.duration),
      region_names_(region_names(scenario)),
      lww_(name_ranks(region_names_)),
      writes_(scenario.region_count()),
      conflicts_(region_names_),
      keys_(scenario.table.key_count, scenario.table.key_distribution),
      items_(scenario.region_count(), scenario.table.key_count),
      queue_(4096),
      metrics_(region_names_) {
  GTSIM_ASSERT(region_count_ >= 1 && region_count_ < UINT16_MAX / 2);
  GTSIM_ASSERT(scenario.one_way_latency.size() == region_count_ * region_count_);
  GTSIM_ASSERT(scenario.workload.size() == region_count_);
  for (const RegionConfig& region : scenario.regions) clocks_.emplace_back(region.clock);

  const uint64_t seed = scenario.seed;
  for (size_t r = 0; r < region_count_; ++r) {
    for (const ClientGroupConfig& group : scenario_.workload[r]) {
      groups_.emplace_back(seed, region_names_[r], group, keys_, scenario.table.item_size_bytes, stop_);
      group_configs_.push_back(&group);
      group_region_.push_back(static_cast<uint16_t>(r));
      route_to_.push_back(static_cast<uint16_t>(r));
      route_below_.push_back(0);
      const std::string name = region_names_[r] + "/" + group.name;
      route_rngs_.push_back(sim::Rng::stream(seed, "routing/" + name));
      retry_rngs_.push_back(sim::Rng::stream(seed, "retry/" + name));
      retry_budgets_.emplace_back(group.retry);
    }
  }

  if (scenario.table.prepopulated) {
    prepopulated_item_bytes_ = static_cast<uint32_t>(
        std::clamp(std::llround(scenario.table.item_size_bytes.quantile(0.5)), 1LL, 400LL * 1024));
  }
  // Data size, for the partition count: keys x mean item size.
  const uint64_t data_bytes =
      static_cast<uint64_t>(static_cast<double>(key_count_) * scenario.table.item_size_bytes.mean());
  const sim::Duration interval = scenario.replication.poll_interval;
  for (size_t r = 0; r < region_count_; ++r) {
    const CapacityConfig& capacity = scenario.regions[r].capacity;
    capacity_.emplace_back(capacity, data_bytes, sim::Instant::zero());
    scalers_.emplace_back(capacity.write_scaling);
    scalers_.emplace_back(capacity.read_scaling);
    streams_.emplace_back(1024);
    backlog_.emplace_back(16);
    poll_pending_.push_back(false);
    drain_pending_.push_back(false);
    inbound_pending_.push_back(0);
    down_.push_back(false);
    last_outage_.push_back(SIZE_MAX);
    at_risk_left_.push_back(0);
    draining_.push_back(false);
    sim::Rng phase_rng = sim::Rng::stream(seed, "replication/" + region_names_[r] + "/poll-phase");
    poll_phase_ns_.push_back(interval.ns() > 0
                                 ? static_cast<int64_t>(phase_rng.below(static_cast<uint64_t>(interval.ns())))
                                 : 0);
  }
  pair_pending_.assign(region_count_ * region_count_, 0);
  for (size_t from = 0; from < region_count_; ++from) {
    for (size_t to = 0; to < region_count_; ++to) {
      const std::string link = region_names_[from] + "->" + region_names_[to];
      network_rngs_.push_back(sim::Rng::stream(seed, "network/" + link));
      apply_rngs_.push_back(sim::Rng::stream(seed, "replication/apply/" + link));
    }
  }

  result_.scenario_name = scenario.name;
  result_.scenario_file = scenario.file;
  result_.seed = seed;
  result_.duration_ns = scenario.duration.ns();
  result_.regions = region_names_;
  for (size_t r = 0; r < region_count_; ++r) {
    result_.region_results.emplace_back();
    result_.region_results.back().name = region_names_[r];
  }
  for (size_t from = 0; from < region_count_; ++from) {
    for (size_t to = 0; to < region_count_; ++to) {
      if (from != to) result_.pairs.push_back(PairResult{region_names_[from], region_names_[to], 0, {}});
    }
  }
}

void Simulation::World::add_scripted_write(size_t region, sim::Instant at, uint64_t key, Operation op) {
  GTSIM_ASSERT(!ran_ && region < region_count_ && key < key_count_ && is_write(op));
  scripted_.push_back(ScriptedWrite{region, at, key, op});
}

RunResult Simulation::World::run(const RunLimits& limits) {
  GTSIM_ASSERT(!ran_);
  ran_ = true;
  held_.reserve(64);
  for (size_t g = 0; g < groups_.size(); ++g) {
    if (auto first = groups_[g].first_arrival()) schedule_request(g, *first);
  }
  for (size_t i = 0; i < scripted_.size(); ++i) {
    const ScriptedWrite& write = scripted_[i];
    queue_.push(write.at, Event{EventKind::kScriptedWrite, write.op, static_cast<uint16_t>(write.region),
                                static_cast<uint32_t>(i), write.key});
  }
  for (size_t i = 0; i < scenario_.timeline.size(); ++i) {
    queue_.push(sim::Instant::zero() + scenario_.timeline[i].at,
                Event{EventKind::kTimeline, Operation::kPut, 0, static_cast<uint32_t>(i), 0});
  }
  queue_.push(sim::Instant::from_ns(kSecondNs), Event{EventKind::kSecondTick, Operation::kPut, 0, 0, 0});

  uint64_t events = 0;
  sim::Instant now;
  while (!queue_.empty()) {
    if (events >= limits.max_events) {
      result_.stop.reason = StopReason::kMaxEvents;
      break;
    }
    if (events % RunLimits::kStopPollEvents == 0 && events > 0 && limits.should_stop &&
        limits.should_stop()) {
      result_.stop.reason = StopReason::kStopped;
      break;
    }
    const auto entry = queue_.pop();
    now = entry.at;
    const Event& event = entry.event;
    ++events;
    if (!queue_.empty()) prefetch(queue_.peek().event);
    switch (event.kind) {
      case EventKind::kClientRequest:
      case EventKind::kRetry:
        client_attempt(event, now);
        break;
      case EventKind::kScriptedWrite:
        commit(event.region, now, event.op, event.key, 1024);
        break;
      case EventKind::kPoll:
        poll(event.region, now);
        break;
      case EventKind::kApply:
        arrive(event.region, event.index, now);
        break;
      case EventKind::kDrainBacklog:
        drain_pending_[event.region] = false;
        drain_backlog(event.region, now);
        break;
      case EventKind::kSecondTick:
        second_tick(now);
        break;
      case EventKind::kScalingApplied: {
        const ScalingAction& action = pending_scaling_[event.index];
        const Dimension dimension = action.dimension == "write" ? Dimension::kWrite : Dimension::kRead;
        capacity_[event.region].set_provisioned_units(now, dimension, action.to_units);
        scalers_[event.region * 2 + static_cast<size_t>(dimension)].on_update_applied();
        result_.scaling_actions.push_back(action);
        drain_backlog(event.region, now);
        break;
      }
      case EventKind::kTimeline:
        run_timeline(scenario_.timeline[event.index], now);
        break;
    }
  }

  GTSIM_ASSERT(held_.empty() || result_.stop.reason != StopReason::kCompleted);
  if (seconds_closed_ % 60 != 0) metrics_.end_minute();
  metrics_.finish(result_);
  result_.stop.at_ns = now.ns();
  result_.events = events;
  result_.peak_live_writes = writes_.peak();
  result_.conflicts = conflicts_.result();
  for (size_t r = 0; r < region_count_; ++r) {
    if (down_[r] && last_outage_[r] != SIZE_MAX) result_.outages[last_outage_[r]].lost_writes = streams_[r].size();
    RegionResult& region = result_.region_results[r];
    const ReplicaCapacity& capacity = capacity_[r];
    region.capacity_mode = capacity.config().mode == CapacityMode::kProvisioned ? "provisioned" : "on_demand";
    region.write_units = capacity.capacity_units(Dimension::kWrite);
    region.read_units = capacity.capacity_units(Dimension::kRead);
    region.partitions = capacity.partition_count();
  }
  check_convergence();
  return result_;
}

// ---- Clients and capacity -------------------------------------------------

void Simulation::World::schedule_request(size_t group, sim::Instant at) {
  const Request request = groups_[group].next_request();
  queue_.push(at, Event{EventKind::kClientRequest, request.op, group_region_[group],
                        static_cast<uint32_t>(group), request.key});
}

// Memory, not arithmetic, bounds this loop: with many keys an event's item
// state is rarely in cache. Loading the next event's state while this one
// runs hides most of that wait. A hint only: it changes no result.
void Simulation::World::prefetch(const Event& next) const {
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
size_t Simulation::World::route(size_t group) {
  const size_t home = group_region_[group];
  if (route_to_[group] == home) return home;
  const sim::UInt128 all = static_cast<sim::UInt128>(1) << 64;
  if (route_below_[group] >= all) return route_to_[group];
  return route_rngs_[group].next_u64() < route_below_[group] ? route_to_[group] : home;
}

// What the item weighs in a replica: 0 if absent; a never-written item of a
// prepopulated table weighs the median item size.
uint32_t Simulation::World::stored_size(size_t region, uint64_t key) const {
  const WriteSlot slot = items_.stored(region, key);
  if (slot == kNoWrite) return prepopulated_item_bytes_;
  if (writes_[slot].is_tombstone()) return 0;
  return writes_[slot].size_bytes;
}

int64_t Simulation::World::request_milli_units(size_t region, Operation op, uint64_t key,
                                               uint32_t size_bytes, const ClientGroupConfig& group) const {
  switch (op) {
    case Operation::kGet:
      return read_milli_units(stored_size(region, key), group.consistency == ReadConsistency::kStrong,
                              group.transactional);
    case Operation::kDelete:
      return write_milli_units(stored_size(region, key), group.transactional);
    default:
      return write_milli_units(size_bytes, group.transactional);
  }
}

// One attempt of a client request: the first (kClientRequest) or a retry.
void Simulation::World::client_attempt(const Event& event, sim::Instant now) {
  const bool first = event.kind == EventKind::kClientRequest;
  const size_t group = first ? event.index : retries_[event.index].group;
  const ClientGroupConfig& config = *group_configs_[group];
  if (first) {
    if (auto next = groups_[group].next_arrival(now)) schedule_request(group, *next);
  }
  const size_t target = first ? route(group) : retries_[event.index].target;
  RegionResult& served = result_.region_results[target];
  if (down_[target]) {
    ++served.unavailable_errors;
    metrics_.on_client_error(target);
    if (!first) retry_free_.push_back(event.index);
    return;
  }
  const bool writes_item = event.op == Operation::kPut || event.op == Operation::kUpdate;
  const uint32_t size = writes_item ? groups_[group].next_item_size() : 0;
  const Dimension dimension = event.op == Operation::kGet ? Dimension::kRead : Dimension::kWrite;
  const int64_t milli = request_milli_units(target, event.op, event.key, size, config);
  const int attempts = first ? 1 : retries_[event.index].attempts;
  const int64_t first_ns = first ? now.ns() : retries_[event.index].first_attempt_ns;

  if (capacity_[target].try_consume(now, dimension, event.key, milli)) {
    commit(target, now, event.op, event.key, size);
    retry_budgets_[group].on_success(attempts);
    served.client_latency_ns.record(now.ns() - first_ns);
    metrics_.on_client_success(target, now.ns() - first_ns);
    if (!first) retry_free_.push_back(event.index);
    return;
  }
  ++served.throttle_events;
  metrics_.on_throttle(target);
  if (!retry_budgets_[group].allow_retry(attempts + 1)) {
    ++served.client_errors;
    metrics_.on_client_error(target);
    if (!first) retry_free_.push_back(event.index);
    return;
  }
  ++served.retries;
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

// ---- Writes and replication ----------------------------------------------

void Simulation::World::commit(size_t region, sim::Instant now, Operation op, uint64_t key,
                               uint32_t size_bytes) {
  RegionResult& served = result_.region_results[region];
  ++served.operations[static_cast<int>(op)];
  if (op == Operation::kGet) return;
  if (op == Operation::kDelete) {
    // Deleting an absent item changes nothing, so the stream gets no record.
    size_bytes = stored_size(region, key);  // a delete costs what the item weighed
    if (size_bytes == 0) {
      ++served.noop_deletes;
      return;
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
  uint32_t* known = writes_.knowledge(slot);
  for (size_t r = 0; r < region_count_; ++r) known[r] = region_seen[r];
  if (op != Operation::kDelete) served.bytes_written += size_bytes;
  conflicts_.count_write();
  last_write_ns_ = now.ns();
  if (observer_) observer_->on_commit(write, now);

  apply(region, slot, now);
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
  writes_.release(slot);
}

// Last-writer-wins at one replica: keep the winner, tell the tracker.
void Simulation::World::apply(size_t replica, WriteSlot incoming, sim::Instant now) {
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

// Sends one stream record to every other replica; each copy crosses the
// network and waits its apply time (arrive() keeps per-item order).
void Simulation::World::ship(size_t source, WriteSlot write, sim::Instant now) {
  for (size_t to = 0; to < region_count_; ++to) {
    if (to == source) continue;
    const size_t link = pair(source, to);
    const sim::Duration network = scenario_.latency(source, to).sample(network_rngs_[link]);
    const sim::Duration apply_time = scenario_.replication.apply_time.sample(apply_rngs_[link]);
    writes_.retain(write);
    ++inbound_pending_[to];
    queue_.push(now + network + apply_time,
                Event{EventKind::kApply, Operation::kPut, static_cast<uint16_t>(to), write, writes_[write].key});
  }
}

// The first poll tick strictly after `now`: ticks are phase + n * interval.
sim::Instant Simulation::World::next_poll_after(size_t source, sim::Instant now) const {
  const int64_t interval = scenario_.replication.poll_interval.ns();
  const int64_t phase = poll_phase_ns_[source];
  if (now.ns() < phase) return sim::Instant::from_ns(phase);
  const int64_t ticks = (now.ns() - phase) / interval + 1;
  return sim::Instant::from_ns(phase + ticks * interval);
}

// A region that is down replicates nothing: its stream waits for recovery.
void Simulation::World::poll(size_t source, sim::Instant now) {
  sim::RingBuffer<WriteSlot>& stream = streams_[source];
  if (down_[source]) {
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
void Simulation::World::arrive(size_t replica, WriteSlot write, sim::Instant now) {
  const WriteRecord& record = writes_[write];
  const uint32_t admitted = items_.admitted(replica, record.key)[record.origin];
  if (record.sequence != admitted + 1) {
    GTSIM_ASSERT(record.sequence > admitted + 1);
    held_.push_back(HeldRecord{write, static_cast<uint16_t>(replica)});
    return;
  }
  admit_in_order(replica, write, now);
}

// Admits `write`, then the held successors it unblocks, in order.
void Simulation::World::admit_in_order(size_t replica, WriteSlot write, sim::Instant now) {
  for (WriteSlot next = write; next != kNoWrite;) {
    const uint64_t key = writes_[next].key;
    const size_t origin = writes_[next].origin;
    items_.admitted(replica, key)[origin] = writes_[next].sequence;
    admit(replica, next, now);
    next = take_held_successor(replica, key, origin);
  }
}

WriteSlot Simulation::World::take_held_successor(size_t replica, uint64_t key, size_t origin) {
  if (held_.empty()) return kNoWrite;
  const uint32_t wanted = items_.admitted(replica, key)[origin] + 1;
  for (size_t i = 0; i < held_.size(); ++i) {
    const WriteRecord& waiting = writes_[held_[i].write];
    if (held_[i].replica == replica && waiting.key == key && waiting.origin == origin &&
        waiting.sequence == wanted) {
      const WriteSlot found = held_[i].write;
      held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(i));
      return found;
    }
  }
  return kNoWrite;
}

// A replicated write consumes write capacity at its destination too
// (research/dynamodb-facts.md section 4.1). Throttled, it waits and retries,
// behind any write already waiting there: delayed, never dropped. A replica
// that is down parks it until recovery. True if it was applied now.
bool Simulation::World::admit(size_t replica, WriteSlot write, sim::Instant now) {
  if (down_[replica] || !backlog_[replica].empty()) {
    backlog_[replica].push_back(write);
    return false;
  }
  const WriteRecord& record = writes_[write];
  const int64_t milli = write_milli_units(record.size_bytes, false);
  if (capacity_[replica].try_consume(now, Dimension::kWrite, record.key, milli)) {
    deliver(replica, write, now);
    return true;
  }
  ++result_.region_results[replica].replication_throttle_events;
  metrics_.on_replication_throttle(replica);
  backlog_[replica].push_back(write);
  schedule_drain(replica, capacity_[replica].time_until(now, Dimension::kWrite, record.key, milli), now);
  return false;
}

void Simulation::World::schedule_drain(size_t replica, sim::Duration wait, sim::Instant now) {
  GTSIM_ASSERT(wait != sim::Duration::max());  // only a zero rate never refills
  if (drain_pending_[replica]) return;
  drain_pending_[replica] = true;
  queue_.push(now + wait, Event{EventKind::kDrainBacklog, Operation::kPut, static_cast<uint16_t>(replica), 0, 0});
}

void Simulation::World::drain_backlog(size_t replica, sim::Instant now) {
  sim::RingBuffer<WriteSlot>& backlog = backlog_[replica];
  while (!down_[replica] && !backlog.empty()) {
    const WriteSlot head = backlog.front();
    const WriteRecord& record = writes_[head];
    const int64_t milli = write_milli_units(record.size_bytes, false);
    if (!capacity_[replica].try_consume(now, Dimension::kWrite, record.key, milli)) {
      ++result_.region_results[replica].replication_throttle_events;
      metrics_.on_replication_throttle(replica);
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
void Simulation::World::deliver(size_t replica, WriteSlot write, sim::Instant now) {
  WriteRecord& record = writes_[write];
  const size_t origin = record.origin;
  PairResult& link = result_.pairs[origin * (region_count_ - 1) + (replica < origin ? replica : replica - 1)];
  const int64_t lag = now.ns() - record.issued_ns;
  ++link.replicated;
  link.lag_ns.record(lag);
  metrics_.on_replicated(origin, replica, lag);
  --inbound_pending_[replica];
  --pair_pending_[pair(origin, replica)];

  uint32_t* replica_seen = items_.seen(replica, record.key);
  conflicts_.on_arrival(writes_, write, replica, replica_seen[replica]);
  replica_seen[origin] = record.sequence;
  apply(replica, write, now);
  if (observer_) observer_->on_replicated(replica, record, now);
  GTSIM_ASSERT(record.undelivered > 0);
  if (--record.undelivered == 0 && (record.flags & WriteRecord::kAtRisk)) {
    --at_risk_left_[origin];
    note_outage_progress(now);
  }
  last_apply_ns_max_ = now.ns();
  writes_.release(write);
}

// ---- Time, faults and operators -------------------------------------------

void Simulation::World::second_tick(sim::Instant now) {
  ++seconds_closed_;
  for (size_t r = 0; r < region_count_; ++r) {
    ReplicaCapacity& capacity = capacity_[r];
    capacity.end_second(now);
    metrics_.end_second(r, MetricsRecorder::SecondSample{
                               capacity.consumed_per_second(Dimension::kWrite).back(),
                               capacity.consumed_per_second(Dimension::kRead).back(),
                               capacity.capacity_units(Dimension::kWrite),
                               capacity.capacity_units(Dimension::kRead), inbound_pending_[r]});
    if (!backlog_[r].empty() && !drain_pending_[r]) drain_backlog(r, now);
  }
  for (size_t from = 0; from < region_count_; ++from) {
    for (size_t to = 0; to < region_count_; ++to) {
      if (from != to) metrics_.end_pair_second(from, to, pair_pending_[pair(from, to)]);
    }
  }
  if (seconds_closed_ % 60 == 0) {
    minute_datapoints(now);
    metrics_.end_minute();
  }
  // Keep time going while traffic runs or anything else is pending.
  if (now < stop_ || !queue_.empty()) {
    queue_.push(now + sim::Duration::seconds(1), Event{EventKind::kSecondTick, Operation::kPut, 0, 0, 0});
  }
}

// Auto scaling's one-minute datapoints (provisioned replicas only).
void Simulation::World::minute_datapoints(sim::Instant now) {
  for (size_t r = 0; r < region_count_; ++r) {
    ReplicaCapacity& capacity = capacity_[r];
    if (capacity.config().mode != CapacityMode::kProvisioned) continue;
    for (const Dimension dimension : {Dimension::kWrite, Dimension::kRead}) {
      const std::vector<int64_t>& consumed = capacity.consumed_per_second(dimension);
      int64_t milli = 0;
      for (size_t i = consumed.size() - std::min<size_t>(60, consumed.size()); i < consumed.size(); ++i) {
        milli += consumed[i];
      }
      const double units_per_second = static_cast<double>(milli) / 60000.0;
      const int64_t provisioned = capacity.capacity_units(dimension);
      auto decision = scalers_[r * 2 + static_cast<size_t>(dimension)].on_datapoint(now, units_per_second,
                                                                                      provisioned);
      if (!decision) continue;
      pending_scaling_.push_back(ScalingAction{region_names_[r],
                                               dimension == Dimension::kWrite ? "write" : "read", now.ns(),
                                               decision->effective_at.ns(), provisioned, decision->to_units});
      queue_.push(decision->effective_at,
                  Event{EventKind::kScalingApplied, Operation::kPut, static_cast<uint16_t>(r),
                        static_cast<uint32_t>(pending_scaling_.size() - 1), 0});
    }
  }
}

void Simulation::World::run_timeline(const TimelineEvent& event, sim::Instant now) {
  switch (event.kind) {
    case TimelineKind::kOutage:
      if (!down_[event.region]) fail_region(event.region, now);
      break;
    case TimelineKind::kRecover:
      if (down_[event.region]) recover_region(event.region, now);
      break;
    case TimelineKind::kShiftTraffic: {
      const long double share = event.fraction;
      const sim::UInt128 below = share >= 1.0L ? static_cast<sim::UInt128>(1) << 64
                                               : static_cast<sim::UInt128>(share * 18446744073709551616.0L);
      for (size_t g = 0; g < groups_.size(); ++g) {
        if (group_region_[g] != event.region) continue;
        route_to_[g] = static_cast<uint16_t>(event.to_region);
        route_below_[g] = below;
      }
      break;
    }
    case TimelineKind::kSetCapacity:
      capacity_[event.region].reconfigure(now, event.capacity);
      scalers_[event.region * 2].reconfigure(event.capacity.write_scaling);
      scalers_[event.region * 2 + 1].reconfigure(event.capacity.read_scaling);
      drain_backlog(event.region, now);
      break;
  }
}

// A region fails: it accepts and replicates nothing. What it had committed
// but not yet applied everywhere is at risk.
void Simulation::World::fail_region(size_t region, sim::Instant now) {
  down_[region] = true;
  OutageResult outage;
  outage.region = region_names_[region];
  outage.failed_ns = now.ns();
  int64_t oldest = INT64_MAX;
  std::vector<WriteSlot> at_risk;
  writes_.for_each_live([&](WriteSlot slot, const WriteRecord& write) {
    if (write.origin != region || write.undelivered == 0) return;
    at_risk.push_back(slot);
    oldest = std::min(oldest, write.issued_ns);
  });
  for (const WriteSlot slot : at_risk) writes_[slot].flags |= WriteRecord::kAtRisk;
  outage.at_risk_writes = at_risk.size();
  outage.oldest_at_risk_age_ns = at_risk.empty() ? 0 : now.ns() - oldest;
  at_risk_left_[region] = at_risk.size();
  draining_[region] = false;
  last_outage_[region] = result_.outages.size();
  result_.outages.push_back(outage);
}

// A region comes back: its stream replicates again, writes parked for it are
// applied, and LWW decides against what happened meanwhile.
void Simulation::World::recover_region(size_t region, sim::Instant now) {
  down_[region] = false;
  result_.outages[last_outage_[region]].recovered_ns = now.ns();
  draining_[region] = true;
  if (!streams_[region].empty() && !poll_pending_[region]) {
    poll_pending_[region] = true;
    queue_.push(next_poll_after(region, now),
                Event{EventKind::kPoll, Operation::kPut, static_cast<uint16_t>(region), 0, 0});
  }
  drain_backlog(region, now);
}

// Records when a recovered region's backlog is drained: its at-risk writes
// applied everywhere, and its queue of replicated writes waiting for
// capacity empty for the first time (with incoming rate r and capacity C, a
// queue of B takes B / (C - r)).
void Simulation::World::note_outage_progress(sim::Instant now) {
  for (size_t r = 0; r < region_count_; ++r) {
    if (!draining_[r] || at_risk_left_[r] > 0 || !backlog_[r].empty()) continue;
    OutageResult& outage = result_.outages[last_outage_[r]];
    outage.backlog_drain_ns = now.ns() - outage.recovered_ns;
    draining_[r] = false;
  }
}

// After the drain every live replica must hold the same winner of every item.
void Simulation::World::check_convergence() {
  ConvergenceResult& convergence = result_.convergence;
  convergence.last_write_ns = last_write_ns_;
  convergence.drained_ns = std::max(last_apply_ns_max_, last_write_ns_);
  convergence.drain_ns = convergence.drained_ns - last_write_ns_;
  std::vector<size_t> live;
  for (size_t r = 0; r < region_count_; ++r) {
    if (!down_[r]) live.push_back(r);
  }
  if (live.empty()) return;
  for (uint64_t key = 0; key < key_count_; ++key) {
    const WriteSlot first = items_.stored(live[0], key);
    bool written = first != kNoWrite;
    bool divergent = false;
    for (size_t i = 1; i < live.size(); ++i) {
      const WriteSlot other = items_.stored(live[i], key);
      written = written || other != kNoWrite;
      divergent = divergent || other != first;
    }
    convergence.items += written ? 1 : 0;
    convergence.divergent_items += divergent ? 1 : 0;
  }
}

std::optional<WriteSummary> Simulation::World::stored(size_t region, uint64_t key) const {
  GTSIM_ASSERT(region < region_count_ && key < key_count_);
  const WriteSlot slot = items_.stored(region, key);
  if (slot == kNoWrite) return std::nullopt;
  const WriteRecord& write = writes_[slot];
  return WriteSummary{write.id, region_names_[write.origin], write.op, write.issued_ns, write.timestamp_ns};
}

Simulation::Simulation(const Scenario& scenario) : world_(std::make_unique<World>(scenario)) {}
Simulation::~Simulation() = default;

void Simulation::add_scripted_write(size_t region, sim::Instant at, uint64_t key, Operation op) {
  world_->add_scripted_write(region, at, key, op);
}

void Simulation::set_observer(Observer* observer) { world_->observer_ = observer; }

RunResult Simulation::run(const RunLimits& limits) { return world_->run(limits); }

std::optional<WriteSummary> Simulation::stored(size_t region, uint64_t key) const {
  return world_->stored(region, key);
}

}  // namespace model
