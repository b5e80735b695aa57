// reports/expectation_check.h: expectation paths checked against a
// scenario's figures, evaluated on a run, summarised for the terminal.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/expectation_check.h"

namespace {

load::LoadResult with_expect(const std::string& expect) {
  load::LoadResult loaded = load::load_scenario_text(
      "duration: 2s\nregions: [us-east-1, eu-west-1]\ntable: {keys: 100}\n"
      "workload:\n  us-east-1: [{rate: 100}]\n  eu-west-1: [{rate: 50}]\nexpect:\n" +
          expect,
      "e.yaml");
  REQUIRE(loaded.ok());
  return loaded;
}

std::vector<std::string> problems(const load::LoadResult& loaded) {
  std::vector<std::string> out;
  for (const model::Diagnostic& d : reports::check_expectation_paths(loaded.expectations, *loaded.scenario)) {
    out.push_back(d.to_string());
  }
  return out;
}

}  // namespace

TEST_CASE("Expectation check: every path of a run is known before it runs") {
  const std::vector<std::string> paths = reports::metric_paths_for({"a", "b"}, {"by_status"});
  CHECK(paths.front() == "regions.a.writes");
  CHECK(std::find(paths.begin(), paths.end(), "lag.b->a.p99_ns") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "convergence.divergent_items") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "drift.capacity.cost") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "drift.index:by_status.drifted_ns") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "outages.a.unreplicated_at_end_writes") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "scaling.b.last_action_ns") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "cost.monthly_usd") != paths.end());
  CHECK(paths.back() == "cost.regions.b.monthly.transfer_usd");
}

TEST_CASE("Expectation check: drift figures can be expected, per setting the scenario has") {
  const std::string world =
      "duration: 1m\nregions: [us-east-1, eu-west-1]\ntable: {indexes: [by_status]}\nexpect:\n";
  load::LoadResult loaded = load::load_scenario_text(
      world + "  - drift.index:by_status.cost == 0\n  - drift.ttl.drifted_ns == 0\n  - drift.capacity.episodes == 0\n",
      "s.yaml");
  REQUIRE(loaded.ok());
  CHECK(reports::check_expectation_paths(loaded.expectations, *loaded.scenario).empty());
  loaded = load::load_scenario_text(world + "  - drift.index:by_state.cost == 0\n", "s.yaml");
  REQUIRE(loaded.ok());
  const std::vector<model::Diagnostic> unknown = reports::check_expectation_paths(loaded.expectations, *loaded.scenario);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].to_string().find("drift.index:by_status.cost") != std::string::npos);
}

TEST_CASE("Expectation check: an unknown path is an error at its place with the nearest path") {
  const load::LoadResult loaded = with_expect(
      "  - conflicts.clobbered >= 0\n"
      "  - clobbered == 0\n"
      "  - lag.us-east-1->eu-west-1.p99 < 1s\n"
      "  - conflicts.clobbered < 1s\n"
      "  - lag.us-east-1->eu-west-1.p99_ns < 1000\n");
  CHECK(problems(loaded) ==
        std::vector<std::string>{
            "e.yaml:9:5: error: expect: no figure is named 'clobbered'; did you mean 'conflicts.clobbered'? "
            "(docs/report-paths.md)",
            "e.yaml:10:5: error: expect: no figure is named 'lag.us-east-1->eu-west-1.p99'; the summary's column "
            "'p99' is 'lag.us-east-1->eu-west-1.p99_ns' (docs/report-paths.md)",
            "e.yaml:11:5: error: expect: 'conflicts.clobbered' is a count, found a duration "
            "'conflicts.clobbered < 1s'",
            "e.yaml:12:5: error: expect: 'lag.us-east-1->eu-west-1.p99_ns' is a duration: write the value with a "
            "unit, e.g. '1s' or '250ms'"});
}

TEST_CASE("Expectation check: outcomes carry the actual value; the summary lists each failure") {
  const load::LoadResult loaded = with_expect(
      "  - conflicts.clobbered >= 0\n"
      "  - lag.us-east-1->eu-west-1.p99_ns < 1ms\n"
      "  - regions.us-east-1.writes == 0\n");
  REQUIRE(problems(loaded).empty());
  const model::RunResult result = model::Simulation(*loaded.scenario).run();
  const auto outcomes = reports::evaluate_expectations(loaded.expectations, result);
  REQUIRE(outcomes.size() == 3);
  CHECK(outcomes[0].passed);
  CHECK(!outcomes[1].passed);
  CHECK(outcomes[1].actual > 1'000'000);
  CHECK(!outcomes[2].passed);
  const std::string summary = reports::expectation_summary(outcomes);
  CHECK(summary.find("expect       1 of 3 held; FAILED:\n") != std::string::npos);
  CHECK(summary.find("  FAILED  lag.us-east-1->eu-west-1.p99_ns < 1ms: actual ") != std::string::npos);
  CHECK(summary.find(fmt::format("  FAILED  regions.us-east-1.writes == 0: actual {}\n", outcomes[2].actual)) !=
        std::string::npos);
}

TEST_CASE("Expectation check: client group and timeline latency figures can be expected and hold") {
  const load::LoadResult loaded = load::load_scenario_text(
      "duration: 2m\nregions: [us-east-1, eu-west-1]\ntable: {service_latency: {put: 3ms}}\n"
      "workload:\n  us-east-1: [{name: web, rate: 10, arrivals: constant}]\n"
      "timeline:\n  - {at: 1m, shift_traffic: {from: us-east-1, to: eu-west-1}}\n"
      "expect:\n"
      "  - timeline.1.after.groups.us-east-1.web.latency_p50_ns == 73ms\n"
      "  - timeline.1.before.regions.us-east-1.latency_max_ns < 4ms\n"
      "  - groups.us-east-1.web.moved == 600\n"
      "  - timeline.2.after.groups.us-east-1.web.latency_p50_ns == 73ms\n",
      "e.yaml");
  REQUIRE(loaded.ok());
  const std::vector<model::Diagnostic> unknown = reports::check_expectation_paths(loaded.expectations, *loaded.scenario);
  REQUIRE(unknown.size() == 1);  // there is one timeline event
  CHECK(unknown[0].to_string().find("no figure is named 'timeline.2.after.groups.us-east-1.web.latency_p50_ns'; "
                                    "did you mean 'timeline.1.after.groups.us-east-1.web.latency_p50_ns'?") !=
        std::string::npos);
  std::vector<model::Expectation> known(loaded.expectations.begin(), loaded.expectations.begin() + 3);
  for (const reports::ExpectationOutcome& o :
       reports::evaluate_expectations(known, model::Simulation(*loaded.scenario).run())) {
    CHECK(o.passed);
  }
}
