#include "model/world.h"

#include <algorithm>
#include <numeric>

#include "model/run_estimate.h"
#include "sim/assert.h"

namespace model {
namespace {

std::vector<std::string> region_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const RegionConfig& region : scenario.regions) names.push_back(region.name);
  return names;
}

// What a never-written item of the table weighs: the median item size if
// prepopulated, else 0 (absent).
uint32_t prepopulated_bytes(const Scenario& scenario) {
  if (!scenario.table.prepopulated) return 0;
  return static_cast<uint32_t>(std::clamp(std::llround(scenario.table.item_size_bytes.quantile(0.5)), 1LL, 400LL * 1024));
}

// The item store the run plans (model/run_estimate.h).
ReplicaItems planned_items(const Scenario& scenario) {
  const ItemPlan plan = plan_items(scenario);
  return ReplicaItems(scenario.region_count(), scenario.table.key_count, plan.layout, prepopulated_bytes(scenario),
                      plan.expected_items);
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

World::World(const Scenario& scenario)
    : scenario_(world_scenario(scenario)),
      region_count_(scenario.region_count()),
      key_count_(scenario.table.key_count),
      stop_(sim::Instant::zero() + scenario.duration),
      region_names_(region_names(scenario)),
      lww_(name_ranks(region_names_)),
      writes_(region_count_),
      items_(planned_items(scenario)),
      clients_(scenario_, region_names_, stop_),
      capacity_(scenario_),
      replication_(scenario_, region_names_),
      admin_(scenario_, region_names_),
      outages_(scenario.seed, region_names_),
      strong_(scenario_, region_names_),
      recorder_(scenario_, region_names_),
      queue_(4096),
      lanes_(clients_.group_count()) {
  GTSIM_ASSERT(region_count_ >= 1 && region_count_ < UINT16_MAX / 2);
  for (const RegionConfig& region : scenario.regions) clocks_.emplace_back(region.clock);
  prepopulated_item_bytes_ = prepopulated_bytes(scenario);
  for (size_t r = 0; r < region_count_; ++r) note_settings(r, sim::Instant::zero());
  if (strong_.enabled()) refresh_quorums(sim::Instant::zero(), true);
}

void World::add_scripted_write(size_t region, sim::Instant at, uint64_t key, Operation op) {
  GTSIM_ASSERT(!ran_ && region < region_count_ && key < key_count_);
  clients_.add_scripted(ScriptedWrite{region, at, key, op});
}

RunResult World::run(const RunLimits& limits) {
  GTSIM_ASSERT(!ran_);
  ran_ = true;
  schedule_start();
  uint64_t events = 0;
  uint64_t next_check = std::min(limits.max_events, RunLimits::kStopPollEvents);  // one compare an event
  sim::Instant now;
  while (foreground_pending() > 0) {
    if (events == next_check) [[unlikely]] {
      if (stop_check(limits, events, now)) break;
      next_check = std::min(limits.max_events, events + RunLimits::kStopPollEvents);
    }
    ++events;
    if (lane_first()) {  // a client group's next request
      const ArrivalLanes::Lane& lane = lanes_.earliest();
      now = lane.at;
      const Event request = lane_event(lane);
      lanes_.remove_earliest();
      prefetch_next();
      client_attempt(request, now);
    } else {
      const auto entry = queue_.pop();
      now = entry.at;
      prefetch_next();
      dispatch(entry.event, now);
    }
  }
  return finish(now, events);
}

// At `events` == the run's max_events or a multiple of kStopPollEvents:
// whether the run stops here (and why, in the recorder), else the progress
// callback. The max_events check comes first.
bool World::stop_check(const RunLimits& limits, uint64_t events, sim::Instant now) {
  if (events >= limits.max_events) {
    recorder_.stopped(StopReason::kMaxEvents);
    return true;
  }
  GTSIM_ASSERT(events > 0 && events % RunLimits::kStopPollEvents == 0);
  if (limits.on_progress) limits.on_progress(now);
  if (live_state_bytes() > limits.max_live_state_bytes) {
    recorder_.stopped(StopReason::kLiveState);
    return true;
  }
  if (limits.should_stop && limits.should_stop()) {
    recorder_.stopped(StopReason::kStopped);
    return true;
  }
  return false;
}

// What is due before the first event: every group's first request, the
// scripted requests, the timeline, the first second's end, the TTL sweep of
// a prepopulated table.
void World::schedule_start() {
  for (size_t g = 0; g < clients_.group_count(); ++g) {
    if (auto first = clients_.first_arrival(g)) schedule_request(g, *first);
  }
  const std::vector<ScriptedWrite>& scripted = clients_.scripted();
  for (size_t i = 0; i < scripted.size(); ++i) {
    const ScriptedWrite& write = scripted[i];
    queue_.push(write.at, Event{EventKind::kScriptedWrite, write.op, static_cast<uint16_t>(write.region),
                                static_cast<uint32_t>(i), write.key});
  }
  for (size_t i = 0; i < scenario_.timeline.size(); ++i) {
    queue_.push(sim::Instant::zero() + scenario_.timeline[i].at,
                Event{EventKind::kTimeline, Operation::kPut, 0, static_cast<uint32_t>(i), 0});
  }
  queue_.push(sim::Instant::zero() + sim::Duration::seconds(1),
              Event{EventKind::kSecondTick, Operation::kPut, 0, 0, 0});
  const TtlConfig& ttl = scenario_.table.ttl;
  if (ttl.items_expire && prepopulated_item_bytes_ > 0) {
    push_background(sim::Instant::zero() + ttl.prepopulated_expiry,
                    Event{EventKind::kTtlSweep, Operation::kPut, 0, 0, 0});
  }
}

// Hands one event to its handler. Inline into run()'s loop: a call per event
// costs B1 about 1% of its instructions.
inline void World::dispatch(const Event& event, sim::Instant now) {
  if (event.kind == EventKind::kApply) [[likely]] {  // most of replication's events: one compare, not the table
    arrive(event.region, event.index, now);
    return;
  }
  switch (event.kind) {
    case EventKind::kClientRequest:
    case EventKind::kRetry:
      client_attempt(event, now);
      break;
    case EventKind::kScriptedWrite:
      if (strong_.enabled()) {
        scripted_strong_write(event, now);
      } else {
        commit(event.region, now, event.op, event.key, 1024);
      }
      break;
    case EventKind::kPoll:
      poll(event.region, event.index, now);
      break;
    case EventKind::kApply:  // taken before the switch
      arrive(event.region, event.index, now);
      break;
    case EventKind::kDrainBacklog:
      replication_.drain_due(event.region);
      drain_backlog(event.region, now);
      break;
    case EventKind::kSecondTick:
      second_tick(now);
      break;
    case EventKind::kScalingApplied:
      recorder_.scaling_applied(capacity_.apply_scaling(event.region, event.index, now));
      drain_backlog(event.region, now);
      break;
    case EventKind::kTimeline:
      recorder_.timeline_event(event.index, now);
      run_timeline(scenario_.timeline[event.index], now);
      break;
    case EventKind::kSessionRead:
      session_read(event.index, event.region, event.key);
      break;
    case EventKind::kLeaveCheck:
      --background_pending_;
      if (outages_.down(event.region) && outages_.latest(event.region) == event.index) leave_group(event.region, now);
      break;
    case EventKind::kTtlSweep:
      --background_pending_;
      sweep_prepopulated(now);
      break;
    case EventKind::kTtlDelete:
      --background_pending_;
      ttl_delete(event.region, event.key, event.index, now);
      break;
    case EventKind::kBackfillStep:
      if (event.index == 1) --background_pending_;  // a step waiting for a source
      backfill_step(event.region, now);
      break;
  }
}

// The result: what the recorder measured, and the state at the end.
RunResult World::finish(sim::Instant now, uint64_t events) {
  GTSIM_ASSERT(replication_.held_empty() || recorder_.stop_reason() != StopReason::kCompleted);
  RunResult result = recorder_.finish(now, events);
  result.peak_live_writes = writes_.peak();
  const std::vector<uint64_t> stored = stored_bytes();
  for (size_t r = 0; r < region_count_; ++r) {
    if (outages_.down(r) && outages_.latest(r) != kNoRecord) {
      result.outages[outages_.latest(r)].unreplicated_at_end_writes = unreplicated_writes(r);
    }
    RegionResult& region = result.region_results[r];
    capacity_.report(r, region);
    region.billing.stored_bytes = stored[r];
    if (scenario_.table.ttl.items_expire && admin_.member(r)) region.expired_items = count_expired(r, now);
    if (admin_.backfilling(r)) {
      result.replica_changes[admin_.backfill(r).record].parked_writes = parked_writes(r);
    }
  }
  check_convergence(result);
  result.strong_consistency = strong_.result(now);
  return result;
}

// After the drain every live replica must hold the same winner of every item.
// An untouched item is absent everywhere: neither written nor divergent.
void World::check_convergence(RunResult& result) const {
  ConvergenceResult& convergence = result.convergence;
  std::vector<size_t> live;
  for (size_t r = 0; r < region_count_; ++r) {
    if (outages_.replicates(r) && !admin_.left(r) && admin_.serving(r)) live.push_back(r);
  }
  if (live.empty()) return;
  items_.for_each_touched([&](uint64_t key) {
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
  });
  // A replica that left the group diverges from it: by how much.
  for (OutageResult& outage : result.outages) {
    if (outage.left_group_ns < 0) continue;
    const auto region = static_cast<size_t>(
        std::find(region_names_.begin(), region_names_.end(), outage.region) - region_names_.begin());
    items_.for_each_touched([&](uint64_t key) {
      outage.divergent_items += items_.stored(region, key) != items_.stored(live[0], key) ? 1 : 0;
    });
  }
}

// The item bytes each region's replica holds (deleted items weigh nothing; a
// never-written item of a prepopulated table, the median size); 0 for a
// region without one. One walk over the items serves every region.
std::vector<uint64_t> World::stored_bytes() const {
  std::vector<uint64_t> bytes(region_count_, 0);
  std::vector<size_t> holders;
  for (size_t r = 0; r < region_count_; ++r) {
    const ReplicaState state = admin_.state(r);
    if (state == ReplicaState::kAbsent || state == ReplicaState::kRemoved) continue;
    holders.push_back(r);
    bytes[r] = items_.untouched() * prepopulated_item_bytes_;  // what stored_size() says of each
  }
  if (holders.empty()) return bytes;
  items_.for_each_touched([&](uint64_t key) {
    for (const size_t r : holders) bytes[r] += stored_size(r, key);
  });
  return bytes;
}

// The writes committed in `region` that some replica of the group has not
// applied (in its stream, on their way, or waiting at a destination).
uint64_t World::unreplicated_writes(size_t region) const {
  uint64_t count = 0;
  writes_.for_each_live([&](WriteSlot, const WriteRecord& write) {
    if (write.origin == region && write.undelivered > 0) ++count;
  });
  return count;
}

// Items `region` stores at `now` whose expiry has passed (expired, not yet deleted).
uint64_t World::count_expired(size_t region, sim::Instant now) const {
  const int64_t lifetime = scenario_.table.ttl.item_lifetime.ns();
  const int64_t prepopulated_expiry = scenario_.table.ttl.prepopulated_expiry.ns();
  const bool prepopulated_expired = prepopulated_item_bytes_ > 0 && prepopulated_expiry <= now.ns();
  uint64_t expired = prepopulated_expired ? items_.untouched() : 0;  // each untouched item, never written
  items_.for_each_touched([&](uint64_t key) {
    const WriteSlot slot = items_.stored(region, key);
    if (slot == kNoWrite) {
      expired += prepopulated_expired ? 1 : 0;
    } else {
      const WriteRecord& write = writes_[slot];
      expired += !write.is_tombstone() && write.issued_ns + lifetime <= now.ns() ? 1 : 0;
    }
  });
  return expired;
}

std::optional<WriteSummary> World::stored(size_t region, uint64_t key) const {
  GTSIM_ASSERT(region < region_count_ && key < key_count_);
  const WriteSlot slot = items_.stored(region, key);
  if (slot == kNoWrite) return std::nullopt;
  const WriteRecord& write = writes_[slot];
  return WriteSummary{write.id, region_names_[write.origin], write.op, write.issued_ns, write.timestamp_ns};
}

}  // namespace model
