// import/cfn_template.h: CloudFormation's intrinsic functions, in both
// spellings, evaluated over a template's Parameters, Mappings and Conditions.
#include "import/cfn_template.h"

#include <catch2/catch.hpp>

#include "import/import_document.h"

namespace importer {
namespace {

constexpr const char* kTemplate = R"(Parameters:
  Env: {Type: String, Default: prod, AllowedValues: [prod, test]}
  Zones: {Type: CommaDelimitedList, Default: "a, b ,c"}
  Bare: {Type: String}
Mappings:
  Sizes: {prod: {Units: 40}, test: {Units: 4}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsTest: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, {"Fn::Equals": [x, x]}]
  Either: !Or [!Condition IsTest, !Equals [!Select [1, !Ref Zones], b]]
Resources:
  T: {Type: AWS::DynamoDB::GlobalTable}
Values:
  sub: !Sub "${Env}-${AWS::Partition}-${!Literal}"
  subx: !Sub "${Extra}"
  sub_vars: !Sub ["${A}/${Env}", {A: !Ref Env}]
  join: !Join ["+", [x, !Ref Env, !Select [2, !Ref Zones]]]
  long: {"Fn::Join": ["", ["a", {"Ref": "Env"}]]}
  split: !Select [1, !Split [":", "p:q:r"]]
  map: !FindInMap [Sizes, !Ref Env, Units]
  if: !If [IsTest, yes, no]
  novalue: !Ref AWS::NoValue
  getatt: !GetAtt T.Arn
  resource: !Ref T
  bare: !Ref Bare
  region: !Ref AWS::Region
  b64: !Base64 x
  badsub: !Sub "${Env"
  badjoin: !Join [","]
  joinnolist: !Join [",", x]
  badindex: !Select [one, [a, b]]
  pastend: !Select [5, [a, b]]
  selectnolist: {"Fn::Select": [0, x]}
)";

using Params = std::vector<std::pair<std::string, std::string>>;

struct Fixture {
  ImportDocument doc;
  std::vector<model::Diagnostic> diagnostics;
  std::unique_ptr<ArtefactReader> reader;
  std::unique_ptr<CfnTemplate> cfn;

  explicit Fixture(const Params& params = Params{}) {
    REQUIRE(parse_import_text(kTemplate, "t.yaml", &doc, &diagnostics));
    reader = std::make_unique<ArtefactReader>("t.yaml", &diagnostics);
    cfn = std::make_unique<CfnTemplate>(*doc.root, reader.get());
    cfn->set_params(params);
  }
  CfnValue value(const std::string& key) const {
    const Node* values = ArtefactReader::get(*doc.root, "Values");
    for (const auto& [k, v] : values->entries) {
      if (k->text == key) return cfn->value(v);
    }
    FAIL("no such value " << key);
    return {};
  }
  std::string text(const std::string& key) const {
    const CfnValue v = value(key);
    INFO(v.problem);
    REQUIRE(v.node != nullptr);
    REQUIRE(v.node->is_scalar());
    return v.node->text;
  }
};

}  // namespace

TEST_CASE("CfnTemplate: Ref, Sub, Join, Select, Split and FindInMap evaluate over the parameters' defaults",
          "[import]") {
  const Fixture f;
  CHECK(f.text("sub") == "prod-aws-${Literal}");
  CHECK(f.text("sub_vars") == "prod/prod");
  CHECK(f.text("join") == "x+prod+c");
  CHECK(f.text("long") == "aprod");
  CHECK(f.text("split") == "q");
  CHECK(f.text("map") == "40");
  CHECK(f.value("join").via == "!Join, !Ref Env = Parameters.Env.Default, !Select, !Ref Zones = Parameters.Zones.Default");
}

