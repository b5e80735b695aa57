// The scenario keys of administrative drift and the replica lifecycle
// (issue 4): settings_sync, version, table.indexes and ttl, regions'
// replica, the query share and a group's index, and the timeline's
// create_index, delete_index, enable_ttl, disable_ttl, add_replica and
// remove_replica. Good input read right; every rule's exact message.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "tests/load/load_errors.h"
#include "load/timeline_section.h"

namespace {

using gtsim_test::Lines;
using gtsim_test::load_errors;
using gtsim_test::load_ok;
using model::TimelineKind;
using sim::Duration;

// Three catalogue regions for 20 minutes.
const std::string kThreeRegions = "duration: 20m\nregions: [us-east-1, eu-west-1, ap-northeast-1]\n";
// eu-west-1 has no replica at the start.
const std::string kLate = "duration: 20m\nregions: [us-east-1, {name: eu-west-1, replica: false}]\n";
// Neither eu-west-1 nor ap-northeast-1 has one at the start.
const std::string kTwoLate =
    "duration: 20m\nregions: [us-east-1, {name: eu-west-1, replica: false}, {name: ap-northeast-1, replica: false}]\n";

// Every diagnostic of kThreeRegions with a table section and one timeline event.
Lines three_region_timeline_errors(const std::string& table, const std::string& event) {
  return load_errors(kThreeRegions + table + "timeline:\n  - " + event + "\n");
}

}  // namespace

TEST_CASE("Administration: defaults when none of the new keys is given") {
  const model::Scenario s = load_ok(kThreeRegions);
  CHECK_FALSE(s.settings_sync.enabled);
  CHECK(s.settings_sync.delay == Duration());
  CHECK(s.version == model::GlobalTablesVersion::k2019_11_21);
  CHECK(s.table.indexes.empty());
  CHECK(s.index_names.empty());
  CHECK_FALSE(s.table.ttl.items_expire);
  CHECK(s.regions[0].replica);
  CHECK(s.regions[2].replica);
}

TEST_CASE("Administration: every new key read, in any order of the file") {
  // settings_sync and version come after the timeline: they still apply.
  const model::Scenario s = load_ok(
      "duration: 2m\n"
      "regions: [us-east-1, {name: eu-west-1, replica: false}]\n"
      "table:\n"
      "  indexes: [by_customer, by-day]\n"
      "  ttl: {enabled: true, item_lifetime: 30s}\n"
      "workload:\n"
      "  us-east-1:\n"
      "    - {rate: 10, mix: {put: 40, get: 10, query: 50}, index: by_status}\n"
      "    - {rate: 10, mix: {put: 100}, index: by-day}\n"
      "timeline:\n"
      "  - {at: 1m, create_index: {region: us-east-1, name: by_status}}\n"
      "  - {at: 30s, create_index: {region: us-east-1, name: by_total}}\n"
      "  - {at: 40s, delete_index: {region: us-east-1, name: by_customer}}\n"
      "version: 2017.11.29\n"
      "settings_sync: {enabled: false, delay: 5s}\n");
  CHECK(s.version == model::GlobalTablesVersion::k2017_11_29);
  CHECK_FALSE(s.settings_sync.enabled);
  CHECK(s.settings_sync.delay == Duration::seconds(5));
  CHECK(s.table.indexes == Lines{"by_customer", "by-day"});
  // table.indexes first, then new names in time order (by_total at 30s before by_status at 1m).
  CHECK(s.index_names == Lines{"by_customer", "by-day", "by_total", "by_status"});
  CHECK(s.table.ttl.items_expire);
  CHECK(s.table.ttl.enabled);
  CHECK(s.table.ttl.item_lifetime == Duration::seconds(30));
  CHECK(s.table.ttl.deleted_within == Duration::hours(48));
  CHECK(s.regions[0].replica);
  CHECK_FALSE(s.regions[1].replica);
  const model::ClientGroupConfig& querying = s.workload[0][0];
  CHECK(querying.mix.query_percent == 50.0);
  CHECK(querying.mix.get_percent == 10.0);
  CHECK(querying.index == 3);
  CHECK(s.workload[0][1].index == 1);
  REQUIRE(s.timeline.size() == 3);
  CHECK((s.timeline[0].kind == TimelineKind::kCreateIndex && s.timeline[0].index == 2));
  CHECK((s.timeline[1].kind == TimelineKind::kDeleteIndex && s.timeline[1].index == 0));
  CHECK((s.timeline[2].kind == TimelineKind::kCreateIndex && s.timeline[2].index == 3));
  CHECK_FALSE(s.timeline[0].synced);
}

