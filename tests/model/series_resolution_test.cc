// model/series_resolution.h and the recorders' series: CloudWatch's
// retention (1 s points for 3 hours, 1 minute to 15 days, 5 minutes to 63
// days, then 1 hour), online, with a stated resolution in the reports.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/metrics_recorder.h"
#include "model/run_recorder.h"
#include "model/series_resolution.h"
#include "model/simulation.h"
#include "reports/csv_report.h"
#include "reports/json_report.h"
#include "reports/json_value.h"
#include "test_worlds.h"

namespace {

constexpr int64_t kThreeHours = 3 * 3600;

// The segments of a report's series group as (from_s, step_s) pairs.
std::vector<std::pair<int64_t, int64_t>> resolution_of(const reports::JsonValue& group) {
  std::vector<std::pair<int64_t, int64_t>> segments;
  const reports::JsonValue* resolution = group.find("resolution");
  REQUIRE(resolution != nullptr);
  for (const reports::JsonValue& segment : resolution->items) {
    segments.emplace_back(*segment.find("from_s")->as_int64(), *segment.find("step_s")->as_int64());
  }
  return segments;
}

// Closes `seconds` seconds of a RunRecorder as the world's second tick does.
void close_seconds(model::RunRecorder& recorder, size_t regions, int64_t seconds) {
  for (int64_t s = 0; s < seconds; ++s) {
    for (size_t r = 0; r < regions; ++r) recorder.end_second(r, {1000, 0, 5, 5, 0});
    for (size_t from = 0; from < regions; ++from) {
      for (size_t to = 0; to < regions; ++to) {
        if (from != to) recorder.end_link_second(from, to, 0);
      }
    }
    if (recorder.close_second()) recorder.end_minute();
  }
}

}  // namespace

TEST_CASE("Series resolution: CloudWatch's retention steps, where each point starts, how many a span holds") {
  using model::kPerMinuteResolution;
  using model::kPerSecondResolution;
  CHECK(model::step_at(kPerSecondResolution, 0) == 1);
  CHECK(model::step_at(kPerSecondResolution, kThreeHours - 1) == 1);
  CHECK(model::step_at(kPerSecondResolution, kThreeHours) == 60);
  CHECK(model::step_at(kPerSecondResolution, 15 * 86400) == 300);
  CHECK(model::step_at(kPerSecondResolution, 63 * 86400) == 3600);
  CHECK(model::step_at(kPerMinuteResolution, 15 * 86400 - 1) == 60);
  CHECK(model::step_at(kPerMinuteResolution, 15 * 86400) == 300);
  CHECK(model::point_start_s(kPerSecondResolution, 10799) == 10799);
  CHECK(model::point_start_s(kPerSecondResolution, 10800) == kThreeHours);
  CHECK(model::point_start_s(kPerSecondResolution, 10801) == kThreeHours + 60);
  CHECK(model::point_start_s(kPerSecondResolution, 10800 + 21420) == 15 * 86400);
  CHECK(model::points_for(kPerSecondResolution, kThreeHours + 120) == 10802);
  CHECK(model::points_for(kPerSecondResolution, kThreeHours + 121) == 10803);  // a partial last minute
  CHECK(model::points_for(kPerSecondResolution, 30 * 86400) == 10800 + 21420 + 4320);
  CHECK(model::points_for(kPerMinuteResolution, 30 * 86400) == 21600 + 4320);
  CHECK(model::segments_reached(kPerSecondResolution, 600).size() == 1);
  CHECK(model::segments_reached(kPerSecondResolution, kThreeHours).size() == 1);
  CHECK(model::segments_reached(kPerSecondResolution, kThreeHours + 1).size() == 2);
}

