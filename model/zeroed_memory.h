// ZeroedMemory: a block of zeroed bytes for the sparse stores' large arrays
// (model/key_index.h, model/replica_items.h).
//
// Below 2 MiB it comes from calloc. From 2 MiB on it is mapped from the
// system (mmap), 2 MiB aligned and asked for in huge pages (madvise, a hint:
// without it, small pages). A mapping's pages are zero until first written
// and each is faulted in when first touched, so nothing is written to clear
// it and its resident memory follows the bytes touched; with huge pages
// (2 MiB) a block costs one fault per 2 MiB touched instead of one per 4 KiB.
//
// Invariants: bytes() zeroed bytes at data() until written; the block is
// released (free or munmap) with its owner. Determinism: addresses are never
// exposed to the simulation's results.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>

namespace model {

class ZeroedMemory {
 public:
  static constexpr size_t kHugePageBytes = size_t{2} << 20;

  ZeroedMemory() = default;
  explicit ZeroedMemory(size_t bytes)
      : bytes_(bytes >= kHugePageBytes ? (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes : bytes),
        mapped_(bytes >= kHugePageBytes) {
    data_ = static_cast<std::byte*>(mapped_ ? map(bytes_) : std::calloc(bytes_, 1));
    if (data_ == nullptr) throw std::bad_alloc();
  }
  ZeroedMemory(ZeroedMemory&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), bytes_(std::exchange(other.bytes_, 0)), mapped_(other.mapped_) {}
  ZeroedMemory& operator=(ZeroedMemory&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(bytes_, other.bytes_);
    std::swap(mapped_, other.mapped_);
    return *this;
  }
  ZeroedMemory(const ZeroedMemory&) = delete;
  ZeroedMemory& operator=(const ZeroedMemory&) = delete;
  ~ZeroedMemory() { release(); }

  std::byte* data() const { return data_; }
  size_t bytes() const { return bytes_; }

 private:
  // `bytes` (a multiple of 2 MiB) at a 2 MiB boundary: map 2 MiB more than
  // needed, then unmap the unaligned head and the tail.
  static void* map(size_t bytes) {
    void* at = mmap(nullptr, bytes + kHugePageBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (at == MAP_FAILED) return nullptr;
    const auto start = reinterpret_cast<uintptr_t>(at);
    const uintptr_t aligned = (start + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
    if (aligned > start) munmap(at, aligned - start);
    munmap(reinterpret_cast<void*>(aligned + bytes), start + kHugePageBytes - aligned);
#ifdef MADV_HUGEPAGE
    madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
#endif
    return reinterpret_cast<void*>(aligned);
  }
  void release() {
    if (data_ == nullptr) return;
    if (mapped_) {
      munmap(data_, bytes_);
    } else {
      std::free(data_);
    }
  }

  std::byte* data_ = nullptr;
  size_t bytes_ = 0;
  bool mapped_ = false;
};

}  // namespace model
