// Capacity of one replica: units, burst, partitions, the on-demand ceiling.
#include <catch2/catch.hpp>

#include "model/replica_capacity.h"
#include "tests/model/test_worlds.h"
#include "tests/sim/test_time.h"

using gtsim_test::at_ms;
using gtsim_test::provisioned;
using model::CapacityConfig;
using model::Dimension;
using model::ReplicaCapacity;

namespace {
// Offers `rate` one-unit writes per second to `key` for `seconds`; returns how many were admitted.
int64_t offer(ReplicaCapacity& capacity, uint64_t key, int rate, int seconds, int64_t start_ms = 0) {
  int64_t admitted = 0;
  for (int i = 0; i < rate * seconds; ++i) {
    const int64_t ns = start_ms * 1'000'000 + static_cast<int64_t>(i) * 1'000'000'000 / rate;
    admitted += capacity.try_consume(sim::Instant::from_ns(ns), Dimension::kWrite, key, 1000) ? 1 : 0;
  }
  return admitted;
}
}  // namespace

TEST_CASE("Capacity units: writes per KB, reads per 4 KB, eventual half, transactional double") {
  CHECK(model::write_milli_units(1, false) == 1000);
  CHECK(model::write_milli_units(1024, false) == 1000);
  CHECK(model::write_milli_units(1025, false) == 2000);
  CHECK(model::write_milli_units(2048, true) == 4000);
  CHECK(model::read_milli_units(0, false, false) == 500);   // a missing item still costs
  CHECK(model::read_milli_units(4096, true, false) == 1000);
  CHECK(model::read_milli_units(8192, false, false) == 1000);
  CHECK(model::read_milli_units(8192, true, false) == 2000);
  CHECK(model::read_milli_units(8192, false, true) == 4000);
}

TEST_CASE("Capacity: provisioned burst admits 300 s of unused capacity, then the provisioned rate") {
  // 100 GB of data: 10 partitions, so no partition's 1,000-unit ceiling binds.
  ReplicaCapacity capacity(provisioned(5, 5, 300), 100ull * 1024 * 1024 * 1024, sim::Instant::zero());
  REQUIRE(capacity.partition_count() == 10);
  int64_t admitted = 0;
  for (uint64_t i = 0; i < 1600; ++i) {
    admitted += capacity.try_consume(sim::Instant::zero(), Dimension::kWrite, i, 1000) ? 1 : 0;
  }
  CHECK(admitted == 1500);
  // Then exactly 5 per second: one unit every 200 ms, 49 in [0, 9.99 s].
  CHECK(offer(capacity, 1, 100, 10) == 49);
}

