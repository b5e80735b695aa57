// A JSON Schema validator for the subset docs/report.schema.json uses:
// type (object, array, string, integer, number, boolean, null, or a list of
// them), properties,
// required, additionalProperties: false, items, enum, const, minimum,
// $ref to "#/$defs/NAME", and the annotations $schema, title, description,
// $defs. Any other keyword is an error of the schema, so the schema cannot
// silently use one this validator ignores.
//
// Why our own: Debian 12 has validators only for Python, Perl, Node and Go
// (python3-jsonschema, libjson-validator-perl, node-ajv); this subset is 150
// lines of C++ and keeps the test inside the Catch2 suite with no new
// dependency. It also checks what JSON Schema cannot say: that an object's
// keys come in the order of `properties` (the report's stable key order).
//
// Also the reading of a JSON file and of the report's schema, shared by the
// report tests (which compile together in unity batches).
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "reports/json_value.h"
#include "tests/read_file.h"

namespace gtsim_test {

using reports::JsonValue;

class SchemaValidator {
 public:
  explicit SchemaValidator(const JsonValue& schema) : root_(schema) {}

  // Every violation, as "PATH: message"; empty when the document is valid.
  std::vector<std::string> validate(const JsonValue& document) {
    errors_.clear();
    check(root_, document, "$");
    return errors_;
  }

 private:
  void fail(const std::string& path, const std::string& message) { errors_.push_back(path + ": " + message); }

  const JsonValue* resolve(const JsonValue& schema, const std::string& path) {
    const JsonValue* ref = schema.find("$ref");
    if (ref == nullptr) return &schema;
    const std::string prefix = "#/$defs/";
    const JsonValue* defs = root_.find("$defs");
    if (ref->text.rfind(prefix, 0) != 0 || defs == nullptr || defs->find(ref->text.substr(prefix.size())) == nullptr) {
      fail(path, "schema: unresolvable $ref " + ref->text);
      return nullptr;
    }
    return defs->find(ref->text.substr(prefix.size()));
  }

  static bool has_type(const JsonValue& v, const std::string& type) {
    using K = JsonValue::Kind;
    if (type == "object") return v.kind == K::kObject;
    if (type == "array") return v.kind == K::kArray;
    if (type == "string") return v.kind == K::kString;
    if (type == "integer") return v.is_integer();
    if (type == "number") return v.kind == K::kNumber;
    if (type == "boolean") return v.kind == K::kBool;
    if (type == "null") return v.kind == K::kNull;
    return false;
  }

  static bool equal_scalar(const JsonValue& a, const JsonValue& b) {
    return a.kind == b.kind && a.text == b.text && a.boolean == b.boolean;
  }

  void check(const JsonValue& schema_in, const JsonValue& v, const std::string& path) {
    const JsonValue* schema = resolve(schema_in, path);
    if (schema == nullptr) return;
    for (const auto& [keyword, arg] : schema->members) {
      if (keyword == "$schema" || keyword == "title" || keyword == "description" || keyword == "$defs" ||
          keyword == "required" || keyword == "additionalProperties") {
        continue;
      }
      if (keyword == "type" && arg.kind == JsonValue::Kind::kArray) {
        bool any = false;
        std::string names;
        for (const JsonValue& type : arg.items) {
          any = any || has_type(v, type.text);
          names += (names.empty() ? "" : " or ") + type.text;
        }
        if (!any) fail(path, "expected " + names);
      } else if (keyword == "type") {
        if (!has_type(v, arg.text)) fail(path, "expected " + arg.text);
      } else if (keyword == "const") {
        if (!equal_scalar(arg, v)) fail(path, "expected the constant " + arg.text);
      } else if (keyword == "enum") {
        bool any = false;
        for (const JsonValue& option : arg.items) any = any || equal_scalar(option, v);
        if (!any) fail(path, "'" + v.text + "' is not one of the enum");
      } else if (keyword == "minimum") {
        if (v.kind == JsonValue::Kind::kNumber && v.as_double() < arg.as_double()) {
          fail(path, v.text + " is below the minimum " + arg.text);
        }
      } else if (keyword == "items") {
        for (size_t i = 0; i < v.items.size(); ++i) check(arg, v.items[i], fmt::format("{}[{}]", path, i));
      } else if (keyword == "properties") {
        properties(*schema, arg, v, path);
      } else {
        fail(path, "schema: keyword '" + keyword + "' is not supported by this validator");
      }
    }
  }

  void properties(const JsonValue& schema, const JsonValue& props, const JsonValue& v, const std::string& path) {
    if (v.kind != JsonValue::Kind::kObject) return;
    if (const JsonValue* required = schema.find("required")) {
      for (const JsonValue& key : required->items) {
        if (v.find(key.text) == nullptr) fail(path, "missing '" + key.text + "'");
      }
    }
    const JsonValue* additional = schema.find("additionalProperties");
    size_t last_index = 0;
    for (const auto& [key, value] : v.members) {
      size_t index = props.members.size();
      for (size_t i = 0; i < props.members.size(); ++i) {
        if (props.members[i].first == key) index = i;
      }
      if (index == props.members.size()) {
        if (additional != nullptr && additional->kind == JsonValue::Kind::kBool && !additional->boolean) {
          fail(path, "unexpected key '" + key + "'");
        }
        continue;
      }
      if (index < last_index) fail(path, "key '" + key + "' out of the schema's order");
      last_index = index;
      check(props.members[index].second, value, path + "." + key);
    }
  }

  const JsonValue& root_;
  std::vector<std::string> errors_;
};

// The JSON a file holds; fails the test (with the parser's error) if it holds none.
inline JsonValue parse_json_file(const std::filesystem::path& path) {
  std::string error;
  std::optional<JsonValue> value = reports::parse_json(read_file(path), &error);
  INFO(path.string() << ": " << error);
  REQUIRE(value);
  return *value;
}

// docs/report.schema.json, the schema of the JSON report.
inline JsonValue report_schema() {
  return parse_json_file(std::filesystem::path(GTSIM_SOURCE_DIR) / "docs" / "report.schema.json");
}

}  // namespace gtsim_test
