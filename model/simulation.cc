#include "model/simulation.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "model/client_group.h"
#include "model/conflict_tracker.h"
#include "model/key_sampler.h"
#include "model/lww.h"
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
  kScriptedWrite,  // index: scripted write
  kPoll,           // region: the stream's region
  kApply,          // region: destination replica; key; index: write slot
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
  void schedule_request(size_t group, sim::Instant at);
  void prefetch(const Event& next) const;
  void commit(size_t region, sim::Instant now, Operation op, uint64_t key, uint32_t size_bytes);
  void apply(size_t replica, WriteSlot incoming, sim::Instant now);
  void ship(size_t source, WriteSlot write, sim::Instant now);
  void poll(size_t source, sim::Instant now);
  void arrive(size_t replica, WriteSlot write, sim::Instant now);
  void deliver(size_t replica, WriteSlot write, sim::Instant now);
  sim::Instant next_poll_after(size_t source, sim::Instant now) const;
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
  std::vector<uint16_t> group_region_;
  std::vector<ScriptedWrite> scripted_;

  ReplicaItems items_;

  // Replication pipeline, per source region.
  std::vector<sim::RingBuffer<WriteSlot>> streams_;
  std::vector<bool> poll_pending_;
  std::vector<int64_t> poll_phase_ns_;
  std::vector<sim::Rng> network_rngs_;     // [pair(from, to)]
  std::vector<sim::Rng> apply_rngs_;       // [pair(from, to)]

  // Replicated records that overtook an earlier record of their item.
  struct HeldRecord {
    WriteSlot write;
    uint16_t replica;
  };
  std::vector<HeldRecord> held_;

  sim::EventQueue<Event> queue_;
  RunResult result_;
  uint64_t next_write_id_ = 0;
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
      queue_(4096) {
  GTSIM_ASSERT(region_count_ >= 1 && region_count_ <= UINT16_MAX);
  GTSIM_ASSERT(scenario.one_way_latency.size() == region_count_ * region_count_);
  GTSIM_ASSERT(scenario.workload.size() == region_count_);
  for (const RegionConfig& region : scenario.regions) clocks_.emplace_back(region.clock);

  const uint64_t seed = scenario.seed;
  for (size_t r = 0; r < region_count_; ++r) {
    for (const ClientGroupConfig& group : scenario.workload[r]) {
      groups_.emplace_back(seed, region_names_[r], group, keys_, scenario.table.item_size_bytes, stop_);
      group_region_.push_back(static_cast<uint16_t>(r));
    }
  }

  const sim::Duration interval = scenario.replication.poll_interval;
  for (size_t r = 0; r < region_count_; ++r) {
    streams_.emplace_back(1024);
    poll_pending_.push_back(false);
    sim::Rng phase_rng = sim::Rng::stream(seed, "replication/" + region_names_[r] + "/poll-phase");
    poll_phase_ns_.push_back(interval.ns() > 0
                                 ? static_cast<int64_t>(phase_rng.below(static_cast<uint64_t>(interval.ns())))
                                 : 0);
  }
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
  for (size_t r = 0; r < region_count_; ++r) result_.region_results.push_back(RegionResult{region_names_[r]});
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
      case EventKind::kClientRequest: {
        ClientGroup& group = groups_[event.index];
        const bool writes_item = event.op == Operation::kPut || event.op == Operation::kUpdate;
        commit(event.region, now, event.op, event.key, writes_item ? group.next_item_size() : 0);
        if (auto next = group.next_arrival(now)) schedule_request(event.index, *next);
        break;
      }
      case EventKind::kScriptedWrite:
        commit(event.region, now, event.op, event.key, 1024);
        break;
      case EventKind::kPoll:
        poll(event.region, now);
        break;
      case EventKind::kApply:
        arrive(event.region, event.index, now);
        break;
    }
  }

  GTSIM_ASSERT(held_.empty() || result_.stop.reason != StopReason::kCompleted);
  result_.stop.at_ns = now.ns();
  result_.events = events;
  result_.peak_live_writes = writes_.peak();
  result_.conflicts = conflicts_.result();
  check_convergence();
  return result_;
}

