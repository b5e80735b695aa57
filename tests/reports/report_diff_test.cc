// reports/report_diff.h and reports/json_value.h: reports read back as
// figures, and what changed between two of them.
#include <catch2/catch.hpp>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/json_report.h"
#include "reports/report_diff.h"
#include "tests/reports/admin_result.h"

namespace {

model::RunResult run_file(const std::string& file, const std::vector<load::Override>& overrides) {
  const load::LoadResult loaded = load::load_scenario_file(std::string(GTSIM_SOURCE_DIR) + "/" + file, overrides);
  REQUIRE(loaded.ok());
  return model::Simulation(*loaded.scenario).run();
}

reports::JsonValue parse(const std::string& text) {
  std::string error;
  std::optional<reports::JsonValue> v = reports::parse_json(text, &error);
  INFO(error);
  REQUIRE(v);
  return *v;
}

void set_figure(reports::JsonValue& report, const std::string& key, const std::string& field, const std::string& value) {
  for (auto& [k, v] : report.members) {
    if (k != key) continue;
    for (auto& [f, x] : v.members) {
      if (f == field) x.text = value;
    }
  }
}

}  // namespace

TEST_CASE("Report diff: figures read from the JSON report are flatten()'s, path for path, value for value") {
  for (const auto& [file, overrides] :
       std::vector<std::pair<std::string, std::vector<load::Override>>>{
           {"scenarios/quickstart.yaml", {{"duration", "10s"}}},
           {"scenarios/failover-throttle-2017.yaml", {{"duration", "11m"}, {"workload.us-east-1.0.rate", "100"}}}}) {
    CAPTURE(file);
    const model::RunResult result = run_file(file, overrides);
    std::string error;
    const auto figures = reports::figures_from_report(parse(reports::json_report(result)), &error);
    REQUIRE(figures);
    const std::vector<reports::Figure> expected = reports::flatten(result);
    REQUIRE(figures->size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      CHECK((*figures)[i].path == expected[i].path);
      CHECK((*figures)[i].value == expected[i].value);
    }
  }
}

TEST_CASE("Report diff: equal reports are equal; a changed figure is listed with both values") {
  const std::string text = reports::json_report(run_file("scenarios/quickstart.yaml", {{"duration", "5s"}}));
  const reports::JsonValue a = parse(text);
  CHECK(reports::diff_reports(a, a, {}).equal());

  reports::JsonValue b = a;
  set_figure(b, "conflicts", "clobbered", "1000000");
  const reports::ReportDiff diff = reports::diff_reports(a, b, {});
  REQUIRE(diff.changes.size() == 1);
  CHECK(diff.changes[0].path == "conflicts.clobbered");
  CHECK(*diff.changes[0].b == 1000000);
  const std::string out = reports::format_report_diff(diff, "a.json", "b.json");
  CHECK(out.find("conflicts.clobbered") != std::string::npos);
  CHECK(out.find("1 of ") != std::string::npos);
}

TEST_CASE("Report diff: tolerances in percent, duration or count, for all figures or a pattern") {
  std::string error;
  auto t = reports::parse_tolerance("2%", &error);
  REQUIRE(t);
  CHECK(t->percent == 2.0);
  CHECK(t->pattern == "*");
  t = reports::parse_tolerance("lag.*.p99_ns=5ms", &error);
  REQUIRE(t);
  CHECK(t->pattern == "lag.*.p99_ns");
  CHECK(t->absolute == 5'000'000);
  CHECK(reports::parse_tolerance("10", &error)->absolute == 10);
  CHECK(!reports::parse_tolerance("lots", &error));
  CHECK(error == "--tolerance expects [PATTERN=]VALUE with VALUE a percentage ('2%'), a duration ('5ms'), an "
                 "amount in dollars ('$0.05') or an integer ('10'); found 'lots'");
  CHECK(reports::parse_tolerance("cost.*=$0.05", &error)->absolute == 50'000);  // micro-dollars
  CHECK(!reports::parse_tolerance("$-1", &error));
  CHECK(!reports::parse_tolerance("=5%", &error));

  const reports::JsonValue a = parse(reports::json_report(run_file("scenarios/quickstart.yaml", {{"duration", "5s"}})));
  reports::JsonValue b = a;
  set_figure(b, "convergence", "items", "1");
  CHECK(!reports::diff_reports(a, b, {*reports::parse_tolerance("5%", &error)}).equal());
  CHECK(reports::diff_reports(a, b, {*reports::parse_tolerance("100%", &error)}).equal());
  CHECK(!reports::diff_reports(a, b, {*reports::parse_tolerance("conflicts.*=100%", &error)}).equal());
  CHECK(reports::diff_reports(a, b, {*reports::parse_tolerance("convergence.*=100%", &error)}).equal());
}

TEST_CASE("JsonValue: parses what JsonWriter writes and rejects malformed text with an offset") {
  std::string error;
  const auto v = reports::parse_json(R"({"a": [1, -2, 3.5e1], "b": "x\"y\u0041", "c": true, "d": null})", &error);
  REQUIRE(v);
  CHECK(v->find("a")->items[1].as_int64() == -2);
  CHECK(!v->find("a")->items[2].is_integer());
  CHECK(v->find("b")->text == "x\"yA");
  CHECK(v->find("c")->boolean);
  CHECK(!reports::parse_json("{\"a\": }", &error));
  CHECK(error == "offset 6: expected a value");
  CHECK(!reports::parse_json("[1] 2", &error));
  CHECK(!reports::parse_json(std::string(100, '['), &error));
  CHECK(error.find("nested too deeply") != std::string::npos);
}

