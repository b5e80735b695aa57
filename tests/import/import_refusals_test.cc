// gtsim import on hostile and wrong input: each refusal with its exact
// message, place (file:line:column where the reader knows it) and nothing
// written (docs/import.md, "Refusals").
#include <catch2/catch.hpp>

#include "import/import_document.h"
#include "tests/import/import_test_files.h"

namespace {

using gtsim_test::messages;
using gtsim_test::run_import;
using gtsim_test::ScratchDir;
using Lines = std::vector<std::string>;

// The messages of importing one file of text, written as `name`.
Lines refused(const std::string& kind, const std::string& name, const std::string& text,
              const std::vector<std::pair<std::string, std::string>>& params = {}, const std::string& resource = "") {
  ScratchDir dir("refusals");
  dir.write(name, text);
  const importer::ImportResult result = run_import(kind, {name}, params, resource, dir.path());
  CHECK_FALSE(result.scenario);
  return messages(result);
}

const char* kNoOutput =
    "not the output of describe-table, describe-table-replica-auto-scaling, describe-time-to-live or "
    "describe-global-table: expected a top-level Table, TableAutoScalingDescription, TimeToLiveDescription or "
    "GlobalTableDescription";

}  // namespace

TEST_CASE("gtsim import: files that are not JSON or YAML text are refused at their place", "[import]") {
  CHECK(refused("describe-table", "t.json", "{\"Table\": {\"Replicas\": [{\"RegionName\": \"us-east-1\"},]}}") ==
        Lines{"t.json:1:53: error: invalid JSON: expected a value"});
  CHECK(refused("describe-table", "t.json", "{\"Table\": {\"TableName\": \"t\",\n  \"TableName\": \"u\"}}") ==
        Lines{"t.json:2:20: error: invalid JSON: duplicate key 'TableName' in an object"});
  CHECK(refused("describe-table", "t.json", std::string("ab\0c", 4)) ==
        Lines{"t.json:1:3: error: not a text file: found a NUL byte; expected JSON or YAML text"});
  CHECK(refused("describe-table", "t.json", "{\"Table\": \"caf\xe9\"}") ==
        Lines{"t.json:1:15: error: not UTF-8 text: found byte 0xE9; expected JSON or YAML text in UTF-8"});
  CHECK(refused("describe-table", "t.json", " \n") == Lines{"t.json:1:1: error: empty file: expected JSON or YAML"});
  CHECK(refused("describe-table", "t.yaml", "Table:\n\tTableName: t\n") ==
        Lines{"t.yaml:2:1: error: tab character in indentation; indent YAML with spaces"});
  CHECK(refused("describe-table", "t.yaml", "Table: {}\n---\nTable: {}\n") ==
        Lines{"t.yaml:2:1: error: expected one YAML document, found a second one"});
  CHECK(refused("describe-table", "t.json", "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}") ==
        Lines{"t.json:1:70: error: invalid JSON: nested too deeply"});
}

TEST_CASE("gtsim import: a file that cannot be read, or is too large, is refused by name", "[import]") {
  ScratchDir dir("unreadable");
  CHECK(messages(run_import("describe-table", {"missing.json"}, {}, "", dir.path())) ==
        Lines{"missing.json: error: cannot read: No such file or directory"});
  std::filesystem::create_directory(dir.path() / "sub");
  CHECK(messages(run_import("describe-table", {"sub"}, {}, "", dir.path())) ==
        Lines{"sub: error: cannot read: Is a directory"});
  dir.write("big.json", "{\"Table\": \"" + std::string(importer::kImportFileBytesMax, 'x') + "\"}");
  CHECK(messages(run_import("describe-table", {"big.json"}, {}, "", dir.path())) ==
        Lines{"big.json: error: file too large: gtsim import reads at most 16 MB; keep only the table's resource "
              "or output"});
}

