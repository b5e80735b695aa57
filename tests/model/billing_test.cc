// What a region's bill is made of (model/billing.h): request units admitted
// on demand, by requester; the provisioned capacity held, change by change;
// the bytes stored at the end and the bytes replicated out.
#include <catch2/catch.hpp>

#include "model/operation.h"
#include "test_worlds.h"

namespace {

using gtsim_test::kSecondNs;
using gtsim_test::run_yaml;

uint64_t served(const model::RegionResult& region, model::Operation op) {
  return region.operations[static_cast<int>(op)];
}

}  // namespace

TEST_CASE("Billing: on demand, each region counts its own writes, the replicated ones and its reads apart") {
  // 1,500-byte items: 2 write units each, 1 strong read unit (one 4 KB block).
  const model::RunResult result = run_yaml(R"(
duration: 10s
regions: [us-east-1, eu-west-1]
table: {keys: 1000000, item_size: 1500B}
workload:
  us-east-1: [{name: w, rate: 10, arrivals: constant}]
  eu-west-1: [{name: r, rate: 4, arrivals: constant, mix: {get: 100}, consistency: strong}]
)");
  const model::RegionResult& east = result.region_results[0];
  const model::RegionResult& west = result.region_results[1];
  const uint64_t writes = served(east, model::Operation::kPut);
  const uint64_t reads = served(west, model::Operation::kGet);
  REQUIRE(writes == 100);
  REQUIRE(reads == 40);
  CHECK(east.billing.local_write_milli == static_cast<int64_t>(writes) * 2000);
  CHECK(east.billing.replicated_write_milli == 0);
  CHECK(east.billing.read_milli == 0);
  CHECK(west.billing.local_write_milli == 0);
  CHECK(west.billing.replicated_write_milli == static_cast<int64_t>(writes) * 2000);
  CHECK(west.billing.read_milli == static_cast<int64_t>(reads) * 1000);
  CHECK(east.billing.replicated_out_bytes == writes * 1500);
  CHECK(west.billing.replicated_out_bytes == 0);
  // Every written item, once, in both replicas.
  CHECK(east.billing.stored_bytes == result.convergence.items * 1500);
  CHECK(west.billing.stored_bytes == result.convergence.items * 1500);
  // On demand holds no provisioned capacity: one record, from the start.
  REQUIRE(east.billing.capacity.size() == 1);
  CHECK(east.billing.capacity[0].at_ns == 0);
  CHECK(east.billing.capacity[0].replica);
  CHECK(east.billing.capacity[0].write_units == 0);
}

TEST_CASE("Billing: eventually consistent reads count half a unit; a provisioned replica bills no request units") {
  const model::RunResult result = run_yaml(R"(
duration: 10s
version: "2017.11.29"
regions:
  - us-east-1
  - name: eu-west-1
    capacity: {mode: on_demand}
table: {keys: 1000000, capacity: {mode: provisioned, write_units: 50, read_units: 50}}
workload:
  us-east-1: [{name: w, rate: 10, arrivals: constant, mix: {put: 50, get: 50}}]
  eu-west-1: [{name: r, rate: 4, arrivals: constant, mix: {get: 100}}]
)");
  const model::RegionResult& east = result.region_results[0];
  const model::RegionResult& west = result.region_results[1];
  CHECK(east.billing.local_write_milli == 0);
  CHECK(east.billing.read_milli == 0);
  CHECK(west.billing.read_milli == static_cast<int64_t>(served(west, model::Operation::kGet)) * 500);
  CHECK(west.billing.replicated_write_milli == static_cast<int64_t>(served(east, model::Operation::kPut)) * 1000);
  REQUIRE(east.billing.capacity.size() == 1);
  CHECK(east.billing.capacity[0].write_units == 50);
  CHECK(east.billing.capacity[0].read_units == 50);
}

TEST_CASE("Billing: provisioned capacity is recorded at each change, a region without a replica holds none") {
  const model::RunResult result = run_yaml(R"(
duration: 2m
version: "2017.11.29"
regions:
  - us-east-1
  - eu-west-1
  - name: ap-southeast-2
    replica: false
table: {capacity: {mode: provisioned, write_units: 100, read_units: 20}}
timeline:
  - at: 30s
    set_capacity: {region: us-east-1, write_units: 300}
  - at: 40s
    add_replica: {region: ap-southeast-2}
  - at: 90s
    remove_replica: eu-west-1
)");
  const auto& east = result.region_results[0].billing.capacity;
  REQUIRE(east.size() == 2);
  CHECK((east[0].at_ns == 0 && east[0].write_units == 100 && east[0].read_units == 20));
  CHECK((east[1].at_ns == 30 * kSecondNs && east[1].write_units == 300 && east[1].read_units == 20));
  const auto& west = result.region_results[1].billing.capacity;
  REQUIRE(west.size() == 2);
  CHECK((west[1].at_ns == 90 * kSecondNs && !west[1].replica && west[1].write_units == 0));
  CHECK(result.region_results[1].billing.stored_bytes == 0);
  const auto& sydney = result.region_results[2].billing.capacity;
  REQUIRE(sydney.size() == 2);
  CHECK((!sydney[0].replica && sydney[0].write_units == 0));
  CHECK((sydney[1].at_ns == 40 * kSecondNs && sydney[1].replica && sydney[1].write_units == 100));
}
