// reports/expectation_check.h: expectation paths checked against a
// scenario's figures, evaluated on a run, summarised for the terminal.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "model/scenario_loader.h"
#include "model/simulation.h"
#include "reports/expectation_check.h"

namespace {

model::LoadResult load(const std::string& expect) {
  model::LoadResult loaded = model::load_scenario_text(
      "duration: 2s\nregions: [us-east-1, eu-west-1]\ntable: {keys: 100}\n"
      "workload:\n  us-east-1: [{rate: 100}]\n  eu-west-1: [{rate: 50}]\nexpect:\n" +
          expect,
      "e.yaml");
  REQUIRE(loaded.ok());
  return loaded;
}

std::vector<std::string> problems(const model::LoadResult& loaded) {
  std::vector<std::string> out;
  for (const model::Diagnostic& d : reports::check_expectation_paths(loaded.expectations, *loaded.scenario)) {
    out.push_back(d.to_string());
  }
  return out;
}

}  // namespace

TEST_CASE("Expectation check: every path of a run is known before it runs") {
  const std::vector<std::string> paths = reports::metric_paths_for({"a", "b"});
  CHECK(paths.front() == "regions.a.writes");
  CHECK(std::find(paths.begin(), paths.end(), "lag.b->a.p99_ns") != paths.end());
  CHECK(paths.back() == "convergence.divergent_items");
}

TEST_CASE("Expectation check: an unknown path is an error at its place with the nearest path") {
  const model::LoadResult loaded = load(
      "  - conflicts.clobbered >= 0\n"
      "  - clobbered == 0\n"
      "  - lag.us-east-1->eu-west-1.p99 < 1s\n"
      "  - conflicts.clobbered < 1s\n"
      "  - lag.us-east-1->eu-west-1.p99_ns < 1000\n");
  CHECK(problems(loaded) ==
        std::vector<std::string>{
            "e.yaml:9:5: error: expect: no figure is named 'clobbered'; did you mean 'conflicts.clobbered'? "
            "(docs/report-paths.md)",
            "e.yaml:10:5: error: expect: no figure is named 'lag.us-east-1->eu-west-1.p99'; did you mean "
            "'lag.us-east-1->eu-west-1.p99_ns'? (docs/report-paths.md)",
            "e.yaml:11:5: error: expect: 'conflicts.clobbered' is a count, found a duration "
            "'conflicts.clobbered < 1s'",
            "e.yaml:12:5: error: expect: 'lag.us-east-1->eu-west-1.p99_ns' is a duration: write the value with a "
            "unit, e.g. '1s' or '250ms'"});
}

TEST_CASE("Expectation check: outcomes carry the actual value; the summary lists each failure") {
  const model::LoadResult loaded = load(
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
