// KeyValues<T>: one value per key of a table, `initial` until it is set.
//
// Dense (an array over the key space) while that takes at most
// kDenseBytesMax; sparse above: a KeyIndex numbers the keys set, their values
// in an array of the keys touched, so memory follows them, not the key
// space. get() never allocates. Determinism: nothing iterates the values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/key_index.h"

namespace model {

template <class T>
class KeyValues {
 public:
  static constexpr size_t kDenseBytesMax = size_t{32} << 20;

  KeyValues(uint64_t key_count, T initial)
      : dense_(static_cast<double>(key_count) * sizeof(T) <= static_cast<double>(kDenseBytesMax)),
        initial_(initial) {
    if (dense_) values_.assign(key_count, initial);
  }

  T get(uint64_t key) const {
    if (dense_) return values_[key];
    const uint32_t index = index_.find(key);
    return index == KeyIndex::kAbsent ? initial_ : values_[index];
  }
  T& at(uint64_t key) {
    if (dense_) return values_[key];
    const uint32_t index = index_.insert(key);
    if (index == values_.size()) values_.push_back(initial_);
    return values_[index];
  }

  bool dense() const { return dense_; }

 private:
  bool dense_;
  T initial_;
  KeyIndex index_;
  std::vector<T> values_;
};

}  // namespace model
