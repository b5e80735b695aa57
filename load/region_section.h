// RegionChecker: the scenario sections about where the replicas are and how
// records travel between them (scenarios/README.md, "Regions", "Network",
// "Replication"): `regions` (names, clocks, which start with a replica),
// `network.links` (one-way latencies; the built-in catalogue's RTT / 2,
// load/region_catalogue.h, for pairs not given) and `replication` (polls,
// batches, apply time).
//
// Every other section names regions through region_ref, so an unknown
// region is reported the same way everywhere, and not again when its name
// was already reported under `regions`. Reports every problem as a
// Diagnostic; never throws. Determinism: a pure function of the tree.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "load/scenario_values.h"
#include "model/scenario.h"
#include "sim/distribution.h"

namespace load {

class RegionChecker : public ValueChecker {
 public:
  RegionChecker(std::string file, std::vector<model::Diagnostic>* out) : ValueChecker(std::move(file), out) {}

  // `regions:`: each valid, unique region appended to s->regions.
  void regions(const Node& n, model::Scenario* s);

  // `network:` (null when absent) and the catalogue: s->one_way_latency.
  // REQUIRES: regions() was read.
  void latencies(const Node* network, model::Scenario* s);

  // `replication:`.
  void replication(const Node& n, model::ReplicationConfig* r);

  // The index of a region named by n, or nullopt (reported unless the name
  // was declared in `regions` and already reported there).
  std::optional<size_t> region_ref(const Node& n, const std::string& path);

  // Valid region r's own `capacity:` node, or null; and its "regions[i]".
  const Node* capacity_node(size_t r) const { return region_capacity_nodes_[r]; }
  const std::string& region_path(size_t r) const { return region_paths_[r]; }

 private:
  void clock(const Node& n, const std::string& path, model::ClockConfig* out);
  void links(const Node& network, size_t count, std::vector<std::optional<sim::LatencyModel>>* matrix,
             std::vector<std::string>* given_by);
  // The directed pairs a link names; false after reporting a problem.
  bool link_pairs(const Node& link, const std::string& path, std::vector<std::pair<size_t, size_t>>* pairs);

  std::vector<const Node*> region_capacity_nodes_;  // regions[i].capacity, or null
  std::vector<std::string> declared_;           // every scalar name under `regions`, valid or not
  bool too_many_regions_ = false;               // refused before any was read: references are not checked
  std::vector<std::string> region_names_;       // valid, unique, in order: index = region index
  std::vector<const Node*> region_nodes_;       // the name node of each valid region
  std::vector<std::string> region_paths_;       // "regions[i]" of each valid region
};

}  // namespace load
