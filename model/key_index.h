// KeyIndex: numbers a table's keys in the order they are first touched.
//
// An open-addressing table (linear probing, Fibonacci hashing) from a key
// (any 64-bit key id) to its index: 0 for the first key inserted, 1 for the
// next, and so on, so per-key state can live in dense arrays of the touched
// keys only. Memory follows the keys inserted (16 bytes a slot, the table
// kept at most 70 % full), never the key space. A table of 2 MiB or more is
// asked for in huge pages (madvise): its lookups land anywhere in it, and a
// page walk per lookup would cost more than the lookup.
//
// Determinism: an index depends only on the order of first insertions,
// which the run fixes. The slots' order (the hash's) is never exposed:
// sorted_keys() returns the keys in key order.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "sim/assert.h"

namespace model {

class KeyIndex {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  KeyIndex() : slots_(allocate(kInitialSlots)), capacity_(kInitialSlots), shift_(64 - kInitialBits) {}

  // The key's index, or kAbsent if it was never inserted.
  uint32_t find(uint64_t key) const {
    for (size_t at = home(key);; at = (at + 1) & (capacity_ - 1)) {
      const Slot& slot = slots_[at];
      if (slot.index == kAbsent) return kAbsent;
      if (slot.key == key) return slot.index;
    }
  }

  // The key's index; a new key gets the next one (size() before the call).
  uint32_t insert(uint64_t key) {
    size_t at = home(key);
    for (;; at = (at + 1) & (capacity_ - 1)) {
      const Slot& slot = slots_[at];
      if (slot.index == kAbsent) break;
      if (slot.key == key) return slot.index;
    }
    GTSIM_ASSERT(size_ < kAbsent - 1);
    slots_[at] = Slot{key, size_};
    ++size_;
    if (uint64_t{size_} * 10 > uint64_t{capacity_} * 7) grow();
    return size_ - 1;
  }

  // Starts loading the key's first slot (a hint; changes nothing).
  void prefetch(uint64_t key) const { __builtin_prefetch(&slots_[home(key)]); }

  uint32_t size() const { return size_; }
  size_t bytes() const { return capacity_ * sizeof(Slot); }

  // Every key inserted, in key order.
  std::vector<uint64_t> sorted_keys() const {
    std::vector<uint64_t> keys;
    keys.reserve(size_);
    for (size_t at = 0; at < capacity_; ++at) {
      if (slots_[at].index != kAbsent) keys.push_back(slots_[at].key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t index = kAbsent;
  };
  struct Free {
    void operator()(Slot* slots) const { std::free(slots); }
  };
  using Slots = std::unique_ptr<Slot[], Free>;
  static constexpr unsigned kInitialBits = 10;
  static constexpr size_t kInitialSlots = size_t{1} << kInitialBits;
  static constexpr size_t kHugePageBytes = size_t{2} << 20;

  // `count` empty slots (a power of two), in huge pages from 2 MiB on.
  static Slots allocate(size_t count) {
    const size_t bytes = count * sizeof(Slot);
    const bool huge = bytes >= kHugePageBytes;
    void* at = huge ? std::aligned_alloc(kHugePageBytes, bytes) : std::malloc(bytes);
    if (at == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (huge) madvise(at, bytes, MADV_HUGEPAGE);  // a hint: without it, small pages
#endif
    Slot* slots = static_cast<Slot*>(at);
    std::uninitialized_fill_n(slots, count, Slot{});
    return Slots(slots);
  }

  size_t home(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }

  // Twice the slots; every key keeps its index.
  void grow() {
    Slots old = allocate(capacity_ * 2);
    old.swap(slots_);
    const size_t old_capacity = capacity_;
    capacity_ *= 2;
    --shift_;
    for (size_t i = 0; i < old_capacity; ++i) {
      const Slot& slot = old[i];
      if (slot.index == kAbsent) continue;
      size_t at = home(slot.key);
      while (slots_[at].index != kAbsent) at = (at + 1) & (capacity_ - 1);
      slots_[at] = slot;
    }
  }

  Slots slots_;
  size_t capacity_;
  unsigned shift_;
  uint32_t size_ = 0;
};

}  // namespace model
