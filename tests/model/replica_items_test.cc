// Tests for model/key_index.h, model/key_values.h and model/replica_items.h:
// a sparse store holds only the items touched, reads an untouched item as
// the initial state, and no report depends on the layout (issue 18, B3).
#include "model/replica_items.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "model/key_index.h"
#include "model/key_values.h"
#include "model/run_estimate.h"
#include "model/simulation.h"
#include "reports/json_report.h"

namespace model {
namespace {

constexpr uint64_t kTenBillion = 10'000'000'000;

TEST_CASE("KeyIndex: numbers 64-bit keys in order of first insertion, through growth") {
  KeyIndex index;
  std::vector<uint64_t> keys;
  for (uint64_t i = 0; i < 5000; ++i) keys.push_back((i * 7919 + 13) * 1'000'003 % kTenBillion);
  keys.push_back(kTenBillion - 1);
  keys.push_back(UINT64_MAX - 1);
  for (size_t i = 0; i < keys.size(); ++i) CHECK(index.insert(keys[i]) == i);
  CHECK(index.size() == keys.size());
  for (size_t i = 0; i < keys.size(); ++i) CHECK(index.find(keys[i]) == i);
  CHECK(index.insert(keys[17]) == 17);  // known: same index, nothing added
  CHECK(index.size() == keys.size());
  CHECK(index.find(4) == KeyIndex::kAbsent);
  std::vector<uint64_t> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  CHECK(index.sorted_keys() == sorted);
  // At most 70 % full after any insertion: 5,002 keys in 8,192 slots.
  CHECK(index.bytes() == 8192 * 16);
}

TEST_CASE("KeyIndex: a table made for the keys a run expects holds them without growing") {
  KeyIndex index(180'000);  // B3's writes: 2^18 slots keep 180,000 keys under 70 % full
  CHECK(index.bytes() == (size_t{1} << 18) * 16);
  for (uint64_t i = 0; i < 180'000; ++i) REQUIRE(index.insert(i * 55'555 + 1) == i);
  CHECK(index.bytes() == (size_t{1} << 18) * 16);
  CHECK(index.find(uint64_t{179'999} * 55'555 + 1) == 179'999);
  for (uint64_t i = 180'000; i < 190'000; ++i) index.insert(i * 55'555 + 1);  // past them, it grows
  CHECK(index.bytes() == (size_t{1} << 19) * 16);
  CHECK(index.find(uint64_t{189'999} * 55'555 + 1) == 189'999);
  CHECK(index.find(17 * 55'555 + 1) == 17);
  CHECK(KeyIndex(0).bytes() == 1024 * 16);
}

TEST_CASE("KeyValues: dense over a small key space, sparse over 10^10 keys, same values") {
  KeyValues<int64_t> dense(1000, -1);
  KeyValues<int64_t> sparse(kTenBillion, -1);
  CHECK(dense.dense());
  CHECK_FALSE(sparse.dense());
  CHECK(sparse.get(kTenBillion - 1) == -1);
  sparse.at(kTenBillion - 1) = 7;
  dense.at(999) = 7;
  CHECK(sparse.get(kTenBillion - 1) == 7);
  CHECK(dense.get(999) == 7);
  CHECK(sparse.get(999) == -1);
}

TEST_CASE("ReplicaItems: a block keeps what its stored winner weighs, the absent size before any write") {
  for (const ItemLayout layout : {ItemLayout::kDense, ItemLayout::kSparse}) {
    ReplicaItems items(2, 1000, layout, 1'024);
    const ReplicaItems& view = items;
    CHECK(view.stored_size_bytes(1, 999) == 1'024);  // a prepopulated item never written
    items.store(1, 999, 5, 3'000);
    items.admitted(1, 999, 0) = 9;
    items.seen(1, 999)[1] = 2;
    items.newest(999) = 5;
    CHECK(view.stored(1, 999) == 5);
    CHECK(view.stored_size_bytes(1, 999) == 3'000);
    CHECK(view.stored_size_bytes(0, 999) == 1'024);  // the other region's block
    CHECK(view.admitted(1, 999, 0) == 9);
    CHECK(view.seen(1, 999)[0] == 0);
    CHECK(view.seen(1, 999)[1] == 2);
    CHECK(view.newest(999) == 5);
    CHECK(view.stored_size_bytes(0, 998) == 1'024);  // the item before is untouched
  }
}

TEST_CASE("ReplicaItems: a sparse store reads untouched items as the initial state and allocates none for reads") {
  ReplicaItems items(3, kTenBillion);
  const ReplicaItems& view = items;
  CHECK_FALSE(items.dense());
  CHECK(view.stored(2, kTenBillion - 1) == kNoWrite);
  CHECK(view.newest(5) == kNoWrite);
  CHECK(view.last_commit_ns(0, 5) == INT64_MIN);
  CHECK(view.seen(1, 5)[2] == 0);
  CHECK(view.admitted(1, 5, 0) == 0);
  items.prefetch(0, 77);
  CHECK(items.touched() == 0);
  CHECK(items.untouched() == kTenBillion);

  items.seen(1, 9'999'999'000)[2] = 4;
  items.store(0, 9'999'999'000, 12, 1'500);
  items.admitted(0, 9'999'999'000, 1) = 7;
  items.newest(42) = 3;
  CHECK(items.touched() == 2);
  CHECK(view.seen(1, 9'999'999'000)[2] == 4);
  CHECK(view.seen(0, 9'999'999'000)[2] == 0);  // another region's block of the item
  CHECK(view.stored(0, 9'999'999'000) == 12);
  CHECK(view.stored(1, 9'999'999'000) == kNoWrite);
  CHECK(view.newest(42) == 3);
  CHECK(view.stored(0, 42) == kNoWrite);
  CHECK(view.admitted(1, 9'999'999'000, 2) == 0);  // admitted is apart from seen
  // The winner's size, seen[] and admitted[] of the other regions share no bytes.
  CHECK(view.stored_size_bytes(0, 9'999'999'000) == 1'500);
  CHECK(view.admitted(0, 9'999'999'000, 1) == 7);
  CHECK(view.admitted(0, 9'999'999'000, 2) == 0);
  CHECK(view.seen(0, 9'999'999'000)[1] == 0);
  CHECK(view.stored_size_bytes(1, 9'999'999'000) == 0);
}

TEST_CASE("ReplicaItems: the footprint follows the items touched, at most 64 bytes per item and region") {
  ReplicaItems items(3, kTenBillion);
  const size_t empty = items.bytes();
  constexpr uint64_t kTouched = 180'000;  // B3's writes in one simulated minute
  for (uint64_t i = 0; i < kTouched; ++i) items.store(i % 3, i * 55'555 + 1, static_cast<WriteSlot>(i), 1'024);
  CHECK(items.touched() == kTouched);
  // Each item: 16 bytes of key and newest write, 3 blocks of 40; its key
  // index slot; chunks of 1,024 items: 136 + 16 / 0.69 bytes here.
  const double per_item_region = static_cast<double>(items.bytes() - empty) / (3.0 * kTouched);
  CHECK(per_item_region <= 64.0);
  CHECK(per_item_region >= 136.0 / 3);
  // The same items in a dense store of a small key space would take every key's blocks.
  CHECK(ReplicaItems::dense_bytes(3, kTenBillion) > 1e12);
}

TEST_CASE("ReplicaItems: a cursor walks the touched keys in key order and meets keys touched ahead of it") {
  ReplicaItems items(2, kTenBillion);
  for (const uint64_t key : {900u, 100u, 500u}) items.store(0, key, 1, 1'024);
  ReplicaItems::Cursor cursor;
  CHECK(items.next_touched(cursor, 0) == 100);
  CHECK(items.next_touched(cursor, 101) == 500);
  items.store(1, 50, 1, 1'024);  // behind the walk: not met
  items.store(1, 700, 1, 1'024); // ahead of it: met
  CHECK(items.next_touched(cursor, 501) == 700);
  CHECK(items.next_touched(cursor, 701) == 900);
  CHECK(items.next_touched(cursor, 901) == kTenBillion);
  std::vector<uint64_t> in_order;
  items.for_each_touched_in_order([&](uint64_t key) { in_order.push_back(key); });
  CHECK(in_order == std::vector<uint64_t>{50, 100, 500, 700, 900});

  ReplicaItems dense(2, 1000);
  ReplicaItems::Cursor every;
  CHECK(dense.dense());
  CHECK(dense.next_touched(every, 321) == 321);  // dense: every key has state
  CHECK(dense.touched() == 1000);
}

std::string report_with(Scenario scenario, ItemLayout layout) {
  scenario.table.item_layout = layout;
  return reports::json_report(Simulation(scenario).run());
}

TEST_CASE("ReplicaItems: dense and sparse stores give byte-identical reports on the library scenarios",
          "[layout]") {
  // Backfill of a prepopulated table, TTL under both versions, MRSC,
  // coalescing, outages and partitions, zipf and hot keys.
  const char* names[] = {"add-replica-backfill", "ttl-storm-2017", "ttl-storm-2019", "mrsc-vs-mrec",
                         "failover-2019",        "partition-heal", "zipf-conflicts", "hot-key-throttle",
                         "follow-the-sun",       "fis-pause-replication"};
  for (const char* name : names) {
    const load::LoadResult loaded = load::load_scenario_file(
        (std::filesystem::path(GTSIM_SOURCE_DIR) / "scenarios" / (std::string(name) + ".yaml")).string());
    REQUIRE(loaded.ok());
    INFO(name);
    CHECK(report_with(*loaded.scenario, ItemLayout::kDense) == report_with(*loaded.scenario, ItemLayout::kSparse));
  }
}

// B1's world for 10 s (the same links without jitter), with `table`; r2
// without a replica at the start when `add_r2`.
Scenario b3_like(const std::string& table, bool add_r2 = false) {
  const std::string r2 = add_r2 ? "{name: r2, replica: false}" : "r2";
  const load::LoadResult loaded = load::load_scenario_text(
      "seed: 1\nduration: 10s\nregions: [r0, r1, " + r2 + "]\nnetwork:\n  links:\n"
      "    - {between: [r0, r1], latency: {base: 40ms}}\n    - {between: [r0, r2], latency: {base: 100ms}}\n"
      "    - {between: [r1, r2], latency: {base: 80ms}}\n"
      "replication: {poll_interval: 0s, apply_time: 0s}\n" + table +
          "workload:\n  r0: [{rate: 1000}]\n  r1: [{rate: 1000}]\n" + (add_r2 ? "" : "  r2: [{rate: 1000}]\n"),
      "b3.yaml");
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

TEST_CASE("World: B1 on 10^10 keys holds only the items its writes touched", "[layout]") {
  Simulation simulation(b3_like("table: {keys: 10000000000}\n"));
  const RunResult result = simulation.run();
  const Simulation::ItemFootprint footprint = simulation.item_footprint();
  CHECK_FALSE(footprint.dense);
  // About 30,000 writes on 10^10 uniform keys: (almost) every one a new item.
  CHECK(result.convergence.items == footprint.touched_items);
  CHECK(footprint.touched_items > 29'000);
  CHECK(footprint.touched_items < 31'000);
  CHECK(static_cast<double>(footprint.bytes) <= 64.0 * 3 * static_cast<double>(footprint.touched_items) + (1 << 20));
  CHECK(result.region_results[0].billing.stored_bytes == 1024 * footprint.touched_items);
}

TEST_CASE("World: untouched items of a prepopulated 10^10-key table are counted and backfilled in closed form",
          "[layout]") {
  Simulation simulation(b3_like("table: {keys: 10000000000, prepopulated: true, item_size: 2KB}\n"
                                "timeline:\n  - {at: 2s, add_replica: {region: r2, backfill_rate: 5000000000}}\n",
                                true));
  const RunResult result = simulation.run();
  REQUIRE(result.replica_changes.size() == 1);
  const ReplicaChange& add = result.replica_changes[0];
  CHECK(add.outcome == ReplicaOutcome::kActive);
  CHECK(add.items == kTenBillion);  // every item, each once: about 2 s at 5 x 10^9 items/s
  CHECK(add.backfill_ns >= 1'900'000'000);
  CHECK(add.backfill_ns <= 2'100'000'000);
  // No deletes in the mix: every replica stores all 10^10 items at 2 KB.
  for (const RegionResult& region : result.region_results) CHECK(region.billing.stored_bytes == kTenBillion * 2048);
  CHECK(result.convergence.divergent_items == 0);
  CHECK(simulation.item_footprint().touched_items < 25'000);
}

}  // namespace
}  // namespace model

namespace model {
namespace {

TEST_CASE("World: reads of a 10^10-key table touch no item", "[layout]") {
  const load::LoadResult loaded = load::load_scenario_text(
      "seed: 1\nduration: 5s\nregions: [us-east-1, eu-west-1]\ntable: {keys: 10000000000}\n"
      "workload:\n  us-east-1: [{rate: 1000, mix: {get: 100}}]\n"
      "  eu-west-1: [{rate: 1000, mix: {get: 90, delete: 10}}]\n",
      "reads.yaml");
  REQUIRE(loaded.ok());
  Simulation simulation(*loaded.scenario);
  const RunResult result = simulation.run();
  CHECK(result.convergence.items == 0);
  // Gets and deletes of absent items (no-ops) leave no state behind.
  CHECK(simulation.item_footprint().touched_items == 0);
  CHECK_FALSE(simulation.item_footprint().dense);
}

}  // namespace
}  // namespace model

TEST_CASE("Item layout: dense for a small key space or one the run writes a quarter of, sparse otherwise",
          "[layout]") {
  const auto bench = [](const char* name) {
    const load::LoadResult loaded = load::load_scenario_file(
        (std::filesystem::path(GTSIM_SOURCE_DIR) / "scenarios" / "bench" / (std::string(name) + ".yaml")).string());
    REQUIRE(loaded.ok());
    return *loaded.scenario;
  };
  CHECK(model::plan_items(bench("b1")).layout == model::ItemLayout::kDense);  // 100,000 keys: 19 MB dense
  // 1,000,000 keys in two regions (64 MB dense) and about 6.6 M writes.
  CHECK(model::plan_items(bench("b2")).layout == model::ItemLayout::kDense);
  model::Scenario b3 = bench("b3");  // 100,000,000 keys, 180,000 writes
  CHECK(model::plan_items(b3).layout == model::ItemLayout::kSparse);
  // The distinct keys 180,000 uniform writes are expected to touch: 10^8 x (1 - e^-0.0018).
  CHECK(model::plan_items(b3).expected_items == 179'839);
  model::Scenario skewed = b3;
  skewed.table.key_distribution.kind = model::KeyDistributionKind::kZipf;  // keys repeat: no estimate
  CHECK(model::plan_items(skewed).expected_items == 0);
  b3.duration = sim::Duration::hours(2);  // 21.6 M writes: under a quarter of the keys
  CHECK(model::plan_items(b3).layout == model::ItemLayout::kSparse);
  b3.duration = sim::Duration::hours(5);  // 54 M writes: more than a quarter
  CHECK(model::plan_items(b3).layout == model::ItemLayout::kDense);
  b3.table.item_layout = model::ItemLayout::kSparse;  // a forced layout is kept
  CHECK(model::plan_items(b3).layout == model::ItemLayout::kSparse);
}
