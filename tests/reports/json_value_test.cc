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
