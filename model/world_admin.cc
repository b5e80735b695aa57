// Administrative settings, TTL and the replica lifecycle.
//
// Under version 2017.11.29 settings (capacity, TTL, global secondary
// indexes) belong to one replica and are not replicated unless the
// scenario's settings_sync copies each change (docs/sources.md, Versions
// and settings; the article's golden rule), and each replica whose TTL is
// enabled deletes its own expired items. Under 2019.11.21 an index or TTL
// change is the table's: it applies to every replica at once, and one
// table-wide TTL process deletes each expired item once, in one region
// (the loader synchronizes capacity's write settings). SettingsDrift
// records when settings differ. A TTL delete is free where it is made and
// replicates like any delete (docs/sources.md, TTL). A replica added to a
// populated table is backfilled before it serves; under 2017.11.29 only an
// empty table can get one, and the report estimates the article's
// migration path instead.
#include <algorithm>
#include <cmath>
#include <utility>

#include "model/world.h"
#include "sim/assert.h"

namespace model {
namespace {

// The expected version of a TTL delete of a prepopulated, never-written item.
constexpr uint64_t kPrepopulatedWrite = UINT64_MAX;
// The backfill copies items in steps of this length.
const sim::Duration kBackfillStep = sim::Duration::milliseconds(100);
// The table-wide TTL process tries a delete again this much later when no
// replica holding the item can make it (every one of them is out).
const sim::Duration kTtlRetry = sim::Duration::minutes(1);

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
  change.migration_ns = std::llround(std::max(scan_s, write_s) * sim::kNanosecondsPerSecondDouble);
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
    case TimelineKind::kDeleteIndex:
    case TimelineKind::kEnableTtl:
    case TimelineKind::kDisableTtl:
      change_setting(event, now);
      return;
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

// An index or TTL change: the region's replica's under 2017.11.29, every
// replica's (the table's setting) under 2019.11.21.
void World::change_setting(const TimelineEvent& event, sim::Instant now) {
  const bool table = admin_.table_settings();
  const size_t first = table ? 0 : event.region;
  const size_t end = table ? region_count_ : event.region + 1;
  bool ttl_started = false;
  for (size_t r = first; r < end; ++r) {
    switch (event.kind) {
      case TimelineKind::kCreateIndex:
        admin_.create_index(r, event.index);
        break;
      case TimelineKind::kDeleteIndex:
        admin_.delete_index(r, event.index);
        break;
      case TimelineKind::kEnableTtl:
        if (admin_.ttl_enabled(r)) break;
        admin_.set_ttl(r, true);
        ttl_started = true;
        if (!table && admin_.serving(r)) sweep_expired(r, now, false);
        break;
      default:
        admin_.set_ttl(r, false);
        break;
    }
    note_settings(r, now);
  }
  if (table && ttl_started) sweep_table(now, false);
}

void World::push_background(sim::Instant at, Event event) {
  ++background_pending_;
  queue_.push(at, event);
}

// Once a second: writes whose items expired are handed to the TTL process:
// each replica's that runs and stores (or will store) that version under
// 2017.11.29; under 2019.11.21 the table's, once, if TTL is on and some
// replica holds it.
void World::expire_items(sim::Instant now) {
  const bool table = admin_.table_settings();
  const ReplicaItems& items = items_;
  for (Expiry expiry; admin_.pop_expired(now, expiry);) {
    const WriteSlot newest = items.newest(expiry.key);
    const bool newest_anywhere = newest != kNoWrite && writes_[newest].id == expiry.write_id;
    bool held = newest_anywhere;
    for (size_t r = 0; r < region_count_; ++r) {
      const WriteSlot stored = items.stored(r, expiry.key);
      const bool holds = stored != kNoWrite && writes_[stored].id == expiry.write_id;
      held = held || holds;
      if (table || !admin_.ttl_enabled(r) || !admin_.serving(r)) continue;
      if (newest_anywhere || holds) schedule_ttl_delete(r, expiry.key, expiry.write_id, expiry.at_ns, now);
    }
    if (table && held && admin_.ttl_enabled(0)) {
      schedule_ttl_delete(admin_.table_ttl(), expiry.key, expiry.write_id, expiry.at_ns, now);
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
// never-written ones when `prepopulated_only`), in key order. Expired
// prepopulated items are every untouched key: one delete each; else only the
// touched items can have expired.
void World::sweep_expired(size_t region, sim::Instant now, bool prepopulated_only) {
  const TtlConfig& ttl = scenario_.table.ttl;
  if (!ttl.items_expire) return;
  const int64_t lifetime = ttl.item_lifetime.ns();
  const int64_t prepopulated_expiry = ttl.prepopulated_expiry.ns();
  const bool prepopulated_expired = prepopulated_item_bytes_ > 0 && prepopulated_expiry <= now.ns();
  const ReplicaItems& items = items_;
  const auto sweep = [&](uint64_t key) {
    const WriteSlot slot = items.stored(region, key);
    if (slot == kNoWrite) {
      if (prepopulated_expired) schedule_ttl_delete(region, key, kPrepopulatedWrite, prepopulated_expiry, now);
      return;
    }
    if (prepopulated_only) return;
    const WriteRecord& write = writes_[slot];
    if (!write.is_tombstone() && write.issued_ns + lifetime <= now.ns()) {
      schedule_ttl_delete(region, key, write.id, write.issued_ns + lifetime, now);
    }
  };
  if (!prepopulated_expired) {
    items.for_each_touched_in_order(sweep);
    return;
  }
  for (uint64_t key = 0; key < key_count_; ++key) sweep(key);
}

// Under 2019.11.21, the expired items of the table as it is now (each
// item's newest version among the serving replicas; only the prepopulated,
// never-written ones when `prepopulated_only`), each planned once for the
// table-wide process.
void World::sweep_table(sim::Instant now, bool prepopulated_only) {
  const TtlConfig& ttl = scenario_.table.ttl;
  if (!ttl.items_expire) return;
  std::vector<size_t> serving;
  for (size_t r = 0; r < region_count_; ++r) {
    if (admin_.serving(r) && admin_.member(r)) serving.push_back(r);
  }
  const int64_t lifetime = ttl.item_lifetime.ns();
  const int64_t prepopulated_expiry = ttl.prepopulated_expiry.ns();
  const bool prepopulated_expired = prepopulated_item_bytes_ > 0 && prepopulated_expiry <= now.ns();
  const auto sweep = [&](uint64_t key) {
    const WriteSlot best = newest_among(serving, key);
    if (best == kNoWrite) {
      if (prepopulated_expired) schedule_ttl_delete(admin_.table_ttl(), key, kPrepopulatedWrite, prepopulated_expiry, now);
      return;
    }
    const WriteRecord& write = writes_[best];
    if (!prepopulated_only && !write.is_tombstone() && write.issued_ns + lifetime <= now.ns()) {
      schedule_ttl_delete(admin_.table_ttl(), key, write.id, write.issued_ns + lifetime, now);
    }
  };
  if (!prepopulated_expired) {
    items_.for_each_touched_in_order(sweep);  // an untouched item is stored nowhere
    return;
  }
  for (uint64_t key = 0; key < key_count_; ++key) sweep(key);
}

// The prepopulated items expire now: each replica running TTL plans their
// deletes (2017.11.29), or the table-wide process does (2019.11.21).
void World::sweep_prepopulated(sim::Instant now) {
  if (admin_.table_settings()) {
    if (admin_.ttl_enabled(0)) sweep_table(now, true);
    return;
  }
  for (size_t r = 0; r < region_count_; ++r) {
    if (admin_.ttl_enabled(r) && admin_.serving(r)) sweep_expired(r, now, true);
  }
}

// Whether `region`'s TTL process can delete version `expected` of `key`
// now: TTL runs there, the replica works, and it still stores that version
// (a later write carries a new expiry).
bool World::ttl_can_delete(size_t region, uint64_t key, uint64_t expected) const {
  if (!admin_.ttl_enabled(region) || !admin_.serving(region) || !outages_.processes(region) || admin_.left(region)) {
    return false;
  }
  const WriteSlot stored = items_.stored(region, key);
  if (expected == kPrepopulatedWrite) return stored == kNoWrite && prepopulated_item_bytes_ > 0;
  return stored != kNoWrite && writes_[stored].id == expected && !writes_[stored].is_tombstone();
}

// A scheduled TTL delete: made if it still can be. TTL runs while the
// traffic does: after it, the run only drains replication.
void World::ttl_delete(size_t region, uint64_t key, uint32_t slot, sim::Instant now) {
  const uint64_t expected = admin_.take_ttl_delete(slot);
  if (now >= stop_) return;
  if (region == admin_.table_ttl()) {
    table_ttl_delete(key, expected, now);
  } else if (ttl_can_delete(region, key, expected)) {
    commit(region, now, Operation::kDelete, key, 0, /*by_ttl=*/true);
  }
}

// The table-wide process (2019.11.21) deletes the item once, in one of the
// regions able to (drawn among them), free there; the delete replicates to
// the others. If none can now but a replica that is out still holds the
// version, it tries again later.
void World::table_ttl_delete(uint64_t key, uint64_t expected, sim::Instant now) {
  size_t able = 0;
  for (size_t r = 0; r < region_count_; ++r) able += ttl_can_delete(r, key, expected) ? 1 : 0;
  if (able > 0) {
    size_t pick = admin_.pick_ttl_region(able);
    for (size_t r = 0; r < region_count_; ++r) {
      if (!ttl_can_delete(r, key, expected)) continue;
      if (pick-- == 0) {
        commit(r, now, Operation::kDelete, key, 0, /*by_ttl=*/true);
        return;
      }
    }
  }
  for (size_t r = 0; r < region_count_; ++r) {
    if (!admin_.member(r) || outages_.processes(r)) continue;  // only a replica that is out may still do it
    const WriteSlot stored = std::as_const(items_).stored(r, key);
    const bool holds = expected == kPrepopulatedWrite ? stored == kNoWrite
                                                      : stored != kNoWrite && writes_[stored].id == expected;
    if (!holds) continue;
    push_background(now + kTtlRetry, Event{EventKind::kTtlDelete, Operation::kDelete,
                                           static_cast<uint16_t>(admin_.table_ttl()),
                                           admin_.hold_ttl_delete(expected), key});
    return;
  }
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
  change.action = ReplicaAction::kAdd;
  change.at_ns = now.ns();
  Backfill& backfill = admin_.backfill(region);
  std::vector<size_t>& sources = backfill.sources;
  sources.clear();
  std::vector<size_t> holders;  // every replica holding data, down ones included
  for (size_t r = 0; r < region_count_; ++r) {
    if (r == region || admin_.left(r) || admin_.state(r) == ReplicaState::kAbsent) continue;
    if (admin_.state(r) != ReplicaState::kRemoved) holders.push_back(r);
    if (admin_.serving(r) && outages_.replicates(r)) sources.push_back(r);
  }
  for (const size_t r : sources) change.source += (change.source.empty() ? "" : ", ") + region_names_[r];

  // The table's contents now: each item's newest version among the holders
  // (an untouched item's, the prepopulated one if any).
  TableContents contents;
  const auto count = [&](uint32_t size, uint64_t items) {
    if (size == 0) return;
    contents.items += items;
    contents.bytes += size * items;
    contents.write_units += ceil_div(size, 1024) * static_cast<int64_t>(items);
  };
  count(prepopulated_item_bytes_, items_.untouched());
  items_.for_each_touched([&](uint64_t key) {
    count(version_size(newest_among(holders, key)), 1);
  });
  if (config.migration.enabled) estimate_migration(contents, config.migration, change);
  if (scenario_.version == GlobalTablesVersion::k2017_11_29 && contents.items > 0) {
    change.outcome = ReplicaOutcome::kRefused;
    backfill.record = recorder_.add_replica_change(change);
    return;
  }
  change.outcome = ReplicaOutcome::kBackfilling;
  backfill.record = recorder_.add_replica_change(change);
  admin_.set_state(region, ReplicaState::kBackfilling);
  capacity_.set_replica(region, true, now);
  join_group(region, sources, now);
  backfill.next_key = 0;
  backfill.cursor = ReplicaItems::Cursor{};
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
  items_.for_each_touched([&](uint64_t key) {  // an untouched item's are all 0 already
    for (size_t origin = 0; origin < region_count_; ++origin) {
      if (origin != region) items_.admitted(region, key, origin) = items_.seen(origin, key)[origin];
    }
  });
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
      uint32_t& admitted = items_.admitted(region, writes_[slot].key, origin);
      admitted = std::min(admitted, writes_[slot].sequence - 1);
    }
    for (const WriteSlot slot : on_their_way) {
      WriteRecord& write = writes_[slot];
      uint32_t& admitted = items_.admitted(region, write.key, origin);
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
      std::any_of(sources.begin(), sources.end(), [&](size_t r) { return !outages_.replicates(r) && !admin_.left(r); });
  const int64_t elapsed_ns = now.ns() - backfill.last_ns;
  backfill.last_ns = now.ns();
  if (waiting) {
    schedule_backfill_step(region, now, true);
    return;
  }
  backfill.credit += backfill.rate * static_cast<double>(elapsed_ns) / sim::kNanosecondsPerSecondDouble;
  std::vector<size_t> copied_from;  // its sources still in the group
  for (const size_t r : sources) {
    if (!admin_.left(r)) copied_from.push_back(r);
  }
  uint64_t& key = backfill.next_key;
  while (key < key_count_ && backfill.credit >= 1.0) {
    const uint64_t touched = items_.next_touched(backfill.cursor, key);
    if (touched > key) {
      // Untouched items up to the next touched one: absent everywhere, so
      // only a prepopulated one is copied, one unit of credit each.
      const uint64_t copied = prepopulated_item_bytes_ == 0
                                  ? 0
                                  : std::min<uint64_t>(touched - key, static_cast<uint64_t>(backfill.credit));
      recorder_.backfill_copied(backfill.record, copied);
      backfill.credit -= static_cast<double>(copied);
      key = prepopulated_item_bytes_ == 0 ? touched : key + copied;
      continue;
    }
    const WriteSlot best = newest_among(copied_from, key);
    uint32_t* seen = items_.seen(region, key);
    for (const size_t r : copied_from) {
      const uint32_t* known = items_.seen(r, key);
      for (size_t origin = 0; origin < region_count_; ++origin) seen[origin] = std::max(seen[origin], known[origin]);
    }
    const WriteSlot stored = items_.stored(region, key);
    if (stored != best) {
      if (stored != kNoWrite) writes_.release(stored);
      items_.store(region, key, best, version_size(best));
      if (best != kNoWrite) writes_.retain(best);
    }
    if (best != kNoWrite || prepopulated_item_bytes_ > 0) {
      recorder_.backfill_copied(backfill.record, 1);
      backfill.credit -= 1.0;
    }
    ++key;
  }
  if (key < key_count_) {
    schedule_backfill_step(region, now, false);
    return;
  }
  admin_.set_state(region, ReplicaState::kServing);
  recorder_.backfill_done(backfill.record, now, parked_writes(region));
  drain_backlog(region, now);
  // Its TTL process deletes what it copied expired (the table's already
  // planned those under 2019.11.21).
  if (admin_.ttl_enabled(region) && !admin_.table_settings()) sweep_expired(region, now, false);
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
  change.action = ReplicaAction::kRemove;
  change.at_ns = now.ns();
  bool others = false;
  for (size_t r = 0; r < region_count_; ++r) others = others || (r != region && admin_.member(r));
  if (!admin_.member(region) || !others) {
    // No replica there (its add was refused, or it left the group), or the
    // table's last one: a global table keeps at least one replica.
    change.outcome = ReplicaOutcome::kRefused;
    recorder_.add_replica_change(change);
    return;
  }
  change.outcome = ReplicaOutcome::kRemoved;
  if (admin_.backfilling(region)) recorder_.backfill_abandoned(admin_.backfill(region).record);
  recorder_.add_replica_change(change);
  if (outages_.replicates(region)) {
    replication_.empty_streams(region, [&](WriteSlot write) {
      if (!leaves_stream(region, write)) return;
      ship(region, write, now);
      writes_.release(write);
    });
  }
  admin_.set_state(region, ReplicaState::kRemoved);
  capacity_.set_replica(region, false, now);
  drop_inbound(region, now);
}

}  // namespace model
