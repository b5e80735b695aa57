// Test helpers for the loader's tests: every diagnostic a scenario text gets,
// as the lines `gtsim validate` prints (file "s.yaml"), a text that must load,
// and the small worlds several test files start from. They live here, once,
// because the test files compile together in unity batches.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"

namespace gtsim_test {

using Lines = std::vector<std::string>;

// The smallest scenario that loads: two catalogue regions for 10 minutes.
inline const std::string kMinimal = "duration: 10m\nregions: [us-east-1, eu-west-1]\n";
// The same two regions for a minute.
inline const std::string kTwoRegions = "duration: 1m\nregions: [us-east-1, eu-west-1]\n";
// The same two regions for 20 minutes: room for a timeline's events.
inline const std::string kWorld = "duration: 20m\nregions: [us-east-1, eu-west-1]\n";

// Every diagnostic a text gets, whether it loads or not.
inline Lines load_errors(const std::string& yaml) {
  Lines out;
  for (const model::Diagnostic& d : load::load_scenario_text(yaml, "s.yaml").diagnostics) out.push_back(d.to_string());
  return out;
}

// The diagnostics of a text (with `overrides`) that must not load; fails the test if it does.
inline Lines load_refused(const std::string& yaml, const std::vector<load::Override>& overrides = {}) {
  const load::LoadResult result = load::load_scenario_text(yaml, "s.yaml", overrides);
  CHECK_FALSE(result.ok());
  Lines out;
  for (const model::Diagnostic& d : result.diagnostics) out.push_back(d.to_string());
  return out;
}

// The scenario a text loads to (with `overrides`, as `file`); fails the test
// (with its diagnostics) if it does not.
inline model::Scenario load_ok(const std::string& yaml, const std::vector<load::Override>& overrides = {},
                               const std::string& file = "s.yaml") {
  load::LoadResult loaded = load::load_scenario_text(yaml, file, overrides);
  for (const model::Diagnostic& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(loaded.ok());
  return std::move(*loaded.scenario);
}

// Every diagnostic of kWorld with one timeline event.
inline Lines timeline_errors(const std::string& event) {
  return load_errors(kWorld + "timeline:\n  - " + event + "\n");
}

}  // namespace gtsim_test
