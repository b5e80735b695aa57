// sim/slab.h: growing keeps the bytes written, from a few pages to past a
// huge page, and a moved-from slab holds nothing.
#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>

#include "sim/slab.h"

TEST_CASE("Slab: grows from 64 KiB to 16 MiB keeping what was written; aligned to 64 bytes; moves") {
  sim::Slab slab;
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
