#include "import/cfn_template.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace importer {

using load::Node;
using load::NodePtr;

namespace {

constexpr int kDepthMax = 64;

// The pseudo parameters that have a value only in a deployed stack.
constexpr std::string_view kStackPseudo[] = {"AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::StackId",
                                             "AWS::NotificationARNs"};

bool is_stack_pseudo(std::string_view name) {
  return std::find(std::begin(kStackPseudo), std::end(kStackPseudo), name) != std::end(kStackPseudo);
}

NodePtr scalar_at(const Node& at, std::string text) {
  auto node = std::make_shared<Node>();
  node->kind = Node::Kind::kScalar;
  node->text = std::move(text);
  node->line = at.line;
  node->column = at.column;
  return node;
}

CfnValue problem(std::string why) {
  CfnValue v;
  v.problem = std::move(why);
  return v;
}

// "!Sub" for a tagged node, "Fn::Sub" for the long form.
std::string display(const Node& n, const std::string& function) {
  if (!n.tag.empty()) return n.tag;
  return function;
}

std::string joined_via(const std::string& head, const std::vector<std::string>& parts) {
  std::string out = head;
  for (const std::string& p : parts) {
    if (!p.empty()) out += (out.empty() ? "" : ", ") + p;
  }
  return out;
}

const Node* member(const Node* map, std::string_view key) {
  return map == nullptr ? nullptr : ArtefactReader::get(*map, key);
}

}  // namespace

std::optional<std::pair<std::string, NodePtr>> cfn_function(const NodePtr& n) {
  if (n == nullptr) return std::nullopt;
  if (n->tag.size() > 1 && n->tag[0] == '!') {
    const std::string name = n->tag.substr(1);
    auto args = std::make_shared<Node>(*n);
    args->tag.clear();
    return std::make_pair(name == "Ref" || name == "Condition" ? name : "Fn::" + name, args);
  }
  if (n->is_map() && n->entries.size() == 1 && n->entries[0].first->is_scalar()) {
    const std::string& key = n->entries[0].first->text;
    if (key == "Ref" || key.rfind("Fn::", 0) == 0) return std::make_pair(key, n->entries[0].second);
  }
  return std::nullopt;
}

CfnTemplate::CfnTemplate(const Node& root, ArtefactReader* reader) : root_(root), reader_(reader) {
  parameters_ = member(&root, "Parameters");
  mappings_ = member(&root, "Mappings");
  conditions_ = member(&root, "Conditions");
}

bool CfnTemplate::set_params(const std::vector<std::pair<std::string, std::string>>& params) {
  bool ok = true;
  std::vector<std::string> names;
  if (parameters_ != nullptr && parameters_->is_map()) {
    for (const auto& [key, value] : parameters_->entries) names.push_back(key->text);
  }
  for (const auto& param : params) {
    const std::string& name = param.first;
    const std::string& value = param.second;
    const std::string label = "--param " + name + "=" + value;
    const Node* declared = member(parameters_, name);
    if (declared == nullptr && !is_stack_pseudo(name)) {
      std::string known;
      for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
      reader_->diagnostics()->push_back(model::Diagnostic{
          label, 0, 0,
          "unknown parameter '" + name + "'" + load::did_you_mean(name, names) +
              (known.empty() ? " (the template has no Parameters)" : " (the template's parameters: " + known + ")")});
      ok = false;
      continue;
    }
    const Node* allowed = declared != nullptr && declared->is_map() ? member(declared, "AllowedValues") : nullptr;
    if (allowed != nullptr && allowed->is_sequence() &&
        std::none_of(allowed->items.begin(), allowed->items.end(),
                     [&](const NodePtr& a) { return a->is_scalar() && a->text == value; })) {
      reader_->diagnostics()->push_back(
          model::Diagnostic{label, 0, 0, "Parameter '" + name + "' must be one of AllowedValues"});
      ok = false;
      continue;
    }
    params_[name] = value;
  }
  return ok;
}