TEST_CASE("Capacity: burst_seconds 0 keeps one second of the provisioned rate, nothing older") {
  ReplicaCapacity capacity(provisioned(100, 100, 0), 0, sim::Instant::zero());
  // A second's worth at once: 100 writes admitted, the 101st throttled.
  for (uint64_t i = 0; i < 100; ++i) REQUIRE(capacity.try_consume(sim::Instant::zero(), Dimension::kWrite, i, 1000));
  CHECK_FALSE(capacity.try_consume(sim::Instant::zero(), Dimension::kWrite, 100, 1000));
  // Then exactly the rate: one every 10 ms, 999 in (0, 9.999 s].
  CHECK(offer(capacity, 3, 1000, 10) == 999);
  // Idle for a minute: still only one second's worth at once.
  int64_t admitted = 0;
  for (uint64_t i = 0; i < 1000; ++i) admitted += capacity.try_consume(at_ms(70'000), Dimension::kWrite, i, 1000) ? 1 : 0;
  CHECK(admitted == 100);
}

TEST_CASE("Capacity: a single hot key throttles at 1,000 WCU/s while the table has room (on demand)") {
  ReplicaCapacity capacity(CapacityConfig{}, 0, sim::Instant::zero());
  REQUIRE(capacity.capacity_units(Dimension::kWrite) == 4000);
  REQUIRE(capacity.partition_count() == 8);  // 4,000 / 1,000 + 12,000 / 3,000
  // 1,500 writes/s to one key for 10 s: its partition admits the 1,000 units
  // it starts with, then one per millisecond up to the last request at 9.9993 s.
  const int64_t hot = offer(capacity, 42, 1500, 10);
  CHECK(hot == 10'999);
  // At the instant of the last hot request the table still has room: keys on
  // other partitions all go through, keys sharing the hot key's partition
  // are throttled with it.
  const sim::Instant last_request = sim::Instant::from_ns(14'999LL * 1'000'000'000 / 1500);
  int other_partitions = 0;
  int same_partition = 0;
  for (uint64_t key = 1000; key < 1100; ++key) {
    const bool admitted = capacity.try_consume(last_request, Dimension::kWrite, key, 1000);
    if (capacity.partition_of(key) == capacity.partition_of(42)) {
      CHECK_FALSE(admitted);
      ++same_partition;
    } else {
      CHECK(admitted);
      ++other_partitions;
    }
  }
  CHECK(same_partition > 0);
  CHECK(other_partitions > 0);
}

TEST_CASE("Capacity: a write its partition refuses takes nothing from the table") {
  ReplicaCapacity capacity(CapacityConfig{}, 0, sim::Instant::zero());
  REQUIRE(capacity.capacity_units(Dimension::kWrite) == 4000);
  // 4,000 one-unit writes to one key at once: its partition admits its 1,000
  // units and refuses the other 3,000, which leave the table's units alone.
  int64_t hot = 0;
  for (int i = 0; i < 4000; ++i) hot += capacity.try_consume(sim::Instant::zero(), Dimension::kWrite, 42, 1000) ? 1 : 0;
  CHECK(hot == 1000);
  // So keys on the other seven partitions (7,000 units) still get the
  // table's remaining 3,000 units at that instant, and not one more.
  int64_t others = 0;
  for (uint64_t key = 1000; key < 6000; ++key) {
    if (capacity.partition_of(key) == capacity.partition_of(42)) continue;
    others += capacity.try_consume(sim::Instant::zero(), Dimension::kWrite, key, 1000) ? 1 : 0;
  }
  CHECK(others == 3000);
}

TEST_CASE("Capacity: partitions follow throughput and size, and never merge") {
  ReplicaCapacity capacity(provisioned(2500, 6000, 300), 25ull * 1024 * 1024 * 1024, sim::Instant::zero());
  CHECK(capacity.partition_count() == 5);  // ceil(2500/1000 + 6000/3000) = 5 > ceil(25 GB / 10 GB) = 3
  capacity.set_provisioned_units(at_ms(1000), Dimension::kWrite, 9000);
  CHECK(capacity.partition_count() == 11);
  capacity.set_provisioned_units(at_ms(2000), Dimension::kWrite, 10);
  CHECK(capacity.partition_count() == 11);
}

TEST_CASE("Capacity: on demand serves 4,000 writes/s new, and twice a peak once it has held 30 minutes") {
  ReplicaCapacity capacity(CapacityConfig{}, 0, sim::Instant::zero());
  // A peak of 3,000 units in second 1 (spread over keys so no partition limits it).
  for (uint64_t i = 0; i < 3000; ++i) REQUIRE(capacity.try_consume(at_ms(500), Dimension::kWrite, i, 1000));
  capacity.end_second(at_ms(1000));
  CHECK(capacity.capacity_units(Dimension::kWrite) == 4000);
  for (int64_t s = 2; s <= 1800; ++s) capacity.end_second(at_ms(s * 1000));
  CHECK(capacity.capacity_units(Dimension::kWrite) == 4000);  // 29 min 59 s after the peak
  capacity.end_second(at_ms(1801 * 1000));
  CHECK(capacity.capacity_units(Dimension::kWrite) == 6000);  // 30 min after it
  CHECK(capacity.partition_count() == 10);                   // 6,000 / 1,000 + 12,000 / 3,000
}

// The sharing rule (docs/model.md): while the applier has a queue, clients
// are guaranteed (1 - s) of the write rate, holding one second of it, and the
// applier s of it plus what the clients leave. 100 WCU, s = 50 %.
TEST_CASE("Capacity: while the applier shares, clients get their half and the applier the rest") {
  ReplicaCapacity capacity(provisioned(100, 100, 0), 0, sim::Instant::zero(), 50.0);
  const auto clients = [&](int64_t ms, int n) {
    int admitted = 0;
    for (int i = 0; i < n; ++i) admitted += capacity.try_consume(at_ms(ms), Dimension::kWrite, 7, 1000) ? 1 : 0;
    return admitted;
  };
  const auto applier = [&](int64_t ms, int n) {
    int admitted = 0;
    for (int i = 0; i < n; ++i) admitted += capacity.try_consume_replicated(at_ms(ms), 7, 1000) ? 1 : 0;
    return admitted;
  };
  // The full one-second bucket, 100 units, splits in half.
  capacity.start_sharing(sim::Instant::zero());
  CHECK(capacity.sharing());
  CHECK(clients(0, 1000) == 50);
  CHECK(applier(0, 1000) == 50);
  // A second later each share has refilled 50; the clients want only 20.
  CHECK(clients(1000, 20) == 20);
  CHECK(applier(1000, 1000) == 50);
  // The clients' share holds one second (50): the 30 they left and the 50
  // more above it flow to the applier, which has 50 + 30 = 80.
  CHECK(applier(2000, 1000) == 80);
  // The queue is empty: the shares merge, the clients' 50 back in the bucket.
  capacity.end_sharing(at_ms(2000));
  CHECK_FALSE(capacity.sharing());
  CHECK(clients(2000, 1000) == 50);
  CHECK(clients(3000, 1000) == 100);
}
