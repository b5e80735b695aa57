#include "sim/slab.h"

#include <cstdint>
#include <cstring>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "sim/assert.h"

namespace sim {

namespace {

size_t round_up(size_t bytes, size_t unit) { return (bytes + unit - 1) / unit * unit; }

}  // namespace

Slab& Slab::operator=(Slab&& other) noexcept {
  if (this != &other) {
    release();
    data_ = other.data_;
    bytes_ = other.bytes_;
    pages_ = other.pages_;
    other.data_ = nullptr;
    other.bytes_ = 0;
  }
  return *this;
}

#ifdef __linux__

namespace {

// `bytes` (a multiple of the page size) of fresh zero pages; from 2 MiB on
// (then a multiple of it) at a 2 MiB boundary: 2 MiB more is mapped, then
// the unaligned head and the tail are unmapped.
void* map_pages(size_t bytes) {
  if (bytes < Slab::kHugePageBytes) {
    return mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  }
  void* at = mmap(nullptr, bytes + Slab::kHugePageBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (at == MAP_FAILED) return at;
  const auto start = reinterpret_cast<uintptr_t>(at);
  const uintptr_t aligned = round_up(start, Slab::kHugePageBytes);
  if (aligned > start) munmap(at, aligned - start);
  munmap(reinterpret_cast<void*>(aligned + bytes), start + Slab::kHugePageBytes - aligned);
  return reinterpret_cast<void*>(aligned);
}

}  // namespace

void Slab::grow(size_t bytes, size_t used) {
  GTSIM_ASSERT(bytes > bytes_ && used <= bytes_);
  bytes = bytes >= kHugePageBytes ? round_up(bytes, kHugePageBytes)
                                  : round_up(bytes, static_cast<size_t>(sysconf(_SC_PAGESIZE)));
  void* at = data_ == nullptr ? map_pages(bytes) : mremap(data_, bytes_, bytes, MREMAP_MAYMOVE);
  if (at == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  if (pages_ == Pages::kHuge && bytes >= kHugePageBytes) madvise(at, bytes, MADV_HUGEPAGE);  // a hint
#endif
  data_ = static_cast<std::byte*>(at);
  bytes_ = bytes;
}

void Slab::release() {
  if (data_ != nullptr) munmap(data_, bytes_);
  data_ = nullptr;
  bytes_ = 0;
}

#else

void Slab::grow(size_t bytes, size_t used) {
  GTSIM_ASSERT(bytes > bytes_ && used <= bytes_);
  bytes = round_up(bytes, bytes >= kHugePageBytes ? kHugePageBytes : size_t{4096});
  auto* bigger = static_cast<std::byte*>(::operator new[](bytes, std::align_val_t{64}));
  if (used > 0) std::memcpy(bigger, data_, used);
  std::memset(bigger + used, 0, bytes - used);
  release();
  data_ = bigger;
  bytes_ = bytes;
}

void Slab::release() {
  if (data_ != nullptr) ::operator delete[](data_, std::align_val_t{64});
  data_ = nullptr;
  bytes_ = 0;
}

#endif

}  // namespace sim
