// WriteTable: every write the simulation still needs, in reusable slots.
//
// A write lives from its commit until no replica stores it and no delivery of
// it is in flight; a reference count tracks both. Freed slots are reused
// (last freed, first reused, so the slots in use stay few and warm), memory
// follows the number of live writes (at most keys x regions stored, plus
// those in flight), never the number of writes in the run, and the hot loop
// allocates only while the table first grows to its peak.
//
// Each write also carries its origin's knowledge of the item when it was
// issued: for every region, the newest per-item sequence number of that
// region's writes the origin had applied (or rejected). `knew()` compares
// against it; it is what defines concurrent writes (docs/design.md, "What the figures mean"). The record
// and its knowledge share one slot of a 64-byte aligned slab, so reading a
// write costs one cache miss, not two.
//
// The slab grows without copying (sim/slab.h): its pages are remapped, so
// a run's peak memory is its live writes, not twice them while it grows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <vector>

#include "model/operation.h"
#include "sim/assert.h"
#include "sim/slab.h"

namespace model {

using WriteSlot = uint32_t;
inline constexpr WriteSlot kNoWrite = UINT32_MAX;

struct WriteRecord {
  uint64_t id = 0;            // global issue order, from 0
  uint64_t key = 0;
  int64_t issued_ns = 0;      // true time of the commit at the origin
  int64_t timestamp_ns = 0;   // the origin clock's reading then: the LWW timestamp
  uint32_t sequence = 0;      // 1-based count of the origin's writes to this key
  uint32_t size_bytes = 0;
  uint16_t references = 0;    // replicas storing it + deliveries in flight + stream
  uint16_t undelivered = 0;   // other replicas it has not been applied at yet
  uint16_t origin = 0;        // region index
  Operation op = Operation::kPut;
  uint8_t flags = 0;          // kConcurrent | kClobbered | ... | kAtRisk | kTtlDelete | kCoalesced

  static constexpr uint8_t kConcurrent = 1;
  static constexpr uint8_t kClobbered = 2;
  static constexpr uint8_t kSkewInversion = 4;
  static constexpr uint8_t kCausalInversion = 8;
  static constexpr uint8_t kAtRisk = 16;      // not yet everywhere when its region failed
  static constexpr uint8_t kTtlDelete = 32;   // a delete made by its origin's TTL process
  static constexpr uint8_t kCoalesced = 64;   // replaced in its stream by a newer write to its item

  bool is_tombstone() const { return op == Operation::kDelete; }
  // What the item weighs in a replica storing this write: 0 for a tombstone.
  uint32_t stored_size_bytes() const { return is_tombstone() ? 0 : size_bytes; }
};

static_assert(std::is_trivially_copyable_v<WriteRecord>, "slots are moved with memcpy");

class WriteTable {
 public:
  explicit WriteTable(size_t region_count)
      : region_count_(region_count),
        stride_(slot_bytes(region_count)) {}

  // A fresh slot with zero references; its knowledge vector a copy of
  // `knowledge_of_origin` (one entry per region).
  WriteSlot allocate(const uint32_t* knowledge_of_origin) {
    WriteSlot slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      if (used_ == capacity_) grow();
      slot = static_cast<WriteSlot>(used_++);
      GTSIM_ASSERT(slot != kNoWrite);
    }
    new (address(slot)) WriteRecord{};
    uint32_t* known = knowledge(slot);
    for (size_t r = 0; r < region_count_; ++r) known[r] = knowledge_of_origin[r];
    return slot;
  }

  WriteRecord& operator[](WriteSlot slot) { return *record(slot); }
  const WriteRecord& operator[](WriteSlot slot) const { return *record(slot); }

  uint32_t* knowledge(WriteSlot slot) {
    return reinterpret_cast<uint32_t*>(address(slot) + sizeof(WriteRecord));
  }
  const uint32_t* knowledge(WriteSlot slot) const {
    return reinterpret_cast<const uint32_t*>(address(slot) + sizeof(WriteRecord));
  }

  // Starts loading a slot ahead of use (a hint; changes nothing).
  void prefetch(WriteSlot slot) const { __builtin_prefetch(address(slot), 1); }

  void retain(WriteSlot slot) {
    WriteRecord& write = *record(slot);
    GTSIM_ASSERT(write.references < UINT16_MAX);
    ++write.references;
  }
  void release(WriteSlot slot) {
    WriteRecord& write = *record(slot);
    GTSIM_ASSERT(write.references > 0);
    if (--write.references == 0) {
      free_.push_back(slot);
    }
  }

  // True when `a` was issued by a region that had already seen `b`.
  bool knew(WriteSlot a, WriteSlot b) const {
    const WriteRecord& wa = (*this)[a];
    const WriteRecord& wb = (*this)[b];
    if (wa.origin == wb.origin) return wa.sequence > wb.sequence;
    return knowledge(a)[wb.origin] >= wb.sequence;
  }

  // Calls f(slot, record) for every live write, in slot order.
  template <class F>
  void for_each_live(F&& f) const {
    for (size_t slot = 0; slot < used_; ++slot) {
      const WriteRecord& write = *record(static_cast<WriteSlot>(slot));
      if (write.references > 0) f(static_cast<WriteSlot>(slot), write);
    }
  }

  size_t peak() const { return used_; }
  // Bytes the slots take (allocated, used or free).
  size_t bytes() const { return capacity_ * stride_; }

 private:
  static size_t slot_bytes(size_t region_count) {
    const size_t bytes = sizeof(WriteRecord) + 4 * region_count;
    return bytes <= 64 ? 64 : (bytes + 63) / 64 * 64;
  }

  std::byte* address(WriteSlot slot) const { return slab_.data() + size_t{slot} * stride_; }
  WriteRecord* record(WriteSlot slot) const {
    return std::launder(reinterpret_cast<WriteRecord*>(address(slot)));
  }

  void grow() {
    const size_t capacity = capacity_ == 0 ? 1024 : capacity_ * 2;
    slab_.grow(capacity * stride_, used_ * stride_);
    capacity_ = capacity;
  }

  size_t region_count_;
  size_t stride_;
  sim::Slab slab_{sim::Slab::Pages::kSmall};  // it fills as it grows (sim/slab.h)
  size_t capacity_ = 0;
  size_t used_ = 0;
  std::vector<WriteSlot> free_;
};

}  // namespace model
