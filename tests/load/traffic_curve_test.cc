// Tests for load/traffic_curve.h: a client group's `rate` as a curve
// (points once or daily, diurnal, base and steps), what it becomes (the
// curve, its mean as rate_per_second, instances from its peak), `--set` into
// a curve, and every refusal with its exact message.
#include "load/traffic_curve.h"

#include <catch2/catch.hpp>

#include <string>

#include "load/scenario_loader.h"
#include "tests/load/load_errors.h"

namespace load {
namespace {

using gtsim_test::Lines;
using gtsim_test::load_errors;
using sim::Duration;
using sim::Instant;

// A scenario of `duration` (half an hour unless given) whose one client
// group in us-east-1 has the rate (curve) `rate`.
std::string curve_scenario(const std::string& rate, const std::string& duration = "30m") {
  return "duration: " + duration + "\nregions: [us-east-1, eu-west-1]\nworkload:\n  us-east-1:\n    - rate: " + rate +
         "\n";
}

model::ClientGroupConfig group_of(const std::string& yaml, const std::vector<Override>& overrides = {}) {
  LoadResult result = load_scenario_text(yaml, "s.yaml", overrides);
  for (const model::Diagnostic& d : result.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(result.ok());
  return result.scenario->workload[0][0];
}

Instant at_m(int64_t minutes) { return Instant::zero() + Duration::minutes(minutes); }

TEST_CASE("Traffic curve: a number stays a constant rate, with no curve", "[load][traffic_curve]") {
  const model::ClientGroupConfig g = group_of(curve_scenario("1000"));
  CHECK(g.rate_per_second == 1000);
  CHECK(g.rate_curve.empty());
  CHECK(g.instances == 10);
}

TEST_CASE("Traffic curve: points give a curve; rate_per_second is its mean, instances follow its peak",
          "[load][traffic_curve]") {
  const model::ClientGroupConfig g = group_of(curve_scenario("{points: {0m: 100, 10m: 1000, 20m: 200}}"));
  REQUIRE_FALSE(g.rate_curve.empty());
  CHECK(g.rate_curve.rate_at(at_m(5)) == Approx(550));
  CHECK(g.rate_curve.rate_at(at_m(25)) == Approx(200));
  // (550 + 600 + 200) x 600 s over 1800 s.
  CHECK(g.rate_per_second == Approx((550.0 + 600.0 + 200.0) / 3));
  CHECK(g.instances == 10);  // a peak of 1000/s
}

TEST_CASE("Traffic curve: daily points repeat; diurnal waves; base with steps", "[load][traffic_curve]") {
  const model::ClientGroupConfig daily =
      group_of(curve_scenario("{points: {0h: 1000, 8h: 3000, 20h: 800}, repeat: daily}", "48h"));
  CHECK(daily.rate_curve.rate_at(Instant::zero() + Duration::hours(46)) == Approx(900));
  const model::ClientGroupConfig wave =
      group_of(curve_scenario("{diurnal: {mean: 2000, peak_to_trough: 3, peak_at: 14h, timezone_offset: -5h}}", "24h"));
  CHECK(wave.rate_curve.rate_at(Instant::zero() + Duration::hours(19)) == Approx(3000));
  CHECK(wave.rate_per_second == Approx(2000));
  CHECK(wave.instances == 30);
  const model::ClientGroupConfig utc =
      group_of(curve_scenario("{diurnal: {mean: 10, peak_to_trough: 1, peak_at: 0h}}"));
  CHECK(utc.rate_curve.rate_at(at_m(7)) == Approx(10));
  const model::ClientGroupConfig stepped =
      group_of(curve_scenario("{base: 100, steps: [{at: 10m, rate: 5000, for: 2m}, {at: 20m, rate: 300}]}"));
  CHECK(stepped.rate_curve.rate_at(at_m(11)) == Approx(5000));
  CHECK(stepped.rate_curve.rate_at(at_m(15)) == Approx(100));
  CHECK(stepped.rate_curve.rate_at(at_m(25)) == Approx(300));
  CHECK(stepped.instances == 50);
  const model::ClientGroupConfig spiked = group_of(
      curve_scenario("{diurnal: {mean: 50, peak_to_trough: 2, peak_at: 14h}, steps: [{at: 5m, rate: 0, for: 1m}]}"));
  CHECK(spiked.rate_curve.rate_at(at_m(5)) == 0);
}

TEST_CASE("Traffic curve: --set reaches into a curve, or replaces it", "[load][traffic_curve]") {
  const std::string yaml = curve_scenario("{diurnal: {mean: 2000, peak_to_trough: 3, peak_at: 14h}}", "24h");
  const model::ClientGroupConfig doubled = group_of(yaml, {{"workload.us-east-1.0.rate.diurnal.mean", "4000"}});
  CHECK(doubled.rate_per_second == Approx(4000));
  const model::ClientGroupConfig flat = group_of(yaml, {{"workload.us-east-1.0.rate", "500"}});
  CHECK(flat.rate_curve.empty());
  CHECK(flat.rate_per_second == 500);
  const model::ClientGroupConfig curved =
      group_of(curve_scenario("100"), {{"workload.us-east-1.0.rate", "{points: {0m: 10, 30m: 20}}"}});
  CHECK(curved.rate_curve.rate_at(at_m(15)) == Approx(15));
  CHECK(load_errors(curve_scenario("100")).empty());
  const LoadResult into_number =
      load_scenario_text(curve_scenario("100"), "s.yaml", {{"workload.us-east-1.0.rate.base", "5"}});
  REQUIRE(into_number.diagnostics.size() == 1);
  CHECK(into_number.diagnostics[0].to_string() ==
        "--set workload.us-east-1.0.rate.base=5: error: cannot set 'workload.us-east-1.0.rate.base': "
        "'workload.us-east-1.0.rate' is a scalar, not a map or a sequence");
}

TEST_CASE("Traffic curve: points refused, with their messages", "[load][traffic_curve]") {
  CHECK(load_errors(curve_scenario("{points: {0m: 100, 10m: -1000, 5m: 200, 25h: 3}, repeat: daily}")) ==
        Lines{"s.yaml:5:37: error: workload.us-east-1[0].rate.points.10m: must not be negative, found -1000",
              "s.yaml:5:44: error: workload.us-east-1[0].rate.points.5m: 5m is not after 10m: points must be in time "
              "order",
              "s.yaml:5:53: error: workload.us-east-1[0].rate.points.25h: must be less than 24h with repeat: daily "
              "(a time of day), found '25h'"});
  CHECK(load_errors(curve_scenario("{points: {0: 1, 1m: 2e7}, repeat: weekly}")) ==
        Lines{"s.yaml:5:23: error: workload.us-east-1[0].rate.points.0: expected a duration with a unit (ns, us, ms, "
              "s, m, h), e.g. '150ms'; found '0'",
              "s.yaml:5:33: error: workload.us-east-1[0].rate.points.1m: must be at most 10000000 requests per second, "
              "found 2e7",
              "s.yaml:5:47: error: workload.us-east-1[0].rate.repeat: expected 'none' or 'daily', found 'weekly'"});
  CHECK(load_errors(curve_scenario("{points: {}}")) ==
        Lines{"s.yaml:5:22: error: workload.us-east-1[0].rate.points: expected a map of time to rate, e.g. {0h: "
              "1000, 8h: 3000, 20h: 800}; found an empty map"});
  CHECK(load_errors(curve_scenario("{points: {0h: 0, 1h: 0}}")) ==
        Lines{"s.yaml:5:13: error: workload.us-east-1[0].rate: the curve is 0 throughout the run (0s to 30m): no "
              "request would be sent"});
}

TEST_CASE("Traffic curve: diurnal refused, with its messages", "[load][traffic_curve]") {
  CHECK(load_errors(curve_scenario("{diurnal: {mean: 0, peak_to_trough: 0.5, peak_at: 24h, timezone_offset: 15h}}")) ==
        Lines{"s.yaml:5:30: error: workload.us-east-1[0].rate.diurnal.mean: must be at least 0.000001 requests per "
              "second, found 0",
              "s.yaml:5:49: error: workload.us-east-1[0].rate.diurnal.peak_to_trough: must be at least 1 (1 is a flat "
              "rate), found 0.5",
              "s.yaml:5:63: error: workload.us-east-1[0].rate.diurnal.peak_at: must be a time of day, less than 24h, "
              "found '24h'",
              "s.yaml:5:85: error: workload.us-east-1[0].rate.diurnal.timezone_offset: must be from -12h to 14h "
              "(UTC-12:00 to UTC+14:00), found '15h'"});
  CHECK(load_errors(curve_scenario("{diurnal: {mean: 9000000, peak_to_trough: 3, peak_at: 14h}}")) ==
        Lines{"s.yaml:5:23: error: workload.us-east-1[0].rate.diurnal: its peak, mean x 2 x peak_to_trough / (1 + "
              "peak_to_trough) = 13500000, must be at most 10000000 requests per second"});
  CHECK(load_errors(curve_scenario("{diurnal: {mean: 10, peak_at: 14h, peek_to_trough: 2}}")) ==
        Lines{"s.yaml:5:23: error: missing required key 'peak_to_trough' in workload.us-east-1[0].rate.diurnal",
              "s.yaml:5:48: error: unknown key 'peek_to_trough' in workload.us-east-1[0].rate.diurnal; did you mean "
              "'peak_to_trough'?"});
}

TEST_CASE("Traffic curve: steps and the curve map refused, with their messages", "[load][traffic_curve]") {
  CHECK(load_errors(curve_scenario(
            "{base: 100, steps: [{at: 40m, rate: 2000, for: 0s}, {at: 5m, rate: 1}, {at: 1m, rate: 3, fro: 1m}]}")) ==
        Lines{"s.yaml:5:38: error: workload.us-east-1[0].rate.steps[0].at: 40m is after the end of the run (duration "
              "30m)",
              "s.yaml:5:60: error: workload.us-east-1[0].rate.steps[0].for: must be positive, found '0s'",
              "s.yaml:5:89: error: workload.us-east-1[0].rate.steps[2].at: 1m is not after the step before it (5m): "
              "steps must be in time order",
              "s.yaml:5:102: error: unknown key 'fro' in workload.us-east-1[0].rate.steps[2]; did you mean 'for'?"});
  CHECK(load_errors(curve_scenario("{base: 100}")) ==
        Lines{"s.yaml:5:13: error: missing required key 'steps' in workload.us-east-1[0].rate: a 'base' rate is "
              "changed by its steps (a rate that never changes is a number, e.g. rate: 1000)"});
  CHECK(load_errors(curve_scenario("{base: 100, points: {0h: 1}, steps: []}")) ==
        Lines{"s.yaml:5:25: error: workload.us-east-1[0].rate: 'base' and 'points' cannot be combined: a curve has "
              "one base ('base', 'points', 'diurnal' or 'trace'), with 'steps' laid over it",
              "s.yaml:5:49: error: workload.us-east-1[0].rate.steps: expected a non-empty sequence of steps, e.g. "
              "[{at: 10m, rate: 5000, for: 2m}]; found an empty sequence"});
  CHECK(load_errors(curve_scenario("{steps: [{at: 1m, rate: 5}], repeat: daily}")) ==
        Lines{"s.yaml:5:13: error: missing a base in workload.us-east-1[0].rate: expected one of 'base', 'points', "
              "'diurnal' or 'trace'",
              "s.yaml:5:50: error: workload.us-east-1[0].rate.repeat: only 'points' repeat"});
  CHECK(load_errors(curve_scenario("{pionts: {0h: 5}}")) ==
        Lines{"s.yaml:5:14: error: unknown key 'pionts' in workload.us-east-1[0].rate; did you mean 'points'?"});
  CHECK(load_errors(curve_scenario("[1, 2]")) ==
        Lines{"s.yaml:5:13: error: workload.us-east-1[0].rate: expected a number or a curve map, e.g. {points: {0h: "
              "1000, 8h: 3000}}; found a sequence"});
}

}  // namespace
}  // namespace load
