// Settings a scenario writes that the mode it chose ignores: warnings, not
// errors (the run is what the user asked for, with a setting that does
// nothing), each at the setting's own file:line:column. Silent nonsense is
// the one thing a validator must not let through quietly (issue 17):
//
//   - capacity: `burst_seconds` where every replica taking it is on demand
//     for the whole run (on-demand capacity keeps no burst);
//     `warm_write_units`, `warm_read_units`, `max_write_units`,
//     `max_read_units` where every one is provisioned (they are on-demand
//     settings). A replica's modes are its starting one and those of its
//     set_capacity events; a key of table.capacity is taken by the regions
//     whose own capacity does not set it;
//   - a client group: `consistency` with no gets in its mix (it is the gets'),
//     `index` with no queries, `sessions` with no writes to follow;
//   - `settings_sync.delay` with settings_sync not enabled.
//
// Run only on a scenario the loader accepted, so that the tree and the
// Scenario agree item by item. Determinism: a pure function of both.
#pragma once

#include <string>
#include <vector>

#include "load/scenario_values.h"
#include "model/scenario.h"

namespace load {

// A region's own `capacity:` node (null when it has none) and its key path.
struct RegionCapacity {
  const Node* node = nullptr;
  std::string path;  // "regions[1].capacity"
};

class IgnoredSettingsChecker : public ValueChecker {
 public:
  using ValueChecker::ValueChecker;

  // `regions[r]`: regions[r].capacity, one per region of `s`.
  void check(const Node& root, const model::Scenario& s, const std::vector<RegionCapacity>& regions);

 private:
  void capacity_map(const Node& map, const std::string& path, const model::Scenario& s,
                    const std::vector<size_t>& takers, const std::vector<RegionCapacity>& own);
  void client_groups(const Node& workload, const model::Scenario& s);
};

}  // namespace load
