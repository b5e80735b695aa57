// CfnTemplate: the parts of a CloudFormation template a table's properties
// can depend on (Parameters, Mappings, Conditions) and the evaluation of
// intrinsic functions over them, for gtsim import cloudformation.
//
// Both spellings are read: the YAML short forms, whose function is the
// node's tag (!Ref, !Sub, !If, !Join, !Select, !Split, !FindInMap, !Equals,
// !Not, !And, !Or, !Condition, !GetAtt ...), and the long form, a map with
// the one key Ref or Fn::Name. A parameter's value is its --param Name=Value,
// else its Default (checked against AllowedValues); the pseudo parameters
// AWS::Partition and AWS::URLSuffix have their commercial-partition values,
// AWS::NoValue removes the property, and the others (AWS::Region,
// AWS::StackName, ...) have a value only when --param gives one. !GetAtt,
// !ImportValue, !GetAZs and the like depend on a deployed stack and cannot
// be evaluated: the value says why, and the caller reports it where the
// value is needed. Every evaluated value carries how it was obtained
// ("!Ref ReplicaRegion: Parameters.ReplicaRegion.Default").
//
// Evaluation is lazy (only what the importer reads), bounded in depth and
// never throws. Determinism: a pure function of the template and the params.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/artefact_reader.h"

namespace importer {

struct CfnValue {
  load::NodePtr node;   // the evaluated node (scalar, sequence or map); null when no_value or on a problem
  std::string via;      // how intrinsic functions gave it; empty for a literal
  bool no_value = false;  // AWS::NoValue: the property is absent
  std::string problem;  // why it cannot be evaluated here; empty when it can
};

class CfnTemplate {
 public:
  CfnTemplate(const Node& root, ArtefactReader* reader);

  // Checks each --param against Parameters (an unknown name gets the nearest
  // one) and its AllowedValues, and keeps it. False, reported, on a problem.
  bool set_params(const std::vector<std::pair<std::string, std::string>>& params);

  // n with its intrinsic functions evaluated (n itself when it has none).
  CfnValue value(const load::NodePtr& n) const;

  // The named condition of the Conditions section, evaluated.
  std::optional<bool> condition(const std::string& name, std::string* problem) const;

 private:
  CfnValue evaluate(const load::NodePtr& n, int depth) const;
  CfnValue call(const std::string& function, const load::NodePtr& args, const Node& at, int depth) const;
  CfnValue ref(const std::string& name, const Node& at) const;
  CfnValue sub(const load::NodePtr& args, const Node& at, int depth) const;
  // Fn::Join's and Fn::Select's arguments, [first, [values]]: the first as
  // text, the second evaluated to a list; problem set (naming the function)
  // when they are not.
  struct ListArgs {
    std::string first;
    std::string first_via;
    CfnValue list;
    std::string problem;
  };
  ListArgs list_args(const load::NodePtr& args, const std::string& shown, std::string_view usage,
                     std::string_view list_use, int depth) const;
  CfnValue join(const load::NodePtr& args, const Node& at, int depth) const;
  CfnValue select(const load::NodePtr& args, const Node& at, int depth) const;
  CfnValue split(const load::NodePtr& args, const Node& at, int depth) const;
  CfnValue find_in_map(const load::NodePtr& args, const Node& at, int depth) const;
  CfnValue if_(const load::NodePtr& args, const Node& at, int depth) const;
  std::optional<bool> truth(const std::string& function, const load::NodePtr& args, int depth,
                            std::string* problem) const;
  std::optional<bool> condition_at(const std::string& name, int depth, std::string* problem) const;
  // A scalar argument's text, evaluated; nullopt with *problem.
  std::optional<std::string> text(const load::NodePtr& n, int depth, std::string* problem, std::string* via) const;

  const Node& root_;
  ArtefactReader* reader_;
  const Node* parameters_ = nullptr;
  const Node* mappings_ = nullptr;
  const Node* conditions_ = nullptr;
  std::map<std::string, std::string> params_;  // --param values
};

// The function a node calls ("Ref", "Fn::Sub", "Condition") and its
// argument node, or nullopt for a plain node.
std::optional<std::pair<std::string, load::NodePtr>> cfn_function(const load::NodePtr& n);

}  // namespace importer