TEST_CASE("gtsim import describe-table: wrong types, words and regions are reported, every one, in file order",
          "[import]") {
  CHECK(refused("describe-table", "t.json",
                "{\"Table\": {\"TableName\": \"t\", \"TableArn\": \"arn:aws:dynamodb:us-east-1:1:table/t\", "
                "\"Replicas\": [{\"RegionName\": 5}], \"ItemCount\": \"many\", \"GlobalTableVersion\": \"2020.01.01\", "
                "\"BillingModeSummary\": {\"BillingMode\": \"FREE\"}}}") ==
        Lines{"t.json:1:110: error: Table.Replicas[0].RegionName: expected an AWS region name, e.g. 'us-east-1'; "
              "found '5'",
              "t.json:1:128: error: Table.ItemCount: expected a non-negative integer, found 'many'",
              "t.json:1:158: error: Table.GlobalTableVersion: expected '2019.11.21' or '2017.11.29', found "
              "'2020.01.01'",
              "t.json:1:210: error: Table.BillingModeSummary.BillingMode: expected PROVISIONED or PAY_PER_REQUEST, "
              "found 'FREE'"});
  CHECK(refused("describe-table", "t.json",
                "{\"Table\": {\"TableName\": \"t\", \"TableArn\": \"t\", \"ProvisionedThroughput\": "
                "{\"WriteCapacityUnits\": 2000000, \"ReadCapacityUnits\": 0}}}") ==
        Lines{"t.json:1:42: error: Table.TableArn: expected an ARN with a region, e.g. "
              "'arn:aws:dynamodb:us-east-1:123456789012:table/Music'; found 't'",
              "t.json:1:95: error: Table.ProvisionedThroughput.WriteCapacityUnits: must be at most 1000000, found "
              "2000000",
              "t.json:1:125: error: Table.ProvisionedThroughput.ReadCapacityUnits: expected a positive integer, "
              "found '0'"});
}

TEST_CASE("gtsim import describe-table: what is not a global table's description is refused", "[import]") {
  CHECK(messages(run_import("describe-table", {"describe-table-music-single.json"})) ==
        Lines{"describe-table-music-single.json:2:14: error: Table: not a global table: describe-table shows no "
              "Replicas and no GlobalTableVersion (for a version 2017.11.29 global table give the output of "
              "describe-global-table too)"});
  CHECK(refused("describe-table", "t.json", "[1, 2]") == Lines{std::string("t.json:1:1: error: ") + kNoOutput +
                                                               ", found a sequence"});
  CHECK(refused("describe-table", "t.json", "{\"Resources\": {}}") ==
        Lines{std::string("t.json:1:1: error: ") + kNoOutput +
              " (this looks like a CloudFormation template: gtsim import cloudformation reads it)"});
  CHECK(refused("describe-table", "t.json",
                "{\"Table\": {\"TableName\": \"t\", \"GlobalTableVersion\": \"2019.11.21\", \"TableArn\": "
                "\"arn:aws:dynamodb:us-east-1:1:table/t\", \"Replicas\": [{\"RegionName\": \"us-east-1\"}]}}") ==
        Lines{"t.json:1:11: error: Table: a global table needs replicas in at least two regions, found 1: "
              "'us-east-1'"});
  CHECK(messages(run_import("describe-table", {"describe-table-myable.json",
                                               "describe-table-replica-auto-scaling-music.json"})) ==
        Lines{"describe-table-replica-auto-scaling-music.json:3:22: error: TableAutoScalingDescription.TableName: "
              "'MusicCollection' is not the table of describe-table-myable.json ('myable')"});
  CHECK(messages(run_import("describe-table", {"describe-table-myable.json", "describe-table-myable.json"})) ==
        Lines{"describe-table-myable.json:2:14: error: a second describe-table output (the first is in "
              "describe-table-myable.json)"});
}

