// Scenario: the validated, immutable description of one world to simulate.
//
// Plain structs mirroring the YAML schema (scenarios/README.md), every field
// with its meaning, unit and default. A Scenario is produced only by the
// loader (model/scenario_loader.h), which has already checked every rule, so
// the simulation may rely on the REQUIRES below without re-checking input.
// Region indices follow the order of `regions:` in the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/distribution.h"
#include "sim/time.h"

namespace model {

// A region's clock: local = true + offset + true * drift_ppm / 1e6.
// LWW timestamps are read from the origin region's clock (DESIGN.md).
struct ClockConfig {
  sim::Duration offset;       // `offset`, may be negative; default 0s
  double drift_ppm = 0.0;     // `drift_ppm`, parts per million, may be negative; default 0
};

struct RegionConfig {
  std::string name;           // e.g. "us-east-1"; unique
  ClockConfig clock;
};

// The path from a region's stream to another replica (DESIGN.md, "The model
// in words"; research/dynamodb-facts.md section 1.1): records wait for the
// next poll of the stream, at most batch_size records leave per poll, cross
// the network, and are applied after apply_time. Defaults give the service's
// typical sub-second replication delay on catalogue latencies.
struct ReplicationConfig {
  // `poll_interval`: time between polls of a region's stream; 0s ships each
  // record at commit. Default 500ms.
  sim::Duration poll_interval = sim::Duration::milliseconds(500);
  // `batch_size`: records shipped per poll, at most. Default 10000 (with the
  // default interval, 20,000 records/s per region).
  uint32_t batch_size = 10000;
  // `apply_time`: from arrival at the destination to the write being applied.
  // Default 100ms base + exponential jitter of mean 100ms.
  sim::LatencyModel apply_time = sim::LatencyModel(
      sim::Duration::milliseconds(100), sim::Distribution::exponential(100e6));
};

enum class KeyDistributionKind { kUniform, kZipf, kHotspot };

// Which item a request touches. Key 0 is the hottest under zipf and hotspot.
struct KeyDistribution {
  KeyDistributionKind kind = KeyDistributionKind::kUniform;
  double zipf_exponent = 1.0;        // `zipf: {exponent}`, > 0
  double hotspot_traffic = 0.0;      // `hotspot: {traffic}`, fraction in [0,1] of requests ...
  double hotspot_keys = 0.0;         // ... on this fraction in (0,1) of the keys
};

struct TableConfig {
  uint64_t key_count = 1000;         // `keys`: distinct items; default 1000
  KeyDistribution key_distribution;  // `key_distribution`; default uniform
  // `item_size`: bytes per written item; default constant 1KB (1024 bytes).
  sim::Distribution item_size_bytes = sim::Distribution::constant(1024.0);
};

enum class Arrivals { kPoisson, kConstant };

// Operation mix in percent; the loader requires the four to sum to 100.
struct OperationMix {
  double put_percent = 100.0;
  double update_percent = 0.0;
  double delete_percent = 0.0;
  double get_percent = 0.0;
};

// One client group in one region: a stream of requests to that region's replica.
struct ClientGroupConfig {
  std::string name;                      // `name`; default "<region>/<index>"
  double rate_per_second = 0.0;          // `rate`: requests per second, > 0
  Arrivals arrivals = Arrivals::kPoisson;  // `arrivals`: poisson | constant
  OperationMix mix;                      // `mix`; default 100% put
};

struct Scenario {
  std::string file;          // path it was loaded from (for messages and reports)
  std::string name;          // `name`; default the file's stem
  std::string description;   // `description`; default empty
  uint64_t seed = 1;         // `seed`; default 1; `gtsim run --seed` overrides
  sim::Duration duration = sim::Duration::minutes(1);  // `duration`: client traffic runs [0, duration)

  std::vector<RegionConfig> regions;                   // at least 2
  // One-way latency from region i to region j at [i * regions.size() + j];
  // the diagonal is unused. Catalogue defaults already filled in.
  std::vector<sim::LatencyModel> one_way_latency;
  ReplicationConfig replication;
  TableConfig table;
  // Client groups per region index (workload[i] may be empty).
  std::vector<std::vector<ClientGroupConfig>> workload;

  size_t region_count() const { return regions.size(); }
  const sim::LatencyModel& latency(size_t from, size_t to) const {
    return one_way_latency[from * regions.size() + to];
  }
};

}  // namespace model
