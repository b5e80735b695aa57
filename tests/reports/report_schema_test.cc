// docs/report.schema.json: every golden report validates against it, and it
// says no more and no less than the report (a changed report is caught).
#include <catch2/catch.hpp>

#include <algorithm>

#include <filesystem>
#include <stdexcept>
#include <fstream>
#include <sstream>

#include "reports/json_value.h"
#include "tests/reports/json_schema.h"

namespace fs = std::filesystem;

namespace {

reports::JsonValue parse_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  std::optional<reports::JsonValue> value = reports::parse_json(text.str(), &error);
  INFO(path.string() << ": " << error);
  REQUIRE(value);
  return *value;
}

reports::JsonValue schema() { return parse_file(fs::path(GTSIM_SOURCE_DIR) / "docs" / "report.schema.json"); }

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
  const reports::JsonValue s = schema();
  gtsim_test::SchemaValidator validator(s);
  const std::vector<fs::path> files = goldens();
  REQUIRE(files.size() >= 4);
  for (const fs::path& file : files) {
    CAPTURE(file.filename().string());
    const std::vector<std::string> errors = validator.validate(parse_file(file));
    for (const std::string& e : errors) UNSCOPED_INFO(e);
    CHECK(errors.empty());
  }
}

TEST_CASE("Report schema: a missing, extra, mistyped or reordered key is a violation") {
  const reports::JsonValue s = schema();
  gtsim_test::SchemaValidator validator(s);
  const reports::JsonValue golden = parse_file(goldens().front());

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