TEST_CASE("Administration: add_replica defaults to the 10 TB per day quota over the mean item size") {
  const model::Scenario s = load_ok(
      kTwoLate + "timeline:\n"
               "  - {at: 1m, add_replica: {region: eu-west-1}}\n"
               "  - {at: 1m30s, remove_replica: us-east-1}\n"
               "  - {at: 1m40s, add_replica: {region: ap-northeast-1, backfill_rate: 250, "
               "migration: {read_units: 100, write_units: 200}}}\n");
  REQUIRE(s.timeline.size() == 3);
  const model::TimelineEvent& add = s.timeline[0];
  CHECK(add.kind == TimelineKind::kAddReplica);
  CHECK(add.region == 1);
  CHECK(add.replica.backfill_items_per_second == 1e13 / 86400 / 1024);
  CHECK_FALSE(add.replica.migration.enabled);
  CHECK((s.timeline[1].kind == TimelineKind::kRemoveReplica && s.timeline[1].region == 0));
  const model::TimelineEvent& again = s.timeline[2];
  CHECK(again.replica.backfill_items_per_second == 250.0);
  CHECK(again.replica.migration.enabled);
  CHECK(again.replica.migration.read_units == 100);
  CHECK(again.replica.migration.write_units == 200);
}

TEST_CASE("Administration: the default backfill rate uses the mean item size, capped at 400KB") {
  model::TableConfig table;
  table.item_size_bytes = sim::Distribution::constant(4096.0);
  CHECK(load::default_backfill_items_per_second(table) == 1e13 / 86400 / 4096);
  table.item_size_bytes = sim::Distribution::pareto(1024.0, 0.5);  // infinite mean
  CHECK(load::default_backfill_items_per_second(table) == 1e13 / 86400 / (400.0 * 1024));
}

