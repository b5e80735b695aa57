// Multi-Region strong consistency (docs/model.md, "Multi-Region strong
// consistency"): the table's keys, and the service's rules for such a table
// (docs/sources.md, Multi-Region strong consistency), each refused with the
// rule it breaks.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/consistency_section.h"
#include "load/scenario_loader.h"
#include "tests/load/load_errors.h"

namespace {

using gtsim_test::Lines;
using gtsim_test::load_errors;
using gtsim_test::load_ok;
using model::MultiRegionConsistency;
using sim::Duration;

// Three US replicas (lines 1-4); tests append to the table map or after it.
const std::string kStrong =
    "duration: 200h\nregions: [us-east-1, us-east-2, us-west-2]\ntable:\n  multi_region_consistency: strong\n";

load::ImpairedSpan span(int64_t from_h, int64_t to_h) {
  return load::ImpairedSpan{Duration::hours(from_h), Duration::hours(to_h), nullptr, ""};
}

}  // namespace

TEST_CASE("MRSC: three replicas, or two and a witness; eventual by default") {
  const model::Scenario eventual = load_ok("duration: 10m\nregions: [us-east-1, eu-west-1]\n");
  CHECK(eventual.consistency.mode == MultiRegionConsistency::kEventual);
  CHECK(!eventual.consistency.has_witness);

  const model::Scenario three = load_ok(kStrong);
  CHECK(three.consistency.strong());
  CHECK(!three.consistency.has_witness);
  CHECK(three.consistency.window_is_quorum);
  for (const model::RegionConfig& region : three.regions) CHECK(region.replica);

  const model::Scenario witness = load_ok(kStrong + "  witness: us-west-2\n  write_conflict_window: 20ms\n");
  CHECK(witness.consistency.has_witness);
  CHECK(witness.consistency.witness == 2);
  CHECK(witness.regions[0].replica);
  CHECK(witness.regions[1].replica);
  CHECK(!witness.regions[2].replica);  // the witness holds no items
  CHECK(!witness.consistency.window_is_quorum);
  CHECK(witness.consistency.conflict_window == Duration::milliseconds(20));
  // The EU and AP sets load as well; a strong read group and an outage of the witness are allowed.
  load_ok("duration: 10m\nregions: [eu-west-1, eu-west-2, eu-central-1]\ntable: {multi_region_consistency: strong}\n"
          "workload:\n  eu-west-1:\n    - {rate: 10, mix: {put: 50, get: 50}, consistency: strong}\n");
  load_ok("duration: 10m\nregions: [ap-northeast-1, ap-northeast-2, ap-northeast-3]\n"
          "table: {multi_region_consistency: strong, witness: ap-northeast-3}\n"
          "timeline:\n  - {at: 1m, outage: ap-northeast-3}\n");
}

TEST_CASE("MRSC: the loader refuses 2 or 4 regions and regions from two sets or none") {
  const std::string rule =
      "error: regions: a table with multi_region_consistency: strong has exactly three regions (three replicas, or "
      "two replicas and a witness), found ";
  CHECK(load_errors("duration: 10m\nregions: [us-east-1, us-east-2]\ntable: {multi_region_consistency: strong}\n") ==
        Lines{"s.yaml:2:10: " + rule + "2"});
  CHECK(load_errors("duration: 10m\nregions: [us-east-1, us-east-2, us-west-2, eu-west-1]\n"
                    "table: {multi_region_consistency: strong}\n") == Lines{"s.yaml:2:10: " + rule + "4"});
  CHECK(load_errors("duration: 10m\nregions: [eu-west-1, eu-central-1, us-east-1]\n"
                    "table: {multi_region_consistency: strong}\n") ==
        Lines{"s.yaml:2:36: error: regions[2]: us-east-1 is in the US region set and eu-west-1 in the EU one; the "
              "regions of a table with multi_region_consistency: strong are all of one set (EU: eu-west-1, "
              "eu-west-2, eu-west-3, eu-central-1)"});
  CHECK(load_errors("duration: 10m\nregions: [us-east-1, us-east-2, sa-east-1]\n"
                    "table: {multi_region_consistency: strong}\n") ==
        Lines{"s.yaml:2:33: error: regions[2]: sa-east-1 is in no region set of multi_region_consistency: strong "
              "(US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: "
              "ap-northeast-1, ap-northeast-2, ap-northeast-3)"});
  CHECK(load::mrsc_region_set("eu-west-3") == "EU");
  CHECK(load::mrsc_region_set("eu-south-1").empty());
}

