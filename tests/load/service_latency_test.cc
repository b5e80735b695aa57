// table.service_latency: the service's response time per operation, and
// client group names, which name report paths (scenarios/README.md).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "tests/load/load_errors.h"

using gtsim_test::kMinimal;
using gtsim_test::load_refused;

TEST_CASE("service_latency: defaults are single-digit ms, reads median 2 ms / p99 5 ms, writes 4 ms / 9 ms") {
  const load::LoadResult loaded = load::load_scenario_text(kMinimal, "s.yaml", {});
  REQUIRE(loaded.ok());
  const model::ServiceLatencyConfig& s = loaded.scenario->table.service_latency;
  for (const model::Operation op : {model::Operation::kGet, model::Operation::kQuery}) {
    CHECK(s[op].quantile_ns(0.5) == Approx(2e6));
    CHECK(s[op].quantile_ns(0.99) == Approx(5e6));
    CHECK(s[op].quantile_ns(0.9999) < 9e6);
  }
  for (const model::Operation op : {model::Operation::kPut, model::Operation::kUpdate, model::Operation::kDelete}) {
    CHECK(s[op].quantile_ns(0.5) == Approx(4e6));
    CHECK(s[op].quantile_ns(0.99) == Approx(9e6));
    CHECK(s[op].quantile_ns(0.9999) < 15e6);
  }
}

TEST_CASE("service_latency: each operation takes a latency; the ones not given keep their default") {
  const load::LoadResult loaded = load::load_scenario_text(
      kMinimal +
          "table:\n  service_latency: {get: 1ms, put: {base: 2ms, jitter: {exponential: {mean: 1ms}}}}\n",
      "s.yaml", {});
  REQUIRE(loaded.ok());
  const model::ServiceLatencyConfig& s = loaded.scenario->table.service_latency;
  CHECK(s[model::Operation::kGet].is_constant());
  CHECK(s[model::Operation::kGet].base() == sim::Duration::milliseconds(1));
  CHECK(s[model::Operation::kPut].base() == sim::Duration::milliseconds(2));
  CHECK(s[model::Operation::kPut].mean_ns() == Approx(3e6));
  CHECK(s[model::Operation::kQuery].quantile_ns(0.5) == Approx(2e6));
  CHECK(s[model::Operation::kDelete].quantile_ns(0.5) == Approx(4e6));
}

TEST_CASE("service_latency: an unknown operation or a bad latency is refused with its position") {
  CHECK(load_refused(kMinimal + "table:\n  service_latency: {gett: 2ms, put: -3ms}\n") ==
        std::vector<std::string>{
            "s.yaml:4:21: error: unknown key 'gett' in table.service_latency; did you mean 'get'?",
            "s.yaml:4:37: error: table.service_latency.put: must not be negative, found '-3ms'"});
  CHECK(load_refused(kMinimal + "table:\n  service_latency: 2ms\n") ==
        std::vector<std::string>{"s.yaml:4:20: error: table.service_latency: expected a map of operation to latency, "
                                 "e.g. {get: 2ms, put: 4ms}; found '2ms'"});
}

TEST_CASE("Client group names: a '.' is refused, since the name is a segment of report paths") {
  CHECK(load_refused(kMinimal + "workload:\n  us-east-1:\n    - {name: web.v2, rate: 100}\n") ==
        std::vector<std::string>{"s.yaml:5:14: error: workload.us-east-1[0].name: must not contain '.' (it names the "
                                 "group in report paths), found 'web.v2'"});
}
