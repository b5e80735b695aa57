// Slab: one contiguous block of zeroed memory, 64-byte aligned, that grows
// without copying its contents; the large arrays of the item store, its key
// index and the write table live in slabs.
//
// On Linux its pages come from the system (mmap) and growing remaps them
// (mremap): the kernel moves the page tables, not the bytes, so a slab that
// grows to N bytes never holds 2N at once. Pages are zero until written and
// each is faulted in when first touched, so nothing is written to clear a
// slab and its resident memory follows the bytes touched. From 2 MiB on a
// new slab starts at a 2 MiB boundary and, unless made with Pages::kSmall,
// asks for huge pages (a hint: without it, small pages): an array touched
// at random (the item store, its key index) costs one fault per 2 MiB
// instead of one per 4 KiB. One that fills as it grows (the write table)
// takes small pages: on a VM a fresh huge page costs far more than the
// small pages it stands for (B2: 0.94 s of system time against 0.21 s,
// docs/performance.md). A slab that grows goes wherever the kernel remaps
// it: it keeps asking for the pages it was made with (the kernel gives huge
// ones to its 2 MiB-aligned parts), but no longer starts on a boundary, and
// a move may split the huge pages it had. Elsewhere it falls back to a new
// zeroed block and a copy.
//
// Invariants: bytes() >= the bytes asked for (rounded up to pages, or to
// 2 MiB from 2 MiB on); a byte never written reads as zero. Contents are
// all a caller sees: addresses never reach a result.
#pragma once

#include <cstddef>

namespace sim {

class Slab {
 public:
  static constexpr size_t kHugePageBytes = size_t{2} << 20;
  enum class Pages { kHuge, kSmall };  // asked for from 2 MiB on

  Slab() = default;
  explicit Slab(Pages pages) : pages_(pages) {}
  // A slab of `bytes` zeroed bytes (none for 0).
  explicit Slab(size_t bytes) {
    if (bytes > 0) grow(bytes, 0);
  }
  Slab(const Slab&) = delete;
  Slab& operator=(const Slab&) = delete;
  Slab(Slab&& other) noexcept : data_(other.data_), bytes_(other.bytes_), pages_(other.pages_) {
    other.data_ = nullptr;
    other.bytes_ = 0;
  }
  Slab& operator=(Slab&& other) noexcept;
  ~Slab() { release(); }

  std::byte* data() const { return data_; }
  size_t bytes() const { return bytes_; }

  // Grows to at least `bytes` (more than now), keeping the first `used`
  // bytes; the bytes past the old size are zero; the data may move. Throws
  // std::bad_alloc if the system refuses.
  void grow(size_t bytes, size_t used);

 private:
  void release();

  std::byte* data_ = nullptr;
  size_t bytes_ = 0;
  Pages pages_ = Pages::kHuge;
};

}  // namespace sim