TEST_CASE("Administration: under 2017.11.29 settings_sync copies each change to every other region at at + delay") {
  const model::Scenario s = load_ok(
      kThreeRegions +
      "version: \"2017.11.29\"\n"
      "settings_sync: {enabled: true, delay: 10s}\n"
      "table:\n"
      "  ttl: {item_lifetime: 1m}\n"
      "  capacity: {mode: provisioned, write_units: 100, read_units: 100}\n"
      "timeline:\n"
      "  - {at: 20s, set_capacity: {region: eu-west-1, read_units: 300}}\n"
      "  - {at: 15s, set_capacity: {region: us-east-1, write_units: 50}}\n"
      "  - {at: 1m, create_index: {region: eu-west-1, name: by_day}}\n"
      "  - {at: 1m, enable_ttl: ap-northeast-1}\n"
      "  - {at: 1m, outage: us-east-1}\n"
      "  - {at: 1m5s, remove_replica: us-east-1}\n");
  const std::vector<model::TimelineEvent>& t = s.timeline;
  REQUIRE(t.size() == 14);
  const auto check = [&](size_t i, TimelineKind kind, Duration at, size_t region, bool synced) {
    INFO("event " << i);
    CHECK(t[i].kind == kind);
    CHECK(t[i].at == at);
    CHECK(t[i].region == region);
    CHECK(t[i].synced == synced);
  };
  check(0, TimelineKind::kSetCapacity, Duration::seconds(15), 0, false);
  check(1, TimelineKind::kSetCapacity, Duration::seconds(20), 1, false);
  check(2, TimelineKind::kSetCapacity, Duration::seconds(25), 1, true);
  check(3, TimelineKind::kSetCapacity, Duration::seconds(25), 2, true);
  check(4, TimelineKind::kSetCapacity, Duration::seconds(30), 0, true);
  check(5, TimelineKind::kSetCapacity, Duration::seconds(30), 2, true);
  check(6, TimelineKind::kCreateIndex, Duration::minutes(1), 1, false);
  check(7, TimelineKind::kEnableTtl, Duration::minutes(1), 2, false);
  check(8, TimelineKind::kOutage, Duration::minutes(1), 0, false);  // never synced
  check(9, TimelineKind::kRemoveReplica, Duration::seconds(65), 0, false);
  check(10, TimelineKind::kCreateIndex, Duration::seconds(70), 0, true);
  check(11, TimelineKind::kCreateIndex, Duration::seconds(70), 2, true);
  check(12, TimelineKind::kEnableTtl, Duration::seconds(70), 0, true);
  check(13, TimelineKind::kEnableTtl, Duration::seconds(70), 1, true);
  // Each copy overlays only the keys written, on the region's capacity at the copy's time.
  CHECK((t[0].capacity.write_units == 50 && t[0].capacity.read_units == 100));
  CHECK((t[1].capacity.write_units == 100 && t[1].capacity.read_units == 300));
  CHECK((t[2].capacity.write_units == 50 && t[2].capacity.read_units == 300));   // eu-west-1 had set 300 at 20s
  CHECK((t[3].capacity.write_units == 50 && t[3].capacity.read_units == 100));
  CHECK((t[4].capacity.write_units == 50 && t[4].capacity.read_units == 300));   // us-east-1 had set 50 at 15s
  CHECK((t[5].capacity.write_units == 50 && t[5].capacity.read_units == 300));   // both copies reached it
  CHECK(t[10].index == 0);
}

TEST_CASE("Administration: top-level, table and region keys get their exact messages") {
  CHECK(load_errors(kThreeRegions + "version: 2019.11.12\nsettings_sync: {delay: -1s}\n") ==
        Lines{"s.yaml:3:10: error: version: expected '2019.11.21' or '2017.11.29', found '2019.11.12'; did you mean "
              "'2019.11.21'?",
              "s.yaml:4:16: error: missing required key 'enabled' in settings_sync",
              "s.yaml:4:24: error: settings_sync.delay: must not be negative, found '-1s'"});
  CHECK(load_errors(kThreeRegions + "table:\n  indexes: [by_user, ab, by_user, by.day]\n") ==
        Lines{"s.yaml:4:22: error: table.indexes[1]: expected an index name (3 to 255 letters, digits, '_' and "
              "'-'), found 'ab'",
              "s.yaml:4:26: error: table.indexes[2]: duplicate index 'by_user' (first at table.indexes[0])",
              "s.yaml:4:35: error: table.indexes[3]: expected an index name (3 to 255 letters, digits, '_' and "
              "'-'), found 'by.day'"});
  CHECK(load_errors(kThreeRegions + "table:\n  ttl: {enabled: yes, deleted_within: 0s}\n") ==
        Lines{"s.yaml:4:8: error: missing required key 'item_lifetime' in table.ttl",
              "s.yaml:4:18: error: table.ttl.enabled: expected true or false, found 'yes'"});
  CHECK(load_errors("duration: 1m\n"
                    "regions: [{name: us-east-1, replica: false}, {name: eu-west-1, replica: false}]\n") ==
        Lines{"s.yaml:2:10: error: regions: expected at least one region with a replica at the start, found "
              "'replica: false' in all"});
}

