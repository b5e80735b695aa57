// docs/report.schema.json: every golden report validates against it, and it
// says no more and no less than the report (a changed report is caught).
#include <catch2/catch.hpp>

#include <algorithm>

#include <filesystem>
#include <stdexcept>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/json_report.h"
#include "reports/json_value.h"
#include "tests/reports/admin_result.h"
#include "tests/reports/json_schema.h"

namespace fs = std::filesystem;

using gtsim_test::parse_json_file;
using gtsim_test::report_schema;

namespace {

std::vector<fs::path> goldens() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(GTSIM_SOURCE_DIR) / "tests" / "golden")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

reports::JsonValue& member(reports::JsonValue& v, const std::string& key) {
  for (auto& [k, m] : v.members) {
    if (k == key) return m;
  }
  throw std::runtime_error("no member " + key);
}

}  // namespace

TEST_CASE("Report schema: every golden report validates against docs/report.schema.json") {
  const reports::JsonValue s = report_schema();
  gtsim_test::SchemaValidator validator(s);
  const std::vector<fs::path> files = goldens();
  REQUIRE(files.size() >= 4);
  for (const fs::path& file : files) {
    CAPTURE(file.filename().string());
    const std::vector<std::string> errors = validator.validate(parse_json_file(file));
    for (const std::string& e : errors) UNSCOPED_INFO(e);
    CHECK(errors.empty());
  }
}

TEST_CASE("Report schema: a missing, extra, mistyped or reordered key is a violation") {
  const reports::JsonValue s = report_schema();
  gtsim_test::SchemaValidator validator(s);
  const reports::JsonValue golden = parse_json_file(goldens().front());

  reports::JsonValue missing = golden;
  reports::JsonValue& conflicts = member(missing, "conflicts");
  conflicts.members.erase(conflicts.members.begin() + 3);  // clobbered
  CHECK(validator.validate(missing) == std::vector<std::string>{"$.conflicts: missing 'clobbered'"});

  reports::JsonValue extra = golden;
  reports::JsonValue wall;
  wall.kind = reports::JsonValue::Kind::kNumber;
  wall.text = "12";
  member(extra, "run").members.push_back({"wall_ns", wall});
  CHECK(validator.validate(extra) == std::vector<std::string>{"$.run: unexpected key 'wall_ns'"});

  reports::JsonValue mistyped = golden;
  member(member(mistyped, "scenario"), "seed").text = "1.5";
  CHECK(validator.validate(mistyped) == std::vector<std::string>{"$.scenario.seed: expected integer"});

  reports::JsonValue negative = golden;
  member(member(negative, "conflicts"), "writes").text = "-1";
  CHECK(validator.validate(negative) == std::vector<std::string>{"$.conflicts.writes: -1 is below the minimum 0"});

  reports::JsonValue reordered = golden;
  std::swap(reordered.members[0], reordered.members[1]);
  CHECK(validator.validate(reordered) ==
        std::vector<std::string>{"$: key 'schema_version' out of the schema's order"});

  reports::JsonValue stop = golden;
  member(member(stop, "run"), "stop").text = "crashed";
  CHECK(validator.validate(stop) == std::vector<std::string>{"$.run.stop: 'crashed' is not one of the enum"});
}

TEST_CASE("Report schema: a keyword the validator does not know is an error, not ignored") {
  std::string error;
  const reports::JsonValue s = *reports::parse_json(R"({"type": "object", "patternProperties": {}})", &error);
  gtsim_test::SchemaValidator validator(s);
  CHECK(validator.validate(*reports::parse_json("{}", &error)) ==
        std::vector<std::string>{"$: schema: keyword 'patternProperties' is not supported by this validator"});
}

TEST_CASE("Report schema: a report with queries, drift episodes and replica changes validates") {
  const reports::JsonValue s = report_schema();
  gtsim_test::SchemaValidator validator(s);
  std::string error;
  const std::optional<reports::JsonValue> report =
      reports::parse_json(reports::json_report(gtsim_test::admin_result()), &error);
  REQUIRE(report);
  const std::vector<std::string> errors = validator.validate(*report);
  for (const std::string& e : errors) UNSCOPED_INFO(e);
  CHECK(errors.empty());

  reports::JsonValue wrong = *report;
  member(member(wrong, "drift"), "settings_sync").kind = reports::JsonValue::Kind::kNumber;
  member(member(wrong, "drift"), "settings_sync").text = "1";
  CHECK(validator.validate(wrong) == std::vector<std::string>{"$.drift.settings_sync: expected boolean"});
  reports::JsonValue action = *report;
  member(member(action, "replica_changes").items[1], "action").text = "move";
  CHECK(validator.validate(action) ==
        std::vector<std::string>{"$.replica_changes[1].action: 'move' is not one of the enum"});
}

TEST_CASE("Report schema: a report the simulator writes now validates (goldens may lag behind the model)") {
  const load::LoadResult loaded = load::load_scenario_file(
      std::string(GTSIM_SOURCE_DIR) + "/scenarios/quickstart.yaml", {{"duration", "5s"}});
  REQUIRE(loaded.ok());
  std::string error;
  const std::optional<reports::JsonValue> report =
      reports::parse_json(reports::json_report(model::Simulation(*loaded.scenario).run()), &error);
  REQUIRE(report);
  const reports::JsonValue s = report_schema();
  gtsim_test::SchemaValidator validator(s);
  const std::vector<std::string> errors = validator.validate(*report);
  for (const std::string& e : errors) UNSCOPED_INFO(e);
  CHECK(errors.empty());
}