TEST_CASE("gtsim import: the request is checked against the kind's row", "[import]") {
  CHECK(messages(run_import("describe-table", {"a.json", "b.json", "c.json", "d.json", "e.json"})) ==
        Lines{"gtsim import: error: describe-table reads 1 to 4 files, found 5"});
  CHECK(messages(run_import("describe-table", {"describe-table-myable.json"}, {{"A", "b"}}, "X")) ==
        Lines{"gtsim import: error: --param is not used by describe-table",
              "gtsim import: error: --resource is not used by describe-table"});
  CHECK(messages(run_import("cloudwatch", {"describe-table-myable.json"})) ==
        Lines{"describe-table-myable.json:1:1: error: missing required key 'MetricDataResults'",
              "describe-table-myable.json:2:14: error: unknown key 'Table' at the top level"});
}

TEST_CASE("gtsim import cloudformation: parameters, resources and intrinsic functions it cannot evaluate",
          "[import]") {
  CHECK(messages(run_import("cloudformation", {"cloudformation-two-tables.json"})) ==
        Lines{"cloudformation-two-tables.json:15:16: error: Resources: the template has 2 global tables (Sessions, "
              "Carts): name one with --resource"});
  CHECK(messages(run_import("cloudformation", {"cloudformation-two-tables.json"}, {}, "Sessons")) ==
        Lines{"cloudformation-two-tables.json: error: --resource Sessons: the template has no resource of that "
              "name; did you mean 'Sessions'? (its global tables: Sessions, Carts)"});
  CHECK(messages(run_import("cloudformation", {"cloudformation-two-tables.json"}, {}, "Audit")) ==
        Lines{"cloudformation-two-tables.json: error: --resource Audit: the resource is a AWS::DynamoDB::Table, not "
              "an AWS::DynamoDB::GlobalTable (its global tables: Sessions, Carts)"});
  CHECK(messages(run_import("cloudformation", {"cloudformation-two-tables.json"}, {}, "Scratch")) ==
        Lines{"cloudformation-two-tables.json: error: --resource Scratch: the resource is not created: its Condition "
              "is false (its global tables: Sessions, Carts)"});
  CHECK(messages(run_import("cloudformation", {"cloudformation-two-tables.json"}, {}, "Sessions")) ==
        Lines{"cloudformation-two-tables.json:27:22: error: Resources.Sessions.Properties.Replicas[0].Region: "
              "AWS::Region has a value only in a deployed stack: give it with --param AWS::Region=VALUE"});
  CHECK(messages(run_import("cloudformation", {"cloudformation-two-tables.json"}, {{"Env", "staging"}}, "Sessions")) ==
        Lines{"--param Env=staging: error: Parameter 'Env' must be one of AllowedValues"});
  CHECK(messages(run_import("cloudformation", {"cloudformation-create-replica.yaml"}, {{"ReplicaRegon", "x"}})) ==
        Lines{"--param ReplicaRegon=x: error: unknown parameter 'ReplicaRegon'; did you mean 'ReplicaRegion'? (the "
              "template's parameters: DBTableName, PrimaryRegion, ReplicaRegion)"});
  CHECK(refused("cloudformation", "t.yaml",
                "Parameters:\n  NoDefault: {Type: String}\nResources:\n  T:\n    Type: AWS::DynamoDB::GlobalTable\n"
                "    Properties:\n      BillingMode: PAY_PER_REQUEST\n      Replicas:\n"
                "        - Region: !GetAtt Other.Region\n        - Region: !Sub \"${Missing}-1\"\n"
                "        - Region: !Ref NoDefault\n") ==
        Lines{"t.yaml:9:19: error: Resources.T.Properties.Replicas[0].Region: !GetAtt takes its value from a "
              "deployed stack; gtsim import cannot evaluate it",
              "t.yaml:10:19: error: Resources.T.Properties.Replicas[1].Region: !Sub: ${Missing}: the template has no "
              "parameter or resource of that name",
              "t.yaml:11:19: error: Resources.T.Properties.Replicas[2].Region: parameter 'NoDefault' has no Default: "
              "give it with --param NoDefault=VALUE"});
}

