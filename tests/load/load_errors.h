// Test helpers for the loader's tests: every diagnostic a scenario text gets,
// as the lines `gtsim validate` prints (file "s.yaml"), and a text that must load.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"

namespace gtsim_test {

using Lines = std::vector<std::string>;

inline Lines load_errors(const std::string& yaml) {
  Lines out;
  for (const model::Diagnostic& d : load::load_scenario_text(yaml, "s.yaml").diagnostics) out.push_back(d.to_string());
  return out;
}

// The scenario a text loads to; fails the test (with its diagnostics) if it does not.
inline model::Scenario load_ok(const std::string& yaml) {
  const load::LoadResult loaded = load::load_scenario_text(yaml, "s.yaml");
  for (const model::Diagnostic& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

}  // namespace gtsim_test
