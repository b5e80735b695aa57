// Outage shapes in the timeline (scenarios/README.md, "Timeline"): scope,
// partial outages, a duration, disable_region and kms_inaccessible; and the
// nonsense the loader refuses: an event after the run's end, a failover to
// the failed region, on-demand capacity with provisioned units or auto
// scaling.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "tests/load/load_errors.h"

namespace {

using gtsim_test::kWorld;
using gtsim_test::Lines;
using gtsim_test::load_errors;
using gtsim_test::timeline_errors;
using model::OutageCause;
using model::OutageScope;
using model::TimelineKind;

std::vector<model::TimelineEvent> timeline(const std::string& events) {
  const load::LoadResult loaded = load::load_scenario_text(kWorld + "timeline:\n" + events, "s.yaml");
  for (const model::Diagnostic& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(loaded.ok());
  return loaded.scenario->timeline;
}

}  // namespace

TEST_CASE("Outage: a region name is a full outage; a map gives its scope, failing share, multiplier, duration") {
  const auto t = timeline(
      "  - {at: 1m, outage: us-east-1}\n"
      "  - {at: 2m, outage: {region: eu-west-1, scope: endpoint, failing: 30%, latency_multiplier: 4, duration: 5m}}\n");
  REQUIRE(t.size() == 3);
  CHECK(t[0].outage.scope == OutageScope::kFull);
  CHECK(t[0].outage.cause == OutageCause::kOutage);
  CHECK(t[0].outage.failing_fraction == 1.0);
  CHECK(t[1].region == 1);
  CHECK(t[1].outage.scope == OutageScope::kEndpoint);
  CHECK(t[1].outage.failing_fraction == 0.3);
  CHECK(t[1].outage.latency_multiplier == 4.0);
  CHECK((t[2].kind == TimelineKind::kRecover && t[2].region == 1 && t[2].at == sim::Duration::minutes(7)));
}

TEST_CASE("disable_region and kms_inaccessible: the causes the 20-hour rule applies to, with a failover") {
  const auto t = timeline(
      "  - {at: 1m, disable_region: us-east-1, failover: {to: eu-west-1, after: 1m}}\n"
      "  - {at: 2m, kms_inaccessible: {region: eu-west-1, duration: 1m}}\n");
  REQUIRE(t.size() == 4);
  CHECK((t[0].kind == TimelineKind::kOutage && t[0].outage.cause == OutageCause::kRegionDisabled));
  CHECK((t[1].kind == TimelineKind::kShiftTraffic && t[1].at == sim::Duration::minutes(2)));
  CHECK((t[2].kind == TimelineKind::kOutage && t[2].outage.cause == OutageCause::kKmsInaccessible));
  CHECK((t[3].kind == TimelineKind::kRecover && t[3].at == sim::Duration::minutes(3)));
}

TEST_CASE("Outage: a wrong scope, share or multiplier gets its exact message") {
  CHECK(timeline_errors("{at: 1m, outage: {region: us-east-1, scope: endpont}}") ==
        Lines{"s.yaml:4:49: error: timeline[0].outage.scope: expected 'full', 'endpoint' or 'replication', found "
              "'endpont'; did you mean 'endpoint'?"});
  CHECK(timeline_errors("{at: 1m, outage: {region: us-east-1, scope: replication, failing: 50%}}") ==
        Lines{"s.yaml:4:71: error: timeline[0].outage.failing: a replication outage fails no client request (its "
              "requests are served); use scope 'full' or 'endpoint'"});
  CHECK(timeline_errors("{at: 1m, outage: {region: us-east-1, failing: 120%}}") ==
        Lines{"s.yaml:4:51: error: timeline[0].outage.failing: percentage must be between 0 and 100, found 120%"});
  CHECK(timeline_errors("{at: 1m, outage: {region: us-east-1, scope: endpoint, latency_multiplier: 3}}") ==
        Lines{"s.yaml:4:79: error: timeline[0].outage.latency_multiplier: every request fails in this outage, so "
              "none is served slower; set 'failing' below 100%"});
  CHECK(timeline_errors("{at: 1m, outage: {region: us-east-1, failing: 10%, latency_multiplier: 0.5}}") ==
        Lines{"s.yaml:4:76: error: timeline[0].outage.latency_multiplier: must be from 1 to 1000, found 0.5"});
  CHECK(timeline_errors("{at: 1m, disable_region: {region: us-east-1, scope: endpoint}}") ==
        Lines{"s.yaml:4:50: error: unknown key 'scope' in timeline[0].disable_region; expected one of 'region', "
              "'duration'"});
  CHECK(timeline_errors("{at: 1m, outage: {scope: full}}") ==
        Lines{"s.yaml:4:22: error: missing required key 'region' in timeline[0].outage"});
}

TEST_CASE("Timeline: an event after the run's end, and a failover that would come after it, are refused") {
  CHECK(timeline_errors("{at: 25m, outage: us-east-1}") ==
        Lines{"s.yaml:4:10: error: timeline[0].at: 25m is after the end of the run (duration 20m)"});
  CHECK(timeline_errors("{at: 19m, outage: us-east-1, failover: {to: eu-west-1, after: 2m}}") ==
        Lines{"s.yaml:4:67: error: timeline[0].failover.after: the traffic shift would come at 21m, after the end "
              "of the run (20m)"});
  // At the end exactly is allowed (a recovery that lets replication drain).
  CHECK(timeline_errors("{at: 20m, recover: us-east-1}").empty());
}

TEST_CASE("Timeline: traffic cannot fail over or shift to the region it leaves") {
  CHECK(timeline_errors("{at: 1m, outage: us-east-1, failover: {to: us-east-1}}") ==
        Lines{"s.yaml:4:48: error: timeline[0].failover.to: traffic must move to another region than the failed "
              "one, found 'us-east-1'"});
  CHECK(timeline_errors("{at: 1m, shift_traffic: {from: us-east-1, to: us-east-1}}") ==
        Lines{"s.yaml:4:51: error: timeline[0].shift_traffic.to: traffic must move to another region than 'from', "
              "found 'us-east-1' as both"});
}

TEST_CASE("Capacity: on-demand mode with provisioned units or auto scaling is refused in the service's words") {
  CHECK(load_errors(kWorld + "table:\n  capacity: {mode: on_demand, write_units: 100}\n") ==
        Lines{"s.yaml:4:44: error: table.capacity.write_units: One or more parameter values were invalid: Neither "
              "ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST (the "
              "mode here is on_demand; set mode: provisioned or remove write_units)"});
  // The default mode is on demand too.
  CHECK(load_errors(kWorld + "table:\n  capacity: {read_units: 100}\n") ==
        Lines{"s.yaml:4:26: error: table.capacity.read_units: One or more parameter values were invalid: Neither "
              "ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST (the "
              "mode here is on_demand; set mode: provisioned or remove read_units)"});
  CHECK(load_errors(kWorld + "table:\n  capacity: {mode: on_demand, auto_scaling: {read: {min: 5}}}\n") ==
        Lines{"s.yaml:4:45: error: table.capacity.auto_scaling: auto scaling adjusts provisioned capacity only (the "
              "mode here is on_demand; set mode: provisioned or remove auto_scaling)"});
  CHECK(timeline_errors("{at: 1m, set_capacity: {region: us-east-1, write_units: 10}}") ==
        Lines{"s.yaml:4:61: error: timeline[0].set_capacity.write_units: One or more parameter values were "
              "invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
              "PAY_PER_REQUEST (the mode here is on_demand; set mode: provisioned or remove write_units)"});
}
