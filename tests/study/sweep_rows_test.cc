// study/sweep_rows.h: a line of runs.jsonl that gtsim did not write as it
// is, is refused with what is wrong (`gtsim merge` prints it after FILE:LINE).
// The round trip of good rows is in study_runner_test.cc.
#include <catch2/catch.hpp>

#include <string>

#include "study/sweep_rows.h"

namespace {

study::SweepPlan small_plan() {
  study::SweepPlan plan;
  plan.scenario_file = "world.yaml";
  plan.parameters = {"table.keys"};
  plan.points = {{{"table.keys", "300"}}};
  plan.last_seed = 2;
  plan.metrics = {"conflicts.clobbered"};
  return plan;
}

std::string good_line() {
  study::RunRow row;
  row.values = {5};
  return study::row_json(small_plan(), 1, row);
}

// The error for run 1's line with the first `from` replaced by `to`.
std::string refused(const std::string& from, const std::string& to) {
  std::string line = good_line();
  const size_t at = line.find(from);
  REQUIRE(at != std::string::npos);
  line.replace(at, from.size(), to);
  size_t run = 0;
  study::RunRow row;
  std::string error;
  CHECK_FALSE(study::parse_row_json(line, small_plan(), &run, &row, &error));
  return error;
}

}  // namespace

TEST_CASE("Sweep rows: a malformed line of runs.jsonl is refused and says what is wrong") {
  size_t run = 0;
  study::RunRow row;
  std::string error;
  REQUIRE(study::parse_row_json(good_line(), small_plan(), &run, &row, &error));
  CHECK(run == 1);
  CHECK(row.values == std::vector<std::optional<int64_t>>{5});
  CHECK(refused("{\"run\"", "[{\"run\"").starts_with("not a valid row: offset "));
  CHECK_FALSE(study::parse_row_json("[1]", small_plan(), &run, &row, &error));
  CHECK(error == "not a JSON object");
  CHECK(refused("\"run\": 1", "\"run\": 0") == "run 0 does not belong to this study");
  CHECK(refused("\"seed\": 2", "\"seed\": -2") == "not a valid row: 'seed' is not an unsigned integer");
  CHECK(refused("\"stop\": \"completed\", ", "") == "not a valid row: 'stop' is missing");
  CHECK(refused("\"completed\"", "\"done\"") == "unknown stop 'done'");
  CHECK(refused(": 5}", ": 5, \"x\": 1}") == "its metrics are not the study's");
  CHECK(refused("clobbered\": 5", "clobered\": 5") == "figure 'conflicts.clobbered' is missing");
  CHECK(refused(": 5}", ": 5.5}") == "not a valid row: figure 'conflicts.clobbered' is not an integer");
}
