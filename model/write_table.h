// WriteTable: every write the simulation still needs, in reusable slots.
//
// A write lives from its commit until no replica stores it and no delivery of
// it is in flight; a reference count tracks both. Freed slots are reused
// (last freed, first reused), so memory follows the number of live writes
// (at most keys x regions stored, plus those in flight), never the number of
// writes in the run, and the hot loop allocates only while the table first
// grows to its peak.
//
// Each write also carries its origin's knowledge of the item when it was
// issued: for every region, the newest per-item sequence number of that
// region's writes the origin had applied (or rejected). `knew()` compares
// against it; it is what defines concurrent writes (DESIGN.md).
#pragma once

#include <cstdint>
#include <vector>

#include "model/operation.h"
#include "sim/assert.h"

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
  uint32_t references = 0;    // replicas storing it + deliveries in flight + stream
  uint16_t origin = 0;        // region index
  Operation op = Operation::kPut;
  uint8_t flags = 0;          // kConcurrent | kClobbered | kSkewInversion | kCausalInversion

  static constexpr uint8_t kConcurrent = 1;
  static constexpr uint8_t kClobbered = 2;
  static constexpr uint8_t kSkewInversion = 4;
  static constexpr uint8_t kCausalInversion = 8;

  bool is_tombstone() const { return op == Operation::kDelete; }
};

class WriteTable {
 public:
  explicit WriteTable(size_t region_count) : region_count_(region_count) {}

  // A fresh slot with zero references; its knowledge vector is zeroed.
  WriteSlot allocate() {
    WriteSlot slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
      records_[slot] = WriteRecord{};
    } else {
      slot = static_cast<WriteSlot>(records_.size());
      GTSIM_ASSERT(slot != kNoWrite);
      records_.emplace_back();
      knowledge_.resize(knowledge_.size() + region_count_);
    }
    ++live_;
    uint32_t* known = knowledge(slot);
    for (size_t r = 0; r < region_count_; ++r) known[r] = 0;
    return slot;
  }

  WriteRecord& operator[](WriteSlot slot) { return records_[slot]; }
  const WriteRecord& operator[](WriteSlot slot) const { return records_[slot]; }

  uint32_t* knowledge(WriteSlot slot) { return &knowledge_[slot * region_count_]; }
  const uint32_t* knowledge(WriteSlot slot) const { return &knowledge_[slot * region_count_]; }

  void retain(WriteSlot slot) { ++records_[slot].references; }
  void release(WriteSlot slot) {
    WriteRecord& record = records_[slot];
    GTSIM_ASSERT(record.references > 0);
    if (--record.references == 0) {
      free_.push_back(slot);
      --live_;
    }
  }

  // True when `a` was issued by a region that had already seen `b`.
  bool knew(WriteSlot a, WriteSlot b) const {
    const WriteRecord& wa = records_[a];
    const WriteRecord& wb = records_[b];
    if (wa.origin == wb.origin) return wa.sequence > wb.sequence;
    return knowledge(a)[wb.origin] >= wb.sequence;
  }
  bool concurrent(WriteSlot a, WriteSlot b) const { return !knew(a, b) && !knew(b, a); }

  size_t live() const { return live_; }
  size_t peak() const { return records_.size(); }

 private:
  size_t region_count_;
  std::vector<WriteRecord> records_;
  std::vector<uint32_t> knowledge_;   // region_count_ entries per slot
  std::vector<WriteSlot> free_;
  size_t live_ = 0;
};

}  // namespace model