TEST_CASE("Series resolution: 3 h + 2 min of a counted series hold 10,800 seconds, then 2 minutes, their sums") {
  model::MetricsRecorder recorder({"a"});
  const int64_t seconds = kThreeHours + 120;
  for (int64_t s = 0; s < seconds; ++s) {
    for (int64_t e = 0; e < s % 7; ++e) recorder.on_client_error(0);
    // Provisioned units rise and fall within each minute: a level keeps its largest.
    const int64_t provisioned = 100 + (s * 37) % 60;
    recorder.end_second(0, s, {2500, 0, provisioned, 0, s % 11});
  }
  model::RunResult result;
  recorder.finish(result);
  const model::RegionSeries& series = result.region_series[0];
  REQUIRE(series.client_errors.size() == 10802);
  for (int64_t s = 0; s < kThreeHours; s += 997) CHECK(series.client_errors[static_cast<size_t>(s)] == s % 7);
  for (size_t minute = 0; minute < 2; ++minute) {
    int64_t errors = 0, provisioned = 0, backlog = 0, consumed = 0, burst = 0;
    const int64_t from_s = kThreeHours + 60 * static_cast<int64_t>(minute);
    for (int64_t s = from_s; s < from_s + 60; ++s) {
      errors += s % 7;
      const int64_t units = 100 + (s * 37) % 60;
      provisioned = std::max(provisioned, units);
      backlog = std::max(backlog, s % 11);
      consumed += 2500;
      burst += std::max<int64_t>(0, 2500 - units * 1000);
    }
    CAPTURE(minute);
    CHECK(series.client_errors[10800 + minute] == errors);
    CHECK(series.consumed_write_milli[10800 + minute] == consumed);
    CHECK(series.burst_write_milli[10800 + minute] == burst);
    CHECK(series.provisioned_write_units[10800 + minute] == provisioned);
    CHECK(series.replication_backlog[10800 + minute] == backlog);
  }
  CHECK(series.provisioned_write_units[10800] == 159);  // 37 is prime to 60: every value in 100..159 occurs
}

TEST_CASE("Series resolution: throttling windows are found from every second, past the first 3 hours too") {
  model::MetricsRecorder recorder({"a"});
  const auto second = [&](int64_t s, int throttles, int errors) {
    for (int i = 0; i < throttles; ++i) recorder.on_throttle(0);
    for (int i = 0; i < errors; ++i) recorder.on_client_error(0);
    recorder.end_second(0, s, {0, 0, 0, 0, 0});
  };
  for (int64_t s = 0; s < kThreeHours + 600; ++s) {
    const bool first = s == kThreeHours + 5 || s == kThreeHours + 65;           // 60 s apart: one window
    const bool second_window = s == kThreeHours + 200;                          // 135 s later: another
    second(s, first || second_window ? 3 : 0, s == kThreeHours + 30 ? 2 : 0);   // an error between the first two
  }
  model::RunResult result;
  recorder.finish(result);
  REQUIRE(result.throttle_windows.size() == 2);
  CHECK(result.throttle_windows[0].start_ns == sim::Duration::seconds(kThreeHours + 5).ns());
  CHECK(result.throttle_windows[0].end_ns == sim::Duration::seconds(kThreeHours + 66).ns());
  CHECK(result.throttle_windows[0].throttle_events == 6);
  CHECK(result.throttle_windows[0].client_errors == 2);
  CHECK(result.throttle_windows[1].start_ns == sim::Duration::seconds(kThreeHours + 200).ns());
  CHECK(result.throttle_windows[1].end_ns == sim::Duration::seconds(kThreeHours + 201).ns());
}

