#include "model/nearest_word.h"

#include <catch2/catch.hpp>

namespace model {
namespace {

TEST_CASE("nearest_word: edit distance counts a transposition as one edit") {
  CHECK(edit_distance("latnecy", "latency") == 1);
  CHECK(edit_distance("kyes", "keys") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  // Optimal string alignment, not full Damerau-Levenshtein: "ca" -> "abc" is 3.
  CHECK(edit_distance("ca", "abc") == 3);
}

TEST_CASE("nearest_word: suggests a near candidate (typos)") {
  const std::vector<std::string> keys = {"between", "from", "to", "latency"};
  CHECK(nearest_word("latnecy", keys) == "latency");
  CHECK(nearest_word("betwen", keys) == "between");
  CHECK(nearest_word("form", keys) == "from");
  CHECK(nearest_word("us-esat-1", {"us-east-1", "us-east-2", "eu-west-1"}) == "us-east-1");
}

TEST_CASE("nearest_word: no suggestion when nothing is near (distance > max(1, len/3))") {
  const std::vector<std::string> keys = {"name", "seed", "duration"};
  CHECK_FALSE(nearest_word("colour", keys).has_value());
  CHECK_FALSE(nearest_word("", keys).has_value());
  CHECK_FALSE(nearest_word("abc", {}).has_value());
  CHECK_FALSE(nearest_word("dur", keys).has_value());  // 5 deletions away
}

TEST_CASE("nearest_word: ties go to the first candidate in order") {
  CHECK(nearest_word("cat", {"bat", "hat", "cap"}) == "bat");
  CHECK(nearest_word("cat", {"cap", "bat"}) == "cap");
}

}  // namespace
}  // namespace model
