// reports/json_value.h: JsonFields' typed reads, which name the first member
// that is missing or of another type, and as_uint64 over its whole range.
// (Parsing itself is tested with the report diff, report_diff_test.cc.)
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "reports/json_value.h"

TEST_CASE("JsonFields: typed reads, and the first missing or mistyped member is the problem") {
  std::string error;
  const auto v = reports::parse_json(
      R"({"n": 18446744073709551615, "neg": -1, "s": "x", "a": ["p", "q"], "mixed": ["p", 1], "o": {"m": 3}})",
      &error);
  REQUIRE(v);
  CHECK(v->find("n")->as_uint64() == UINT64_MAX);
  CHECK_FALSE(v->find("n")->as_int64());
  CHECK_FALSE(v->find("neg")->as_uint64());

  reports::JsonFields fields;
  CHECK(fields.uint64(*v, "n") == UINT64_MAX);
  CHECK(fields.string(*v, "s") == "x");
  CHECK(fields.strings(*v, "a") == std::vector<std::string>{"p", "q"});
  CHECK(fields.uint64(fields.object(*v, "o"), "m") == 3);
  CHECK(fields.ok());
  CHECK(fields.uint64(*v, "neg") == 0);
  CHECK(fields.problem() == "'neg' is not an unsigned integer");
  CHECK(fields.string(*v, "s").empty());  // every read after a problem is empty
  CHECK(fields.problem() == "'neg' is not an unsigned integer");

  const auto problem = [&](auto read) {
    reports::JsonFields f;
    read(f);
    return f.problem();
  };
  CHECK(problem([&](reports::JsonFields& f) { f.string(*v, "kind"); }) == "'kind' is missing");
  CHECK(problem([&](reports::JsonFields& f) { f.string(*v, "n"); }) == "'n' is not a string");
  CHECK(problem([&](reports::JsonFields& f) { f.array(*v, "o"); }) == "'o' is not an array");
  CHECK(problem([&](reports::JsonFields& f) { f.object(*v, "a"); }) == "'a' is not an object");
  CHECK(problem([&](reports::JsonFields& f) { f.strings(*v, "mixed"); }) == "'mixed' is not an array of strings");
}

// Issue 14: the reader behind `gtsim diff` and `gtsim merge` read the first of
// two equal keys (every other JSON tool reads the last, or refuses), and
// let malformed numbers and invalid UTF-8 through.
TEST_CASE("JsonValue: a key twice in an object is refused, at any depth") {
  std::string error;
  CHECK_FALSE(reports::parse_json(R"({"a": 1, "b": 2, "a": 3})", &error));
  CHECK(error == "offset 24: duplicate key 'a' in an object");
  CHECK_FALSE(reports::parse_json(R"([{"x": {"k": 1, "k": 1}}])", &error));
  CHECK(error == "offset 23: duplicate key 'k' in an object");
  CHECK(reports::parse_json(R"({"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]})", &error));
}

TEST_CASE("JsonValue: numbers follow JSON's grammar exactly") {
  std::string error;
  for (const char* good : {"0", "-0", "12", "-12", "1.5", "1e9", "1E+9", "-1.25e-3", "18446744073709551616"}) {
    INFO(good);
    CHECK(reports::parse_json(good, &error));
  }
  for (const char* bad : {"0x10", "01", "+1", "1.", ".5", "-", "1e", "1e+", "--1", "1.2.3", "Infinity", "NaN", "1e999"}) {
    INFO(bad);
    CHECK_FALSE(reports::parse_json(bad, &error));
  }
  CHECK_FALSE(reports::parse_json(R"({"n": 0x10})", &error));
  CHECK(error == "offset 7: malformed number");
  CHECK_FALSE(reports::parse_json("1e999", &error));
  CHECK(error == "offset 5: number out of range");
}

TEST_CASE("JsonValue: strings are well-formed UTF-8; \\u escapes decode to UTF-8") {
  std::string error;
  CHECK(reports::parse_json("\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"", &error)->text ==
        "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(reports::parse_json(R"("\u00e9\u20ac\ud83d\ude00")", &error)->text == "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  for (const char* bad : {"\"\xE9\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xE2\x82\"",
                          "\"\xFF\""}) {
    INFO(bad);
    CHECK_FALSE(reports::parse_json(bad, &error));
  }
  CHECK_FALSE(reports::parse_json("\"caf\xE9\"", &error));
  CHECK(error == "offset 4: not UTF-8: byte 0xE9 in a string");
  CHECK_FALSE(reports::parse_json(R"("\ud83d")", &error));
  CHECK(error == "offset 7: a high surrogate without its low half");
  CHECK_FALSE(reports::parse_json(R"("\ude00")", &error));
  CHECK_FALSE(reports::parse_json(R"("\u-123")", &error));
}

TEST_CASE("JsonValue: every value keeps the byte offset where it starts; JsonError gives the refusal's apart") {
  std::string error;
  const auto v = reports::parse_json("{\"a\": [10, \"x\"],\n \"b\": {\"c\": null}}", &error);
  REQUIRE(v);
  CHECK(v->offset == 0);
  CHECK(v->find("a")->offset == 6);
  CHECK(v->find("a")->items[0].offset == 7);
  CHECK(v->find("a")->items[1].offset == 11);
  CHECK(v->find("b")->offset == 23);
  CHECK(v->find("b")->find("c")->offset == 29);
  reports::JsonError refused;
  CHECK_FALSE(reports::parse_json("[1, 2,\n 3 4]", &refused));
  CHECK(refused.offset == 10);
  CHECK(refused.message == "expected ',' or ']'");
  CHECK_FALSE(reports::parse_json("[1, 2,\n 3 4]", &error));
  CHECK(error == "offset 10: expected ',' or ']'");
}
