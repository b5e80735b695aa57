// reports/json_report.h: issue 4's figures in the JSON report, exactly.
#include <catch2/catch.hpp>

#include <string>

#include "reports/json_report.h"
#include "tests/reports/admin_result.h"
#include "tests/reports/report_text.h"

using gtsim_test::has;

TEST_CASE("JSON report: a region's queries follow its gets, the refusal and TTL figures its reads") {
  const std::string json = reports::json_report(gtsim_test::admin_result());
  CHECK(has(json, R"("gets": 0,
      "queries": 80,
      "noop_deletes": 0,)"));
  CHECK(has(json, R"(      "reads": {
        "stale_reads": 0,
        "staleness_ns": {
          "count": 0,
          "p50": 0,
          "p99": 0,
          "max": 0
        }
      },
      "missing_index_errors": 42,
      "refused_requests": 0,
      "ttl_deletes": 0,
      "ttl_replicated_write_units": 300,
      "expired_items": 12,
      "clobbered_writes": 0
    },)"));
}

TEST_CASE("JSON report: drift lists every setting compared and each episode with its values and cost") {
  const std::string json = reports::json_report(gtsim_test::admin_result());
  CHECK(has(json, R"(  "drift": {
    "settings_sync": true,
    "sync_delay_ns": 5000000000,
    "settings": [
      "capacity",
      "ttl",
      "index:by-email"
    ],
    "episodes": [
      {
        "setting": "index:by-email",
        "since_ns": 10000000000,
        "until_ns": 25000000000,
        "values": [
          {
            "region": "us-east-1",
            "value": "present"
          },
          {
            "region": "eu-west-1",
            "value": "absent"
          }
        ],
        "cost": 42,
        "cost_unit": "queries refused"
      },
      {
        "setting": "ttl",
        "since_ns": 20000000000,
        "until_ns": -1,)"));
}

TEST_CASE("JSON report: replica changes carry every key, the migration estimate's zeros included") {
  const std::string json = reports::json_report(gtsim_test::admin_result());
  CHECK(has(json, R"(    {
      "region": "eu-west-1",
      "action": "remove",
      "at_ns": 50000000000,
      "outcome": "removed",
      "source": "",
      "items": 0,
      "backfill_ns": -1,
      "refused_requests": 0,
      "parked_writes": 0,
      "migration": false,
      "migration_items": 0,
      "migration_bytes": 0,
      "migration_read_units": 0,
      "migration_write_units": 0,
      "migration_ns": 0
    },
    {
      "region": "eu-west-1",
      "action": "add",
      "at_ns": 55000000000,
      "outcome": "refused",
      "source": "",
      "items": 0,
      "backfill_ns": -1,
      "refused_requests": 0,
      "parked_writes": 0,
      "migration": true,
      "migration_items": 1000,
      "migration_bytes": 1024000,
      "migration_read_units": 125,
      "migration_write_units": 1000,
      "migration_ns": 10000000000
    }
  ],
  "timeline": [],
  "cost": {)"));
  // Sections after convergence, in the order of the metric paths.
  const size_t convergence = json.find("\n  \"convergence\": {");
  const size_t drift = json.find("\n  \"drift\": {");
  const size_t changes = json.find("\n  \"replica_changes\": [");
  REQUIRE(convergence != std::string::npos);
  CHECK(convergence < drift);
  CHECK(drift < changes);
  CHECK(changes < json.find("\n  \"cost\": {"));
}

TEST_CASE("JSON report: a run without drift or replica changes still has both sections") {
  model::RunResult result;
  result.drift.settings = {"capacity", "ttl"};
  const std::string json = reports::json_report(result);
  CHECK(has(json, R"(  "drift": {
    "settings_sync": false,
    "sync_delay_ns": 0,
    "settings": [
      "capacity",
      "ttl"
    ],
    "episodes": []
  },
  "replica_changes": [],)"));
}

TEST_CASE("JSON report: the scenario's description, only when it has one") {
  model::RunResult result = gtsim_test::admin_result();
  result.scenario_description = "Failover drill \"A\"";
  CHECK(reports::json_report(result).find("\"name\": \"admin\",\n    \"description\": \"Failover drill \\\"A\\\"\",\n"
                                          "    \"seed\"") != std::string::npos);
  result.scenario_description.clear();
  CHECK(reports::json_report(result).find("description") == std::string::npos);
}
