// study/reorder_buffer.h: items put in any order within the window come out
// in sequence order, and no more than the window are ever held.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <vector>

#include "study/reorder_buffer.h"

TEST_CASE("Reorder buffer: hands items back in order, skips empty ones, admits only its window") {
  study::ReorderBuffer<int> buffer(3);
  CHECK(buffer.admits(0));
  CHECK(buffer.admits(2));
  CHECK_FALSE(buffer.admits(3));
  buffer.put(2, 20);
  buffer.put(1, std::nullopt);  // number 1 gave nothing
  CHECK_FALSE(buffer.ready());
  CHECK(buffer.held() == 2);
  buffer.put(0, 0);
  CHECK(buffer.held() == 3);
  CHECK_FALSE(buffer.admits(3));  // full: no fourth until the oldest leaves
  REQUIRE(buffer.ready());
  CHECK(buffer.pop() == std::optional<int>(0));
  CHECK(buffer.admits(3));
  CHECK_FALSE(buffer.admits(4));
  REQUIRE(buffer.ready());
  CHECK(buffer.pop() == std::nullopt);
  REQUIRE(buffer.ready());
  CHECK(buffer.pop() == std::optional<int>(20));
  CHECK(buffer.next() == 3);
  CHECK(buffer.held() == 0);
  CHECK_FALSE(buffer.ready());
  CHECK_FALSE(buffer.admits(2));  // already popped
}

TEST_CASE("Reorder buffer: 100,000 items put in a scrambled order within the window hold at most the window") {
  // Producers take numbers in order while admitted; each finishes after a
  // pseudo-random delay; the consumer pops whatever is ready.
  constexpr size_t kWindow = 8, kItems = 100000;
  study::ReorderBuffer<size_t> buffer(kWindow);
  std::vector<size_t> taken;  // numbers taken, not yet put
  size_t next = 0, expected = 0, most = 0;
  uint64_t state = 88172645463325252ull;
  while (expected < kItems) {
    while (next < kItems && buffer.admits(next) && taken.size() < 5) taken.push_back(next++);
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    if (!taken.empty()) {
      const size_t i = state % taken.size();
      buffer.put(taken[i], taken[i] * 3);
      taken.erase(taken.begin() + static_cast<std::ptrdiff_t>(i));
    }
    most = std::max(most, buffer.held());
    while (buffer.ready()) {
      const std::optional<size_t> item = buffer.pop();
      REQUIRE(item == std::optional<size_t>(expected * 3));
      ++expected;
    }
  }
  CHECK(most <= kWindow);
  CHECK(most >= 2);  // the order was scrambled: items did wait
}