TEST_CASE("gtsim import cloudformation: what CloudFormation itself refuses, and what is no global table", "[import]") {
  CHECK(refused("cloudformation", "t.yaml",
                "Resources:\n  T:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n"
                "      BillingMode: PROVISIONED\n      Replicas: [{Region: us-east-2}, {Region: us-east-1}]\n") ==
        Lines{"t.yaml:5:7: error: Resources.T.Properties: BillingMode PROVISIONED needs "
              "WriteProvisionedThroughputSettings (\"If you use PROVISIONED billing mode, you must provide an auto "
              "scaling configuration via the WriteProvisionedThroughputSettings property\")"});
  CHECK(refused("cloudformation", "t.yaml", "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n") ==
        Lines{"t.yaml:2:3: error: Resources: the template has no AWS::DynamoDB::GlobalTable resource (T is an "
              "AWS::DynamoDB::Table, a single-Region table: gtsim needs a global table)"});
  CHECK(refused("cloudformation", "t.yaml",
                "Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  T:\n"
                "    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n"
                "      Replicas: !If [A, [], []]\n") ==
        Lines{"t.yaml:9:17: error: Resources.T.Properties.Replicas: !If: conditions nested too deeply (do they "
              "refer to each other in a loop?)"});
  CHECK(refused("cloudformation", "t.json", "{\"Table\": {}}") ==
        Lines{"t.json:1:1: error: not a CloudFormation template: expected a map with a Resources map (this looks "
              "like describe-table output: gtsim import describe-table reads it)"});
}

TEST_CASE("gtsim import terraform: raw state, several tables, an unknown own region", "[import]") {
  CHECK(refused("terraform", "t.json", "{\"version\": 4, \"terraform_version\": \"1.5.0\", \"resources\": []}") ==
        Lines{"t.json:1:1: error: not the output of terraform show -json: expected planned_values.root_module (a "
              "plan) or values.root_module (a state) (this is a raw state file, terraform.tfstate: give the output "
              "of terraform show -json instead)"});
  const std::string table_a =
      "{\"address\": \"aws_dynamodb_table.a\", \"mode\": \"managed\", \"type\": \"aws_dynamodb_table\", \"values\": "
      "{\"name\": \"a\", \"replica\": [{\"region_name\": \"eu-west-1\"}]}}";
  const std::string table_b =
      "{\"address\": \"aws_dynamodb_table.b\", \"mode\": \"managed\", \"type\": \"aws_dynamodb_table\", \"values\": "
      "{\"name\": \"b\", \"region\": \"us-east-1\", \"replica\": [{\"region_name\": \"eu-west-1\"}]}}";
  const auto state = [](const std::string& resources) {
    return "{\"format_version\": \"1.0\", \"values\": {\"root_module\": {\"resources\": [" + resources + "]}}}";
  };
  CHECK(refused("terraform", "t.json", state(table_a)) ==
        Lines{"t.json:1:68: error: aws_dynamodb_table.a: the table's own region is unknown: its values have no "
              "region or arn and the plan's configuration gives the aws provider no constant region (set it, or run "
              "terraform show -json on a state)"});
  CHECK(refused("terraform", "t.json", state(table_a + ", " + table_b)) ==
        Lines{"t.json:1:53: error: 2 aws_dynamodb_table resources with replica blocks (aws_dynamodb_table.a, "
              "aws_dynamodb_table.b): name one with --resource"});
  CHECK(refused("terraform", "t.json", state(table_a + ", " + table_b), {}, "aws_dynamodb_table.c") ==
        Lines{"t.json: error: --resource aws_dynamodb_table.c: there is no aws_dynamodb_table of that address; did "
              "you mean 'aws_dynamodb_table.a'? (its global tables: aws_dynamodb_table.a, aws_dynamodb_table.b)"});
  CHECK(messages(run_import("terraform", {"terraform-state-module.json"}, {}, "aws_dynamodb_table.locks")) ==
        Lines{"terraform-state-module.json: error: --resource aws_dynamodb_table.locks: it has no replica blocks: a "
              "single-Region table (gtsim needs a global table) (its global tables: "
              "module.scores.aws_dynamodb_table.this[0])"});
}

