#include "sim/slab.h"

#include <cstring>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "sim/assert.h"

namespace sim {

namespace {

// Below this a slab is a few pages; huge pages would only round it up.
constexpr size_t kHugeBytesMin = size_t{2} << 20;

}  // namespace

Slab& Slab::operator=(Slab&& other) noexcept {
  if (this != &other) {
    release();
    data_ = other.data_;
    bytes_ = other.bytes_;
    other.data_ = nullptr;
    other.bytes_ = 0;
  }
  return *this;
}

#ifdef __linux__

void Slab::grow(size_t bytes, size_t used) {
  GTSIM_ASSERT(bytes > bytes_ && used <= bytes_);
  void* at = data_ == nullptr ? mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                              : mremap(data_, bytes_, bytes, MREMAP_MAYMOVE);
  if (at == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  if (bytes >= kHugeBytesMin) madvise(at, bytes, MADV_HUGEPAGE);  // a hint: without it, small pages
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
  auto* bigger = static_cast<std::byte*>(::operator new[](bytes, std::align_val_t{64}));
  if (used > 0) std::memcpy(bigger, data_, used);
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
