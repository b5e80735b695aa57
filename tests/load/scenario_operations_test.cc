// The timeline, capacity, retry and session sections of a scenario: good
// input read right, bad input reported exactly (and never a crash: the first
// case is what the fuzzer found, a timeline event without 'at').
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "tests/load/load_errors.h"

using gtsim_test::kWorld;
using gtsim_test::Lines;
using gtsim_test::load_errors;
using gtsim_test::timeline_errors;

TEST_CASE("Timeline: every missing or wrong piece gets its exact message") {
  CHECK(timeline_errors("{outage: us-east-1}") == Lines{"s.yaml:4:5: error: missing required key 'at' in timeline[0]"});
  CHECK(timeline_errors("{at: 1m, shift_traffic: {from: us-east-1}}") ==
        Lines{"s.yaml:4:29: error: missing required key 'to' in timeline[0].shift_traffic"});
  CHECK(timeline_errors("{at: 1m, degrade_link: {between: [us-east-1, eu-west-1]}}") ==
        Lines{"s.yaml:4:28: error: missing required key 'latency' in timeline[0].degrade_link",
              "s.yaml:4:28: error: missing required key 'duration' in timeline[0].degrade_link"});
  CHECK(timeline_errors("{at: 1m, pause_replication: {duration: 1m}}") ==
        Lines{"s.yaml:4:33: error: missing required key 'region' in timeline[0].pause_replication"});
  CHECK(timeline_errors("{at: 1m, clock_step: {region: us-east-1}}") ==
        Lines{"s.yaml:4:26: error: missing required key 'by' in timeline[0].clock_step"});
  CHECK(timeline_errors("{at: 1m, outage: us-east-1, failover: {after: 1m}}") ==
        Lines{"s.yaml:4:43: error: missing required key 'to' in timeline[0].failover"});
  CHECK(timeline_errors("{at: 1m, partition: {between: [us-east-1, us-east-1]}}") ==
        Lines{"s.yaml:4:35: error: timeline[0].partition.between: expected two different regions, found 'us-east-1' twice"});
  CHECK(timeline_errors("{at: 1m, heal: mars}") ==
        Lines{"s.yaml:4:20: error: timeline[0].heal: region 'mars' is not in regions"});
  CHECK(timeline_errors("{at: 1m, outage: us-east-1, recover: us-east-1}") ==
        Lines{"s.yaml:4:5: error: timeline[0]: expected one action, found 'outage', 'recover'"});
}

TEST_CASE("Timeline: compound actions expand into primitive events in time order") {
  const load::LoadResult loaded = load::load_scenario_text(
      kWorld + "timeline:\n"
               "  - {at: 5m, pause_replication: {region: eu-west-1, duration: 10m, takes_hold_after: 2m}}\n"
               "  - {at: 1m, outage: us-east-1, failover: {to: eu-west-1, after: 30s, fraction: 50%}}\n"
               "  - {at: 3m, degrade_link: {from: us-east-1, to: eu-west-1, latency: 300ms, duration: 1m}}\n",
      "s.yaml");
  REQUIRE(loaded.ok());
  const std::vector<model::TimelineEvent>& t = loaded.scenario->timeline;
  REQUIRE(t.size() == 6);
  using model::TimelineKind;
  CHECK((t[0].kind == TimelineKind::kOutage && t[0].at == sim::Duration::minutes(1)));
  CHECK((t[1].kind == TimelineKind::kShiftTraffic && t[1].at == sim::Duration::seconds(90) && t[1].fraction == 0.5));
  CHECK((t[2].kind == TimelineKind::kSetLatency && t[2].at == sim::Duration::minutes(3)));
  CHECK(t[2].latency.base() == sim::Duration::milliseconds(300));
  CHECK((t[3].kind == TimelineKind::kSetLatency && t[3].at == sim::Duration::minutes(4)));
  CHECK(t[3].latency.base() == sim::Duration::milliseconds(35));  // the catalogue's own, restored
  CHECK((t[4].kind == TimelineKind::kCutLinks && t[4].at == sim::Duration::minutes(7)));
  CHECK(t[4].links.size() == 2);
  CHECK((t[5].kind == TimelineKind::kRestoreLinks && t[5].at == sim::Duration::minutes(15)));
}

TEST_CASE("Sessions and capacity: required keys and ranges") {
  CHECK(load_errors(kWorld + "workload:\n  us-east-1: [{rate: 1, sessions: {redirect: 10%}}]\n") ==
        Lines{"s.yaml:4:35: error: missing required key 'read_region' in workload.us-east-1[0].sessions",
              "s.yaml:4:35: error: missing required key 'delays' in workload.us-east-1[0].sessions"});
  CHECK(load_errors(kWorld + "table:\n  capacity: {mode: provisioned, auto_scaling: {write: {target: 95%}}}\n") ==
        Lines{"s.yaml:4:64: error: table.capacity.auto_scaling.write.target: target utilization must be between 20% and 90%, found 95%"});
  CHECK(load_errors(kWorld + "retry: {mode: legasy}\n") ==
        Lines{"s.yaml:3:15: error: retry.mode: expected 'standard' or 'legacy', found 'legasy'; did you mean 'legacy'?"});
}