TEST_CASE("MRSC: the loader refuses TTL, a transactional group, add_replica, remove_replica and version 2017.11.29") {
  CHECK(load_errors(kStrong + "  ttl: {enabled: true, item_lifetime: 1h}\n") ==
        Lines{"s.yaml:5:8: error: table.ttl: a table with multi_region_consistency: strong does not support TTL"});
  CHECK(load_errors(kStrong + "workload:\n  us-east-1:\n    - {rate: 10, transactional: true}\n"
                         "    - {rate: 10, transactional: false}\n") ==
        Lines{"s.yaml:7:33: error: workload.us-east-1[0].transactional: a table with multi_region_consistency: "
              "strong does not support transactions (the service refuses them with an error)"});
  CHECK(load_errors(kStrong + "timeline:\n  - {at: 1m, add_replica: {region: us-east-2}}\n") ==
        Lines{"s.yaml:6:27: error: timeline[0].add_replica: a table with multi_region_consistency: strong cannot "
              "add a replica once it is created (its three regions are set when it is)"});
  CHECK(load_errors(kStrong + "  witness: us-west-2\ntimeline:\n  - {at: 1m, remove_replica: us-east-2}\n"
                         "  - {at: 2m, remove_replica: us-west-2}\n") ==
        Lines{"s.yaml:7:30: error: timeline[0].remove_replica: a table with multi_region_consistency: strong cannot "
              "remove a single replica (the service removes only two participants at once, leaving a "
              "single-Region table, which is not modelled)",
              "s.yaml:8:30: error: timeline[1].remove_replica: a table with multi_region_consistency: strong cannot "
              "remove its witness (the service removes only two participants at once, leaving a single-Region "
              "table, which is not modelled)"});
  CHECK(load_errors("version: \"2017.11.29\"\n" + kStrong) ==
        Lines{"s.yaml:1:10: error: version: a table with multi_region_consistency: strong is a global table of "
              "version 2019.11.21, found '2017.11.29'"});
}

TEST_CASE("MRSC: the witness holds no replica, has no capacity and serves no requests") {
  CHECK(load_errors(kStrong + "  witness: us-west-2\nworkload:\n  us-east-1:\n"
                         "    - {rate: 10, sessions: {redirect: 10%, read_region: us-west-2, delays: [1s]}}\n"
                         "  us-west-2:\n    - {rate: 10}\ntimeline:\n"
                         "  - {at: 1m, shift_traffic: {from: us-east-1, to: us-west-2}}\n"
                         "  - {at: 2m, outage: us-east-2, failover: {to: us-west-2}}\n") ==
        Lines{"s.yaml:8:57: error: workload.us-east-1[0].sessions.read_region: us-west-2 is the witness, which "
              "serves no reads",
              "s.yaml:9:3: error: workload.us-west-2: us-west-2 is the witness, which serves no requests; its "
              "clients belong to a region with a replica",
              "s.yaml:12:51: error: timeline[0].shift_traffic.to: us-west-2 is the witness, which serves no requests",
              "s.yaml:13:48: error: timeline[1].failover.to: us-west-2 is the witness, which serves no requests"});
  CHECK(load_errors("duration: 10m\nregions:\n  - us-east-1\n  - {name: us-east-2, replica: false}\n"
                    "  - {name: us-west-2, replica: true, capacity: {mode: on_demand}}\n"
                    "table: {multi_region_consistency: strong, witness: us-west-2}\n") ==
        Lines{"s.yaml:4:32: error: regions[1].replica: a table with multi_region_consistency: strong has its "
              "replicas from the start and cannot add one later; a region without a replica is the table's witness",
              "s.yaml:5:32: error: regions[2].replica: us-west-2 is the witness, which holds no replica",
              "s.yaml:5:48: error: regions[2].capacity: us-west-2 is the witness, which has no capacity (it costs "
              "nothing)"});
  CHECK(load_errors(kStrong + "  witness: us-west-1\n") ==
        Lines{"s.yaml:5:12: error: table.witness: region 'us-west-1' is not in regions; did you mean 'us-west-2'?"});
}

