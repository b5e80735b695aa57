// sim/slab.h: growing keeps the bytes written, from a few pages to past a
// huge page, and a moved-from slab holds nothing.
#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>

#include "sim/slab.h"

TEST_CASE("Slab: grows from 64 KiB to 16 MiB keeping what was written; aligned to 64 bytes; moves") {
  // Either kind of pages: huge (the item store's) or small (the write table's).
  sim::Slab slab(GENERATE(sim::Slab::Pages::kHuge, sim::Slab::Pages::kSmall));
  CHECK(slab.data() == nullptr);
  size_t bytes = size_t{64} << 10;
  slab.grow(bytes, 0);
  auto word = [&](size_t i) -> uint64_t& { return reinterpret_cast<uint64_t*>(slab.data())[i]; };
  size_t written = 0;
  while (bytes <= (size_t{16} << 20)) {
    CHECK(reinterpret_cast<uintptr_t>(slab.data()) % 64 == 0);
    for (size_t i = written; i < bytes / 8; ++i) word(i) = i * 2654435761u;
    written = bytes / 8;
    slab.grow(bytes * 2, bytes);
    bytes *= 2;
    CHECK(slab.bytes() == bytes);
    size_t wrong = 0;
    for (size_t i = 0; i < written; ++i) wrong += word(i) == i * 2654435761u ? 0 : 1;
    CHECK(wrong == 0);
  }
  sim::Slab moved = std::move(slab);
  CHECK(slab.data() == nullptr);
  CHECK(slab.bytes() == 0);
  CHECK(moved.bytes() == bytes);
  CHECK(reinterpret_cast<uint64_t*>(moved.data())[written - 1] == (written - 1) * 2654435761u);
}

TEST_CASE("Slab: bytes never written read as zero, before and after growing; 2 MiB and more start 2 MiB aligned") {
  sim::Slab small(100);
  CHECK(small.bytes() >= 100);
  size_t nonzero = 0;
  for (size_t i = 0; i < small.bytes(); ++i) nonzero += small.data()[i] != std::byte{0} ? 1 : 0;
  CHECK(nonzero == 0);
  small.data()[0] = std::byte{7};
  const size_t before = small.bytes();
  small.grow(size_t{3} << 20, 1);
  CHECK(small.bytes() == (size_t{4} << 20));  // rounded up to whole huge pages
  CHECK(small.data()[0] == std::byte{7});
  for (size_t i = before; i < small.bytes(); ++i) nonzero += small.data()[i] != std::byte{0} ? 1 : 0;
  CHECK(nonzero == 0);
  const sim::Slab large(sim::Slab::kHugePageBytes + 1);
  CHECK(large.bytes() == 2 * sim::Slab::kHugePageBytes);
  CHECK(reinterpret_cast<uintptr_t>(large.data()) % sim::Slab::kHugePageBytes == 0);
  CHECK(sim::Slab(0).data() == nullptr);
}
