// Small worlds built directly as Scenario structs, without YAML, for model tests.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "model/scenario.h"
#include "model/simulation.h"

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

// Loads YAML text (which must be valid) and runs it.
inline model::RunResult run_yaml(const std::string& yaml, const std::vector<load::Override>& overrides = {}) {
  load::LoadResult loaded = load::load_scenario_text(yaml, "s.yaml", overrides);
  for (const model::Diagnostic& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(loaded.ok());
  return model::Simulation(*loaded.scenario).run();
}

// Keys below `keys` whose stored version differs between regions a and b.
inline uint64_t items_differing(const model::Simulation& simulation, size_t a, size_t b, uint64_t keys) {
  uint64_t differing = 0;
  for (uint64_t key = 0; key < keys; ++key) {
    const auto in_a = simulation.stored(a, key);
    const auto in_b = simulation.stored(b, key);
    differing += in_a.has_value() != in_b.has_value() || (in_a && in_a->id != in_b->id) ? 1 : 0;
  }
  return differing;
}

}  // namespace gtsim_test
