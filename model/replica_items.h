// ReplicaItems: the per-item state of every replica, one block per (region, key).
//
// A block holds everything the hot loop needs about one item in one region,
// side by side, so that a commit or an arriving write costs one cache miss
// rather than one per array (with 100,000 keys the state is far larger than
// the caches; see the B1 benchmark in docs/performance.md):
//   - the LWW winner the replica stores (a WriteSlot, or kNoWrite);
//   - seen[origin]: the newest per-item sequence number of origin's writes
//     this region has applied or rejected (its knowledge of the item);
//   - last_apply_ns[destination]: when this region's newest record of the
//     item is applied at destination, which later records must not precede.
// Blocks are padded to 16, 32 or 64 bytes when they fit in a 64-byte line,
// on a 64-byte aligned base, so such a block never straddles two lines. The
// storage is raw bytes (no declared type) and every field is only ever
// accessed as its own type, so the casts below respect aliasing rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "model/write_table.h"

namespace model {

class ReplicaItems {
 public:
  ReplicaItems(size_t region_count, uint64_t key_count)
      : key_count_(key_count) {
    // [stored: 4 bytes][seen: 4 per region][pad to 8][last_apply_ns: 8 per region]
    last_offset_ = (4 + 4 * region_count + 7) / 8 * 8;
    size_t bytes = last_offset_ + 8 * region_count;
    if (bytes <= 64) bytes = bytes <= 16 ? 16 : bytes <= 32 ? 32 : 64;
    stride_ = bytes;
    storage_ = std::make_unique<std::byte[]>(region_count * key_count * stride_ + 64);
    const auto address = reinterpret_cast<uintptr_t>(storage_.get());
    base_ = storage_.get() + (64 - address % 64) % 64;
    for (size_t region = 0; region < region_count; ++region) {
      for (uint64_t key = 0; key < key_count; ++key) {
        stored(region, key) = kNoWrite;
        uint32_t* region_seen = seen(region, key);
        int64_t* last = last_apply_ns(region, key);
        for (size_t r = 0; r < region_count; ++r) {
          region_seen[r] = 0;
          last[r] = INT64_MIN;
        }
      }
    }
  }

  WriteSlot& stored(size_t region, uint64_t key) {
    return *reinterpret_cast<WriteSlot*>(block(region, key));
  }
  WriteSlot stored(size_t region, uint64_t key) const {
    return *reinterpret_cast<const WriteSlot*>(block(region, key));
  }
  // seen[origin] for origin in [0, region count).
  uint32_t* seen(size_t region, uint64_t key) {
    return reinterpret_cast<uint32_t*>(block(region, key) + 4);
  }
  // last_apply_ns[destination] for destination in [0, region count).
  int64_t* last_apply_ns(size_t region, uint64_t key) {
    return reinterpret_cast<int64_t*>(block(region, key) + last_offset_);
  }

 private:
  std::byte* block(size_t region, uint64_t key) const {
    return base_ + (region * key_count_ + key) * stride_;
  }

  uint64_t key_count_;
  size_t last_offset_ = 0;
  size_t stride_ = 0;
  std::unique_ptr<std::byte[]> storage_;
  std::byte* base_ = nullptr;
};

}  // namespace model
