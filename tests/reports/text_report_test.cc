// reports/text_report.h: issue 4's figures on the terminal, printed only
// when they have something to say.
#include <catch2/catch.hpp>

#include <string>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/text_report.h"
#include "tests/reports/admin_result.h"
#include "tests/reports/report_text.h"

using gtsim_test::has;

TEST_CASE("Text report: queries get a column and each region a line of its nonzero refusal and TTL figures") {
  const std::string text = reports::text_report(gtsim_test::admin_result());
  CHECK(has(text,
            "region              writes       puts    updates    deletes       gets    queries\n"
            "us-east-1              500        500          0          0          0        120\n"
            "eu-west-1                0          0          0          0          0         80\n"
            "ap-southeast-2           0          0          0          0          0          0\n"
            "  us-east-1: TTL: deleted 30 expired items\n"
            "  eu-west-1: 42 queries failed for a missing index; TTL: 300 write units for other replicas' TTL "
            "deletes, 12 expired items still stored\n"
            "  ap-southeast-2: 17 requests refused (no serving replica)\n\n"));
}

TEST_CASE("Text report: settings drift lists each episode with its values and cost") {
  const std::string text = reports::text_report(gtsim_test::admin_result());
  CHECK(has(text,
            "\nsettings drift  2 episodes; settings_sync on, delay 5.000 s\n"
            "  index:by-email from 10.000 s to 25.000 s (cost 42 queries refused)\n"
            "      us-east-1: present; eu-west-1: absent\n"
            "  ttl from 20.000 s, still at the end (cost 300 replicated write units)\n"
            "      us-east-1: on; eu-west-1: off\n"));
}

TEST_CASE("Text report: replica changes say what each add, refusal and removal did") {
  const std::string text = reports::text_report(gtsim_test::admin_result());
  CHECK(has(text,
            "\nreplica changes\n"
            "  5.000 s: replica added in ap-southeast-2, backfilled from us-east-1: 1000 items in 2.500 s; 17 "
            "requests refused, 230 replicated writes parked\n"
            "  50.000 s: replica removed from eu-west-1\n"
            "  55.000 s: replica add in eu-west-1 refused (version 2017.11.29: the table was not empty)\n"
            "    migration path (estimate): scan and batch-write 1000 items (1.02 MB) in 10.000 s: 125 read units, "
            "1000 write units\n\n"
            "cost "));
}

TEST_CASE("Text report: without queries, refusals, TTL, drift or replica changes nothing of them is printed") {
  model::RunResult result = gtsim_test::admin_result();
  for (model::RegionResult& region : result.region_results) {
    region.operations[static_cast<int>(model::Operation::kQuery)] = 0;
    region.missing_index_errors = region.refused_requests = region.ttl_deletes = region.expired_items = 0;
    region.ttl_replicated_write_units = 0;
  }
  result.drift.episodes.clear();
  result.drift.settings_sync = false;
  result.replica_changes.clear();
  const std::string text = reports::text_report(result);
  CHECK(has(text, "       gets\nus-east-1 "));
  CHECK(!has(text, "queries"));
  CHECK(!has(text, "TTL"));
  CHECK(!has(text, "drift"));
  CHECK(!has(text, "replica changes"));

  result.drift.settings_sync = true;
  CHECK(has(reports::text_report(result), "\nsettings drift  0 episodes; settings_sync on, delay 5.000 s\n\n"));
}

TEST_CASE("Text report: an add whose backfill never ended, and sizes for people") {
  model::RunResult result = gtsim_test::admin_result();
  result.replica_changes.resize(1);
  result.replica_changes[0].backfill_ns = -1;
  CHECK(has(reports::text_report(result),
            "  5.000 s: replica added in ap-southeast-2, backfill from us-east-1 not finished (1000 items copied); "
            "17 requests refused, 230 replicated writes parked\n"));
  CHECK(reports::display_bytes(812) == "812 B");
  CHECK(reports::display_bytes(1'024'000) == "1.02 MB");
  CHECK(reports::display_bytes(3'400'000'000) == "3.40 GB");
}

TEST_CASE("Text report: each client group's latency, and the step a traffic shift gives its moved clients") {
  const load::LoadResult loaded = load::load_scenario_text(
      "duration: 2m\nregions: [us-east-1, eu-west-1]\ntable: {service_latency: {put: 3ms}}\n"
      "workload:\n  us-east-1: [{name: web, rate: 10, arrivals: constant}]\n"
      "timeline:\n  - {at: 1m, shift_traffic: {from: us-east-1, to: eu-west-1}}\n",
      "t.yaml");
  REQUIRE(loaded.ok());
  const std::string text = reports::text_report(model::Simulation(*loaded.scenario).run());
  CHECK(text.find("\nclients\n  us-east-1/web: 1200 served (600 by another region), latency p50 3.00 ms, "
                  "p99 73.00 ms, max 73.00 ms\n"
                  "  at 60.000 s shift_traffic us-east-1: us-east-1/web p50 3.00 ms -> 73.00 ms\n") != std::string::npos);
}

TEST_CASE("Text report: the scenario's description follows the first line, wrapped at 100 columns") {
  model::RunResult result = gtsim_test::admin_result();
  result.scenario_name = "drill";
  result.scenario_description =
      "Failover drill for the payments table: us-east-1 fails at 10 minutes and its clients move to eu-west-1; "
      "how much throttles?";
  const std::string text = reports::text_report(result);
  CHECK(text.starts_with("gtsim: drill  seed "));
  CHECK(has(text, "regions 3\n"
                  "Failover drill for the payments table: us-east-1 fails at 10 minutes and its clients move to\n"
                  "eu-west-1; how much throttles?\n\nregion "));
  result.scenario_description.clear();
  CHECK(has(reports::text_report(result), "regions 3\n\nregion "));
}