CfnValue CfnTemplate::value(const NodePtr& n) const { return evaluate(n, 0); }

CfnValue CfnTemplate::evaluate(const NodePtr& n, int depth) const {
  if (depth > kDepthMax) return problem("intrinsic functions nested too deeply");
  const auto function = cfn_function(n);
  if (!function) return CfnValue{n, "", false, ""};
  return call(function->first, function->second, *n, depth + 1);
}

CfnValue CfnTemplate::call(const std::string& function, const NodePtr& args, const Node& at, int depth) const {
  const std::string shown = display(at, function);
  if (function == "Ref") {
    if (!args->is_scalar()) return problem(shown + " expects a name");
    return ref(args->text, at);
  }
  if (function == "Fn::Sub") return sub(args, at, depth);
  if (function == "Fn::Join") return join(args, at, depth);
  if (function == "Fn::Select") return select(args, at, depth);
  if (function == "Fn::Split") return split(args, at, depth);
  if (function == "Fn::FindInMap") return find_in_map(args, at, depth);
  if (function == "Fn::If") return if_(args, at, depth);
  if (function == "Fn::GetAtt" || function == "Fn::ImportValue" || function == "Fn::GetAZs") {
    return problem(shown + " takes its value from a deployed stack; gtsim import cannot evaluate it");
  }
  return problem(shown + " is not evaluated by gtsim import");
}

CfnValue CfnTemplate::ref(const std::string& name, const Node& at) const {
  if (name == "AWS::NoValue") return CfnValue{nullptr, "!Ref AWS::NoValue", true, ""};
  if (name == "AWS::Partition") return CfnValue{scalar_at(at, "aws"), "!Ref AWS::Partition: the commercial partition", false, ""};
  if (name == "AWS::URLSuffix") {
    return CfnValue{scalar_at(at, "amazonaws.com"), "!Ref AWS::URLSuffix: the commercial partition's", false, ""};
  }
  const auto given = params_.find(name);
  if (given != params_.end()) {
    return CfnValue{scalar_at(at, given->second), "!Ref " + name + " = --param " + name, false, ""};
  }
  if (is_stack_pseudo(name)) {
    return problem(name + " has a value only in a deployed stack: give it with --param " + name + "=VALUE");
  }
  const Node* parameter = member(parameters_, name);
  if (parameter == nullptr) {
    if (member(member(&root_, "Resources"), name) != nullptr) {
      return problem("!Ref " + name + " names a resource, whose value exists only in a deployed stack");
    }
    return problem("!Ref " + name + ": the template has no parameter or resource of that name");
  }
  const Node* fallback = parameter->is_map() ? member(parameter, "Default") : nullptr;
  if (fallback == nullptr || !fallback->is_scalar()) {
    return problem("parameter '" + name + "' has no Default: give it with --param " + name + "=VALUE");
  }
  const std::string via = "!Ref " + name + " = Parameters." + name + ".Default";
  const Node* type = member(parameter, "Type");
  if (type != nullptr && type->is_scalar() &&
      (type->text == "CommaDelimitedList" || type->text.rfind("List<", 0) == 0)) {
    auto list = std::make_shared<Node>();
    list->kind = Node::Kind::kSequence;
    list->line = at.line;
    list->column = at.column;
    size_t start = 0;
    for (;;) {
      const size_t comma = fallback->text.find(',', start);
      list->items.push_back(scalar_at(at, std::string(load::trim(fallback->text.substr(start, comma - start)))));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return CfnValue{list, via, false, ""};
  }
  return CfnValue{scalar_at(at, fallback->text), via, false, ""};
}

std::optional<std::string> CfnTemplate::text(const NodePtr& n, int depth, std::string* why, std::string* via) const {
  const CfnValue v = evaluate(n, depth);
  if (!v.problem.empty()) {
    *why = v.problem;
    return std::nullopt;
  }
  if (v.no_value || v.node == nullptr || !v.node->is_scalar()) {
    *why = "expected a string there";
    return std::nullopt;
  }
  if (!v.via.empty()) *via += (via->empty() ? "" : ", ") + v.via;
  return v.node->text;
}

}  // namespace importer

