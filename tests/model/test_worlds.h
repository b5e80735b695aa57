// Small worlds built directly as Scenario structs, without YAML, for model tests.
#pragma once

#include <string>
#include <vector>

#include "model/scenario.h"

namespace gtsim_test {

// Regions named as given, every ordered pair at `latency`, replication
// pipeline zeroed (ship at commit, no apply time), no client traffic.
inline model::Scenario make_world(const std::vector<std::string>& names, sim::LatencyModel latency,
                                  uint64_t keys = 16, sim::Duration duration = sim::Duration::seconds(1)) {
  model::Scenario scenario;
  scenario.name = "test";
  scenario.seed = 7;
  scenario.duration = duration;
  for (const std::string& name : names) scenario.regions.push_back(model::RegionConfig{name, {}, {}});
  scenario.one_way_latency.assign(names.size() * names.size(), latency);
  scenario.replication.poll_interval = sim::Duration::zero();
  scenario.replication.apply_time = sim::LatencyModel();
  scenario.table.key_count = keys;
  scenario.workload.resize(names.size());
  return scenario;
}

inline void set_latency(model::Scenario& scenario, size_t from, size_t to, sim::LatencyModel latency) {
  scenario.one_way_latency[from * scenario.regions.size() + to] = latency;
}

inline model::ClientGroupConfig writers(double rate_per_second, std::string name = "0") {
  model::ClientGroupConfig group;
  group.name = std::move(name);
  group.rate_per_second = rate_per_second;
  return group;
}

inline sim::Duration ms(int64_t n) { return sim::Duration::milliseconds(n); }
inline sim::Instant at_ms(int64_t n) { return sim::Instant::from_ns(n * 1'000'000); }

}  // namespace gtsim_test
