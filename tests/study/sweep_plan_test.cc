// study/sweep_plan.h: a sweep.json that gtsim did not write as it is, is
// refused with what is wrong (`gtsim merge` prints it after the file name).
// The round trip of a good one is in study_runner_test.cc.
#include <catch2/catch.hpp>

#include <string>

#include "study/sweep_plan.h"

namespace {

// A one-point plan as gtsim writes it: with the scenario's hash and gtsim's version.
study::SweepPlan written_plan() {
  study::SweepPlan plan;
  plan.scenario_file = "world.yaml";
  plan.parameters = {"table.keys"};
  plan.points = {{{"table.keys", "300"}}};
  plan.metrics = {"conflicts.clobbered"};
  plan.scenario_hash = study::content_hash("duration: 1m\n");
  plan.gtsim_version = "0.1.0";
  return plan;
}

// The error for sweep.json with the first `from` replaced by `to`.
std::string refused_plan(const std::string& from, const std::string& to) {
  std::string text = study::plan_json(written_plan());
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
  REQUIRE(study::parse_plan_json(study::plan_json(written_plan()), &error));
  CHECK(refused_plan("\"gtsim_study\": 2", "\"gtsim_study\": 3") == "not a gtsim study file (sweep.json of version 2)");
  CHECK(refused_plan("\"gtsim_study\": 2", "\"gtsim_study\": 1") ==
        "a study file of version 1, written before gtsim recorded the scenario's hash and its own version in it; "
        "run the study again");
  CHECK(refused_plan("{", "[").starts_with("not a valid study file: offset "));
  CHECK(refused_plan("\"sweep\"", "\"grid\"") == "unknown study kind 'grid'");
  CHECK(refused_plan("\"kind\": \"sweep\",", "") == "not a valid study file: 'kind' is missing");
  CHECK(refused_plan("\"first_seed\": 1", "\"first_seed\": -1") ==
        "not a valid study file: 'first_seed' is not an unsigned integer");
  CHECK(refused_plan("\"metrics\": [", "\"metrics\": [7, ") ==
        "not a valid study file: 'metrics' is not an array of strings");
  CHECK(refused_plan("\"300\"", "300") == "not a valid study file: a point is not a list of [path, value] pairs");
  CHECK(refused_plan("\"count\": 1", "\"count\": \"1\"") ==
        "not a valid study file: 'count' is not an unsigned integer");
  CHECK(refused_plan("\"runs\": 1", "\"runs\": 2") == "inconsistent study file: 'runs' is 2, not points x seeds = 1");
}

// Issue 14: merge trusted sweep.json. Huge seed ranges aborted with
// bad_alloc, an inverted one "merged 0 runs", and every count went unchecked.
TEST_CASE("Sweep plan: every number and count of sweep.json is checked") {
  CHECK(refused_plan("\"last_seed\": 1", "\"last_seed\": 99999999") ==
        "inconsistent study file: seeds 1..99999999 (at most 1000000 seeds)");
  CHECK(refused_plan("\"last_seed\": 1", "\"last_seed\": 18446744073709551615") ==
        "inconsistent study file: seeds 1..18446744073709551615 (at most 1000000 seeds)");
  CHECK(refused_plan("\"first_seed\": 1", "\"first_seed\": 9") ==
        "inconsistent study file: first_seed 9 is above last_seed 1");
  CHECK(refused_plan("\"first_seed\": 1", "\"first_seed\": 18446744073709551616") ==
        "not a valid study file: 'first_seed' is not an unsigned integer");
  CHECK(refused_plan("\"count\": 1", "\"count\": 0") ==
        "inconsistent study file: shard 0/0 (0 <= index < count <= 1000000)");
  CHECK(refused_plan("\"table.keys\"", "\"table.ttl\"") ==  // the first is the parameter's
        "inconsistent study file: a point sets 'table.keys', which is not among the parameters");
  CHECK(refused_plan("\"kind\": \"sweep\"", "\"kind\": \"compare\"") ==
        "inconsistent study file: a compare of 1 points (2: a and b)");
  CHECK(refused_plan("\"parameters\": [", "\"parameters\": [\"table.keys\", ") ==
        "inconsistent study file: parameter 'table.keys' twice");
  CHECK(refused_plan("fnv1a64:", "md5:") == "not a valid study file: 'scenario_hash' or 'gtsim_version' is malformed");
  CHECK(refused_plan("\"partial\": false", "\"partial\": 0") ==
        "not a valid study file: 'partial' is not true or false");
}

TEST_CASE("Sweep plan: the content hash is FNV-1a 64; plans of one study differ only in partial") {
  CHECK(study::content_hash("") == "fnv1a64:cbf29ce484222325");
  CHECK(study::content_hash("a") == "fnv1a64:af63dc4c8601ec8c");
  study::SweepPlan a = written_plan();
  study::SweepPlan b = a;
  b.partial = true;
  CHECK(study::same_study(a, b));
  b.scenario_hash = study::content_hash("duration: 2m\n");
  CHECK_FALSE(study::same_study(a, b));
}
