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

// The table's contents at an add: items present, their bytes and write units.
struct TableContents {
  uint64_t items = 0;
  uint64_t bytes = 0;
  int64_t write_units = 0;
};

// The migration path's estimate: a scan, eventually consistent reads of the
// whole table at 0.5 RCU per 4 KB, then batch writes of each item's size in
// whole KB (docs/sources.md), each at the capacity given.
void estimate_migration(const TableContents& contents, const MigrationConfig& migration, ReplicaChange& change) {
  change.migration = true;
  change.migration_items = contents.items;
  change.migration_bytes = contents.bytes;
  change.migration_read_units = ceil_div(static_cast<uint64_t>(ceil_div(contents.bytes, 4096)), 2);
  change.migration_write_units = contents.write_units;
  const double scan_s = static_cast<double>(change.migration_read_units) / static_cast<double>(migration.read_units);
  const double write_s = static_cast<double>(contents.write_units) / static_cast<double>(migration.write_units);
  change.migration_ns = std::llround(std::max(scan_s, write_s) * 1e9);
}

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

// Tells the drift recorder region's settings as they are now.
void World::note_settings(size_t region, sim::Instant now) {
  recorder_.note_settings(region, admin_.settings(region, capacity_[region].config()), now);
}

void World::run_admin(const TimelineEvent& event, sim::Instant now) {
  const size_t region = event.region;
  switch (event.kind) {
    case TimelineKind::kCreateIndex:
      admin_.create_index(region, event.index);
      break;
    case TimelineKind::kDeleteIndex:
      admin_.delete_index(region, event.index);
      break;
    case TimelineKind::kEnableTtl:
      if (!admin_.ttl_enabled(region)) {
        admin_.set_ttl(region, true);
        if (admin_.serving(region)) sweep_expired(region, now, false);
      }
      break;
    case TimelineKind::kDisableTtl:
      admin_.set_ttl(region, false);
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
  for (Expiry expiry; admin_.pop_expired(now, expiry);) {
    const WriteSlot newest = newest_[expiry.key];
    const bool newest_anywhere = newest != kNoWrite && writes_[newest].id == expiry.write_id;
    for (size_t r = 0; r < region_count_; ++r) {
      if (!admin_.ttl_enabled(r) || !admin_.serving(r)) continue;
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
  const ReplicaAdmin::TtlDelete planned = admin_.plan_ttl_delete(region, write_id);
  push_background(sim::Instant::from_ns(std::max(expired_ns, now.ns()) + planned.delay_ns),
                  Event{EventKind::kTtlDelete, Operation::kDelete, static_cast<uint16_t>(region), planned.slot, key});
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
  const uint64_t expected = admin_.take_ttl_delete(slot);
  if (now >= stop_ || !admin_.ttl_enabled(region) || !admin_.serving(region) || outages_.down(region) ||
      admin_.left(region)) {
    return;
  }
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
// the shipping from now on would bring are sent to it as well (join_group()).
// Under 2017.11.29 a populated table cannot get a replica; the migration
// estimate says what the way around costs.
void World::add_replica(size_t region, const ReplicaAddConfig& config, sim::Instant now) {
  if (admin_.state(region) != ReplicaState::kAbsent) return;  // the loader allows one add per region
  ReplicaChange change;
  change.region = region_names_[region];
  change.action = "add";
  change.at_ns = now.ns();
  Backfill& backfill = admin_.backfill(region);
  std::vector<size_t>& sources = backfill.sources;
  sources.clear();
  std::vector<size_t> holders;  // every replica holding data, down ones included
  for (size_t r = 0; r < region_count_; ++r) {
    if (r == region || admin_.left(r) || admin_.state(r) == ReplicaState::kAbsent) continue;
    if (admin_.state(r) != ReplicaState::kRemoved) holders.push_back(r);
    if (admin_.serving(r) && !outages_.down(r)) sources.push_back(r);
  }
  for (const size_t r : sources) change.source += (change.source.empty() ? "" : ", ") + region_names_[r];

  // The table's contents now: each item's newest version among the holders.
  TableContents contents;
  for (uint64_t key = 0; key < key_count_; ++key) {
    const WriteSlot best = newest_among(holders, key);
    const uint32_t size = best == kNoWrite ? prepopulated_item_bytes_
                                           : (writes_[best].is_tombstone() ? 0 : writes_[best].size_bytes);
    if (size == 0) continue;
    ++contents.items;
    contents.bytes += size;
    contents.write_units += ceil_div(size, 1024);
  }
  if (config.migration.enabled) estimate_migration(contents, config.migration, change);
  if (scenario_.version == GlobalTablesVersion::k2017_11_29 && contents.items > 0) {
    change.outcome = "refused";
    backfill.record = recorder_.add_replica_change(change);
    return;
  }
  change.outcome = "backfilling";
  backfill.record = recorder_.add_replica_change(change);
  admin_.set_state(region, ReplicaState::kBackfilling);
  join_group(region, sources, now);
  backfill.next_key = 0;
  backfill.credit = 0.0;
  backfill.last_ns = now.ns();
  backfill.rate = config.backfill_items_per_second;
  schedule_backfill_step(region, now, false);
}

// A new replica joins the group. From each origin, the next write it is sent
// is the one after the origin's last: earlier ones come with the copy
// (arrive() drops them), except those of a replica that is no source (down
// or removed now): still in its stream (shipped to it later) or on their way
// somewhere (sent to it now), as the service's replay of the streams does.
void World::join_group(size_t region, const std::vector<size_t>& sources, sim::Instant now) {
  for (uint64_t key = 0; key < key_count_; ++key) {
    uint32_t* admitted = items_.admitted(region, key);
    for (size_t origin = 0; origin < region_count_; ++origin) admitted[origin] = items_.seen(origin, key)[origin];
  }
  for (size_t origin = 0; origin < region_count_; ++origin) {
    if (origin == region || admin_.left(origin) || admin_.state(origin) == ReplicaState::kAbsent ||
        std::find(sources.begin(), sources.end(), origin) != sources.end()) {
      continue;
    }
    std::vector<WriteSlot> unshipped;
    replication_.for_each_queued(origin, [&](WriteSlot slot) {
      if (!(writes_[slot].flags & WriteRecord::kCoalesced)) unshipped.push_back(slot);
    });
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
      replication_.resent(origin, region);
      writes_.retain(slot);
      send(origin, region, slot, now);
    }
  }
}

// The next step comes when the credit reaches one item; after the traffic's
// end, or while the copy waits for a source, in the background: a slow
// backfill does not keep a run going past its duration.
void World::schedule_backfill_step(size_t region, sim::Instant now, bool waiting) {
  const Backfill& backfill = admin_.backfill(region);
  int64_t steps = 1;
  if (!waiting) {
    const double per_step = backfill.rate * kBackfillStep.seconds_f();
    const double needed = std::ceil((1.0 - backfill.credit) / per_step);
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
  if (!admin_.backfilling(region)) return;  // removed meanwhile
  Backfill& backfill = admin_.backfill(region);
  const std::vector<size_t>& sources = backfill.sources;
  const bool waiting =
      std::any_of(sources.begin(), sources.end(), [&](size_t r) { return outages_.down(r) && !admin_.left(r); });
  const int64_t elapsed_ns = now.ns() - backfill.last_ns;
  backfill.last_ns = now.ns();
  if (waiting) {
    schedule_backfill_step(region, now, true);
    return;
  }
  backfill.credit += backfill.rate * static_cast<double>(elapsed_ns) / 1e9;
  std::vector<size_t> copied_from;  // its sources still in the group
  for (const size_t r : sources) {
    if (!admin_.left(r)) copied_from.push_back(r);
  }
  uint64_t& key = backfill.next_key;
  for (; key < key_count_ && backfill.credit >= 1.0; ++key) {
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
      recorder_.backfill_copied(backfill.record);
      backfill.credit -= 1.0;
    }
  }
  if (key < key_count_) {
    schedule_backfill_step(region, now, false);
    return;
  }
  admin_.set_state(region, ReplicaState::kServing);
  recorder_.backfill_done(backfill.record, now, parked_writes(region));
  drain_backlog(region, now);
  if (admin_.ttl_enabled(region)) sweep_expired(region, now, false);
}

// The writes waiting for a replica being backfilled, less those its copy
// already brought.
uint64_t World::parked_writes(size_t region) {
  uint64_t parked = 0;
  replication_.backlog(region).for_each([&](WriteSlot slot) {
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
  for (size_t r = 0; r < region_count_; ++r) others = others || (r != region && admin_.member(r));
  if (!admin_.member(region) || !others) {
    // No replica there (its add was refused, or it left the group), or the
    // table's last one: a global table keeps at least one replica.
    change.outcome = "refused";
    recorder_.add_replica_change(change);
    return;
  }
  change.outcome = "removed";
  if (admin_.backfilling(region)) recorder_.backfill_abandoned(admin_.backfill(region).record);
  recorder_.add_replica_change(change);
  if (!outages_.down(region)) {
    replication_.empty_streams(region, [&](WriteSlot write) {
      if (!leaves_stream(region, write)) return;
      ship(region, write, now);
      writes_.release(write);
    });
  }
  admin_.set_state(region, ReplicaState::kRemoved);
  drop_inbound(region, now);
}

}  // namespace model
