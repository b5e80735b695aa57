// study/study_runner.h with sweep_plan.h, sweep_rows.h, study_summary.h:
// determinism across thread counts and shards, files read back, and common
// random numbers making a paired comparison far tighter than two sweeps.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "study/study_runner.h"
#include "study/study_summary.h"
#include "study/sweep_plan.h"
#include "study/sweep_rows.h"

namespace {

constexpr const char* kWorld =
    "duration: 3s\n"
    "regions: [us-east-1, eu-west-1]\n"
    "table: {keys: 300, key_distribution: {zipf: {exponent: 1.0}}}\n"
    "workload:\n"
    "  us-east-1: [{rate: 150}]\n"
    "  eu-west-1: [{rate: 100}]\n";

struct Study {
  study::SweepPlan plan;
  std::vector<model::Scenario> scenarios;
  study::ColumnMap columns;
};

Study make_study(study::StudyKind kind, std::vector<std::vector<load::Override>> points, uint64_t first_seed,
                 uint64_t last_seed, const std::vector<std::string>& patterns) {
  Study study;
  study.plan.kind = kind;
  study.plan.scenario_file = "world.yaml";
  for (const auto& point : points) {
    for (const load::Override& o : point) {
      if (std::find(study.plan.parameters.begin(), study.plan.parameters.end(), o.path) ==
          study.plan.parameters.end()) {
        study.plan.parameters.push_back(o.path);
      }
    }
    load::LoadResult loaded = load::load_scenario_text(kWorld, "world.yaml", point);
    REQUIRE(loaded.ok());
    study.scenarios.push_back(*loaded.scenario);
  }
  study.plan.points = std::move(points);
  study.plan.first_seed = first_seed;
  study.plan.last_seed = last_seed;
  std::string error;
  auto columns = study::resolve_metrics(study.scenarios, patterns, &study.plan, &error);
  REQUIRE(columns);
  study.columns = *columns;
  return study;
}

std::vector<study::RunRow> run(const Study& study, unsigned jobs, study::Shard shard = {}) {
  study::SweepPlan plan = study.plan;
  plan.shard = shard;
  study::RunnerOptions options;
  options.jobs = jobs;
  return study::run_study(plan, study.scenarios, study.columns, options);
}

std::vector<std::vector<load::Override>> poll_points() {
  return {{{"replication.poll_interval", "100ms"}}, {{"replication.poll_interval", "1s"}}};
}

}  // namespace

TEST_CASE("Study runner: rows and tables are identical for 1 and 3 threads") {
  const Study study = make_study(study::StudyKind::kSweep, poll_points(), 1, 6, {"conflicts.*", "lag.*.p99_ns"});
  CHECK(study.plan.metrics.size() == 8);
  const auto one = run(study, 1);
  const auto three = run(study, 3);
  CHECK(study::runs_jsonl(study.plan, one) == study::runs_jsonl(study.plan, three));
  CHECK(study::runs_csv(study.plan, one) == study::runs_csv(study.plan, three));
  CHECK(study::sweep_summary_csv(study.plan, one) == study::sweep_summary_csv(study.plan, three));
  // Different seeds give different runs.
  CHECK(one[0].values != one[1].values);
}

TEST_CASE("Study runner: shards make disjoint shares whose union is the whole study") {
  const Study study = make_study(study::StudyKind::kSweep, poll_points(), 5, 9, {"conflicts.clobbered"});
  const auto whole = run(study, 2);
  std::vector<study::RunRow> joined(whole.size());
  for (uint64_t i = 0; i < 3; ++i) {
    const auto part = run(study, 2, study::Shard{i, 3});
    for (size_t r = 0; r < part.size(); ++r) {
      CHECK(part[r].done == (r % 3 == i));
      if (part[r].done) joined[r] = part[r];
    }
  }
  CHECK(study::runs_jsonl(study.plan, joined) == study::runs_jsonl(study.plan, whole));
}

TEST_CASE("Study runner: sweep.json and runs.jsonl read back to the same plan and rows") {
  Study study;
  study.plan.kind = study::StudyKind::kCompare;
  study.plan.scenario_file = "dir with space/world.yaml";
  study.plan.parameters = {"replication.poll_interval", "table.keys"};
  study.plan.points = {{{"replication.poll_interval", "500ms"}, {"table.keys", "200"}},
                       {{"replication.poll_interval", "[odd, \"value\"]"}}};
  study.plan.metrics = {"conflicts.clobbered"};
  study.plan.shard = study::Shard{1, 4};
  study.plan.scenario_hash = study::content_hash("world");
  study.plan.gtsim_version = "0.1.0";
  std::string error;
  const auto parsed = study::parse_plan_json(study::plan_json(study.plan), &error);
  REQUIRE(parsed);
  CHECK(study::plan_json(*parsed) == study::plan_json(study.plan));
  CHECK(parsed->points[1][0].value == "[odd, \"value\"]");
  CHECK(study.plan.replay_command(1) ==
        "gtsim run 'dir with space/world.yaml' --seed 1 --set 'replication.poll_interval=[odd, \"value\"]'");

  study::RunRow row;
  row.done = true;
  row.values = {std::optional<int64_t>(-42)};
  size_t run_number = 99;
  study::RunRow back;
  const std::string line = study::row_json(study.plan, 1, row);
  REQUIRE(study::parse_row_json(line, study.plan, &run_number, &back, &error));
  CHECK(run_number == 1);
  CHECK(back.values == row.values);
  CHECK(study::row_json(study.plan, 1, back) == line);
  row.values = {std::nullopt};
  REQUIRE(study::parse_row_json(study::row_json(study.plan, 0, row), study.plan, &run_number, &back, &error));
  CHECK_FALSE(back.values[0].has_value());
  CHECK_FALSE(study::parse_row_json("{\"run\": 7}", study.plan, &run_number, &back, &error));
}

TEST_CASE("Study runner: common random numbers make the paired interval far tighter than two sweeps") {
  // a and b differ only in a pipeline knob; the client traffic of a seed is the same in both.
  const std::vector<std::vector<load::Override>> variants = {{{"replication.poll_interval", "500ms"}},
                                                              {{"replication.poll_interval", "400ms"}}};
  const Study paired = make_study(study::StudyKind::kCompare, variants, 1, 20, {"conflicts.clobbered"});
  const auto rows = run(paired, 2);
  const study::Estimate difference = study::paired_estimate(paired.plan, rows, 0);

  // Two independent sweeps: b on other seeds, so nothing is shared.
  const Study independent = make_study(study::StudyKind::kSweep, variants, 1001, 1020, {"conflicts.clobbered"});
  const auto other = run(independent, 2);
  const study::Estimate a = study::estimate(study::point_values(paired.plan, rows, 0, 0));
  const study::Estimate b = study::estimate(study::point_values(independent.plan, other, 1, 0));
  const double independent_half = std::sqrt(a.ci95_half * a.ci95_half + b.ci95_half * b.ci95_half);

  CAPTURE(difference.mean, difference.ci95_half, a.ci95_half, b.ci95_half, independent_half);
  REQUIRE(difference.n == 20);
  CHECK(difference.ci95_half < 0.5 * independent_half);
  // A shorter poll interval leaves less time for concurrent writes: fewer clobbered.
  CHECK(difference.high() < 0.0);
}