TEST_CASE("CfnTemplate: conditions (Equals, Not, And, Or, Condition) choose an If's branch", "[import]") {
  std::string why;
  const Fixture prod;
  CHECK(prod.cfn->condition("IsProd", &why) == true);
  CHECK(prod.cfn->condition("IsTest", &why) == false);
  CHECK(prod.cfn->condition("Both", &why) == true);
  CHECK(prod.cfn->condition("Either", &why) == true);
  CHECK(prod.text("if") == "no");
  CHECK(prod.value("if").via == "!If IsTest (false)");
  const Fixture test(Params{{"Env", "test"}});
  CHECK(test.text("if") == "yes");
  CHECK(test.text("map") == "4");
  CHECK(test.value("map").via == "!FindInMap Mappings.Sizes.test.Units, !Ref Env = --param Env");
  CHECK_FALSE(prod.cfn->condition("Nope", &why));
  CHECK(why == "the template has no condition 'Nope'");
}

TEST_CASE("CfnTemplate: what only a deployed stack knows is a problem the caller reports", "[import]") {
  const Fixture f;
  CHECK(f.value("novalue").no_value);
  CHECK(f.value("getatt").problem == "!GetAtt takes its value from a deployed stack; gtsim import cannot evaluate it");
  CHECK(f.value("resource").problem == "!Ref T names a resource, whose value exists only in a deployed stack");
  CHECK(f.value("bare").problem == "parameter 'Bare' has no Default: give it with --param Bare=VALUE");
  CHECK(f.value("region").problem ==
        "AWS::Region has a value only in a deployed stack: give it with --param AWS::Region=VALUE");
  CHECK(f.value("b64").problem == "!Base64 is not evaluated by gtsim import");
  CHECK(f.value("subx").problem == "!Sub: ${Extra}: the template has no parameter or resource of that name");
  CHECK(f.value("badsub").problem == "!Sub: '${' without its '}'");
  const Fixture given(Params{{"AWS::Region", "eu-west-1"}});
  CHECK(given.text("region") == "eu-west-1");
}

TEST_CASE("CfnTemplate: Join's and Select's wrong arguments are problems naming the function", "[import]") {
  const Fixture f;
  CHECK(f.value("badjoin").problem == "!Join expects [delimiter, [values]]");
  CHECK(f.value("joinnolist").problem == "!Join expects a list of values to join");
  CHECK(f.value("badindex").problem == "!Select: the index must be a number, found 'one'");
  CHECK(f.value("pastend").problem == "!Select: index 5 is past the list's 2 values");
  CHECK(f.value("selectnolist").problem == "Fn::Select expects a list to select from");
}

TEST_CASE("CfnTemplate: --param names a declared parameter and one of its AllowedValues", "[import]") {
  Fixture f;
  CHECK_FALSE(f.cfn->set_params({{"Evn", "prod"}, {"Env", "stage"}}));
  REQUIRE(f.diagnostics.size() == 2);
  CHECK(f.diagnostics[0].to_string() ==
        "--param Evn=prod: error: unknown parameter 'Evn'; did you mean 'Env'? (the template's parameters: Env, "
        "Zones, Bare)");
  CHECK(f.diagnostics[1].to_string() == "--param Env=stage: error: Parameter 'Env' must be one of AllowedValues");
}

TEST_CASE("cfn_function: a tag or a one-key map names the function", "[import]") {
  ImportDocument doc;
  std::vector<model::Diagnostic> out;
  REQUIRE(parse_import_text("a: !Ref X\nb: {Ref: X}\nc: {\"Fn::If\": [c, 1, 2]}\nd: {Ref: X, y: 1}\ne: plain\n", "t.yaml",
                            &doc, &out));
  const auto fn = [&](size_t i) { return cfn_function(doc.root->entries[i].second); };
  CHECK(fn(0)->first == "Ref");
  CHECK(fn(0)->second->tag.empty());
  CHECK(fn(1)->first == "Ref");
  CHECK(fn(2)->first == "Fn::If");
  CHECK_FALSE(fn(3));
  CHECK_FALSE(fn(4));
}

}  // namespace importer
