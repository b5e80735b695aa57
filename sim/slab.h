// Slab: one contiguous, 64-byte aligned block of memory that grows without
// copying its contents.
//
// On Linux its pages come from the system (mmap) and growing remaps them
// (mremap): the kernel moves the page tables, not the bytes, so a slab that
// grows to N bytes never holds 2N at once, and only the pages written take
// memory. Large slabs ask for huge pages (a hint, as the item store does):
// a random walk over hundreds of megabytes misses the TLB less. Elsewhere it
// falls back to a new block and a copy. Contents and addresses are all a
// caller sees; nothing here affects a result.
#pragma once

#include <cstddef>

namespace sim {

class Slab {
 public:
  Slab() = default;
  Slab(const Slab&) = delete;
  Slab& operator=(const Slab&) = delete;
  Slab(Slab&& other) noexcept : data_(other.data_), bytes_(other.bytes_) {
    other.data_ = nullptr;
    other.bytes_ = 0;
  }
  Slab& operator=(Slab&& other) noexcept;
  ~Slab() { release(); }

  std::byte* data() const { return data_; }
  size_t bytes() const { return bytes_; }

  // Grows to `bytes` (more than now), keeping the first `used` bytes; the
  // data may move. Throws std::bad_alloc if the system refuses.
  void grow(size_t bytes, size_t used);

 private:
  void release();

  std::byte* data_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace sim