TEST_CASE("MRSC: its keys are refused on an eventually consistent table, a misspelt mode or window is named") {
  CHECK(load_errors("duration: 10m\nregions: [us-east-1, us-east-2, us-west-2]\n"
                    "table: {witness: us-west-2, write_conflict_window: 10ms}\n") ==
        Lines{"s.yaml:3:18: error: table.witness: a witness belongs to a table with multi_region_consistency: "
              "strong, found multi_region_consistency: eventual",
              "s.yaml:3:52: error: table.write_conflict_window: write conflicts belong to a table with "
              "multi_region_consistency: strong, found multi_region_consistency: eventual"});
  CHECK(load_errors("duration: 10m\nregions: [us-east-1, us-east-2, us-west-2]\n"
                    "table: {multi_region_consistency: strng}\n") ==
        Lines{"s.yaml:3:35: error: table.multi_region_consistency: expected 'eventual' or 'strong', found 'strng'; "
              "did you mean 'strong'?"});
  CHECK(load_errors(kStrong + "  write_conflict_window: qourum\n") ==
        Lines{"s.yaml:5:26: error: table.write_conflict_window: expected 'quorum' or a duration with a unit, e.g. "
              "'20ms'; found 'qourum'; did you mean 'quorum'?"});
  CHECK(load_errors(kStrong + "  write_conflict_window: -5ms\n") ==
        Lines{"s.yaml:5:26: error: table.write_conflict_window: must not be negative, found '-5ms'"});
}

TEST_CASE("MRSC: FIS pause-replication may impair the table 5,040 minutes in any 7 days, not more") {
  // Overlapping pauses impair the table once: 0-40h and 20-50h are 50h, and
  // 100-140h brings the first 7 days to 90h.
  CHECK(load_errors(kStrong + "timeline:\n  - {at: 0s, pause_replication: {region: us-east-1, duration: 40h}}\n"
                         "  - {at: 20h, pause_replication: {region: us-east-2, duration: 30h}}\n"
                         "  - {at: 100h, pause_replication: {region: us-east-2, duration: 40h}}\n") ==
        Lines{"s.yaml:8:35: error: timeline[2].pause_replication: FIS may impair a table with "
              "multi_region_consistency: strong for at most 5,040 minutes (84h) in any 7 days; with this pause it "
              "is impaired 90h in the 7 days from 0s"});
  // Exactly 84h is allowed, and so is a second 84h once the window has moved on.
  CHECK(load_errors(kStrong + "timeline:\n  - {at: 0s, pause_replication: {region: us-east-1, duration: 84h}}\n"
                         "  - {at: 168h, pause_replication: {region: us-east-1, duration: 30h}}\n")
            .empty());
  // An eventually consistent table has no such limit.
  CHECK(load_errors("duration: 200h\nregions: [us-east-1, us-east-2, us-west-2]\n"
                    "timeline:\n  - {at: 0s, pause_replication: {region: us-east-1, duration: 100h}}\n")
            .empty());
}

TEST_CASE("MRSC: the FIS budget is the most any 7-day window holds of the pauses' union") {
  // 0-40h and 130-170h: the window from 0s holds 40 + 38 = 78h, as does the
  // one from 2h (38 + 40); none holds more.
  load::FisBudget budget = load::fis_budget({span(130, 170), span(0, 40)});
  CHECK(budget.impaired == Duration::hours(78));
  CHECK(budget.over == 2);  // none overfills one
  // With 60-70h the window from 0s holds 40 + 10 + 38 = 88h; by start, the
  // span that overfills it is 130-170h (index 0), the last of the three.
  budget = load::fis_budget({span(130, 170), span(0, 40), span(60, 70)});
  CHECK(budget.over == 0);
  CHECK(budget.impaired == Duration::hours(88));
  CHECK(budget.window_from == Duration::zero());
  // The first by start is named even when a later one overfills more.
  budget = load::fis_budget({span(200, 290), span(0, 90)});
  CHECK(budget.over == 1);
  CHECK(budget.impaired == Duration::hours(90));
  CHECK(load::fis_budget({}).over == 0);
}
