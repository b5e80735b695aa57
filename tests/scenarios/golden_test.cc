// Scenario regression: every scenario in scenarios/ (not scenarios/bench/)
// runs and its JSON report is compared byte for byte with tests/golden/.
//
// Regenerate after a deliberate change (and say why in the commit):
//   GTSIM_UPDATE_GOLDEN=1 ./build/tests/gtsim_tests "[golden]"
// then review `git diff tests/golden`.
//
// Every report is held whole: the per-second series coarsen after 3 hours
// of a run (model/series_resolution.h), so even the day-long study's golden
// file holds its full series; it validates against docs/report.schema.json.
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
#include "tests/read_file.h"

namespace fs = std::filesystem;
using gtsim_test::read_file;

namespace {

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
    const std::string report = reports::json_report(model::Simulation(*loaded.scenario).run());
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