TEST_CASE("Administration: 64 index names at most, table.indexes and create_index together") {
  std::string names;
  for (int i = 0; i < 63; ++i) names += (i == 0 ? "" : ", ") + std::string("ix") + std::to_string(100 + i);
  const std::string table = "table:\n  indexes: [" + names + "]\n";
  CHECK(load_ok(kThreeRegions + table + "timeline:\n  - {at: 1m, create_index: {region: us-east-1, name: last}}\n")
            .index_names.size() == 64);
  CHECK(load_errors(kThreeRegions + table + "timeline:\n  - {at: 1m, create_index: {region: us-east-1, name: last}}\n" +
                           "  - {at: 2m, create_index: {region: us-east-1, name: one_more}}\n") ==
        Lines{"s.yaml:7:54: error: timeline[1].create_index.name: at most 64 index names in a scenario "
              "(table.indexes and create_index together); 'one_more' would be one more"});
}

TEST_CASE("Administration: a group's queries need an index the table has or a timeline creates") {
  const std::string table = "table: {indexes: [by_user]}\n";
  CHECK(load_errors(kThreeRegions + table + "workload:\n  us-east-1: [{rate: 1, mix: {put: 50, query: 50}}]\n") ==
        Lines{"s.yaml:5:15: error: missing required key 'index' in workload.us-east-1[0]: its mix has 50% queries, "
              "which read a global secondary index"});
  CHECK(load_errors(kThreeRegions + table +
                    "workload:\n  us-east-1: [{rate: 1, mix: {query: 100}, index: by_usr}]\n") ==
        Lines{"s.yaml:5:51: error: workload.us-east-1[0].index: index 'by_usr' is not in table.indexes or created "
              "by a create_index; did you mean 'by_user'?"});
  // The timeline may come after the workload and create the index later.
  const model::Scenario s = load_ok(kThreeRegions +
                                    "workload:\n  us-east-1: [{rate: 1, mix: {query: 100}, index: later}]\n" +
                                    "timeline:\n  - {at: 1m, create_index: {region: eu-west-1, name: later}}\n");
  CHECK(s.workload[0][0].index == 0);
  CHECK(load_errors(kThreeRegions + "workload:\n  us-east-1: [{rate: 1, mix: {put: 80, get: 10, query: 5}}]\n") ==
        Lines{"s.yaml:4:30: error: workload.us-east-1[0].mix: the percentages of put, update, delete, get and query "
              "must sum to 100, found 95"});
}

TEST_CASE("Administration: index and TTL events get their exact messages") {
  CHECK(three_region_timeline_errors("table: {indexes: [by_user]}\n",
                                     "{at: 1m, delete_index: {region: us-east-1, name: by_usr}}") ==
        Lines{"s.yaml:5:54: error: timeline[0].delete_index.name: index 'by_usr' is not in table.indexes or "
              "created by a create_index; did you mean 'by_user'?"});
  CHECK(three_region_timeline_errors("", "{at: 1m, create_index: {region: us-east-1}}") ==
        Lines{"s.yaml:4:28: error: missing required key 'name' in timeline[0].create_index"});
  CHECK(three_region_timeline_errors("", "{at: 1m, create_index: {region: us-east-1, name: x}}") ==
        Lines{"s.yaml:4:54: error: timeline[0].create_index.name: expected an index name (3 to 255 letters, "
              "digits, '_' and '-'), found 'x'"});
  CHECK(three_region_timeline_errors("", "{at: 1m, enable_ttl: us-east-1}") ==
        Lines{"s.yaml:4:26: error: timeline[0].enable_ttl: items carry no expiry (the table has no 'ttl'), so TTL "
              "would delete nothing; set table.ttl.item_lifetime"});
  const model::Scenario s = load_ok(kThreeRegions + "table: {ttl: {item_lifetime: 1h}}\ntimeline:\n"
                                             "  - {at: 1m, enable_ttl: eu-west-1}\n"
                                             "  - {at: 2m, disable_ttl: eu-west-1}\n");
  REQUIRE(s.timeline.size() == 2);
  CHECK((s.timeline[0].kind == TimelineKind::kEnableTtl && s.timeline[0].region == 1));
  CHECK((s.timeline[1].kind == TimelineKind::kDisableTtl && s.timeline[1].region == 1));
  CHECK_FALSE(s.table.ttl.enabled);
}

