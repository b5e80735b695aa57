// ReplicaAdmin: each region's replica as an operator sees it: whether it
// exists and serves, whether it is in the replication group, its global
// secondary indexes and TTL setting, its backfill, and the TTL process's
// pending work.
//
// Under version 2017.11.29 settings belong to one replica and are not
// replicated unless the scenario's settings_sync copies each change; under
// 2019.11.21 indexes and TTL are the table's (the World applies a change to
// every replica) and one table-wide TTL process deletes each expired item
// once, in one region. A replica added to a populated table is backfilled
// before it serves (docs/design.md).
//
// Invariants, per region: member() is exactly "serving or backfilling, and
// not left the group" and is kept a byte because ship() and arrive() read
// it per record; a region that left the group never returns; a backfill's
// record is set from its add on; TTL delete slots are live from
// plan_ttl_delete() to take_ttl_delete(); expiries are kept in commit order.
//
// Determinism: a TTL delete's delay is drawn from "ttl/<region>" when it is
// planned (the table-wide process's from "ttl/table", which also picks the
// region that makes each delete), in the order the World asks; no clock, no
// hashed container.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/replica_items.h"
#include "model/run_recorder.h"
#include "model/scenario.h"
#include "sim/random.h"
#include "sim/ring_buffer.h"
#include "sim/time.h"

namespace model {

enum class ReplicaState : uint8_t { kServing, kAbsent, kBackfilling, kRemoved };

// A write whose item carries an expiry, waiting in commit order for it.
struct Expiry {
  int64_t at_ns;
  uint64_t key;
  uint64_t write_id;
};

// The copy that brings a new replica the table's contents, at its rate.
struct Backfill {
  std::vector<size_t> sources;  // the replicas it copies from
  size_t record = kNoRecord;    // its replica change record (the latest add)
  uint64_t next_key = 0;
  ReplicaItems::Cursor cursor;  // the touched keys from next_key on
  double credit = 0.0;          // items it may still copy
  int64_t last_ns = 0;          // when the credit was last brought up to date
  double rate = 0.0;            // items per second
};

class ReplicaAdmin {
 public:
  ReplicaAdmin(const Scenario& scenario, const std::vector<std::string>& region_names);

  // Existence and membership.
  ReplicaState state(size_t region) const { return state_[region]; }
  bool serving(size_t region) const { return state_[region] == ReplicaState::kServing; }
  bool backfilling(size_t region) const { return state_[region] == ReplicaState::kBackfilling; }
  // A member of the replication group: sends and receives replicated writes.
  bool member(size_t region) const { return member_[region] != 0; }
  // Left the replication group (unreachable past the service's limit).
  bool left(size_t region) const { return left_[region] != 0; }
  void set_state(size_t region, ReplicaState state) {
    state_[region] = state;
    update_membership(region);
  }
  void leave(size_t region) {
    left_[region] = 1;
    update_membership(region);
  }

  // Settings.
  bool has_index(size_t region, size_t index) const { return (indexes_[region] >> index) & 1; }
  void create_index(size_t region, size_t index) { indexes_[region] |= uint64_t{1} << index; }
  void delete_index(size_t region, size_t index) { indexes_[region] &= ~(uint64_t{1} << index); }
  bool ttl_enabled(size_t region) const { return ttl_enabled_[region] != 0; }
  void set_ttl(size_t region, bool enabled) { ttl_enabled_[region] = enabled ? 1 : 0; }
  ReplicaSettings settings(size_t region, const CapacityConfig& capacity) const {
    return ReplicaSettings{member(region), &capacity, ttl_enabled(region), indexes_[region]};
  }

  // Backfill: the region's latest add, and its copy while it runs.
  Backfill& backfill(size_t region) { return backfills_[region]; }
  const Backfill& backfill(size_t region) const { return backfills_[region]; }
  // The record of the backfill in progress in `region`, or kNoRecord.
  size_t backfill_record(size_t region) const { return backfilling(region) ? backfills_[region].record : kNoRecord; }

  // TTL. Expiries of committed writes, in commit order.
  void expire_at(const Expiry& expiry) { expiring_.push_back(expiry); }
  // Pops the oldest expiry due by `now` into `expiry`; false if none is due.
  bool pop_expired(sim::Instant now, Expiry& expiry) {
    if (expiring_.empty() || expiring_.front().at_ns > now.ns()) return false;
    expiry = expiring_.pop_front();
    return true;
  }
  // Version 2019.11.21: indexes and TTL are table settings, one TTL process
  // deletes for the whole table.
  bool table_settings() const { return table_settings_; }
  // The region number the table-wide TTL process plans under (no region's).
  size_t table_ttl() const { return ttl_rngs_.size() - 1; }
  // A TTL delete of the version `write_id` in `region` (or table_ttl()):
  // its slot, and its delay, uniform in [0, deleted_within].
  struct TtlDelete {
    uint32_t slot;
    int64_t delay_ns;
  };
  TtlDelete plan_ttl_delete(size_t region, uint64_t write_id);
  // The table-wide process's choice among `n` regions able to make a delete.
  size_t pick_ttl_region(size_t n) { return static_cast<size_t>(ttl_rngs_.back().below(n)); }
  // A slot for a planned delete that waits once more (no new delay drawn).
  uint32_t hold_ttl_delete(uint64_t write_id);
  // The version a planned delete expects to find; frees its slot.
  uint64_t take_ttl_delete(uint32_t slot) {
    ttl_free_.push_back(slot);
    return ttl_expected_[slot];
  }

 private:
  void update_membership(size_t region) {
    const ReplicaState state = state_[region];
    member_[region] = !left_[region] && (state == ReplicaState::kServing || state == ReplicaState::kBackfilling);
  }

  std::vector<ReplicaState> state_;
  std::vector<uint8_t> member_;
  std::vector<uint8_t> left_;
  std::vector<uint64_t> indexes_;          // bit i set when it has index_names[i]
  std::vector<uint8_t> ttl_enabled_;
  std::vector<Backfill> backfills_;
  bool table_settings_;                    // version 2019.11.21
  int64_t ttl_within_ns_;                  // the table's deleted_within
  sim::RingBuffer<Expiry> expiring_;
  std::vector<uint64_t> ttl_expected_;     // slots: the write id a planned TTL delete expects
  std::vector<uint32_t> ttl_free_;
  std::vector<sim::Rng> ttl_rngs_;         // per region, then the table-wide process's
};

}  // namespace model
