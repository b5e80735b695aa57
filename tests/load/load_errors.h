// Test helper for the loader's tests: every diagnostic a scenario text gets,
// as the lines `gtsim validate` prints (file "s.yaml").
#pragma once

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

}  // namespace gtsim_test
