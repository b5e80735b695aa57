// study/study_runner.h with sweep_plan.h, sweep_rows.h, study_summary.h:
// determinism across thread counts and shards, rows handed in run order
// while the study runs (never held to its end), files read back, and common
// random numbers making a paired comparison far tighter than two sweeps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "study/study_runner.h"
#include "study/study_summary.h"
#include "study/study_tally.h"
#include "study/sweep_plan.h"
#include "study/sweep_rows.h"

namespace {

// The scenario every point of these studies varies.
constexpr const char* kStudyWorld =
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
    load::LoadResult loaded = load::load_scenario_text(kStudyWorld, "world.yaml", point);
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

// What the sink saw: runs.jsonl and runs.csv as they would be written, the
// tally, and each row's figures by run (for the checks of this file only).
struct Seen {
  explicit Seen(const study::SweepPlan& plan) : tally(plan), csv(study::runs_csv_header(plan)) {}
  study::StudyTally tally;
  std::string jsonl;
  std::string csv;
  std::map<size_t, std::vector<std::optional<int64_t>>> values;
  study::StudyRunStats stats;
};

// Runs the study on `jobs` threads (its shard `shard`), seeing every row.
std::unique_ptr<Seen> run_with_jobs(const Study& study, unsigned jobs, study::Shard shard = {}) {
  study::SweepPlan plan = study.plan;
  plan.shard = shard;
  study::RunnerOptions options;
  options.jobs = jobs;
  auto seen = std::make_unique<Seen>(study.plan);
  seen->stats = study::run_study(plan, study.scenarios, study.columns, options,
                                 [&](size_t number, const study::RunRow& row) {
                                   seen->jsonl += study::row_json(study.plan, number, row);
                                   seen->csv += study::row_csv(study.plan, number, row);
                                   seen->values[number] = row.values;
                                   std::string error;
                                   return seen->tally.add(number, row, &error);
                                 });
  return seen;
}

std::vector<std::vector<load::Override>> poll_points() {
  return {{{"replication.poll_interval", "100ms"}}, {{"replication.poll_interval", "1s"}}};
}

}  // namespace

TEST_CASE("Study runner: rows and tables are identical for 1 and 3 threads") {
  const Study study = make_study(study::StudyKind::kSweep, poll_points(), 1, 6, {"conflicts.*", "lag.*.p99_ns"});
  CHECK(study.plan.metrics.size() == 8);
  const auto one = run_with_jobs(study, 1);
  const auto three = run_with_jobs(study, 3);
  CHECK(one->stats.handed == 12);
  CHECK(one->jsonl == three->jsonl);
  CHECK(one->csv == three->csv);
  CHECK(study::sweep_summary_csv(study.plan, one->tally) == study::sweep_summary_csv(study.plan, three->tally));
  // Different seeds give different runs.
  CHECK(one->values.at(0) != one->values.at(1));
}

TEST_CASE("Study runner: shards make disjoint shares whose union is the whole study") {
  const Study study = make_study(study::StudyKind::kSweep, poll_points(), 5, 9, {"conflicts.clobbered"});
  const auto whole = run_with_jobs(study, 2);
  std::map<size_t, std::string> joined;  // run -> its line
  for (uint64_t i = 0; i < 3; ++i) {
    const auto part = run_with_jobs(study, 2, study::Shard{i, 3});
    for (const auto& [number, values] : part->values) {
      CHECK(number % 3 == i);
      study::RunRow row;
      row.values = values;
      joined[number] = study::row_json(study.plan, number, row);
    }
  }
  std::string lines;
  for (const auto& [number, line] : joined) lines += line;
  CHECK(joined.size() == 10);
  CHECK(lines == whole->jsonl);
}

TEST_CASE("Study runner: rows reach the sink in run order as the runs finish, never held to the end") {
  // 40 runs on 3 threads with a window of 4: when the sink gets run r, at
  // most the window's runs beyond it have started. A runner that kept the
  // rows and handed them at the end would have started all 40 by then.
  const Study study = make_study(study::StudyKind::kSweep, poll_points(), 1, 20, {"conflicts.clobbered"});
  std::atomic<size_t> started{0};
  study::RunnerOptions options;
  options.jobs = 3;
  options.reorder_window = 4;
  options.limits = [&] {
    started.fetch_add(1);
    return model::RunLimits{};
  };
  std::vector<size_t> order;
  size_t most_ahead = 0;
  const study::StudyRunStats stats =
      study::run_study(study.plan, study.scenarios, study.columns, options, [&](size_t number, const study::RunRow&) {
        order.push_back(number);
        most_ahead = std::max(most_ahead, started.load() - order.size());
        return true;
      });
  REQUIRE(order.size() == 40);
  for (size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i);
  CHECK(stats.handed == 40);
  CHECK(stats.most_held <= 4);
  // Started and not yet handed: the window, the one being handed excepted.
  CHECK(most_ahead <= 4);
}

TEST_CASE("Study runner: a sink that fails stops the study; later rows are not handed") {
  const Study study = make_study(study::StudyKind::kSweep, poll_points(), 1, 20, {"conflicts.clobbered"});
  study::RunnerOptions options;
  options.jobs = 2;
  std::atomic<size_t> started{0};
  options.limits = [&] {
    started.fetch_add(1);
    return model::RunLimits{};
  };
  size_t handed = 0;
  const study::StudyRunStats stats = study::run_study(study.plan, study.scenarios, study.columns, options,
                                                      [&](size_t, const study::RunRow&) { return ++handed < 3; });
  CHECK(stats.sink_stopped);
  CHECK(handed == 3);
  CHECK(stats.handed == 3);
  CHECK(started.load() <= 3 + study::kReorderRunsPerWorker * 2);
}

TEST_CASE("Study runner: a cancellation hands every run finished before it, in order, and starts no other") {
  const Study study = make_study(study::StudyKind::kSweep, poll_points(), 1, 20, {"conflicts.clobbered"});
  study::RunnerOptions options;
  options.jobs = 2;
  std::atomic<bool> cancel{false};
  options.cancelled = [&] { return cancel.load(); };
  std::vector<size_t> order;
  const study::StudyRunStats stats =
      study::run_study(study.plan, study.scenarios, study.columns, options, [&](size_t number, const study::RunRow&) {
        order.push_back(number);
        if (order.size() == 5) cancel.store(true);
        return true;
      });
  CHECK(stats.handed == order.size());
  CHECK(order.size() >= 5);
  CHECK(order.size() < 40);
  for (size_t i = 1; i < order.size(); ++i) CHECK(order[i] > order[i - 1]);
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
  const auto rows = run_with_jobs(paired, 2);
  const study::Estimate difference = rows->tally.paired(0);

  // Two independent sweeps: b on other seeds, so nothing is shared.
  const Study independent = make_study(study::StudyKind::kSweep, variants, 1001, 1020, {"conflicts.clobbered"});
  const auto other = run_with_jobs(independent, 2);
  const study::Estimate a = rows->tally.estimate(0, 0);
  const study::Estimate b = other->tally.estimate(1, 0);
  const double independent_half = std::sqrt(a.ci95_half * a.ci95_half + b.ci95_half * b.ci95_half);

  CAPTURE(difference.mean, difference.ci95_half, a.ci95_half, b.ci95_half, independent_half);
  REQUIRE(difference.n == 20);
  CHECK(difference.ci95_half < 0.5 * independent_half);
  // A shorter poll interval leaves less time for concurrent writes: fewer clobbered.
  CHECK(difference.high() < 0.0);
}
