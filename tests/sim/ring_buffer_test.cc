// sim/ring_buffer.h: FIFO order across growth and wrap-around, and reading
// every item in place.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/ring_buffer.h"

TEST_CASE("RingBuffer: first in, first out across wrap-around and growth; for_each reads front to back in place") {
  sim::RingBuffer<int> queue(4);
  for (int i = 0; i < 3; ++i) queue.push_back(i);
  CHECK(queue.pop_front() == 0);
  CHECK(queue.pop_front() == 1);
  for (int i = 3; i < 10; ++i) queue.push_back(i);  // wraps, then grows from 4 to 8 and 16
  std::vector<int> seen;
  queue.for_each([&](int item) { seen.push_back(item); });
  CHECK(seen == std::vector<int>{2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(queue.size() == 8);  // nothing removed
  for (int expected = 2; expected < 10; ++expected) CHECK(queue.pop_front() == expected);
  CHECK(queue.empty());
}
