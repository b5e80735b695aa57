// Regression tests for what fuzzing, and probing beside it, found
// (tests/fuzz/, docs/robustness.md):
// each input that crashed, hung or leaked, and what it must give now.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "load/scenario_loader.h"
#include "model/simulation.h"

namespace model {
namespace {

std::vector<std::string> messages(const load::LoadResult& result) {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics) out.push_back(d.to_string());
  return out;
}

// A rate of 1e-300 requests per second made the mean gap between requests
// infinite; its conversion to nanoseconds overflowed and the first request
// came at a negative time (histogram assertion "value >= 0"). Rates below
// one request per 1,000,000 s are now refused.
TEST_CASE("Fuzz regression: a vanishing rate is refused, not run (rate 1e-300, 4.9e-324)") {
  const load::LoadResult result = load::load_scenario_text(
      "duration: 1000h\nregions: [us-east-1, eu-west-1]\n"
      "workload:\n  us-east-1: [{rate: 1e-300, arrivals: constant}, {rate: 4.9e-324}]\n",
      "s.yaml");
  CHECK(messages(result) == std::vector<std::string>{
                                "s.yaml:4:22: error: workload.us-east-1[0].rate: must be at least 0.000001 "
                                "requests per second, found 1e-300",
                                "s.yaml:4:58: error: workload.us-east-1[1].rate: must be at least 0.000001 "
                                "requests per second, found 4.9e-324"});
}

TEST_CASE("Fuzz regression: the smallest accepted rate runs (rate 0.000001 for 1000h)") {
  load::LoadResult result = load::load_scenario_text(
      "duration: 1000h\nregions: [us-east-1, eu-west-1]\n"
      "workload:\n  us-east-1: [{rate: 0.000001, arrivals: constant}, {rate: 0.000001}]\n",
      "s.yaml");
  REQUIRE(result.ok());
  Simulation simulation(*result.scenario);
  const RunResult run = simulation.run();
  CHECK(run.stop.reason == StopReason::kCompleted);
}

}  // namespace
}  // namespace model
