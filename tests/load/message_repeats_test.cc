// No message repeats itself (issue 17): every diagnostic of every file of
// the bad-input catalogue (tests/bad_inputs/) says what it found once, and
// no clause of it twice.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "load/scenario_loader.h"

namespace load {
namespace {

size_t count_of(const std::string& text, const std::string& word) {
  size_t count = 0;
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++count;
  return count;
}

// The clauses of a message: its parts between "; ".
std::vector<std::string> clauses(const std::string& message) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at = message.find("; "); at != std::string::npos; at = message.find("; ", start)) {
    out.push_back(message.substr(start, at - start));
    start = at + 2;
  }
  out.push_back(message.substr(start));
  return out;
}

TEST_CASE("diagnostics: no message of the bad-input catalogue repeats itself") {
  const std::filesystem::path dir = std::filesystem::path(GTSIM_SOURCE_DIR) / "tests" / "bad_inputs";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 50);
  size_t messages = 0;
  for (const std::filesystem::path& file : files) {
    for (const model::Diagnostic& d : load_scenario_file(file.string()).diagnostics) {
      INFO(d.to_string());
      ++messages;
      CHECK(count_of(d.message, "found ") <= 1);
      std::vector<std::string> parts = clauses(d.message);
      std::sort(parts.begin(), parts.end());
      CHECK(std::adjacent_find(parts.begin(), parts.end()) == parts.end());
    }
  }
  CHECK(messages > 50);
}

}  // namespace
}  // namespace load
