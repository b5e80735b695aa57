// study/sweep_plan.h: a sweep.json that gtsim did not write as it is, is
// refused with what is wrong (`gtsim merge` prints it after the file name).
// The round trip of a good one is in study_runner_test.cc.
#include <catch2/catch.hpp>

#include <string>

#include "study/sweep_plan.h"

namespace {

study::SweepPlan small_plan() {
  study::SweepPlan plan;
  plan.scenario_file = "world.yaml";
  plan.parameters = {"table.keys"};
  plan.points = {{{"table.keys", "300"}}};
  plan.metrics = {"conflicts.clobbered"};
  return plan;
}

// The error for sweep.json with the first `from` replaced by `to`.
std::string refused(const std::string& from, const std::string& to) {
  std::string text = study::plan_json(small_plan());
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::string error;
  CHECK_FALSE(study::parse_plan_json(text, &error));
  return error;
}

}  // namespace

TEST_CASE("Sweep plan: a malformed sweep.json is refused and says what is wrong") {
  std::string error;
  REQUIRE(study::parse_plan_json(study::plan_json(small_plan()), &error));
  CHECK(refused("\"gtsim_study\": 1", "\"gtsim_study\": 2") == "not a gtsim study file (sweep.json of version 1)");
  CHECK(refused("{", "[").starts_with("not a valid study file: offset "));
  CHECK(refused("\"sweep\"", "\"grid\"") == "unknown study kind 'grid'");
  CHECK(refused("\"kind\": \"sweep\",", "") == "not a valid study file: 'kind' is missing");
  CHECK(refused("\"first_seed\": 1", "\"first_seed\": -1") ==
        "not a valid study file: 'first_seed' is not an unsigned integer");
  CHECK(refused("\"metrics\": [", "\"metrics\": [7, ") ==
        "not a valid study file: 'metrics' is not an array of strings");
  CHECK(refused("\"300\"", "300") == "not a valid study file: a point is not a list of [path, value] pairs");
  CHECK(refused("\"count\": 1", "\"count\": \"1\"") == "not a valid study file: 'count' is not an unsigned integer");
  CHECK(refused("\"runs\": 1", "\"runs\": 2") == "inconsistent study file (points, seeds, runs or shard)");
}
