// A hand-built RunResult with every part of issue 4's results: queries,
// refused requests and TTL figures in the regions, two drift episodes (one
// closed, one still open at the end) and three replica changes (an add that
// became active, a remove, an add refused under 2017.11.29 with a migration
// estimate). The report tests compare exact output fragments against it.
#pragma once

#include "model/run_result.h"

namespace gtsim_test {

inline model::RunResult admin_result() {
  model::RunResult r;
  r.scenario_name = "admin";
  r.seed = 7;
  r.duration_ns = 60'000'000'000;
  r.regions = {"us-east-1", "eu-west-1", "ap-southeast-2"};
  for (const std::string& name : r.regions) {
    model::RegionResult region;
    region.name = name;
    region.capacity_mode = model::CapacityMode::kOnDemand;
    region.write_units = 4000;
    region.read_units = 12000;
    region.partitions = 8;
    r.region_results.push_back(region);
  }
  model::RegionResult& east = r.region_results[0];
  east.operations[static_cast<int>(model::Operation::kPut)] = 500;
  east.operations[static_cast<int>(model::Operation::kQuery)] = 120;
  east.ttl_deletes = 30;
  model::RegionResult& west = r.region_results[1];
  west.operations[static_cast<int>(model::Operation::kQuery)] = 80;
  west.missing_index_errors = 42;
  west.ttl_replicated_write_units = 300;
  west.expired_items = 12;
  model::RegionResult& sydney = r.region_results[2];
  sydney.refused_requests = 17;

  for (const char* from : {"us-east-1", "eu-west-1", "ap-southeast-2"}) {
    for (const char* to : {"us-east-1", "eu-west-1", "ap-southeast-2"}) {
      if (std::string(from) == to) continue;
      model::PairResult pair;
      pair.from = from;
      pair.to = to;
      r.pairs.push_back(pair);
    }
  }

  r.drift.settings_sync = true;
  r.drift.sync_delay_ns = 5'000'000'000;
  r.drift.settings = {"capacity", "ttl", "index:by-email"};
  model::DriftEpisode index;
  index.setting = "index:by-email";
  index.since_ns = 10'000'000'000;
  index.until_ns = 25'000'000'000;
  index.values = {{"us-east-1", "present"}, {"eu-west-1", "absent"}};
  index.cost = 42;
  index.cost_unit = model::DriftCostUnit::kQueriesRefused;
  model::DriftEpisode ttl;
  ttl.setting = "ttl";
  ttl.since_ns = 20'000'000'000;
  ttl.until_ns = -1;
  ttl.values = {{"us-east-1", "on"}, {"eu-west-1", "off"}};
  ttl.cost = 300;
  ttl.cost_unit = model::DriftCostUnit::kReplicatedWriteUnits;
  r.drift.episodes = {index, ttl};

  model::ReplicaChange added;
  added.region = "ap-southeast-2";
  added.action = model::ReplicaAction::kAdd;
  added.at_ns = 5'000'000'000;
  added.outcome = model::ReplicaOutcome::kActive;
  added.source = "us-east-1";
  added.items = 1000;
  added.backfill_ns = 2'500'000'000;
  added.refused_requests = 17;
  added.parked_writes = 230;
  model::ReplicaChange removed;
  removed.region = "eu-west-1";
  removed.action = model::ReplicaAction::kRemove;
  removed.at_ns = 50'000'000'000;
  removed.outcome = model::ReplicaOutcome::kRemoved;
  model::ReplicaChange refused;
  refused.region = "eu-west-1";
  refused.action = model::ReplicaAction::kAdd;
  refused.at_ns = 55'000'000'000;
  refused.outcome = model::ReplicaOutcome::kRefused;
  refused.migration = true;
  refused.migration_items = 1000;
  refused.migration_bytes = 1'024'000;
  refused.migration_read_units = 125;
  refused.migration_write_units = 1000;
  refused.migration_ns = 10'000'000'000;
  r.replica_changes = {added, removed, refused};

  r.stop.at_ns = 70'000'000'000;
  r.convergence.last_write_ns = 59'990'000'000;
  r.convergence.drained_ns = 60'100'000'000;
  r.convergence.drain_ns = 110'000'000;
  return r;
}

}  // namespace gtsim_test
