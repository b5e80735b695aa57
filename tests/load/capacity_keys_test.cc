// The keys of issue 13: the replication applier's share and retry, and the
// client instances of a group; their defaults, values and exact messages.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "tests/load/load_errors.h"

using gtsim_test::kMinimal;
using gtsim_test::Lines;
using gtsim_test::load_ok;
using gtsim_test::load_refused;

TEST_CASE("scenario_loader: replication.applier_share and applier_retry, defaults 50 % and 100ms") {
  const model::Scenario defaults = load_ok(kMinimal);
  CHECK(defaults.replication.applier_share_percent == 50.0);
  CHECK(defaults.replication.applier_retry == sim::Duration::milliseconds(100));
  const model::Scenario given =
      load_ok(kMinimal + "replication: {applier_share: 20%, applier_retry: 1s}\n");
  CHECK(given.replication.applier_share_percent == 20.0);
  CHECK(given.replication.applier_retry == sim::Duration::seconds(1));
  CHECK(load_ok(kMinimal + "replication: {applier_share: 0}\n").replication.applier_share_percent == 0.0);
}

TEST_CASE("scenario_loader: replication.applier_share is a percentage, applier_retry at most 1s") {
  CHECK(load_refused(kMinimal + "replication: {applier_share: 120%}\n") ==
        Lines{"s.yaml:3:30: error: replication.applier_share: percentage must be between 0 and 100, found 120%"});
  CHECK(load_refused(kMinimal + "replication: {applier_retry: 2s}\n") ==
        Lines{"s.yaml:3:30: error: replication.applier_retry: must be at most 1s, found '2s'"});
  CHECK(load_refused(kMinimal + "replication: {applier_retry: 0s}\n") ==
        Lines{"s.yaml:3:30: error: replication.applier_retry: must be positive, found '0s'"});
  CHECK(load_refused(kMinimal + "replication: {applier_shares: 20%}\n") ==
        Lines{"s.yaml:3:15: error: unknown key 'applier_shares' in replication; did you mean 'applier_share'?"});
}

TEST_CASE("scenario_loader: a client group's instances, by default one per 100 requests/s") {
  const model::Scenario s = load_ok(kMinimal +
                                    "workload:\n  us-east-1:\n    - {rate: 50}\n    - {rate: 100}\n"
                                    "    - {rate: 801}\n    - {rate: 800, instances: 3}\n");
  REQUIRE(s.workload[0].size() == 4);
  CHECK(s.workload[0][0].instances == 1);
  CHECK(s.workload[0][1].instances == 1);
  CHECK(s.workload[0][2].instances == 9);
  CHECK(s.workload[0][3].instances == 3);
  CHECK(load_refused(kMinimal + "workload:\n  us-east-1: [{rate: 5, instances: 0}]\n") ==
        Lines{"s.yaml:4:36: error: workload.us-east-1[0].instances: expected a positive integer, found '0'"});
  CHECK(load_refused(kMinimal + "workload:\n  us-east-1: [{rate: 5, instances: 100001}]\n") ==
        Lines{"s.yaml:4:36: error: workload.us-east-1[0].instances: must be at most 100000, found 100001"});
}