TEST_CASE("Report diff: the region, drift and replica figures of issue 4 read back as flatten()'s") {
  const model::RunResult result = gtsim_test::admin_result();
  std::string error;
  const auto figures = reports::figures_from_report(parse(reports::json_report(result)), &error);
  INFO(error);
  REQUIRE(figures);
  const std::vector<reports::Figure> expected = reports::flatten(result);
  REQUIRE(figures->size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK((*figures)[i].path == expected[i].path);
    CHECK((*figures)[i].value == expected[i].value);
  }
}

TEST_CASE("Report diff: a changed drift episode is a changed figure and a differing part") {
  model::RunResult result = gtsim_test::admin_result();
  const reports::JsonValue a = parse(reports::json_report(result));
  result.drift.episodes[1].cost = 301;
  result.replica_changes[0].parked_writes = 231;
  const reports::ReportDiff diff = reports::diff_reports(a, parse(reports::json_report(result)), {});
  REQUIRE(diff.changes.size() == 1);
  CHECK(diff.changes[0].path == "drift.ttl.cost");
  CHECK(diff.other_parts == std::vector<std::string>{"replica_changes", "drift.episodes"});
}

TEST_CASE("Report diff: a report made before issue 4's figures diffs against a new one, those figures absent") {
  const std::string text = reports::json_report(run_file("scenarios/quickstart.yaml", {{"duration", "5s"}}));
  const reports::JsonValue now = parse(text);
  // What schema_version 1 reports held before: no queries, refusals, TTL or drift.
  reports::JsonValue before = now;
  const auto drop = [](reports::JsonValue& object, const std::vector<std::string>& keys) {
    std::erase_if(object.members, [&](const auto& m) { return std::find(keys.begin(), keys.end(), m.first) != keys.end(); });
  };
  drop(before, {"drift", "replica_changes"});
  for (auto& [key, value] : before.members) {
    if (key != "regions") continue;
    for (reports::JsonValue& region : value.items) {
      drop(region, {"queries", "missing_index_errors", "refused_requests", "ttl_deletes", "ttl_replicated_write_units",
                    "expired_items"});
    }
  }
  const reports::ReportDiff diff = reports::diff_reports(before, now, {});
  REQUIRE(diff.changes.size() == 3 * 6 + 2 * 3);  // per region six figures; capacity and ttl drift figures
  for (const reports::FigureChange& change : diff.changes) {
    CHECK(!change.a.has_value());
    CHECK(change.b.has_value());
  }
}

// Issue 14: crafted drift figures overflowed int64 in the sums (undefined
// behaviour); a --tolerance of "0x10%" was read as 16%.
TEST_CASE("Report diff: drift sums beyond int64 and hexadecimal tolerances are refused") {
  reports::DriftFigures sums;
  CHECK(sums.add(0, 10, INT64_MAX, 100));
  CHECK_FALSE(sums.add(0, 10, 1, 100));  // cost would overflow
  CHECK(sums.episodes == 1);
  CHECK(sums.cost == INT64_MAX);
  reports::DriftFigures span;
  CHECK_FALSE(span.add(INT64_MIN, INT64_MAX, 0, 0));  // until - since overflows
  CHECK(span.add(0, INT64_MAX, 0, 0));
  CHECK_FALSE(span.add(0, 1, 0, 0));  // the drifted time would overflow
  CHECK(span.drifted_ns == INT64_MAX);

  const model::RunResult result = gtsim_test::admin_result();
  std::string text = reports::json_report(result);
  const std::string since = "\"since_ns\": ";
  const size_t at = text.find(since);
  REQUIRE(at != std::string::npos);
  const size_t end = text.find_first_of(",\n}", at + since.size());
  text.replace(at + since.size(), end - at - since.size(), "-9223372036854775807");
  std::string error;
  CHECK_FALSE(reports::figures_from_report(parse(text), &error));
  CHECK(error.ends_with("sum beyond a 64-bit integer"));

  for (const char* bad : {"0x10%", "inf%", "nan%", "1e2%", "-1%", ".5%", "5.%", "1.2.3%", "%"}) {
    INFO(bad);
    CHECK_FALSE(reports::parse_tolerance(bad, &error));
  }
  CHECK(reports::parse_tolerance("2.5%", &error)->percent == 2.5);
}
