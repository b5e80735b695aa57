// ReplicaItems: the per-item state of every replica, one block per (region, key),
// and each item's newest write committed anywhere.
//
// A block holds what the hot loop needs about one item in one region side by
// side, so a commit or an arriving write costs one cache miss rather than
// one per array (with 100,000 keys the state is far larger than the caches):
//   - the LWW winner the replica stores (a WriteSlot, or kNoWrite), and
//     what the item weighs there (0 for a tombstone; before any write, the
//     size given at construction), so a get or a delete finds its capacity
//     units without loading the write's record;
//   - seen[origin]: the newest per-item sequence number of origin's writes
//     this region has applied or rejected (its knowledge of the item);
//   - admitted[origin], for every other origin: the newest one that has
//     reached this replica in order (applied, or waiting for capacity behind
//     earlier ones; a region's own writes never reach it over a stream);
//   - last_commit_ns: when this region last committed a write to the item
//     (for t-visibility: how old the write a read elsewhere should see is).
//
// Two layouts behind one interface, chosen at construction:
//   - dense (a small key space): every item allocated before the run, key
//     after key; an item is its regions' blocks side by side (each padded to
//     8 bytes) with its newest write in the item's last 4 bytes (the padding
//     of the last block), the item padded to 16, 32 or 64 bytes or a
//     multiple of 64 on a 64-byte aligned base. A get reads its region's
//     block, every other region's and the newest write: with 2 regions one
//     line (2 x 32 bytes), with 3 two;
//   - sparse (a large one): an item's blocks (all regions, with its newest
//     write and its key) are allocated when a mutating accessor first touches
//     it, numbered by a KeyIndex and kept in 2 MiB chunks (in huge pages
//     where the system grants them, sim/slab.h); memory follows
//     the items touched, not the key space. The index starts large enough for
//     the items the run expects to touch (model/run_estimate.h, plan_items).
// An untouched item reads as the initial state (no winner, nothing seen,
// never committed): the const accessors never allocate. Reports must not
// depend on the layout: callers that sum over items use for_each_touched()
// and count the untouched ones in closed form (untouched()); callers that
// need an order walk the touched keys in key order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

#include "model/key_index.h"
#include "model/scenario.h"
#include "model/write_table.h"
#include "sim/assert.h"
#include "sim/slab.h"

namespace model {

class ReplicaItems {
 public:
  // kAuto chooses dense while the dense blocks take at most this many bytes.
  static constexpr size_t kDenseBytesMax = size_t{32} << 20;

  // absent_size_bytes: what an item no write has reached weighs
  // (stored_size_bytes()). expected_items: how many items a sparse store
  // expects to touch (its index is made for them; more are still fine).
  ReplicaItems(size_t region_count, uint64_t key_count, ItemLayout layout = ItemLayout::kAuto,
               uint32_t absent_size_bytes = 0, uint64_t expected_items = 0);

  // The bytes a dense store of this shape takes (its blocks and newest writes).
  static double dense_bytes(size_t region_count, uint64_t key_count) {
    return static_cast<double>(key_count) * static_cast<double>(dense_item_bytes(region_count));
  }
  // The bytes one touched item takes in a sparse store (its chunk's share).
  static size_t sparse_item_bytes(size_t region_count) { return kHeaderBytes + region_count * block_stride(region_count); }

  bool dense() const { return dense_; }
  // Items with state of their own (every key when dense), and the others.
  uint64_t touched() const { return dense_ ? key_count_ : index_.size(); }
  uint64_t untouched() const { return key_count_ - touched(); }
  // Bytes held: blocks, chunks, the key index.
  size_t bytes() const;