void Simulation::World::schedule_request(size_t group, sim::Instant at) {
  const Request request = groups_[group].next_request();
  queue_.push(at, Event{EventKind::kClientRequest, request.op, group_region_[group],
                        static_cast<uint32_t>(group), request.key});
}

// Memory, not arithmetic, bounds this loop: with many keys an event's item
// state is rarely in cache. Loading the next event's state while this one
// runs hides most of that wait. A hint only: it changes no result.
void Simulation::World::prefetch(const Event& next) const {
  if (next.kind == EventKind::kApply) writes_.prefetch(next.index);
  if (next.kind != EventKind::kPoll) items_.prefetch(next.region, next.key);
}

void Simulation::World::commit(size_t region, sim::Instant now, Operation op, uint64_t key,
                               uint32_t size_bytes) {
  RegionResult& served = result_.region_results[region];
  ++served.operations[static_cast<int>(op)];
  if (op == Operation::kGet) return;
  if (op == Operation::kDelete) {
    // Deleting an absent item changes nothing, so the stream gets no record.
    const WriteSlot current = items_.stored(region, key);
    if (current == kNoWrite || writes_[current].is_tombstone()) {
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
  uint32_t* known = writes_.knowledge(slot);
  for (size_t r = 0; r < region_count_; ++r) known[r] = region_seen[r];
  served.bytes_written += size_bytes;
  conflicts_.count_write();
  last_write_ns_ = now.ns();
  if (observer_) observer_->on_commit(write, now);

  apply(region, slot, now);
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

void Simulation::World::poll(size_t source, sim::Instant now) {
  sim::RingBuffer<WriteSlot>& stream = streams_[source];
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
// are applied in order: one that overtook its predecessor is held back and
// applied right after it, at the predecessor's arrival time.
void Simulation::World::arrive(size_t replica, WriteSlot write, sim::Instant now) {
  const WriteRecord& record = writes_[write];
  const uint32_t applied = items_.seen(replica, record.key)[record.origin];
  if (record.sequence != applied + 1) {
    GTSIM_ASSERT(record.sequence > applied + 1);
    held_.push_back(HeldRecord{write, static_cast<uint16_t>(replica)});
    return;
  }
  deliver(replica, write, now);
  // Release the successors this delivery unblocked, if any were held.
  for (size_t i = 0; i < held_.size();) {
    const HeldRecord held = held_[i];
    const WriteRecord& waiting = writes_[held.write];
    if (held.replica == replica && waiting.key == record.key && waiting.origin == record.origin &&
        waiting.sequence == items_.seen(replica, record.key)[record.origin] + 1) {
      held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(i));
      deliver(replica, held.write, now);
      i = 0;  // a later successor may be held too
    } else {
      ++i;
    }
  }
}

// Applies a replicated write at `replica` in its turn: measure its lag, count
// the writes it is concurrent with, then apply it under LWW.
void Simulation::World::deliver(size_t replica, WriteSlot write, sim::Instant now) {
  const WriteRecord& record = writes_[write];
  const size_t origin = record.origin;
  PairResult& link = result_.pairs[origin * (region_count_ - 1) + (replica < origin ? replica : replica - 1)];
  ++link.replicated;
  link.lag_ns.record(now.ns() - record.issued_ns);

  uint32_t* replica_seen = items_.seen(replica, record.key);
  conflicts_.on_arrival(writes_, write, replica, replica_seen[replica]);
  replica_seen[origin] = record.sequence;
  apply(replica, write, now);
  if (observer_) observer_->on_replicated(replica, writes_[write], now);
  last_apply_ns_max_ = now.ns();
  writes_.release(write);
}

// After the drain every replica must hold the same winner of every item.
void Simulation::World::check_convergence() {
  ConvergenceResult& convergence = result_.convergence;
  convergence.last_write_ns = last_write_ns_;
  convergence.drained_ns = std::max(last_apply_ns_max_, last_write_ns_);
  convergence.drain_ns = convergence.drained_ns - last_write_ns_;
  for (uint64_t key = 0; key < key_count_; ++key) {
    const WriteSlot first = items_.stored(0, key);
    bool written = first != kNoWrite;
    bool divergent = false;
    for (size_t r = 1; r < region_count_; ++r) {
      const WriteSlot other = items_.stored(r, key);
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