TEST_CASE("Administration: replica lifecycle is checked in time order") {
  CHECK(three_region_timeline_errors("", "{at: 10m, add_replica: {region: us-east-1}}") ==
        Lines{"s.yaml:4:37: error: timeline[0].add_replica: us-east-1 already has a replica at 10m"});
  CHECK(load_errors(kLate + "timeline:\n  - {at: 1m, remove_replica: eu-west-1}\n") ==
        Lines{"s.yaml:4:30: error: timeline[0].remove_replica: eu-west-1 has no replica at 1m"});
  // Read in time order, not file order: every event but the last in time is fine.
  CHECK(load_errors(kTwoLate +
                    "timeline:\n"
                    "  - {at: 5m, remove_replica: ap-northeast-1}\n"
                    "  - {at: 2m, remove_replica: us-east-1}\n"
                    "  - {at: 1m, add_replica: {region: eu-west-1}}\n"
                    "  - {at: 4m, remove_replica: eu-west-1}\n"
                    "  - {at: 3m, add_replica: {region: ap-northeast-1}}\n") ==
        Lines{"s.yaml:4:30: error: timeline[0].remove_replica: ap-northeast-1 has the only replica at 5m; a global "
              "table keeps at least one"});
  // A region gets a replica at most once.
  CHECK(load_errors(kTwoLate +
                    "timeline:\n"
                    "  - {at: 1m, add_replica: {region: eu-west-1}}\n"
                    "  - {at: 2m, remove_replica: eu-west-1}\n"
                    "  - {at: 3m, add_replica: {region: eu-west-1}}\n") ==
        Lines{"s.yaml:6:36: error: timeline[2].add_replica: eu-west-1 had a replica before 3m; a region gets a "
              "replica at most once in a run (start it with 'replica: false' and add it once)"});
  CHECK(three_region_timeline_errors(
            "", "{at: 1m, add_replica: {region: us-east-1, backfill_rate: 0, migration: {read_units: 0}}}") ==
        Lines{"s.yaml:4:36: error: timeline[0].add_replica: us-east-1 already has a replica at 1m",
              "s.yaml:4:62: error: timeline[0].add_replica.backfill_rate: must be at least 0.000001 items per second, "
              "found 0",
              "s.yaml:4:76: error: missing required key 'write_units' in timeline[0].add_replica.migration"});
}

TEST_CASE("Administration: an operator's change needs a replica in its region; a synced copy that does not fit says so") {
  CHECK(load_errors(kLate + "table: {ttl: {item_lifetime: 1h}}\ntimeline:\n"
                       "  - {at: 1m, create_index: {region: eu-west-1, name: by_status}}\n"
                       "  - {at: 1m, enable_ttl: eu-west-1}\n") ==
        Lines{"s.yaml:5:28: error: timeline[0].create_index: eu-west-1 has no replica at 1m",
              "s.yaml:6:26: error: timeline[1].enable_ttl: eu-west-1 has no replica at 1m"});
  // Under 2017.11.29, where each replica has its own write auto scaling.
  CHECK(load_errors("duration: 5m\nversion: \"2017.11.29\"\nsettings_sync: {enabled: true, delay: 1m}\nregions:\n"
                    "  - {name: us-east-1, capacity: {mode: provisioned, auto_scaling: {write: {min: 5}}}}\n"
                    "  - {name: eu-west-1, capacity: {mode: provisioned, auto_scaling: {write: {min: 50}}}}\n"
                    "timeline:\n  - {at: 1m, set_capacity: {region: us-east-1, auto_scaling: {write: {max: 10}}}}\n") ==
        Lines{"s.yaml:8:70: error: timeline[0].set_capacity (copied by settings_sync to eu-west-1 at 2m)"
              ".auto_scaling.write: max must not be below min, found min 50 and max 10"});
}