  WriteSlot stored(size_t region, uint64_t key) const { return *slot_at(block(region, key) + 8); }
  // What the item weighs in the replica: its stored winner's size (0 for a
  // tombstone), the absent size while no write is stored.
  uint32_t stored_size_bytes(size_t region, uint64_t key) const {
    return *std::launder(reinterpret_cast<const uint32_t*>(block(region, key) + 12));
  }
  // Replaces the stored winner and its weight together.
  void store(size_t region, uint64_t key, WriteSlot slot, uint32_t size_bytes) {
    std::byte* at = block(region, key);
    *slot_at(at + 8) = slot;
    *std::launder(reinterpret_cast<uint32_t*>(at + 12)) = size_bytes;
  }
  int64_t& last_commit_ns(size_t region, uint64_t key) {
    return *std::launder(reinterpret_cast<int64_t*>(block(region, key)));
  }
  int64_t last_commit_ns(size_t region, uint64_t key) const {
    return *std::launder(reinterpret_cast<const int64_t*>(block(region, key)));
  }
  // seen[origin] for origin in [0, region count).
  uint32_t* seen(size_t region, uint64_t key) { return std::launder(reinterpret_cast<uint32_t*>(block(region, key) + 16)); }
  const uint32_t* seen(size_t region, uint64_t key) const {
    return std::launder(reinterpret_cast<const uint32_t*>(block(region, key) + 16));
  }
  // admitted[origin] for an origin other than region (checked in builds
  // without NDEBUG, as the sanitizer suite's; not on Release's hot path).
  uint32_t& admitted(size_t region, uint64_t key, size_t origin) {
    return seen(region, key)[region_count_ + other_index(region, origin)];
  }
  uint32_t admitted(size_t region, uint64_t key, size_t origin) const {
    return seen(region, key)[region_count_ + other_index(region, origin)];
  }
  // The LWW-newest write of the item committed anywhere (kNoWrite if none).
  WriteSlot& newest(uint64_t key) {
    return __builtin_expect(dense_, 1) ? *slot_at(dense_newest(key)) : *slot_at(item(key) + 8);
  }
  WriteSlot newest(uint64_t key) const {
    return __builtin_expect(dense_, 1) ? *slot_at(dense_newest(key)) : *slot_at(item(key) + 8);
  }

  // Starts loading an item's block ahead of use (a hint; changes nothing).
  // Dense: the block's first and last line (a block may straddle two) and
  // the line of the item's newest write (with 3 regions, often another).
  void prefetch(size_t region, uint64_t key) const {
    if (__builtin_expect(dense_, 1)) {
      const std::byte* at = block(region, key);
      __builtin_prefetch(at, 1);
      __builtin_prefetch(at + stride_ - 1, 1);
      __builtin_prefetch(dense_newest(key), 1);
    } else {
      sparse_prefetch(key);
    }
  }

  // f(key) for every touched key: in key order when dense, in the order of
  // first touch when sparse (for order-independent work only).
  template <class F>
  void for_each_touched(F&& f) const {
    if (dense_) {
      for (uint64_t key = 0; key < key_count_; ++key) f(key);
      return;
    }
    for (uint32_t i = 0; i < index_.size(); ++i) f(remember(i));
  }
  // f(key) for every touched key in key order.
  template <class F>
  void for_each_touched_in_order(F&& f) const {
    if (dense_) {
      for (uint64_t key = 0; key < key_count_; ++key) f(key);
      return;
    }
    for (const uint64_t key : index_.sorted_keys()) f(key);
  }

  // A walk over the touched keys in key order that also meets the keys
  // touched after it started, when they lie ahead of it.
  struct Cursor {
    std::vector<uint64_t> ahead;  // touched keys it has not passed, descending (the next at the back)
    uint32_t known = 0;           // it has met the items of first-touch index below this
  };
  // The first touched key >= from (the key count if none); dense: from.
  uint64_t next_touched(Cursor& cursor, uint64_t from) const;

 private:
  // A sparse item: its key, its newest write, 4 spare bytes, then one block per region.
  static constexpr size_t kHeaderBytes = 16;
  static constexpr size_t kChunkBytes = size_t{2} << 20;  // a huge page
  static constexpr uint64_t kNoKey = UINT64_MAX;

