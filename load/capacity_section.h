// CapacityChecker: a `capacity:` map (scenarios/README.md, "Capacity"),
// wherever one is written: table.capacity, a region's own capacity, and a
// timeline set_capacity, each overlaid on the settings it changes (keys not
// given keep their value). Also the capacity units of add_replica's
// migration, and the rules of version 2019.11.21 (docs/sources.md, Versions
// and settings): a provisioned table needs write auto scaling, and the
// synchronized settings (capacity mode, write units, write auto scaling,
// on-demand warm and maximum write throughput) are the same in every
// replica, while read settings may differ per replica.
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

// The settings version 2019.11.21 keeps the same in every replica: mode,
// write_units, write auto scaling, warm_write_units, max_write_units.
void copy_synchronized(const model::CapacityConfig& from, model::CapacityConfig* to);
// The others, which each replica may override: read units and read auto
// scaling, warm_read_units, max_read_units, and the model's knobs (burst,
// partition ceilings).
void copy_per_replica(const model::CapacityConfig& from, model::CapacityConfig* to);
// "write_units is 5 here and 1000 in R" for the first synchronized setting
// in which `here` differs from `there`, or "" when they agree.
std::string synchronized_difference(const model::CapacityConfig& here, const model::CapacityConfig& there,
                                    const std::string& there_name);

// The service's refusal of a provisioned table without write auto scaling
// under 2019.11.21, with what to do.
inline constexpr const char* kWriteAutoScaledMessage =
    "Table write capacity should either be Pay-Per-Request or AutoScaled (version 2019.11.21 refuses a "
    "provisioned global table without write auto scaling: add auto_scaling.write, use mode: on_demand, or set "
    "version: \"2017.11.29\")";

class CapacityChecker : public ValueChecker {
 public:
  CapacityChecker(std::string file, std::vector<model::Diagnostic>* out) : ValueChecker(std::move(file), out) {}

  // `capacity:` at `path`, overlaid on *c. False after reporting a problem.
  bool capacity(const Node& n, const std::string& path, model::CapacityConfig* c);

  // Capacity units: an integer from min to max.
  std::optional<int64_t> units(const Node& n, const std::string& path, int64_t min, int64_t max);

  // Version 2019.11.21's rules over the replicas' starting capacity: each
  // provisioned one is write auto scaled, and all agree on the synchronized
  // settings. A problem is reported at the region's own capacity node, or
  // at table.capacity when the region has none (`table_node`, null when
  // absent); each node once.
  void synchronized_settings(const model::Scenario& s, const Node* table_node,
                             const std::vector<const Node*>& region_nodes,
                             const std::vector<std::string>& region_paths);

  // The most capacity units a scenario may give anything.
  static constexpr int64_t kUnitsMax = 1'000'000;

 private:
  bool fits_mode(const Node& n, const std::string& path, const model::CapacityConfig& c);
  bool auto_scaling(const Node& n, const std::string& path, model::AutoScalingConfig* a);
};

}  // namespace load
