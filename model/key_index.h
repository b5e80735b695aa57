// KeyIndex: numbers a table's keys in the order they are first touched.
//
// An open-addressing table (linear probing, Fibonacci hashing) from a key
// (any 64-bit key id) to its index: 0 for the first key inserted, 1 for the
// next, and so on, so per-key state can live in dense arrays of the touched
// keys only. Memory follows the keys inserted (16 bytes a slot, the table
// kept at most 70 % full), never the key space. A table of 2 MiB or more is
// asked for in huge pages (sim/slab.h): its lookups land anywhere
// in it, and a page walk per lookup would cost more than the lookup. An
// empty slot is all zero bytes (a slot holds its index plus one), so a new
// table needs no clearing. Given the number of keys a run expects, the table
// starts large enough for them and never rehashes while they arrive.
//
// Determinism: an index depends only on the order of first insertions,
// which the run fixes. The slots' order (the hash's) is never exposed:
// sorted_keys() returns the keys in key order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

#include "sim/assert.h"
#include "sim/slab.h"

namespace model {

class KeyIndex {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  // A table for `expected_keys` keys (at most 70 % full with them), or the
  // smallest one; either grows past them.
  explicit KeyIndex(uint64_t expected_keys = 0) : bits_(bits_for(expected_keys)) {
    memory_ = sim::Slab(capacity() * sizeof(Slot));
    slots_ = std::launder(reinterpret_cast<Slot*>(memory_.data()));
  }

  // The key's index, or kAbsent if it was never inserted.
  uint32_t find(uint64_t key) const {
    for (size_t at = home(key);; at = (at + 1) & (capacity() - 1)) {
      const Slot& slot = slots_[at];
      if (slot.number == 0) return kAbsent;
      if (slot.key == key) return slot.number - 1;
    }
  }

  // The key's index; a new key gets the next one (size() before the call).
  uint32_t insert(uint64_t key) {
    size_t at = home(key);
    for (;; at = (at + 1) & (capacity() - 1)) {
      const Slot& slot = slots_[at];
      if (slot.number == 0) break;
      if (slot.key == key) return slot.number - 1;
    }
    GTSIM_ASSERT(size_ < kAbsent - 1);
    ++size_;
    slots_[at] = Slot{key, size_};
    if (uint64_t{size_} * 10 > uint64_t{capacity()} * 7) grow();
    return size_ - 1;
  }

  // Starts loading the key's first slot (a hint; changes nothing).
  void prefetch(uint64_t key) const { __builtin_prefetch(&slots_[home(key)]); }

  uint32_t size() const { return size_; }
  size_t bytes() const { return capacity() * sizeof(Slot); }

  // Every key inserted, in key order.
  std::vector<uint64_t> sorted_keys() const {
    std::vector<uint64_t> keys;
    keys.reserve(size_);
    for (size_t at = 0; at < capacity(); ++at) {
      if (slots_[at].number != 0) keys.push_back(slots_[at].key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
  }

 private:
  struct Slot {  // all zero when empty
    uint64_t key;
    uint32_t number;  // the key's index plus one; 0: an empty slot
  };
  static constexpr unsigned kInitialBits = 10;

  // The fewest slots (a power of two, at least 2^kInitialBits) that hold
  // `keys` at most 70 % full.
  static unsigned bits_for(uint64_t keys) {
    unsigned bits = kInitialBits;
    while (keys * 10 > (uint64_t{1} << bits) * 7) ++bits;
    return bits;
  }
  size_t capacity() const { return size_t{1} << bits_; }
  size_t home(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - bits_)); }

  // Twice the slots; every key keeps its index.
  void grow() {
    sim::Slab old = std::move(memory_);
    const Slot* old_slots = slots_;
    const size_t old_capacity = capacity();
    ++bits_;
    memory_ = sim::Slab(capacity() * sizeof(Slot));
    slots_ = std::launder(reinterpret_cast<Slot*>(memory_.data()));
    for (size_t i = 0; i < old_capacity; ++i) {
      const Slot& slot = old_slots[i];
      if (slot.number == 0) continue;
      size_t at = home(slot.key);
      while (slots_[at].number != 0) at = (at + 1) & (capacity() - 1);
      slots_[at] = slot;
    }
  }

  unsigned bits_;
  sim::Slab memory_;
  Slot* slots_ = nullptr;
  uint32_t size_ = 0;
};

}  // namespace model
