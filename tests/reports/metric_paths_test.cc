// reports/metric_paths.h: the names of a run's figures, patterns, selection.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/metric_paths.h"
#include "tests/model/test_worlds.h"
#include "tests/reports/admin_result.h"

namespace {

// Two seconds of traffic in two regions: the figures of a run, quickly.
model::RunResult two_second_run() {
  const load::LoadResult loaded = load::load_scenario_text(
      "duration: 2s\nregions: [us-east-1, eu-west-1]\ntable: {keys: 100}\n"
      "workload:\n  us-east-1: [{rate: 100}]\n  eu-west-1: [{rate: 50}]\n",
      "paths.yaml");
  REQUIRE(loaded.ok());
  return model::Simulation(*loaded.scenario).run();
}

const reports::Figure* find(const std::vector<reports::Figure>& figures, const std::string& path) {
  for (const reports::Figure& figure : figures) {
    if (figure.path == path) return &figure;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Metric paths: every figure of a run has its documented name and value") {
  const model::RunResult result = two_second_run();
  const std::vector<reports::Figure> figures = reports::flatten(result);
  REQUIRE(find(figures, "conflicts.clobbered") != nullptr);
  CHECK(find(figures, "conflicts.clobbered")->value == static_cast<int64_t>(result.conflicts.clobbered));
  CHECK(find(figures, "conflicts.writes")->value == static_cast<int64_t>(result.conflicts.writes));
  CHECK(find(figures, "regions.us-east-1.writes")->value == static_cast<int64_t>(result.region_results[0].writes()));
  CHECK(find(figures, "regions.eu-west-1.gets")->value ==
        static_cast<int64_t>(result.region_results[1].operations[3]));
  CHECK(find(figures, "lag.us-east-1->eu-west-1.p99_ns")->value == result.pairs[0].lag_ns.quantile(0.99));
  CHECK(find(figures, "lag.eu-west-1->us-east-1.max_ns")->value == result.pairs[1].lag_ns.max());
  CHECK(find(figures, "convergence.divergent_items")->value == 0);
  CHECK(find(figures, "regions.eu-west-1.throttle_events")->value ==
        static_cast<int64_t>(result.region_results[1].throttle_events));
  CHECK(find(figures, "regions.us-east-1.client_latency_p99_ns")->value ==
        result.region_results[0].client_latency_ns.quantile(0.99));
  // Unique names, and the order of the JSON report: regions, lag, conflicts,
  // convergence, drift, per region its outages, throttling and scaling, then
  // client groups and the timeline, then the cost.
  for (size_t i = 0; i < figures.size(); ++i) {
    for (size_t j = i + 1; j < figures.size(); ++j) CHECK(figures[i].path != figures[j].path);
  }
  CHECK(figures.front().path == "regions.us-east-1.writes");
  const reports::Figure* cost = find(figures, "cost.total_usd");
  REQUIRE(cost != nullptr);
  CHECK((cost - 1)->path == "groups.eu-west-1.0.latency_max_ns");
  CHECK(figures.back().path == "cost.regions.eu-west-1.monthly.transfer_usd");
  CHECK(find(figures, "outages.us-east-1.outages")->value == 0);
  CHECK(find(figures, "throttling.eu-west-1.start_ns")->value == -1);  // never throttled
}

TEST_CASE("Metric paths: '*' matches within one segment only") {
  using reports::path_matches;
  CHECK(path_matches("conflicts.clobbered", "conflicts.clobbered"));
  CHECK_FALSE(path_matches("conflicts.clobbered", "conflicts.clobbered_x"));
  CHECK(path_matches("lag.*.p99_ns", "lag.us-east-1->eu-west-1.p99_ns"));
  CHECK_FALSE(path_matches("lag.*.p99_ns", "lag.us-east-1->eu-west-1.p999_ns"));
  CHECK(path_matches("lag.us-east-1->*.p*_ns", "lag.us-east-1->eu-west-1.p50_ns"));
  CHECK(path_matches("regions.*.writes", "regions.eu-west-1.writes"));
  CHECK_FALSE(path_matches("*.writes", "regions.eu-west-1.writes"));
  CHECK(path_matches("conflicts.*", "conflicts.writes"));
  CHECK_FALSE(path_matches("conflicts.*", "conflicts"));
  CHECK(path_matches("*", "x"));
}

TEST_CASE("Metric paths: selection keeps pattern order, no figure twice, and names a miss") {
  const std::vector<reports::Figure> figures = reports::flatten(two_second_run());
  std::string unmatched;
  const auto selected =
      reports::select_figures(figures, {"convergence.divergent_items", "lag.*.p99_ns", "lag.us-east-1->*.p99_ns"},
                              &unmatched);
  REQUIRE(selected);
  REQUIRE(selected->size() == 3);
  CHECK(figures[(*selected)[0]].path == "convergence.divergent_items");
  CHECK(figures[(*selected)[1]].path == "lag.us-east-1->eu-west-1.p99_ns");
  CHECK(figures[(*selected)[2]].path == "lag.eu-west-1->us-east-1.p99_ns");

  CHECK_FALSE(reports::select_figures(figures, {"conflicts.clobered"}, &unmatched));
  CHECK(unmatched == "conflicts.clobered");
  CHECK(reports::unmatched_pattern_message(unmatched, figures) ==
        "no figure is named 'conflicts.clobered'; did you mean 'conflicts.clobbered'?");
}

TEST_CASE("Metric paths: the default patterns all match a two-region run") {
  std::string unmatched;
  const auto selected =
      reports::select_figures(reports::flatten(two_second_run()), reports::default_metric_patterns(), &unmatched);
  REQUIRE(selected);
  CHECK(selected->size() == 5);
}

TEST_CASE("Metric paths: queries, refusals and TTL per region, appended after the older region figures") {
  const std::vector<reports::Figure> figures = reports::flatten(gtsim_test::admin_result());
  CHECK(find(figures, "regions.us-east-1.queries")->value == 120);
  CHECK(find(figures, "regions.eu-west-1.missing_index_errors")->value == 42);
  CHECK(find(figures, "regions.ap-southeast-2.refused_requests")->value == 17);
  CHECK(find(figures, "regions.us-east-1.ttl_deletes")->value == 30);
  CHECK(find(figures, "regions.eu-west-1.ttl_replicated_write_units")->value == 300);
  CHECK(find(figures, "regions.eu-west-1.expired_items")->value == 12);
  std::vector<std::string> region;
  for (const reports::Figure& figure : figures) {
    if (figure.path.rfind("regions.eu-west-1.", 0) == 0) region.push_back(figure.path.substr(18));
  }
  CHECK(region == std::vector<std::string>{"writes", "puts", "updates", "deletes", "gets", "noop_deletes",
                                           "bytes_written", "throttle_events", "replication_throttle_events",
                                           "retries", "client_errors", "unavailable_errors", "client_latency_p50_ns",
                                           "client_latency_p99_ns", "client_latency_max_ns", "queries",
                                           "missing_index_errors", "refused_requests", "ttl_deletes",
                                           "ttl_replicated_write_units", "expired_items", "clobbered_writes",
                                           "write_units", "read_units", "client_attempts", "throttled_ppm",
                                           "client_latency_p90_ns", "successful_request_latency_p50_ns",
                                           "successful_request_latency_p90_ns", "successful_request_latency_p99_ns",
                                           "successful_request_latency_max_ns", "stale_reads"});
}

TEST_CASE("Metric paths: drift per setting compared, after convergence; an open episode runs to the stop") {
  const std::vector<reports::Figure> figures = reports::flatten(gtsim_test::admin_result());
  // Drift comes right after convergence (the per-region event figures follow it).
  size_t start = 0;
  while (start < figures.size() && figures[start].path != "convergence.divergent_items") ++start;
  REQUIRE(start + 10 <= figures.size());
  std::vector<std::string> tail;
  for (size_t i = start; i < start + 10; ++i) tail.push_back(figures[i].path);
  CHECK(tail == std::vector<std::string>{"convergence.divergent_items", "drift.capacity.episodes",
                                         "drift.capacity.cost", "drift.capacity.drifted_ns", "drift.ttl.episodes",
                                         "drift.ttl.cost", "drift.ttl.drifted_ns", "drift.index:by-email.episodes",
                                         "drift.index:by-email.cost", "drift.index:by-email.drifted_ns"});
  CHECK(find(figures, "drift.capacity.episodes")->value == 0);
  CHECK(find(figures, "drift.capacity.drifted_ns")->value == 0);
  CHECK(find(figures, "drift.index:by-email.episodes")->value == 1);
  CHECK(find(figures, "drift.index:by-email.cost")->value == 42);
  CHECK(find(figures, "drift.index:by-email.drifted_ns")->value == 15'000'000'000);
  // Open since 20 s; the run's last event was at 70 s.
  CHECK(find(figures, "drift.ttl.drifted_ns")->value == 50'000'000'000);

  // Two episodes of one setting add up.
  model::RunResult twice = gtsim_test::admin_result();
  twice.drift.episodes.push_back(twice.drift.episodes[0]);
  twice.drift.episodes.back().since_ns = 30'000'000'000;
  twice.drift.episodes.back().until_ns = 31'000'000'000;
  const std::vector<reports::Figure> more = reports::flatten(twice);
  CHECK(find(more, "drift.index:by-email.episodes")->value == 2);
  CHECK(find(more, "drift.index:by-email.cost")->value == 84);
  CHECK(find(more, "drift.index:by-email.drifted_ns")->value == 16'000'000'000);
  std::string unmatched;
  CHECK(reports::select_figures(more, {"drift.*.drifted_ns"}, &unmatched)->size() == 3);
}

namespace {

// One outage, two throttling windows, three scaling actions in region a;
// nothing in b.
model::RunResult failover_result() {
  model::RunResult r;
  r.regions = {"a", "b"};
  for (const char* name : {"a", "b"}) {
    model::RegionResult region;
    region.name = name;
    r.region_results.push_back(region);
  }
  r.stop.at_ns = 1000;
  model::OutageResult o;
  o.region = "a";
  o.failed_ns = 100;
  o.at_risk_writes = 7;
  o.oldest_at_risk_age_ns = 30;
  o.unreplicated_at_end_writes = 5;
  r.outages = {o};  // never recovered: down until the run's end
  r.throttle_windows = {{"a", 200, 260, 10, 0, 1}, {"a", 400, 500, 3, 4, 0}};
  r.scaling_actions = {{"a", model::Dimension::kWrite, 250, 300, 5, 8}, {"a", model::Dimension::kRead, 600, 700, 5, 8}, {"a", model::Dimension::kWrite, 650, 800, 8, 12}};
  return r;
}

}  // namespace

TEST_CASE("Metric paths: outages, throttling windows and scaling actions are figures per region") {
  const std::vector<reports::Figure> figures = reports::flatten(failover_result());
  const auto value = [&](const std::string& path) {
    const reports::Figure* f = find(figures, path);
    INFO(path);
    REQUIRE(f != nullptr);
    return f->value;
  };
  CHECK(value("outages.a.outages") == 1);
  CHECK(value("outages.a.at_risk_writes") == 7);
  CHECK(value("outages.a.oldest_at_risk_age_ns") == 30);
  CHECK(value("outages.a.lost_writes") == 0);
  CHECK(value("outages.a.unreplicated_at_end_writes") == 5);
  CHECK(value("outages.a.down_ns") == 900);  // 100 to the run's end at 1000
  CHECK(value("outages.a.left_group") == 0);
  CHECK(value("throttling.a.windows") == 2);
  CHECK(value("throttling.a.start_ns") == 200);
  CHECK(value("throttling.a.end_ns") == 500);
  CHECK(value("throttling.a.duration_ns") == 160);
  CHECK(value("scaling.a.write_actions") == 2);
  CHECK(value("scaling.a.read_actions") == 1);
  CHECK(value("scaling.a.last_action_ns") == 800);
  CHECK(value("outages.b.outages") == 0);
  CHECK(value("throttling.b.end_ns") == -1);
  CHECK(value("scaling.b.last_action_ns") == -1);
}

TEST_CASE("Metric paths: client groups, then each timeline event's latency before and after it, numbered from 1") {
  const model::RunResult result = gtsim_test::run_yaml(R"(
duration: 2m
regions: [us-east-1, eu-west-1]
table: {service_latency: {put: 3ms}}
workload:
  us-east-1: [{name: web, rate: 10, arrivals: constant}]
timeline:
  - {at: 1m, shift_traffic: {from: us-east-1, to: eu-west-1}}
)");
  const std::vector<reports::Figure> figures = reports::flatten(result);
  CHECK(find(figures, "groups.us-east-1.web.served")->value == 1200);
  CHECK(find(figures, "groups.us-east-1.web.moved")->value == 600);
  CHECK(find(figures, "groups.us-east-1.web.latency_max_ns")->value == 73'000'000);
  CHECK(find(figures, "timeline.1.before.groups.us-east-1.web.latency_p50_ns")->value == 3'000'000);
  CHECK(find(figures, "timeline.1.after.groups.us-east-1.web.latency_p50_ns")->value == 73'000'000);
  CHECK(find(figures, "timeline.1.after.regions.eu-west-1.requests")->value == 600);
  CHECK(find(figures, "timeline.1.after.regions.us-east-1.requests")->value == 0);
  CHECK(find(figures, "timeline.1.after.regions.us-east-1.latency_p99_ns")->value == 0);
  CHECK(find(figures, "regions.eu-west-1.successful_request_latency_max_ns")->value == 3'000'000);
  CHECK(find(figures, "regions.eu-west-1.client_latency_p90_ns")->value == 73'000'000);
  const reports::Figure* cost = find(figures, "cost.total_usd");
  REQUIRE(cost != nullptr);
  CHECK((cost - 1)->path == "timeline.1.after.groups.us-east-1.web.latency_max_ns");
  std::string unmatched;
  const auto steps = reports::select_figures(figures, {"timeline.*.*.groups.*.*.latency_p50_ns"}, &unmatched);
  REQUIRE(steps);
  CHECK(steps->size() == 2);
}
