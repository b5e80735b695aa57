// study/sweep_rows.h: a line of runs.jsonl that gtsim did not write as it
// is, is refused with what is wrong (`gtsim merge` prints it after FILE:LINE).
// The round trip of good rows is in study_runner_test.cc.
#include <catch2/catch.hpp>

#include <string>

#include "study/sweep_rows.h"

namespace {

// A one-point plan of seeds 1 and 2: what run 1's row is read against.
study::SweepPlan two_seed_plan() {
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
  return study::row_json(two_seed_plan(), 1, row);
}

// The error for run 1's line with the first `from` replaced by `to`.
std::string refused_row(const std::string& from, const std::string& to) {
  std::string line = good_line();
  const size_t at = line.find(from);
  REQUIRE(at != std::string::npos);
  line.replace(at, from.size(), to);
  size_t run = 0;
  study::RunRow row;
  std::string error;
  CHECK_FALSE(study::parse_row_json(line, two_seed_plan(), &run, &row, &error));
  return error;
}

}  // namespace

TEST_CASE("Sweep rows: a malformed line of runs.jsonl is refused and says what is wrong") {
  size_t run = 0;
  study::RunRow row;
  std::string error;
  REQUIRE(study::parse_row_json(good_line(), two_seed_plan(), &run, &row, &error));
  CHECK(run == 1);
  CHECK(row.values == std::vector<std::optional<int64_t>>{5});
  CHECK(refused_row("{\"run\"", "[{\"run\"").starts_with("not a valid row: offset "));
  CHECK_FALSE(study::parse_row_json("[1]", two_seed_plan(), &run, &row, &error));
  CHECK(error == "not a JSON object");
  CHECK(refused_row("\"run\": 1", "\"run\": 0") == "run 0 does not belong to this study");
  CHECK(refused_row("\"seed\": 2", "\"seed\": -2") == "not a valid row: 'seed' is not an unsigned integer");
  CHECK(refused_row("\"stop\": \"completed\", ", "") == "not a valid row: 'stop' is missing");
  CHECK(refused_row("\"completed\"", "\"done\"") == "unknown stop 'done'");
  CHECK(refused_row(": 5}", ": 5, \"x\": 1}") == "its metrics are not the study's");
  CHECK(refused_row("clobbered\": 5", "clobered\": 5") == "figure 'conflicts.clobbered' is missing");
  CHECK(refused_row(": 5}", ": 5.5}") == "not a valid row: figure 'conflicts.clobbered' is not an integer");
}
