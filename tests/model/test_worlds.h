// Small worlds built directly as Scenario structs, without YAML, for model
// tests, and the pieces several of them share (timeline events, capacity, a
// drift episode): once, here, because the test files compile together in
// unity batches.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "model/scenario.h"
#include "model/simulation.h"
#include "tests/sim/test_time.h"

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

// A timeline event: region `region` goes out at `at`, fully and as an
// ordinary outage unless `scope` and `cause` say otherwise.
inline model::TimelineEvent outage(size_t region, sim::Duration at,
                                   model::OutageScope scope = model::OutageScope::kFull,
                                   model::OutageCause cause = model::OutageCause::kOutage) {
  model::TimelineEvent e;
  e.kind = model::TimelineKind::kOutage;
  e.region = region;
  e.at = at;
  e.outage.scope = scope;
  e.outage.cause = cause;
  return e;
}

// A timeline event: region `region` recovers at `at`.
inline model::TimelineEvent recovery(size_t region, sim::Duration at) {
  model::TimelineEvent e = outage(region, at);
  e.kind = model::TimelineKind::kRecover;
  return e;
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

// Provisioned capacity of `write_units` and `read_units` per second with
// `burst_seconds` of burst.
inline model::CapacityConfig provisioned(int64_t write_units, int64_t read_units, int64_t burst_seconds) {
  model::CapacityConfig config;
  config.mode = model::CapacityMode::kProvisioned;
  config.write_units = write_units;
  config.read_units = read_units;
  config.burst_seconds = burst_seconds;
  return config;
}

// The same with as many read units as write units.
inline model::CapacityConfig provisioned(int64_t write_units, int64_t burst_seconds) {
  return provisioned(write_units, write_units, burst_seconds);
}

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

// The drift episode of `setting`, or null if it never drifted.
inline const model::DriftEpisode* episode_of(const model::RunResult& result, const std::string& setting) {
  for (const model::DriftEpisode& e : result.drift.episodes) {
    if (e.setting == setting) return &e;
  }
  return nullptr;
}

}  // namespace gtsim_test