TEST_CASE("Series resolution: a 30-day run's series hold 36,540 points each, the per-minute ones 25,920") {
  const sim::LatencyModel latency(gtsim_test::ms(50), std::nullopt);
  const model::Scenario scenario = gtsim_test::make_world({"a", "b", "c"}, latency, 16, sim::Duration::hours(720));
  model::RunRecorder recorder(scenario, {"a", "b", "c"});
  const int64_t seconds = 30 * 86400;
  // One write applied a -> b in the first 5-minute point after 15 days, one in the minute before.
  close_seconds(recorder, 3, 15 * 86400 - 60);
  recorder.replicated(0, 1, 0, sim::Instant::from_ns(sim::Duration::seconds(15 * 86400 - 30).ns()));
  close_seconds(recorder, 3, 60);
  recorder.replicated(0, 1, 0, sim::Instant::from_ns(sim::Duration::seconds(15 * 86400 + 100).ns()));
  close_seconds(recorder, 3, seconds - 15 * 86400);
  const model::RunResult result = recorder.finish(sim::Instant::from_ns(sim::Duration::seconds(seconds).ns()), 0);
  CHECK(result.series_seconds == seconds);
  // The bound: 3 h of seconds, 15 days less 3 h of minutes, 15 days of 5 minutes.
  constexpr size_t kPerSecondPoints = 10800 + 21420 + 4320;
  constexpr size_t kPerMinutePoints = 21600 + 4320;
  for (const model::RegionSeries& s : result.region_series) {
    for (const auto* v : {&s.consumed_write_milli, &s.consumed_read_milli, &s.burst_write_milli, &s.burst_read_milli,
                          &s.provisioned_write_units, &s.provisioned_read_units, &s.throttle_events,
                          &s.client_attempts, &s.replication_throttle_events, &s.client_errors,
                          &s.unavailable_errors, &s.refused_requests, &s.replication_backlog}) {
      CHECK(v->size() == kPerSecondPoints);
    }
    for (const auto* v : {&s.latency_p50_ns, &s.latency_p90_ns, &s.latency_p99_ns, &s.latency_max_ns,
                          &s.successful_request_latency_mean_ns, &s.successful_request_latency_max_ns}) {
      CHECK(v->size() == kPerMinutePoints);
    }
    CHECK(s.consumed_write_milli.back() == 300 * 1000);  // 1 unit a second, summed over 5 minutes
    CHECK(s.provisioned_write_units.back() == 5);
  }
  REQUIRE(result.pair_series.size() == 6);
  for (const model::PairSeries& s : result.pair_series) {
    CHECK(s.pending_replication.size() == kPerSecondPoints);
    CHECK(s.replication_latency_mean_ns.size() == kPerMinutePoints);
    CHECK(s.replication_latency_max_ns.size() == kPerMinutePoints);
  }
  // ReplicationLatency of a -> b: the minute before 15 days, then the first 5-minute point.
  const model::PairSeries& ab = result.pair_series[0];
  CHECK(ab.replication_latency_max_ns[21599] == sim::Duration::seconds(15 * 86400 - 30).ns());
  CHECK(ab.replication_latency_max_ns[21600] == sim::Duration::seconds(15 * 86400 + 100).ns());
  CHECK(ab.replication_latency_mean_ns[21600] == sim::Duration::seconds(15 * 86400 + 100).ns());
  CHECK(ab.replication_latency_max_ns[21601] == 0);
}