namespace importer {

CfnValue CfnTemplate::sub(const NodePtr& args, const Node& at, int depth) const {
  const std::string shown = display(at, "Fn::Sub");
  NodePtr pattern_node = args;
  const Node* variables = nullptr;
  if (args->is_sequence()) {
    if (args->items.size() != 2 || !args->items[1]->is_map()) return problem(shown + " expects [string, {variables}]");
    pattern_node = args->items[0];
    variables = args->items[1].get();
  }
  std::string why;
  std::string via;
  const std::optional<std::string> pattern = text(pattern_node, depth, &why, &via);
  if (!pattern) return problem(shown + ": " + why);
  std::string out;
  for (size_t i = 0; i < pattern->size();) {
    const size_t open = pattern->find("${", i);
    if (open == std::string::npos) {
      out += pattern->substr(i);
      break;
    }
    out += pattern->substr(i, open - i);
    const size_t close = pattern->find('}', open);
    if (close == std::string::npos) return problem(shown + ": '${' without its '}'");
    const std::string name = pattern->substr(open + 2, close - open - 2);
    i = close + 1;
    if (!name.empty() && name[0] == '!') {  // ${!Literal} is the text ${Literal}
      out += "${" + name.substr(1) + "}";
      continue;
    }
    std::optional<std::string> value;
    const auto variable = variables == nullptr
                              ? std::vector<std::pair<NodePtr, NodePtr>>::const_iterator{}
                              : std::find_if(variables->entries.begin(), variables->entries.end(),
                                             [&](const auto& e) { return e.first->is_scalar() && e.first->text == name; });
    if (variables != nullptr && variable != variables->entries.end()) {
      value = text(variable->second, depth, &why, &via);
    } else if (name.find('.') != std::string::npos) {
      return problem(shown + ": ${" + name + "} is an attribute of a deployed resource; gtsim import cannot evaluate it");
    } else {
      const CfnValue r = ref(name, at);
      if (!r.problem.empty()) {
        const std::string own = "!Ref " + name + ": ";
        const bool named = r.problem.rfind(own, 0) == 0;
        return problem(shown + ": ${" + name + "}: " + (named ? r.problem.substr(own.size()) : r.problem));
      }
      if (r.node == nullptr || !r.node->is_scalar()) return problem(shown + ": ${" + name + "} is not a string");
      value = r.node->text;
      via += (via.empty() ? "" : ", ") + r.via;
    }
    if (!value) return problem(shown + ": " + why);
    out += *value;
  }
  return CfnValue{scalar_at(at, out), joined_via(shown, {via}), false, ""};
}

CfnTemplate::ListArgs CfnTemplate::list_args(const NodePtr& args, const std::string& shown, std::string_view usage,
                                             std::string_view list_use, int depth) const {
  ListArgs out;
  if (!args->is_sequence() || args->items.size() != 2) {
    out.problem = fmt::format("{} expects {}", shown, usage);
    return out;
  }
  std::string why;
  const std::optional<std::string> first = text(args->items[0], depth, &why, &out.first_via);
  if (!first) {
    out.problem = shown + ": " + why;
    return out;
  }
  out.first = *first;
  out.list = evaluate(args->items[1], depth);
  if (!out.list.problem.empty()) {
    out.problem = shown + ": " + out.list.problem;
  } else if (out.list.node == nullptr || !out.list.node->is_sequence()) {
    out.problem = fmt::format("{} expects {}", shown, list_use);
  }
  return out;
}

CfnValue CfnTemplate::join(const NodePtr& args, const Node& at, int depth) const {
  const std::string shown = display(at, "Fn::Join");
  const ListArgs a = list_args(args, shown, "[delimiter, [values]]", "a list of values to join", depth);
  if (!a.problem.empty()) return problem(a.problem);
  std::string why;
  std::string via = a.first_via;
  std::string out;
  for (size_t i = 0; i < a.list.node->items.size(); ++i) {
    const std::optional<std::string> part = text(a.list.node->items[i], depth, &why, &via);
    if (!part) return problem(shown + ": " + why);
    out += (i == 0 ? "" : a.first) + *part;
  }
  return CfnValue{scalar_at(at, out), joined_via(shown, {a.list.via, via}), false, ""};
}

CfnValue CfnTemplate::select(const NodePtr& args, const Node& at, int depth) const {
  const std::string shown = display(at, "Fn::Select");
  const ListArgs a = list_args(args, shown, "[index, [values]]", "a list to select from", depth);
  if (!a.problem.empty()) return problem(a.problem);
  size_t index = 0;
  const auto [end, ec] = std::from_chars(a.first.data(), a.first.data() + a.first.size(), index);
  if (ec != std::errc() || end != a.first.data() + a.first.size()) {
    return problem(shown + ": the index must be a number, found '" + a.first + "'");
  }
  const CfnValue& list = a.list;
  if (index >= list.node->items.size()) {
    return problem(fmt::format("{}: index {} is past the list's {} values", shown, index, list.node->items.size()));
  }
  CfnValue chosen = evaluate(list.node->items[index], depth);
  chosen.via = joined_via(shown, {list.via, a.first_via, chosen.via});
  return chosen;
}

CfnValue CfnTemplate::split(const NodePtr& args, const Node& at, int depth) const {
  const std::string shown = display(at, "Fn::Split");
  if (!args->is_sequence() || args->items.size() != 2) return problem(shown + " expects [delimiter, string]");
  std::string why;
  std::string via;
  const std::optional<std::string> delimiter = text(args->items[0], depth, &why, &via);
  const std::optional<std::string> source = delimiter ? text(args->items[1], depth, &why, &via) : std::nullopt;
  if (!source) return problem(shown + ": " + why);
  if (delimiter->empty()) return problem(shown + ": the delimiter is empty");
  auto list = std::make_shared<Node>();
  list->kind = Node::Kind::kSequence;
  list->line = at.line;
  list->column = at.column;
  size_t start = 0;
  for (;;) {
    const size_t found = source->find(*delimiter, start);
    list->items.push_back(scalar_at(at, source->substr(start, found - start)));
    if (found == std::string::npos) break;
    start = found + delimiter->size();
  }
  return CfnValue{list, joined_via(shown, {via}), false, ""};
}

CfnValue CfnTemplate::find_in_map(const NodePtr& args, const Node& at, int depth) const {
  const std::string shown = display(at, "Fn::FindInMap");
  if (!args->is_sequence() || args->items.size() < 3) return problem(shown + " expects [map, top key, second key]");
  std::string why;
  std::string via;
  std::vector<std::string> keys;
  for (size_t i = 0; i < 3; ++i) {
    const std::optional<std::string> key = text(args->items[i], depth, &why, &via);
    if (!key) return problem(shown + ": " + why);
    keys.push_back(*key);
  }
  const Node* level = mappings_;
  NodePtr found;
  for (const std::string& key : keys) {
    if (level == nullptr || !level->is_map()) break;
    const auto entry = std::find_if(level->entries.begin(), level->entries.end(),
                                    [&](const auto& e) { return e.first->is_scalar() && e.first->text == key; });
    if (entry == level->entries.end()) {
      found = nullptr;
      break;
    }
    found = entry->second;
    level = found.get();
  }
  const std::string where = "Mappings." + keys[0] + "." + keys[1] + "." + keys[2];
  if (found == nullptr) return problem(shown + ": the template has no " + where);
  return CfnValue{found, joined_via(shown + " " + where, {via}), false, ""};
}

CfnValue CfnTemplate::if_(const NodePtr& args, const Node& at, int depth) const {
  const std::string shown = display(at, "Fn::If");
  if (!args->is_sequence() || args->items.size() != 3 || !args->items[0]->is_scalar()) {
    return problem(shown + " expects [condition name, value if true, value if false]");
  }
  std::string why;
  const std::optional<bool> holds = condition_at(args->items[0]->text, depth, &why);
  if (!holds) return problem(shown + ": " + why);
  CfnValue chosen = evaluate(args->items[*holds ? 1 : 2], depth);
  chosen.via = joined_via(fmt::format("{} {} ({})", shown, args->items[0]->text, *holds ? "true" : "false"),
                          {chosen.via});
  return chosen;
}

std::optional<bool> CfnTemplate::condition(const std::string& name, std::string* why) const {
  return condition_at(name, 0, why);
}

std::optional<bool> CfnTemplate::condition_at(const std::string& name, int depth, std::string* why) const {
  if (depth > kDepthMax) {
    *why = "conditions nested too deeply (do they refer to each other in a loop?)";
    return std::nullopt;
  }
  const auto entry = conditions_ == nullptr || !conditions_->is_map()
                         ? std::vector<std::pair<NodePtr, NodePtr>>::const_iterator{}
                         : std::find_if(conditions_->entries.begin(), conditions_->entries.end(),
                                        [&](const auto& e) { return e.first->is_scalar() && e.first->text == name; });
  if (conditions_ == nullptr || !conditions_->is_map() || entry == conditions_->entries.end()) {
    *why = "the template has no condition '" + name + "'";
    return std::nullopt;
  }
  const NodePtr& expression = entry->second;
  const auto function = cfn_function(expression);
  if (function) return truth(function->first, function->second, depth + 1, why);
  if (expression->is_map() && expression->entries.size() == 1 && expression->entries[0].first->text == "Condition") {
    return truth("Condition", expression->entries[0].second, depth + 1, why);
  }
  *why = "condition '" + name + "' is not Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition";
  return std::nullopt;
}

std::optional<bool> CfnTemplate::truth(const std::string& function, const NodePtr& args, int depth,
                                       std::string* why) const {
  if (depth > kDepthMax) {
    *why = "conditions nested too deeply";
    return std::nullopt;
  }
  if (function == "Condition") {
    if (!args->is_scalar()) {
      *why = "Condition expects a condition's name";
      return std::nullopt;
    }
    return condition_at(args->text, depth + 1, why);
  }
  if (function == "Fn::Equals") {
    if (!args->is_sequence() || args->items.size() != 2) {
      *why = "Fn::Equals expects two values";
      return std::nullopt;
    }
    std::string via;
    const std::optional<std::string> a = text(args->items[0], depth, why, &via);
    const std::optional<std::string> b = a ? text(args->items[1], depth, why, &via) : std::nullopt;
    if (!b) return std::nullopt;
    return *a == *b;
  }
  if (function != "Fn::Not" && function != "Fn::And" && function != "Fn::Or") {
    *why = function + " is not a condition function";
    return std::nullopt;
  }
  if (!args->is_sequence() || args->items.empty() || (function == "Fn::Not" && args->items.size() != 1)) {
    *why = function + " expects a list of conditions";
    return std::nullopt;
  }
  bool all = true;
  bool any = false;
  for (const NodePtr& item : args->items) {
    std::optional<bool> holds;
    if (const auto inner = cfn_function(item)) {
      holds = truth(inner->first, inner->second, depth + 1, why);
    } else if (item->is_map() && item->entries.size() == 1 && item->entries[0].first->text == "Condition") {
      holds = truth("Condition", item->entries[0].second, depth + 1, why);
    } else {
      *why = function + " expects conditions, found " + load::describe(*item);
    }
    if (!holds) return std::nullopt;
    all = all && *holds;
    any = any || *holds;
  }
  if (function == "Fn::Not") return !all;
  return function == "Fn::And" ? all : any;
}

}  // namespace importer
