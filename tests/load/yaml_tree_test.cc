// Tests for load/yaml_tree.h: the text checks that run before YAML parsing,
// and parse errors that yaml-cpp words obscurely.
#include "load/yaml_tree.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace load {
namespace {

using model::Diagnostic;

std::vector<std::string> text_problems(std::string_view text) {
  std::vector<Diagnostic> out;
  check_text(text, "s.yaml", &out);
  std::vector<std::string> messages;
  for (const Diagnostic& d : out) messages.push_back(d.to_string());
  return messages;
}

TEST_CASE("check_text: UTF-8 text passes (ASCII, accents, CJK, emoji, BOM)") {
  CHECK(text_problems("duration: 10m\n").empty());
  CHECK(text_problems("description: caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x8c\x8d\n").empty());
  CHECK(text_problems("\xef\xbb\xbfseed: 1\n").empty());
  CHECK(text_problems("").empty());
}

TEST_CASE("check_text: a NUL byte is a binary file, reported at its place") {
  CHECK(text_problems(std::string("seed: 1\nab\0c\n", 13)) ==
        std::vector<std::string>{"s.yaml:2:3: error: not a text file: found a NUL byte; expected YAML text"});
}

TEST_CASE("check_text: bytes that are not UTF-8 (Latin-1, overlong, surrogate, truncated)") {
  CHECK(text_problems("a: caf\xe9\n") ==
        std::vector<std::string>{"s.yaml:1:7: error: not UTF-8 text: found byte 0xE9; expected YAML text in UTF-8"});
  CHECK(text_problems("\xc0\xaf").size() == 1);          // overlong '/'
  CHECK(text_problems("\xed\xa0\x80").size() == 1);      // UTF-16 surrogate
  CHECK(text_problems("\xf4\x90\x80\x80").size() == 1);  // above U+10FFFF
  CHECK(text_problems("ok \xe6\x9d").size() == 1);       // truncated at the end
}

TEST_CASE("parse_yaml: a node keeps its tag and a scalar whether it was quoted (for gtsim import)") {
  NodePtr root;
  std::vector<Diagnostic> out;
  REQUIRE(parse_yaml("a: !Ref X\nb: !If [c, 1, 2]\nc: \"5\"\nd: 5\ne: {k: v}\n", "s.yaml", "", &root, &out));
  REQUIRE(root->entries.size() == 5);
  CHECK(root->entries[0].second->tag == "!Ref");
  CHECK(root->entries[0].second->text == "X");
  CHECK(root->entries[1].second->tag == "!If");
  CHECK(root->entries[1].second->is_sequence());
  CHECK(root->entries[2].second->quoted);
  CHECK(root->entries[2].second->tag.empty());
  CHECK_FALSE(root->entries[3].second->quoted);
  CHECK(root->entries[4].second->tag.empty());
}

TEST_CASE("parse_yaml: collections nested too deeply are a diagnostic, not a crash") {
  std::string text = "a: " + std::string(3000, '[') + std::string(3000, ']');
  NodePtr root;
  std::vector<Diagnostic> out;
  CHECK_FALSE(parse_yaml(text, "s.yaml", "", &root, &out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].message == "invalid YAML: collections nested too deeply");
}

}  // namespace
}  // namespace load
