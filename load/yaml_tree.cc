#include "load/yaml_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "model/dotted_path.h"
#include "model/nearest_word.h"

namespace load {

using model::Diagnostic;
using model::split_path;

namespace {

class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(std::string origin) : origin_(std::move(origin)) {}

  NodePtr root() const { return root_; }
  bool saw_document() const { return saw_document_; }
  int document_line() const { return document_line_; }
  int document_column() const { return document_column_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    saw_document_ = true;
    document_line_ = mark.line;
    document_column_ = mark.column;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    NodePtr node = make(Node::Kind::kNull, mark);
    // yaml-cpp marks an empty value at the next token, often the next line;
    // point at its key instead.
    if (!stack_.empty() && stack_.back()->is_map() && pending_key_.back() != nullptr) {
      node->line = pending_key_.back()->line;
      node->column = pending_key_.back()->column;
    }
    add(node, anchor);
  }
  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t anchor) override {
    // Shared, not copied: an alias bomb stays small. Overrides copy on write.
    auto found = anchors_.find(anchor);
    add(found != anchors_.end() ? found->second : make(Node::Kind::kNull, YAML::Mark()), 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    NodePtr node = make(Node::Kind::kScalar, mark, tag);
    node->text = value;
    node->quoted = tag == "!";  // yaml-cpp's tag of an untagged scalar in quotes
    add(node, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(make(Node::Kind::kSequence, mark, tag), anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(make(Node::Kind::kMap, mark, tag), anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  // yaml-cpp reports "?" for an untagged plain node and "!" for an untagged
  // quoted scalar: neither is a tag written in the text.
  NodePtr make(Node::Kind kind, const YAML::Mark& mark, const std::string& tag = "") const {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    if (tag != "?" && tag != "!") node->tag = tag;
    node->line = mark.line;
    node->column = mark.column;
    node->origin = origin_;
    return node;
  }
  void add(const NodePtr& node, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = node;
    if (stack_.empty()) {
      root_ = node;
      return;
    }
    Node& parent = *stack_.back();
    if (parent.is_sequence()) {
      parent.items.push_back(node);
    } else if (pending_key_.back() == nullptr) {
      pending_key_.back() = node;
    } else {
      parent.entries.emplace_back(pending_key_.back(), node);
      pending_key_.back() = nullptr;
    }
  }
  void open(const NodePtr& node, YAML::anchor_t anchor) {
    add(node, anchor);
    stack_.push_back(node);
    pending_key_.push_back(nullptr);
  }
  void close() {
    if (stack_.empty()) return;
    stack_.pop_back();
    pending_key_.pop_back();
  }

  std::string origin_;
  NodePtr root_;
  std::vector<NodePtr> stack_;        // open collections, innermost last
  std::vector<NodePtr> pending_key_;  // per open collection: a map key awaiting its value
  std::map<YAML::anchor_t, NodePtr> anchors_;
  bool saw_document_ = false;
  int document_line_ = -1;
  int document_column_ = -1;
};

std::optional<size_t> parse_index(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  size_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  return value;
}

}  // namespace

Diagnostic diagnostic_at(const std::string& file, const std::string& origin, int line, int column,
                         std::string message) {
  Diagnostic d;
  if (!origin.empty() || line < 0) {
    d.file = origin.empty() ? file : origin;
  } else {
    d.file = file;
    d.line = line + 1;
    d.column = column + 1;
  }
  d.message = std::move(message);
  return d;
}

bool parse_yaml(std::string_view text, const std::string& file, const std::string& origin,
                NodePtr* root, std::vector<Diagnostic>* out) {
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    TreeBuilder builder(origin);
    if (!parser.HandleNextDocument(builder)) return true;  // no document at all
    *root = builder.root();
    TreeBuilder second(origin);
    if (parser.HandleNextDocument(second)) {
      out->push_back(diagnostic_at(file, origin, second.document_line(), second.document_column(),
                                   "expected one YAML document, found a second one"));
      return false;
    }
    return true;
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's message for it is "bad file".
    out->push_back(diagnostic_at(file, origin, e.mark.line, e.mark.column,
                                 "invalid YAML: collections nested too deeply"));
  } catch (const YAML::Exception& e) {
    out->push_back(diagnostic_at(file, origin, e.mark.line, e.mark.column, "invalid YAML: " + e.msg));
  } catch (const std::exception& e) {
    out->push_back(diagnostic_at(file, origin, -1, -1, std::string("invalid YAML: ") + e.what()));
  }
  return false;
}

namespace {

// Length of the well-formed UTF-8 sequence at text[i], or 0 if it is not one
// (overlong forms, surrogates and code points above U+10FFFF included).
size_t utf8_sequence_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

}  // namespace

bool check_text(std::string_view text, const std::string& file, std::vector<Diagnostic>* out) {
  int line = 0;
  size_t line_start = 0;
  for (size_t i = 0; i < text.size();) {
    const int column = static_cast<int>(i - line_start);
    if (text[i] == '\0') {
      out->push_back(diagnostic_at(file, "", line, column,
                                   "not a text file: found a NUL byte; expected YAML text"));
      return false;
    }
    const size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out->push_back(diagnostic_at(
          file, "", line, column,
          fmt::format("not UTF-8 text: found byte 0x{:02X}; expected YAML text in UTF-8",
                      static_cast<unsigned char>(text[i]))));
      return false;
    }
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
    i += length;
  }
  return true;
}

bool check_tabs(std::string_view text, const std::string& file, std::vector<Diagnostic>* out) {
  bool found = false;
  int line = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    for (size_t i = start; i < end && (text[i] == ' ' || text[i] == '\t'); ++i) {
      if (text[i] == '\t') {
        out->push_back(diagnostic_at(file, "", line, static_cast<int>(i - start),
                                     "tab character in indentation; indent YAML with spaces"));
        found = true;
        break;
      }
    }
    start = end + 1;
    ++line;
  }
  return !found;
}

namespace {

// The name of a sequence item as a path segment may give it: a map's
// `name:` (a client group, a region written as a map) or the item itself
// when it is a scalar (a region written as a plain name); empty if none.
std::string item_name(const Node& item) {
  if (item.is_scalar()) return item.text;
  if (!item.is_map()) return "";
  for (const auto& [key, value] : item.entries) {
    if (key->is_scalar() && key->text == "name" && value != nullptr && value->is_scalar()) return value->text;
  }
  return "";
}

// The slot of the item of `node` (a sequence at `shown`) that `segment`
// names: by index, else by name. A scalar item named on the way to a key
// under it (`regions.eu-west-1.clock.offset`) becomes the map {name: ITEM}.
NodePtr* sequence_item(Node& node, const std::string& segment, bool last, const std::string& shown,
                       const std::string& label, std::string* why) {
  if (const std::optional<size_t> index = parse_index(segment)) {
    if (*index < node.items.size()) return &node.items[*index];
    *why = fmt::format("{} has {} item{}, found index {}", shown, node.items.size(),
                       node.items.size() == 1 ? "" : "s", *index);
    return nullptr;
  }
  std::vector<std::string> names;
  for (NodePtr& item : node.items) {
    const std::string name = item == nullptr ? "" : item_name(*item);
    if (name != segment) {
      if (!name.empty()) names.push_back(name);
      continue;
    }
    if (item->is_scalar() && !last) {
      auto map = std::make_shared<Node>();
      map->kind = Node::Kind::kMap;
      map->line = item->line;
      map->column = item->column;
      map->origin = item->origin;
      auto key = std::make_shared<Node>();
      key->kind = Node::Kind::kScalar;
      key->text = "name";
      key->origin = label;
      map->entries.emplace_back(key, item);
      item = map;
    }
    return &item;
  }
  *why = shown + " has no item named '" + segment + "'";
  if (const std::optional<std::string> near = model::nearest_word(segment, names)) {
    *why += "; did you mean '" + *near + "'?";
  } else {
    *why += " (an item is named by its index or its name)";
  }
  return nullptr;
}

// Makes *slot, the node at `walked` on the way to an override's target, a
// node this override may change, and returns the slot of its child named
// segment (the last of the path, or not); nullptr, with *why set, when
// there is none.
NodePtr* step_into(NodePtr* slot, const std::string& segment, bool last, const std::string& walked,
                   const std::string& label, std::string* why) {
  if (*slot == nullptr || (*slot)->is_null()) {  // created: a map written by this override
    auto created = std::make_shared<Node>();
    created->kind = Node::Kind::kMap;
    created->origin = label;
    *slot = created;
  } else {
    *slot = std::make_shared<Node>(**slot);  // copy on write: the node may be shared by an alias
  }
  Node& node = **slot;
  const std::string shown = walked.empty() ? "the scenario" : "'" + walked + "'";
  if (node.is_map()) {
    auto entry = std::find_if(node.entries.begin(), node.entries.end(), [&](const auto& e) {
      return e.first->is_scalar() && e.first->text == segment;
    });
    if (entry == node.entries.end()) {
      auto key = std::make_shared<Node>();
      key->kind = Node::Kind::kScalar;
      key->text = segment;
      key->origin = label;
      node.entries.emplace_back(key, nullptr);
      entry = node.entries.end() - 1;
    }
    return &entry->second;
  }
  if (node.is_sequence()) return sequence_item(node, segment, last, shown, label, why);
  *why = shown + " is a scalar, not a map or a sequence";
  return nullptr;
}

}  // namespace

void apply_override(const std::string& path, const std::string& value, NodePtr* root,
                    std::vector<Diagnostic>* out) {
  const std::string label = "--set " + path + "=" + value;
  NodePtr parsed;
  if (!parse_yaml(value, label, label, &parsed, out)) return;
  if (parsed == nullptr) {
    parsed = std::make_shared<Node>();
    parsed->origin = label;
  }
  NodePtr* slot = root;
  std::string walked;  // the dotted path of *slot
  const std::vector<std::string> segments = split_path(path);
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& segment = segments[i];
    std::string why;
    slot = step_into(slot, segment, i + 1 == segments.size(), walked, label, &why);
    if (slot == nullptr) {
      out->push_back(diagnostic_at(label, label, -1, -1, "cannot set '" + path + "': " + why));
      return;
    }
    walked += (walked.empty() ? "" : ".") + segment;
  }
  *slot = parsed;
}

}  // namespace load
