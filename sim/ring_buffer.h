// RingBuffer: a FIFO queue on one contiguous, power-of-two sized array.
//
// Grows by doubling when full and never shrinks, so a queue that has reached
// its peak length allocates nothing more (docs/design.md, law 3); std::deque would
// allocate and free blocks as it moves. T must be trivially copyable.
#pragma once

#include <cstddef>
#include <type_traits>
#include <vector>

#include "sim/assert.h"

namespace sim {

template <class T>
class RingBuffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  explicit RingBuffer(size_t initial_capacity = 16) {
    size_t capacity = 1;
    while (capacity < initial_capacity) capacity *= 2;
    items_.resize(capacity);
  }

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }

  void push_back(const T& item) {
    if (size_ == items_.size()) grow();
    items_[(head_ + size_) & (items_.size() - 1)] = item;
    ++size_;
  }

  // REQUIRES: !empty()
  const T& front() const {
    GTSIM_ASSERT(size_ > 0);
    return items_[head_];
  }

  // Calls f(item) for each item, front to back, without removing any.
  template <class F>
  void for_each(F&& f) const {
    for (size_t i = 0; i < size_; ++i) f(items_[(head_ + i) & (items_.size() - 1)]);
  }

  // REQUIRES: !empty()
  T pop_front() {
    GTSIM_ASSERT(size_ > 0);
    T item = items_[head_];
    head_ = (head_ + 1) & (items_.size() - 1);
    --size_;
    return item;
  }

 private:
  void grow() {
    std::vector<T> bigger(items_.size() * 2);
    for (size_t i = 0; i < size_; ++i) bigger[i] = items_[(head_ + i) & (items_.size() - 1)];
    items_.swap(bigger);
    head_ = 0;
  }

  std::vector<T> items_;
  size_t head_ = 0;
  size_t size_ = 0;
};

}  // namespace sim
