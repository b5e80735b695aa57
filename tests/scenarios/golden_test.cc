// Scenario regression: every scenario in scenarios/ (not scenarios/bench/)
// runs and its JSON report is compared byte for byte with tests/golden/.
//
// Regenerate after a deliberate change (and say why in the commit):
//   GTSIM_UPDATE_GOLDEN=1 ./build/tests/gtsim_tests "[golden]"
// then review `git diff tests/golden`.
//
// A scenario whose traffic lasts longer than kFullSeriesMax (a day-long
// study) keeps only the first kSecondsKept entries of each per-second
// series in its golden file (a day of per-second series is 15 MB of JSON).
// Everything else is compared byte for byte, the per-minute series too,
// which sum (or take the highest of) the same seconds over the whole run;
// the file still validates against docs/report.schema.json.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/json_report.h"
#include "sim/time.h"

namespace fs = std::filesystem;

namespace {

constexpr sim::Duration kFullSeriesMax = sim::Duration::hours(2);
constexpr size_t kSecondsKept = 600;  // the first ten minutes

// A compact array's line, `"name": [a, b, ...],`, with its first n entries.
std::string first_entries(const std::string& line, size_t n) {
  const size_t open = line.find(": [");
  const size_t close = line.rfind(']');
  if (open == std::string::npos || close == std::string::npos || close < open) return line;
  size_t end = open + 3;
  for (size_t kept = 0; kept < n && end < close; ++kept) {
    end = line.find(", ", end);
    if (end == std::string::npos || end > close) return line;  // n or fewer: all kept
    end += 2;
  }
  if (end >= close) return line;
  return line.substr(0, end - 2) + line.substr(close);
}

// The report as its golden file holds it (see above).
std::string golden_form(const std::string& report, sim::Duration duration) {
  if (duration <= kFullSeriesMax) return report;
  std::istringstream in(report);
  std::string out, line;
  bool per_second = false;
  while (std::getline(in, line)) {
    if (line == "    \"per_second\": {") per_second = true;
    if (line == "    \"per_minute\": {") per_second = false;
    out += (per_second ? first_entries(line, kSecondsKept) : line) + "\n";
  }
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<fs::path> library_scenarios() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(GTSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A readable failure: the first differing lines (up to kShown), each with
// its line number and the golden and new text, and how to accept the change.
std::string first_differences(const std::string& expected, const std::string& actual) {
  constexpr int kShown = 8;
  std::istringstream a(expected), b(actual);
  std::string out, line_a, line_b;
  int differing = 0;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, line_a));
    const bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) break;
    if (more_a && more_b && line_a == line_b) continue;
    if (++differing > kShown) continue;
    out += "  line " + std::to_string(line) + ":\n";
    out += "    - golden " + (more_a ? line_a : std::string("(end of file)")) + "\n";
    out += "    + run    " + (more_b ? line_b : std::string("(end of file)")) + "\n";
  }
  if (differing == 0) return "identical";
  if (differing > kShown) out += "  ... and " + std::to_string(differing - kShown) + " more differing lines\n";
  return std::to_string(differing) + " lines differ from the golden file:\n" + out +
         "If the change is deliberate: GTSIM_UPDATE_GOLDEN=1 ./build/tests/gtsim_tests \"[golden]\", then review "
         "`git diff tests/golden` (or `gtsim diff OLD.json NEW.json`, figure by figure).";
}

}  // namespace

TEST_CASE("Scenario library: every scenario's JSON report matches its golden file", "[golden]") {
  const bool update = std::getenv("GTSIM_UPDATE_GOLDEN") != nullptr;
  const std::vector<fs::path> scenarios = library_scenarios();
  REQUIRE(!scenarios.empty());
  for (const fs::path& path : scenarios) {
    CAPTURE(path.filename().string());
    const load::LoadResult loaded = load::load_scenario_file(path.string());
    REQUIRE(loaded.ok());
    const std::string report =
        golden_form(reports::json_report(model::Simulation(*loaded.scenario).run()), loaded.scenario->duration);
    const fs::path golden = fs::path(GTSIM_SOURCE_DIR) / "tests" / "golden" / (path.stem().string() + ".json");
    if (update) {
      std::ofstream(golden, std::ios::binary) << report;
      continue;
    }
    REQUIRE(fs::exists(golden));
    const std::string expected = read_file(golden);
    INFO(first_differences(expected, report));
    CHECK(expected == report);
  }
}

TEST_CASE("Scenario library: the same scenario twice gives byte-identical reports; another seed differs") {
  const load::LoadResult loaded =
      load::load_scenario_file((fs::path(GTSIM_SOURCE_DIR) / "scenarios" / "quickstart.yaml").string());
  REQUIRE(loaded.ok());
  model::Scenario scenario = *loaded.scenario;
  const std::string first = reports::json_report(model::Simulation(scenario).run());
  const std::string second = reports::json_report(model::Simulation(scenario).run());
  CHECK(first == second);
  scenario.seed += 1;
  CHECK(reports::json_report(model::Simulation(scenario).run()) != first);
}