TEST_CASE("gtsim import cloudwatch: a series must name its region and metric, its points 1 or 5 minutes apart",
          "[import]") {
  const gtsim_test::ScratchDir dir("cloudwatch");
  const auto series = [](const std::string& label, const std::string& second) {
    return "{\"MetricDataResults\": [{\"Id\": \"m\", \"Label\": \"" + label +
           "\", \"Timestamps\": [\"2026-11-24T12:00:00Z\", \"" + second +
           "\"], \"Values\": [1.0, 2.0], \"StatusCode\": \"Complete\"}], \"Messages\": []}\n";
  };
  dir.write("a.json", series("ConsumedWriteCapacityUnits", "2026-11-24T12:01:00Z"));
  dir.write("b.json", series("us-east-1 ThrottledRequests", "2026-11-24T12:01:00Z"));
  dir.write("c.json", series("us-east-1 ConsumedReadCapacityUnits", "2026-11-24T12:02:00Z"));
  CHECK(messages(run_import("cloudwatch", {"a.json", "b.json", "c.json"}, {}, "", dir.path())) ==
        Lines{"a.json:1:24: error: a series named 'ConsumedWriteCapacityUnits': its Label (or Id) should be \"REGION "
              "METRIC\", as \"us-east-1 ConsumedWriteCapacityUnits\" (docs/import.md, cloudwatch)",
              "b.json:1:24: error: series 'us-east-1 ThrottledRequests': expected ConsumedWriteCapacityUnits or "
              "ConsumedReadCapacityUnits after the region",
              "c.json:1:24: error: series 'us-east-1 ConsumedReadCapacityUnits': its points are 120 s apart; expected "
              "a period of 60 or 300 s"});
}

TEST_CASE("gtsim import: another kind's file is refused with a hint naming the kind that reads it", "[import]") {
  const std::string cfn = " (this looks like a CloudFormation template: gtsim import cloudformation reads it)";
  const std::string describe = " (this looks like describe-table output: gtsim import describe-table reads it)";
  const std::string terraform = " (this looks like the output of terraform show -json: gtsim import terraform reads it)";
  const std::string not_terraform =
      "t.json:1:1: error: not the output of terraform show -json: expected planned_values.root_module (a plan) or "
      "values.root_module (a state)";
  const std::string not_cfn = "t.json:1:1: error: not a CloudFormation template: expected a map with a Resources map";
  CHECK(refused("describe-table", "t.json", "{\"format_version\": \"1.2\"}") ==
        Lines{"t.json:1:1: error: " + std::string(kNoOutput) + terraform});
  CHECK(refused("cloudformation", "t.json", "{\"GlobalTableDescription\": {}}") == Lines{not_cfn + describe});
  CHECK(refused("cloudformation", "t.json", "{\"format_version\": \"1.2\"}") == Lines{not_cfn + terraform});
  CHECK(refused("terraform", "t.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\"}") == Lines{not_terraform + cfn});
  CHECK(refused("terraform", "t.json", "{\"Table\": {}}") == Lines{not_terraform + describe});
  CHECK(refused("terraform", "t.json", "{\"version\": 4, \"resources\": []}") ==
        Lines{not_terraform + " (this is a raw state file, terraform.tfstate: give the output of terraform show -json "
                              "instead)"});
  CHECK(refused("terraform", "t.json", "{\"other\": 1}") == Lines{not_terraform});
}
