#include "model/replica_items.h"

#include <algorithm>
#include <functional>

#include "sim/assert.h"

namespace model {

ReplicaItems::ReplicaItems(size_t region_count, uint64_t key_count, ItemLayout layout, uint32_t absent_size_bytes,
                           uint64_t expected_items)
    : region_count_(region_count),
      key_count_(key_count),
      dense_(layout == ItemLayout::kDense ||
             (layout == ItemLayout::kAuto &&
              dense_bytes(region_count, key_count) <= static_cast<double>(kDenseBytesMax))),
      stride_(block_stride(region_count)),
      item_bytes_(dense_ ? dense_item_bytes(region_count) : sparse_item_bytes(region_count)),
      index_(dense_ ? 0 : std::min({expected_items, key_count, uint64_t{KeyIndex::kAbsent} - 1})) {
  if (!dense_) {
    chunk_items_ = static_cast<uint32_t>(std::max<size_t>(1, kChunkBytes / item_bytes_));
    initial_ = std::make_unique<std::byte[]>(item_bytes_);
    new (initial_.get()) uint64_t{kNoKey};
    new (initial_.get() + 8) WriteSlot{kNoWrite};
    for (size_t region = 0; region < region_count; ++region) {
      init_block(initial_.get() + kHeaderBytes + region * stride_, region_count, absent_size_bytes);
    }
    return;
  }
  const size_t bytes = key_count * item_bytes_;
  if (bytes > 0) storage_.grow(bytes, 0);
  for (uint64_t key = 0; key < key_count; ++key) {
    for (size_t region = 0; region < region_count; ++region) {
      init_block(block(region, key), region_count, absent_size_bytes);
    }
    new (dense_newest(key)) WriteSlot{kNoWrite};
  }
}

void ReplicaItems::init_block(std::byte* at, size_t region_count, uint32_t absent_size_bytes) {
  new (at) int64_t{INT64_MIN};
  new (at + 8) WriteSlot{kNoWrite};
  new (at + 12) uint32_t{absent_size_bytes};
  for (size_t r = 0; r + 1 < 2 * region_count; ++r) new (at + 16 + 4 * r) uint32_t{0};
}

size_t ReplicaItems::bytes() const {
  if (dense_) return key_count_ * item_bytes_;
  return chunks_.size() * chunk_bytes() + index_.bytes() + item_bytes_;
}

// Sparse: the next item, a copy of the initial one with its key; a new
// chunk when the last one is full.
void ReplicaItems::add_item(uint64_t key) {
  GTSIM_ASSERT(!dense_ && key < key_count_);
  if (items_ / chunk_items_ == chunks_.size()) chunks_.emplace_back(chunk_bytes());
  std::byte* at = item_at(items_);
  std::copy(initial_.get(), initial_.get() + item_bytes_, at);
  new (at) uint64_t{key};
  ++items_;
}

std::byte* ReplicaItems::look_up(uint64_t key) {
  const uint32_t index = index_.insert(key);
  if (index == items_) add_item(key);
  cached_key_ = key;
  cached_item_ = item_at(index);
  return cached_item_;
}

const std::byte* ReplicaItems::look_up(uint64_t key) const {
  const uint32_t index = index_.find(key);
  if (index == KeyIndex::kAbsent) return initial_.get();
  cached_key_ = key;
  cached_item_ = item_at(index);
  return cached_item_;
}

// Sparse: the item's index slot, which a lookup would wait for (finding the
// item here would wait for it now; a recently touched item is usually still
// in cache).
void ReplicaItems::sparse_prefetch(uint64_t key) const { index_.prefetch(key); }

uint64_t ReplicaItems::next_touched(Cursor& cursor, uint64_t from) const {
  if (dense_) return from;
  if (cursor.known < items_) {
    std::vector<uint64_t> fresh;
    for (uint32_t i = cursor.known; i < items_; ++i) {
      if (key_of(i) >= from) fresh.push_back(key_of(i));
    }
    std::sort(fresh.begin(), fresh.end(), std::greater<>());
    std::vector<uint64_t> merged(cursor.ahead.size() + fresh.size());
    std::merge(cursor.ahead.begin(), cursor.ahead.end(), fresh.begin(), fresh.end(), merged.begin(),
               std::greater<>());
    cursor.ahead.swap(merged);
    cursor.known = items_;
  }
  while (!cursor.ahead.empty() && cursor.ahead.back() < from) cursor.ahead.pop_back();
  return cursor.ahead.empty() ? key_count_ : cursor.ahead.back();
}

}  // namespace model