TEST_CASE("Series resolution: the JSON report states each group's segments, the CSV each row's step") {
  const sim::LatencyModel latency(gtsim_test::ms(50), std::nullopt);
  model::Scenario scenario = gtsim_test::make_world({"a"}, latency, 16, sim::Duration::seconds(kThreeHours + 120));
  scenario.workload[0].push_back(gtsim_test::writers(2));
  const model::RunResult result = model::Simulation(scenario).run();
  REQUIRE(result.series_seconds == kThreeHours + 120);
  std::string error;
  const std::optional<reports::JsonValue> report = reports::parse_json(reports::json_report(result), &error);
  REQUIRE(report);
  const reports::JsonValue& series = *report->find("series");
  const reports::JsonValue& per_second = *series.find("per_second");
  const reports::JsonValue& per_minute = *series.find("per_minute");
  using Segments = std::vector<std::pair<int64_t, int64_t>>;
  CHECK(resolution_of(per_second) == Segments{{0, 1}, {kThreeHours, 60}});
  CHECK(resolution_of(per_minute) == Segments{{0, 60}});
  const reports::JsonValue& region = per_second.find("regions")->items[0];
  CHECK(region.find("consumed_write_units")->items.size() == 10802);
  const reports::JsonValue& region_minutes = per_minute.find("regions")->items[0];
  CHECK(region_minutes.find("consumed_write_units")->items.size() == 182);
  CHECK(region_minutes.find("latency_p50_ns")->items.size() == 182);
  // The per-minute view of a coarse minute is that minute's point.
  CHECK(region_minutes.find("consumed_write_units")->items[181].text ==
        region.find("consumed_write_units")->items[10801].text);
  for (const reports::CsvFile& file : reports::csv_report(result)) {
    if (file.name != "ThrottleEvents.csv") continue;
    CHECK(file.content.find("\n10799,1,") != std::string::npos);
    CHECK(file.content.find("\n10800,60,") != std::string::npos);
    CHECK(file.content.find("\n10860,60,") != std::string::npos);
    CHECK(file.content.find("\n10801,") == std::string::npos);
  }

  scenario.duration = sim::Duration::minutes(10);
  const std::optional<reports::JsonValue> short_run =
      reports::parse_json(reports::json_report(model::Simulation(scenario).run()), &error);
  REQUIRE(short_run);
  CHECK(resolution_of(*short_run->find("series")->find("per_second")) == Segments{{0, 1}});
}

TEST_CASE("Series resolution: a 400-hour run reports 5-minute points after 15 days, in JSON and CSV alike") {
  const model::RunResult result = gtsim_test::run_yaml(
      "duration: 400h\nregions: [us-east-1, eu-west-1]\ntable: {keys: 10}\n"
      "workload:\n  us-east-1: [{rate: 0.01}]\n");
  constexpr int64_t kFifteenDays = 15 * 86400;
  REQUIRE(result.series_seconds >= 400 * 3600);
  std::string error;
  const std::optional<reports::JsonValue> report = reports::parse_json(reports::json_report(result), &error);
  REQUIRE(report);
  const reports::JsonValue& series = *report->find("series");
  using Segments = std::vector<std::pair<int64_t, int64_t>>;
  CHECK(resolution_of(*series.find("per_second")) == Segments{{0, 1}, {kThreeHours, 60}, {kFifteenDays, 300}});
  CHECK(resolution_of(*series.find("per_minute")) == Segments{{0, 60}, {kFifteenDays, 300}});
  const size_t seconds = model::points_for(model::kPerSecondResolution, result.series_seconds);
  const size_t minutes = model::points_for(model::kPerMinuteResolution, result.series_seconds);
  CHECK(seconds == 10800 + 21420 + 480);
  CHECK(minutes == 21600 + 480);
  const reports::JsonValue& region = series.find("per_second")->find("regions")->items[0];
  const reports::JsonValue& region_minutes = series.find("per_minute")->find("regions")->items[0];
  CHECK(region.find("throttle_events")->items.size() == seconds);
  CHECK(region_minutes.find("throttle_events")->items.size() == minutes);
  CHECK(region_minutes.find("latency_p50_ns")->items.size() == minutes);
  CHECK(series.find("per_minute")->find("pairs")->items[0].find("replication_latency_max_ns")->items.size() ==
        minutes);
  for (const reports::CsvFile& file : reports::csv_report(result)) {
    if (file.name != "ReplicationLatency.csv") continue;
    CHECK(file.content.find("\n1295940,60,") != std::string::npos);
    CHECK(file.content.find("\n1296000,300,") != std::string::npos);
    CHECK(file.content.find("\n1296300,300,") != std::string::npos);
    CHECK(file.content.find("\n1296060,") == std::string::npos);
  }
}
