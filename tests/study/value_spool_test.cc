// study/value_spool.h: records read back as appended, in memory and beyond
// the limit in an unlinked temporary file; a temporary directory that does
// not exist is reported.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "study/value_spool.h"

namespace {

std::vector<std::optional<int64_t>> record(size_t i) {
  return {static_cast<int64_t>(i), std::nullopt, -static_cast<int64_t>(i * i) - 1,
          i % 3 == 0 ? std::optional<int64_t>(INT64_MIN) : std::nullopt};
}

void round_trip(size_t memory_limit, bool on_disk) {
  study::ValueSpool spool(4, memory_limit);
  std::string error;
  for (size_t i = 0; i < 3000; ++i) REQUIRE(spool.append(record(i), &error));
  CHECK(spool.on_disk() == on_disk);
  CHECK(spool.records() == 3000);
  std::vector<std::optional<int64_t>> back;
  for (size_t i = 0; i < 3000; ++i) {
    REQUIRE(spool.read(&back, &error));
    REQUIRE(back == record(i));
  }
  CHECK(spool.records_read() == 3000);
}

}  // namespace

TEST_CASE("Value spool: records come back as appended, in memory below the limit") { round_trip(1 << 20, false); }

TEST_CASE("Value spool: beyond the limit the records go to a temporary file and come back the same") {
  round_trip(1000, true);
  round_trip(0, true);
}

TEST_CASE("Value spool: a temporary directory that does not exist is reported") {
  const char* before = std::getenv("TMPDIR");
  const std::string saved = before != nullptr ? before : "";
  ::setenv("TMPDIR", "/nonexistent-gtsim-dir", 1);
  study::ValueSpool spool(1, 0);
  std::string error;
  CHECK_FALSE(spool.append({1}, &error));
  CHECK(error == "cannot create a temporary file in /nonexistent-gtsim-dir for the paired values: No such file or directory");
  if (before != nullptr) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
}
