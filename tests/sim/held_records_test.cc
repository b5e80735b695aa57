// sim/held_records.h: records held by (lane, number), taken back in turn,
// and taken in bulk in (lane, number) order whatever the hashing.
#include <catch2/catch.hpp>

#include <optional>
#include <vector>

#include "sim/held_records.h"

TEST_CASE("HeldRecords: a record is taken back by its lane and number, once") {
  sim::HeldRecords<int> held(16);
  CHECK(held.empty());
  CHECK_FALSE(held.take(1, 2).has_value());
  held.hold(1, 3, 30);
  held.hold(1, 2, 20);
  held.hold(2, 2, 200);
  CHECK(held.size() == 3);
  CHECK_FALSE(held.take(1, 4).has_value());
  CHECK(held.take(1, 2) == std::optional<int>(20));
  CHECK_FALSE(held.take(1, 2).has_value());
  CHECK(held.take(1, 3) == std::optional<int>(30));
  CHECK(held.take(2, 2) == std::optional<int>(200));
  CHECK(held.empty());
}

TEST_CASE("HeldRecords: take_if removes the matching lanes in (lane, number) order") {
  sim::HeldRecords<int> held;
  // Lanes ending in 0 (mod 4) are one receiver's; others stay.
  const std::vector<std::pair<uint64_t, uint32_t>> order = {{40, 7}, {8, 3}, {5, 1}, {40, 2}, {8, 9}, {12, 4}, {1, 1}};
  for (const auto& [lane, number] : order) held.hold(lane, number, static_cast<int>(lane * 100 + number));
  const std::vector<int> taken = held.take_if([](uint64_t lane) { return lane % 4 == 0; });
  CHECK(taken == std::vector<int>{803, 809, 1204, 4002, 4007});
  CHECK(held.size() == 2);
  CHECK(held.take(5, 1) == std::optional<int>(501));
  CHECK(held.take(1, 1) == std::optional<int>(101));
}