  // A block: last_commit_ns, the stored winner, its size, seen[], admitted[]
  // of the other regions; padded to 8 bytes (12 + 8 x regions leaves 4 spare
  // at its end).
  static size_t block_stride(size_t region_count) { return (12 + 8 * region_count + 7) / 8 * 8; }
  static size_t dense_item_bytes(size_t region_count) {
    const size_t bytes = region_count * block_stride(region_count);
    if (bytes <= 64) return bytes <= 16 ? 16 : bytes <= 32 ? 32 : 64;
    return (bytes + 63) / 64 * 64;
  }
  // admitted[]'s index of origin in region's block: the other regions in order.
  static size_t other_index(size_t region, size_t origin) {
#ifndef NDEBUG
    GTSIM_ASSERT(origin != region);
#endif
    return origin - (origin > region ? 1 : 0);
  }
  static WriteSlot* slot_at(std::byte* at) { return std::launder(reinterpret_cast<WriteSlot*>(at)); }
  static const WriteSlot* slot_at(const std::byte* at) { return std::launder(reinterpret_cast<const WriteSlot*>(at)); }
  static void init_block(std::byte* at, size_t region_count, uint32_t absent_size_bytes);

  // The dense layout inline, the sparse one out of line (the hot loop of a
  // small key space stays as small as it was).
  std::byte* block(size_t region, uint64_t key) {
    if (__builtin_expect(dense_, 1)) return storage_.data() + key * item_bytes_ + region * stride_;
    return item(key) + kHeaderBytes + region * stride_;
  }
  const std::byte* block(size_t region, uint64_t key) const {
    if (__builtin_expect(dense_, 1)) return storage_.data() + key * item_bytes_ + region * stride_;
    return item(key) + kHeaderBytes + region * stride_;
  }
  // Dense: the item's newest write, in its last 4 bytes.
  std::byte* dense_newest(uint64_t key) const { return storage_.data() + (key + 1) * item_bytes_ - 4; }
  // Sparse: the item's bytes, allocated on first touch (the last item
  // looked up is found without a lookup).
  std::byte* item(uint64_t key) { return key == cached_key_ ? cached_item_ : look_up(key); }
  [[gnu::noinline]] std::byte* look_up(uint64_t key);
  // Sparse: the item's bytes, or the initial state's if it was never touched.
  const std::byte* item(uint64_t key) const { return key == cached_key_ ? cached_item_ : look_up(key); }
  [[gnu::noinline]] const std::byte* look_up(uint64_t key) const;
  // Sparse: makes the item of first-touch index `index` the last looked up
  // (a walk over the touched items then finds each without a lookup); its key.
  uint64_t remember(uint32_t index) const {
    cached_item_ = item_at(index);
    cached_key_ = key_of(index);
    return cached_key_;
  }
  void sparse_prefetch(uint64_t key) const;
  std::byte* item_at(uint32_t index) const {
    return chunks_[index / chunk_items_].data() + (index % chunk_items_) * item_bytes_;
  }
  uint64_t key_of(uint32_t index) const { return *std::launder(reinterpret_cast<const uint64_t*>(item_at(index))); }
  void add_item(uint64_t key);
  // A chunk's bytes: 2 MiB, or more for one item too large for it (a multiple of 2 MiB).
  size_t chunk_bytes() const { return (chunk_items_ * item_bytes_ + kChunkBytes - 1) / kChunkBytes * kChunkBytes; }

  size_t region_count_;
  uint64_t key_count_;
  bool dense_;
  size_t stride_;      // bytes per block
  size_t item_bytes_;  // bytes per item
  // Dense.
  sim::Slab storage_;  // huge pages where the system grants them
  // Sparse.
  KeyIndex index_;
  uint32_t items_ = 0;
  uint32_t chunk_items_ = 1;  // items per chunk
  std::vector<sim::Slab> chunks_;
  std::unique_ptr<std::byte[]> initial_;  // an item in its initial state
  mutable uint64_t cached_key_ = kNoKey;  // the last item looked up
  mutable std::byte* cached_item_ = nullptr;
};

}  // namespace model
