// ReplicaItems: the per-item state of every replica, one block per (region, key).
//
// A block holds what the hot loop needs about one item in one region side by
// side, so a commit or an arriving write costs one cache miss rather than
// one per array (with 100,000 keys the state is far larger than the caches):
//   - the LWW winner the replica stores (a WriteSlot, or kNoWrite);
//   - seen[origin]: the newest per-item sequence number of origin's writes
//     this region has applied or rejected (its knowledge of the item);
//   - admitted[origin]: the newest one that has reached this replica in
//     order (applied, or waiting for capacity behind earlier ones);
//   - last_commit_ns: when this region last committed a write to the item
//     (for t-visibility: how old the write a read elsewhere should see is).
// Blocks are padded to 16, 32 or 64 bytes when they fit in a 64-byte line,
// on a 64-byte aligned base, so such a block never straddles two lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

#include "model/write_table.h"

namespace model {

class ReplicaItems {
 public:
  ReplicaItems(size_t region_count, uint64_t key_count)
      : region_count_(region_count), key_count_(key_count), stride_(block_bytes(region_count)) {
    const size_t bytes = region_count * key_count * stride_;
    storage_.reset(static_cast<std::byte*>(::operator new[](bytes, std::align_val_t{64})));
    for (size_t region = 0; region < region_count; ++region) {
      for (uint64_t key = 0; key < key_count; ++key) {
        std::byte* at = block(region, key);
        new (at) int64_t{INT64_MIN};
        new (at + 8) WriteSlot{kNoWrite};
        for (size_t r = 0; r < 2 * region_count; ++r) new (at + 12 + 4 * r) uint32_t{0};
      }
    }
  }

  WriteSlot& stored(size_t region, uint64_t key) {
    return *std::launder(reinterpret_cast<WriteSlot*>(block(region, key) + 8));
  }
  WriteSlot stored(size_t region, uint64_t key) const {
    return *std::launder(reinterpret_cast<const WriteSlot*>(block(region, key) + 8));
  }
  int64_t& last_commit_ns(size_t region, uint64_t key) {
    return *std::launder(reinterpret_cast<int64_t*>(block(region, key)));
  }
  // Starts loading an item's block ahead of use (a hint; changes nothing).
  void prefetch(size_t region, uint64_t key) const { __builtin_prefetch(block(region, key), 1); }

  // seen[origin] for origin in [0, region count).
  uint32_t* seen(size_t region, uint64_t key) {
    return std::launder(reinterpret_cast<uint32_t*>(block(region, key) + 12));
  }
  // admitted[origin] for origin in [0, region count).
  uint32_t* admitted(size_t region, uint64_t key) { return seen(region, key) + region_count_; }

 private:
  struct AlignedDelete {
    void operator()(std::byte* p) const { ::operator delete[](p, std::align_val_t{64}); }
  };

  static size_t block_bytes(size_t region_count) {
    const size_t bytes = 12 + 8 * region_count;
    if (bytes <= 64) return bytes <= 16 ? 16 : bytes <= 32 ? 32 : 64;
    return (bytes + 7) / 8 * 8;
  }

  std::byte* block(size_t region, uint64_t key) const {
    return storage_.get() + (region * key_count_ + key) * stride_;
  }

  size_t region_count_;
  uint64_t key_count_;
  size_t stride_;
  std::unique_ptr<std::byte[], AlignedDelete> storage_;
};

}  // namespace model
