// CapacityChecker: a `capacity:` map (scenarios/README.md, "Capacity"),
// wherever one is written: table.capacity, a region's own capacity, and a
// timeline set_capacity, each overlaid on the settings it changes (keys not
// given keep their value). Also the capacity units of add_replica's
// migration.
//
// Reports every problem as a Diagnostic (load/scenario_values.h); never
// throws. Determinism: a pure function of the tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "load/scenario_values.h"
#include "model/scenario.h"

namespace load {

class CapacityChecker : public ValueChecker {
 public:
  CapacityChecker(std::string file, std::vector<model::Diagnostic>* out) : ValueChecker(std::move(file), out) {}

  // `capacity:` at `path`, overlaid on *c. False after reporting a problem.
  bool capacity(const Node& n, const std::string& path, model::CapacityConfig* c);

  // Capacity units: an integer from min to max.
  std::optional<int64_t> units(const Node& n, const std::string& path, int64_t min, int64_t max);

  // The most capacity units a scenario may give anything.
  static constexpr int64_t kUnitsMax = 1'000'000;

 private:
  bool fits_mode(const Node& n, const std::string& path, const model::CapacityConfig& c);
  bool auto_scaling(const Node& n, const std::string& path, model::AutoScalingConfig* a);
};

}  // namespace load
