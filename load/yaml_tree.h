// A YAML tree of our own, with marks, duplicate-key detection and override
// provenance, built from yaml-cpp's parser events.
//
// Why not YAML::Node: it silently keeps only one of two duplicate keys and
// loses the marks of nodes we create. This tree keeps every map entry in file
// order (so the checker can report a duplicate key at both places), the mark
// of every node, and where a node came from: the file, or a `--set` override.
//
// Parsing never throws: yaml-cpp's exceptions become Diagnostics. Aliases are
// shared, not copied (an alias bomb stays small); apply_override copies on
// write. Determinism: pure functions of their inputs.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/diagnostic.h"

namespace load {

struct Node;
using NodePtr = std::shared_ptr<Node>;

struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string text;                               // kScalar only
  std::vector<NodePtr> items;                     // kSequence only
  std::vector<std::pair<NodePtr, NodePtr>> entries;  // kMap only: (key, value) in order
  int line = -1;                                  // 0-based, as yaml-cpp marks; -1 if none
  int column = -1;
  std::string origin;                             // empty: the file; else "--set PATH=VALUE"
  // The node's YAML tag as written (`!Ref`, `!Sub`: CloudFormation's short
  // forms, read by gtsim import); empty when it has none.
  std::string tag;
  bool quoted = false;                            // kScalar only: written in quotes (a JSON string)

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_map() const { return kind == Kind::kMap; }
};

// A diagnostic about a place with 0-based line and column (-1: none) in file,
// or, when origin is not empty, about the override named by origin (no
// position).
model::Diagnostic diagnostic_at(const std::string& file, const std::string& origin, int line, int column,
                                std::string message);

// Parses one YAML document; every node gets origin. Returns false (with
// diagnostics) on a parse error or a second document; *root is null for an
// empty document or input.
bool parse_yaml(std::string_view text, const std::string& file, const std::string& origin,
                NodePtr* root, std::vector<model::Diagnostic>* out);

// A scenario is UTF-8 text: reports the first NUL byte (a binary file) or
// byte that is not part of well-formed UTF-8, with its place. True if none.
bool check_text(std::string_view text, const std::string& file, std::vector<model::Diagnostic>* out);

// YAML forbids tabs in indentation and yaml-cpp's own errors about them are
// obscure ("illegal map value"): reports each such line. True if none.
bool check_tabs(std::string_view text, const std::string& file, std::vector<model::Diagnostic>* out);

// Sets the node at the dotted path (map keys; sequence items by index, or by
// name: a map item's `name:` or a scalar item's text) to the YAML value,
// creating missing map keys and copying shared nodes on the way down.
// The nodes it writes have origin "--set PATH=VALUE", as do its diagnostics.
void apply_override(const std::string& path, const std::string& value, NodePtr* root,
                    std::vector<model::Diagnostic>* out);

}  // namespace load
