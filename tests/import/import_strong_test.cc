// gtsim import of multi-Region strongly consistent (MRSC) tables: STRONG and
// the witness become `multi_region_consistency: strong` and `witness`; an
// artefact whose table the scenario rules cannot hold as MRSC is simulated
// as MREC, with the rule it breaks (import/strong_draft.h, docs/import.md).
#include <catch2/catch.hpp>

#include <algorithm>

#include "load/scenario_loader.h"
#include "tests/import/import_test_files.h"

namespace {

using gtsim_test::messages;
using gtsim_test::run_import;
using gtsim_test::ScratchDir;
using Lines = std::vector<std::string>;

// A describe-table output of table t in us-east-1 with these replicas
// (region names) and witnesses (JSON objects), STRONG or EVENTUAL.
std::string describe(const std::string& mode, const Lines& replicas, const std::string& witnesses,
                     const std::string& extra = "") {
  std::string list;
  for (const std::string& r : replicas) list += (list.empty() ? "" : ", ") + ("{\"RegionName\": \"" + r + "\"}");
  return "{\"Table\": {\"TableName\": \"t\", \"TableArn\": \"arn:aws:dynamodb:us-east-1:111122223333:table/t\", "
         "\"BillingModeSummary\": {\"BillingMode\": \"PAY_PER_REQUEST\"}, \"GlobalTableVersion\": \"2019.11.21\", "
         "\"MultiRegionConsistency\": \"" + mode + "\", \"Replicas\": [" + list + "], \"GlobalTableWitnesses\": [" +
         witnesses + "]" + extra + "}}";
}

importer::ImportResult imported(const std::string& text) {
  ScratchDir dir("strong");
  dir.write("t.json", text);
  importer::ImportResult result = run_import("describe-table", {"t.json"}, {}, "", dir.path());
  CAPTURE(messages(result));
  REQUIRE(result.scenario);
  return result;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool listed(const Lines& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

TEST_CASE("gtsim import: an MRSC table with two replicas and a witness loads as a strong scenario", "[import]") {
  const importer::ImportResult r =
      imported(describe("STRONG", {"us-east-2"}, "{\"RegionName\": \"us-west-2\", \"WitnessStatus\": \"ACTIVE\"}"));
  CHECK(r.scenario->warnings.empty());
  const load::LoadResult loaded = load::load_scenario_text(r.scenario->yaml, "t.yaml");
  REQUIRE(loaded.ok());
  const model::Scenario& s = *loaded.scenario;
  REQUIRE(s.regions.size() == 3);
  CHECK(s.consistency.strong());
  CHECK(s.consistency.has_witness);
  CHECK(s.regions[s.consistency.witness].name == "us-west-2");
  CHECK(s.workload.at(s.consistency.witness).empty());  // the witness serves no requests
}

TEST_CASE("gtsim import: an MRSC table with three replicas has no witness", "[import]") {
  const importer::ImportResult r = imported(describe("STRONG", {"us-east-2", "us-west-2"}, ""));
  CHECK(has(r.scenario->yaml, "multi_region_consistency: strong"));
  CHECK_FALSE(has(r.scenario->yaml, "witness:"));
  CHECK(r.scenario->warnings.empty());
}

TEST_CASE("gtsim import: an MRSC table the scenario rules refuse is simulated as MREC, with the rule", "[import]") {
  SECTION("regions of two region sets") {
    const importer::ImportResult r = imported(describe("STRONG", {"eu-west-1"}, "{\"RegionName\": \"us-west-2\"}"));
    const std::string rule =
        "eu-west-1 is in the EU region set and us-east-1 in the US one; the regions of a table with "
        "multi_region_consistency: strong are all of one set";
    CHECK(r.scenario->warnings == Lines{"the table is multi-Region strongly consistent (MRSC), but " + rule +
                                        ": gtsim simulates it as eventually consistent (MREC)"});
    CHECK(listed(r.scenario->not_imported,
                 "t.json: Table.MultiRegionConsistency: STRONG: " + rule + "; simulated as eventually consistent (MREC)"));
    CHECK(listed(r.scenario->not_imported, "t.json: Table.GlobalTableWitnesses[0].RegionName: the table is simulated "
                                           "as MREC, which has no witness"));
    CHECK_FALSE(has(r.scenario->yaml, "\n  multi_region_consistency:"));
    CHECK_FALSE(has(r.scenario->yaml, "us-west-2"));
  }
  SECTION("a witness that is leaving leaves two regions") {
    const importer::ImportResult r = imported(
        describe("STRONG", {"us-east-2"}, "{\"RegionName\": \"us-west-2\", \"WitnessStatus\": \"DELETING\"}"));
    CHECK(listed(r.scenario->not_imported,
                 "t.json: Table.GlobalTableWitnesses[0].WitnessStatus: the witness is leaving the table: not imported"));
    CHECK(r.scenario->warnings ==
          Lines{"the table is multi-Region strongly consistent (MRSC), but a table with multi_region_consistency: "
                "strong has exactly three regions (three replicas, or two replicas and a witness), found 2: gtsim "
                "simulates it as eventually consistent (MREC)"});
  }
  SECTION("the witness is also a replica") {
    const importer::ImportResult r = imported(describe("STRONG", {"us-east-2"}, "{\"RegionName\": \"us-east-2\"}"));
    CHECK(has(r.scenario->warnings.at(0), "but the witness us-east-2 is also a replica: a witness holds no replica"));
  }
}

TEST_CASE("gtsim import: a second witness, or a witness of an MREC table, is not imported", "[import]") {
  const importer::ImportResult two = imported(
      describe("STRONG", {"us-east-2"}, "{\"RegionName\": \"us-west-2\"}, {\"RegionName\": \"us-east-2\"}"));
  CHECK(listed(two.scenario->not_imported, "t.json: Table.GlobalTableWitnesses[1].RegionName: a table has one "
                                           "witness; imported the first (Table.GlobalTableWitnesses[0].RegionName)"));
  CHECK(has(two.scenario->yaml, "witness: us-west-2"));
  const importer::ImportResult eventual = imported(describe("EVENTUAL", {"us-east-2"}, "{\"RegionName\": \"us-west-2\"}"));
  CHECK(listed(eventual.scenario->not_imported, "t.json: Table.GlobalTableWitnesses[0].RegionName: a witness belongs "
                                                "to a multi-Region strongly consistent table"));
  CHECK_FALSE(has(eventual.scenario->yaml, "us-west-2"));
}

TEST_CASE("gtsim import: a CloudFormation MRSC table with TTL is simulated as MREC", "[import]") {
  ScratchDir dir("strong-cfn");
  dir.write("t.yaml",
            "Resources:\n  T:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n"
            "      MultiRegionConsistency: STRONG\n      Replicas: [{Region: us-east-1}, {Region: us-east-2}]\n"
            "      GlobalTableWitnesses: [{Region: us-west-2}]\n"
            "      TimeToLiveSpecification: {Enabled: true, AttributeName: expires}\n");
  const importer::ImportResult r = run_import("cloudformation", {"t.yaml"}, {}, "", dir.path());
  CAPTURE(messages(r));
  REQUIRE(r.scenario);
  CHECK(r.scenario->warnings ==
        Lines{"the table is multi-Region strongly consistent (MRSC), but a table with multi_region_consistency: "
              "strong does not support TTL: gtsim simulates it as eventually consistent (MREC)"});
  CHECK(has(r.scenario->yaml, "ttl:"));
}
