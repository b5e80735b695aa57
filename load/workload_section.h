// WorkloadChecker: the scenario sections about the clients
// (scenarios/README.md, "Workload", "Retries", "Sessions"): `workload`, a
// map of region name to client groups (rate, a number or a curve read by
// load/traffic_curve.h; arrivals, operation mix, read
// consistency, transactions, the index queries read), the top-level `retry`
// every group starts from, and a group's own `retry` and `sessions`
// (read-your-writes redirects).
//
// Region names are read through the region section (region_ref), so an
// unknown one is reported as everywhere else. A group's `index` is checked
// last, by group_indexes, once the timeline's create_index names are known.
// Reports every problem as a Diagnostic; never throws. Determinism: a pure
// function of the tree.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "load/region_section.h"
#include "load/scenario_values.h"
#include "load/traffic_curve.h"
#include "model/scenario.h"

namespace load {

class WorkloadChecker : public ValueChecker {
 public:
  // Regions are named through *regions, which must outlive this checker.
  WorkloadChecker(std::string file, std::vector<model::Diagnostic>* out, RegionChecker* regions)
      : ValueChecker(file, out), regions_(regions), traces_(file, out), curves_(std::move(file), out, &traces_) {}

  // The top-level `retry:`, which every client group starts from.
  void default_retry(const Node& n);

  // `workload:`: each valid group appended to s->workload[region].
  // REQUIRES: s->workload has one entry per region.
  void workload(const Node& n, model::Scenario* s);

  // Each client group's `index`: a name in s->index_names (table.indexes,
  // then the timeline's create_index names); required when its mix has
  // queries. REQUIRES: workload() and the timeline were read.
  void group_indexes(model::Scenario* s);

 private:
  struct GroupIndex {
    const Node* node;     // the group's map
    std::string path;     // "workload.R[i]"
    size_t region;        // where the group was stored, or SIZE_MAX if it was rejected
    size_t position;
  };

  // run: the scenario's duration, over which a curve is checked.
  std::optional<model::ClientGroupConfig> client_group(const Node& n, const std::string& path, sim::Duration run);
  bool group_modes(const Node& n, const std::string& path, model::ClientGroupConfig* g);
  bool group_rate(const Node& n, const std::string& path, sim::Duration run, model::ClientGroupConfig* g);
  std::optional<model::OperationMix> mix(const Node& n, const std::string& path);
  // `retry:` at `path`, overlaid on *r.
  bool retry(const Node& n, const std::string& path, model::RetryConfig* r);
  // A client group's `sessions:` (read-your-writes redirects).
  bool sessions(const Node& n, const std::string& path, model::SessionConfig* out);

  RegionChecker* regions_;
  TraceReader traces_;          // before curves_, which reads through it
  TrafficCurveChecker curves_;
  model::RetryConfig default_retry_;        // the top-level retry
  std::vector<GroupIndex> group_indexes_;   // client groups whose `index` is checked last
};

}  // namespace load
