// Per-replica administrative settings, TTL and the replica lifecycle.
//
// Settings (capacity, TTL, global secondary indexes) belong to one replica
// and are not replicated unless the scenario's settings_sync copies each
// change (research/dynamodb-facts.md section 5; the article's golden rule).
// SettingsDrift records when they differ. TTL deletes are made by each
// replica whose TTL is enabled, free there, and replicate like any delete
// (section 2). A replica added to a populated table is backfilled before it
// serves (section 5); under version 2017.11.29 only an empty table can get
// one, and the report estimates the article's migration path instead.
#include <algorithm>
#include <cmath>

#include "model/world.h"
#include "sim/assert.h"

namespace model {
namespace {

// The expected version of a TTL delete of a prepopulated, never-written item.
constexpr uint64_t kPrepopulatedWrite = UINT64_MAX;
// The backfill copies items in steps of this length.
const sim::Duration kBackfillStep = sim::Duration::milliseconds(100);

int64_t ceil_div(uint64_t a, uint64_t b) { return static_cast<int64_t>((a + b - 1) / b); }

}  // namespace

// The LWW-newest version of `key` stored among `regions`, or kNoWrite.
WriteSlot World::newest_among(const std::vector<size_t>& regions, uint64_t key) const {
  WriteSlot best = kNoWrite;
  for (const size_t r : regions) {
    const WriteSlot slot = items_.stored(r, key);
    if (slot != kNoWrite && (best == kNoWrite || lww_.supersedes(writes_[slot], writes_[best]))) best = slot;
  }
  return best;
}

void World::update_membership(size_t region) {
  const ReplicaState state = replica_state_[region];
  member_[region] = !left_[region] && (state == ReplicaState::kServing || state == ReplicaState::kBackfilling);
}

void World::init_settings() {
  const size_t initial_count = scenario_.table.indexes.size();
  const uint64_t initial = initial_count >= 64 ? ~uint64_t{0} : (uint64_t{1} << initial_count) - 1;
  for (size_t r = 0; r < region_count_; ++r) {
    replica_state_.push_back(scenario_.regions[r].replica ? ReplicaState::kServing : ReplicaState::kAbsent);
    member_.push_back(0);
    update_membership(r);
    indexes_.push_back(initial);
    ttl_enabled_.push_back(scenario_.table.ttl.enabled);
    backfill_sources_.emplace_back();
    replica_change_.push_back(kNoRecord);
    backfill_next_key_.push_back(0);
    backfill_credit_.push_back(0.0);
    backfill_last_ns_.push_back(0);
    backfill_rate_.push_back(0.0);
    ttl_rngs_.push_back(sim::Rng::stream(scenario_.seed, "ttl/" + region_names_[r]));
  }
  for (size_t r = 0; r < region_count_; ++r) note_settings(r, sim::Instant::zero());
}

// Tells the drift recorder region's settings as they are now.
void World::note_settings(size_t region, sim::Instant now) {
  recorder_.note_settings(
      region, ReplicaSettings{member(region), &capacity_[region].config(), ttl_enabled_[region], indexes_[region]},
      now);
}

void World::run_admin(const TimelineEvent& event, sim::Instant now) {
  const size_t region = event.region;
  switch (event.kind) {
    case TimelineKind::kCreateIndex:
      indexes_[region] |= uint64_t{1} << event.index;
      break;
    case TimelineKind::kDeleteIndex:
      indexes_[region] &= ~(uint64_t{1} << event.index);
      break;
    case TimelineKind::kEnableTtl:
      if (!ttl_enabled_[region]) {
        ttl_enabled_[region] = true;
        if (serving(region)) sweep_expired(region, now, false);
      }
      break;
    case TimelineKind::kDisableTtl:
      ttl_enabled_[region] = false;
      break;
    case TimelineKind::kAddReplica:
      add_replica(region, event.replica, now);
      break;
    case TimelineKind::kRemoveReplica:
      remove_replica(region, now);
      break;
    default:
      GTSIM_ASSERT(false && "not an administrative event");
  }
  note_settings(region, now);
}

void World::push_background(sim::Instant at, Event event) {
  ++background_pending_;
  queue_.push(at, event);
}

// Once a second: writes whose items expired are handed to each replica's TTL
// process, if it runs and the replica stores (or will store) that version.
void World::expire_items(sim::Instant now) {
  while (!expiring_.empty() && expiring_.front().at_ns <= now.ns()) {
    const Expiry expiry = expiring_.pop_front();
    const WriteSlot newest = newest_[expiry.key];
    const bool newest_anywhere = newest != kNoWrite && writes_[newest].id == expiry.write_id;
    for (size_t r = 0; r < region_count_; ++r) {
      if (!ttl_enabled_[r] || !serving(r)) continue;
      const WriteSlot stored = items_.stored(r, expiry.key);
      if (newest_anywhere || (stored != kNoWrite && writes_[stored].id == expiry.write_id)) {
        schedule_ttl_delete(r, expiry.key, expiry.write_id, expiry.at_ns, now);
      }
    }
  }
}

// The TTL process deletes an expired item at a uniformly random time within
// deleted_within of its expiry, or of now if it expired before TTL ran.
void World::schedule_ttl_delete(size_t region, uint64_t key, uint64_t write_id, int64_t expired_ns,
                                sim::Instant now) {
  const int64_t within = scenario_.table.ttl.deleted_within.ns();
  const int64_t delay = within > 0 ? static_cast<int64_t>(ttl_rngs_[region].below(static_cast<uint64_t>(within) + 1)) : 0;
  uint32_t slot;
  if (ttl_free_.empty()) {
    slot = static_cast<uint32_t>(ttl_expected_.size());
    ttl_expected_.push_back(write_id);
  } else {
    slot = ttl_free_.back();
    ttl_free_.pop_back();
    ttl_expected_[slot] = write_id;
  }
  push_background(sim::Instant::from_ns(std::max(expired_ns, now.ns()) + delay),
                  Event{EventKind::kTtlDelete, Operation::kDelete, static_cast<uint16_t>(region), slot, key});
}

// Every item `region` stores that has expired by now (only the prepopulated,
// never-written ones when `prepopulated_only`).
void World::sweep_expired(size_t region, sim::Instant now, bool prepopulated_only) {
  const TtlConfig& ttl = scenario_.table.ttl;
  if (!ttl.items_expire) return;
  const int64_t lifetime = ttl.item_lifetime.ns();
  const int64_t prepopulated_expiry = ttl.prepopulated_expiry.ns();
  for (uint64_t key = 0; key < key_count_; ++key) {
    const WriteSlot slot = items_.stored(region, key);
    if (slot == kNoWrite) {
      if (prepopulated_item_bytes_ > 0 && prepopulated_expiry <= now.ns()) {
        schedule_ttl_delete(region, key, kPrepopulatedWrite, prepopulated_expiry, now);
      }
      continue;
    }
    if (prepopulated_only) continue;
    const WriteRecord& write = writes_[slot];
    if (!write.is_tombstone() && write.issued_ns + lifetime <= now.ns()) {
      schedule_ttl_delete(region, key, write.id, write.issued_ns + lifetime, now);
    }
  }
}

// A scheduled TTL delete: made if TTL still runs there and the replica still
// stores the expired version (a later write carries a new expiry). TTL runs
// while the traffic does: after it, the run only drains replication.
void World::ttl_delete(size_t region, uint64_t key, uint32_t slot, sim::Instant now) {
  const uint64_t expected = ttl_expected_[slot];
  ttl_free_.push_back(slot);
  if (now >= stop_ || !ttl_enabled_[region] || !serving(region) || outages_.down(region) || left_[region]) return;
  const WriteSlot stored = items_.stored(region, key);
  if (expected == kPrepopulatedWrite) {
    if (stored != kNoWrite || prepopulated_item_bytes_ == 0) return;
  } else if (stored == kNoWrite || writes_[stored].id != expected || writes_[stored].is_tombstone()) {
    return;
  }
  commit(region, now, Operation::kDelete, key, 0, /*by_ttl=*/true);
}

// A replica is created in `region` and joins the group at once: every write
// shipped from now on goes to it too and waits there. A backfill copies, at
// its rate, each item's newest version among the replicas serving now (the
// sources), with what they know of it. Writes that neither the copy nor
// the shipping from now on would bring (those of a replica down or removed
// now, still in its stream or on their way) are sent to it as well, as the
// service's replay of the streams does. Under 2017.11.29 a populated table
// cannot get a replica; the migration estimate says what the way around costs.
void World::add_replica(size_t region, const ReplicaAddConfig& config, sim::Instant now) {
  if (replica_state_[region] != ReplicaState::kAbsent) return;  // the loader allows one add per region
  ReplicaChange change;
  change.region = region_names_[region];
  change.action = "add";
  change.at_ns = now.ns();
  std::vector<size_t>& sources = backfill_sources_[region];
  sources.clear();
  std::vector<size_t> holders;  // every replica holding data, down ones included
  for (size_t r = 0; r < region_count_; ++r) {
    if (r == region || left_[r] || replica_state_[r] == ReplicaState::kAbsent) continue;
    if (replica_state_[r] != ReplicaState::kRemoved) holders.push_back(r);
    if (serving(r) && !outages_.down(r)) sources.push_back(r);
  }
  for (const size_t r : sources) change.source += (change.source.empty() ? "" : ", ") + region_names_[r];

  // The table's contents now: each item's newest version among the holders.
  uint64_t items = 0;
  uint64_t bytes = 0;
  int64_t write_units = 0;
  for (uint64_t key = 0; key < key_count_; ++key) {
    const WriteSlot best = newest_among(holders, key);
    const uint32_t size = best == kNoWrite ? prepopulated_item_bytes_
                                           : (writes_[best].is_tombstone() ? 0 : writes_[best].size_bytes);
    if (size == 0) continue;
    ++items;
    bytes += size;
    write_units += ceil_div(size, 1024);
  }
  if (config.migration.enabled) {
    // Scan: eventually consistent reads of the whole table, 0.5 RCU per 4 KB;
    // batch writes: each item's size in whole KB (research section 4.1).
    change.migration = true;
    change.migration_items = items;
    change.migration_bytes = bytes;
    change.migration_read_units = ceil_div(static_cast<uint64_t>(ceil_div(bytes, 4096)), 2);
    change.migration_write_units = write_units;
    const double scan_s = static_cast<double>(change.migration_read_units) / static_cast<double>(config.migration.read_units);
    const double write_s = static_cast<double>(write_units) / static_cast<double>(config.migration.write_units);
    change.migration_ns = std::llround(std::max(scan_s, write_s) * 1e9);
  }
  if (scenario_.version == GlobalTablesVersion::k2017_11_29 && items > 0) {
    change.outcome = "refused";
    replica_change_[region] = recorder_.add_replica_change(change);
    return;
  }
  change.outcome = "backfilling";
  replica_change_[region] = recorder_.add_replica_change(change);
  replica_state_[region] = ReplicaState::kBackfilling;
  update_membership(region);

  // From each origin, the next write it is sent is the one after the
  // origin's last: earlier ones come with the copy (arrive() drops them)...
  for (uint64_t key = 0; key < key_count_; ++key) {
    uint32_t* admitted = items_.admitted(region, key);
    for (size_t origin = 0; origin < region_count_; ++origin) admitted[origin] = items_.seen(origin, key)[origin];
  }
  // ... except those of a replica that is no source: still in its stream
  // (shipped to it later) or on their way somewhere (sent to it now).
  for (size_t origin = 0; origin < region_count_; ++origin) {
    if (origin == region || left_[origin] || replica_state_[origin] == ReplicaState::kAbsent ||
        std::find(sources.begin(), sources.end(), origin) != sources.end()) {
      continue;
    }
    std::vector<WriteSlot> unshipped;
    streams_[origin].for_each([&](WriteSlot slot) { unshipped.push_back(slot); });
    std::sort(unshipped.begin(), unshipped.end());
    std::vector<WriteSlot> on_their_way;
    writes_.for_each_live([&](WriteSlot slot, const WriteRecord& write) {
      if (write.origin != origin || write.undelivered == 0) return;
      if (!std::binary_search(unshipped.begin(), unshipped.end(), slot)) on_their_way.push_back(slot);
    });
    for (const WriteSlot slot : unshipped) {
      uint32_t& admitted = items_.admitted(region, writes_[slot].key)[origin];
      admitted = std::min(admitted, writes_[slot].sequence - 1);
    }
    for (const WriteSlot slot : on_their_way) {
      WriteRecord& write = writes_[slot];
      uint32_t& admitted = items_.admitted(region, write.key)[origin];
      admitted = std::min(admitted, write.sequence - 1);
      ++write.undelivered;
      ++pair_pending_[pair(origin, region)];
      ++inbound_pending_[region];
      writes_.retain(slot);
      send(origin, region, slot, now);
    }
  }
  backfill_next_key_[region] = 0;
  backfill_credit_[region] = 0.0;
  backfill_last_ns_[region] = now.ns();
  backfill_rate_[region] = config.backfill_items_per_second;
  schedule_backfill_step(region, now, false);
}

// The next step comes when the credit reaches one item; after the traffic's
// end, or while the copy waits for a source, in the background: a slow
// backfill does not keep a run going past its duration.
void World::schedule_backfill_step(size_t region, sim::Instant now, bool waiting) {
  int64_t steps = 1;
  if (!waiting) {
    const double per_step = backfill_rate_[region] * kBackfillStep.seconds_f();
    const double needed = std::ceil((1.0 - backfill_credit_[region]) / per_step);
    steps = needed > 1.0 ? static_cast<int64_t>(std::min(needed, 1e12)) : 1;
  }
  const sim::Instant at = now + sim::Duration::nanoseconds(kBackfillStep.ns() * steps);
  const Event step{EventKind::kBackfillStep, Operation::kPut, static_cast<uint16_t>(region), 0, 0};
  if (waiting || at >= stop_) {
    Event background = step;
    background.index = 1;
    push_background(at, background);
  } else {
    queue_.push(at, step);
  }
}

// Copies the next items into the replica being backfilled: each item's
// newest version among its sources, with what they know of it. It waits
// while one of them is down (it would miss that one's newest writes).
void World::backfill_step(size_t region, sim::Instant now) {
  if (replica_state_[region] != ReplicaState::kBackfilling) return;  // removed meanwhile
  ReplicaChange& change = recorder_.replica_change(replica_change_[region]);
  const std::vector<size_t>& sources = backfill_sources_[region];
  const bool waiting = std::any_of(sources.begin(), sources.end(), [&](size_t r) { return outages_.down(r) && !left_[r]; });
  const int64_t elapsed_ns = now.ns() - backfill_last_ns_[region];
  backfill_last_ns_[region] = now.ns();
  if (waiting) {
    schedule_backfill_step(region, now, true);
    return;
  }
  double& credit = backfill_credit_[region];
  credit += backfill_rate_[region] * static_cast<double>(elapsed_ns) / 1e9;
  std::vector<size_t> copied_from;  // its sources still in the group
  for (const size_t r : sources) {
    if (!left_[r]) copied_from.push_back(r);
  }
  uint64_t& key = backfill_next_key_[region];
  for (; key < key_count_ && credit >= 1.0; ++key) {
    const WriteSlot best = newest_among(copied_from, key);
    uint32_t* seen = items_.seen(region, key);
    for (const size_t r : copied_from) {
      const uint32_t* known = items_.seen(r, key);
      for (size_t origin = 0; origin < region_count_; ++origin) seen[origin] = std::max(seen[origin], known[origin]);
    }
    WriteSlot& stored = items_.stored(region, key);
    if (stored != best) {
      if (stored != kNoWrite) writes_.release(stored);
      stored = best;
      if (best != kNoWrite) writes_.retain(best);
    }
    if (best != kNoWrite || prepopulated_item_bytes_ > 0) {
      ++change.items;
      credit -= 1.0;
    }
  }
  if (key < key_count_) {
    schedule_backfill_step(region, now, false);
    return;
  }
  replica_state_[region] = ReplicaState::kServing;
  change.outcome = "active";
  change.backfill_ns = now.ns() - change.at_ns;
  change.parked_writes = parked_writes(region);
  drain_backlog(region, now);
  if (ttl_enabled_[region]) sweep_expired(region, now, false);
}

// The writes waiting for a replica being backfilled, less those its copy
// already brought.
uint64_t World::parked_writes(size_t region) {
  uint64_t parked = 0;
  backlog_[region].for_each([&](WriteSlot slot) {
    const WriteRecord& write = writes_[slot];
    if (write.sequence > items_.seen(region, write.key)[write.origin]) ++parked;
  });
  return parked;
}

// The replica in `region` is deleted: what it committed is shipped first
// (its stream goes out now), then it leaves the group; what was on its way
// to it is dropped.
void World::remove_replica(size_t region, sim::Instant now) {
  ReplicaChange change;
  change.region = region_names_[region];
  change.action = "remove";
  change.at_ns = now.ns();
  bool others = false;
  for (size_t r = 0; r < region_count_; ++r) others = others || (r != region && member(r));
  if (!member(region) || !others) {
    // No replica there (its add was refused, or it left the group), or the
    // table's last one: a global table keeps at least one replica.
    change.outcome = "refused";
    recorder_.add_replica_change(change);
    return;
  }
  change.outcome = "removed";
  if (replica_state_[region] == ReplicaState::kBackfilling) {
    recorder_.replica_change(replica_change_[region]).outcome = "abandoned";
  }
  recorder_.add_replica_change(change);
  if (!outages_.down(region)) {
    for (sim::RingBuffer<WriteSlot>& stream = streams_[region]; !stream.empty();) {
      const WriteSlot write = stream.pop_front();
      ship(region, write, now);
      writes_.release(write);
    }
  }
  replica_state_[region] = ReplicaState::kRemoved;
  update_membership(region);
  drop_inbound(region, now);
}

}  // namespace model
