// Settings the chosen mode ignores are warned about at their place, and the
// scenario still loads (load/ignored_settings.h).
#include "load/ignored_settings.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "tests/load/load_errors.h"

namespace load {
namespace {

using gtsim_test::kTwoRegions;
using gtsim_test::Lines;

Lines warnings(const std::string& yaml) {
  const LoadResult result = load_scenario_text(yaml, "s.yaml");
  for (const model::Diagnostic& d : result.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(result.ok());
  Lines out;
  for (const model::Diagnostic& d : result.warnings) out.push_back(d.to_string());
  return out;
}

TEST_CASE("ignored settings: burst on demand, on-demand settings on provisioned capacity") {
  CHECK(warnings(kTwoRegions + "table:\n  capacity: {mode: on_demand, burst_seconds: 60}\n") ==
        Lines{"s.yaml:4:46: warning: table.capacity.burst_seconds: ignored: on-demand capacity keeps no burst, and "
              "the capacity of us-east-1, eu-west-1 is on_demand for the whole run"});
  CHECK(warnings("duration: 1m\nversion: \"2017.11.29\"\nregions:\n  - us-east-1\n  - name: eu-west-1\n"
                 "    capacity: {mode: provisioned, write_units: 100, read_units: 100, max_read_units: 8000}\n") ==
        Lines{"s.yaml:6:86: warning: regions[1].capacity.max_read_units: ignored: it is an on-demand setting, and "
              "the capacity of eu-west-1 is provisioned for the whole run"});
}

TEST_CASE("ignored settings: a setting some region or some moment reads is no warning") {
  // The table's burst_seconds is taken by eu-west-1, provisioned.
  CHECK(warnings("duration: 1m\nversion: \"2017.11.29\"\nregions:\n  - us-east-1\n  - name: eu-west-1\n"
                 "    capacity: {mode: provisioned, write_units: 100, read_units: 100}\n"
                 "table:\n  capacity: {mode: on_demand, burst_seconds: 60}\n")
            .empty());
  // eu-west-1 sets its own burst_seconds: the table's is nobody's, and warned about.
  CHECK(warnings("duration: 1m\nversion: \"2017.11.29\"\nregions:\n  - us-east-1\n  - name: eu-west-1\n"
                 "    capacity: {mode: provisioned, write_units: 100, read_units: 100, burst_seconds: 0}\n"
                 "table:\n  capacity: {mode: on_demand, burst_seconds: 60}\n") ==
        Lines{"s.yaml:8:46: warning: table.capacity.burst_seconds: ignored: on-demand capacity keeps no burst, and "
              "the capacity of us-east-1 is on_demand for the whole run"});
  // Switched to on demand by the timeline: the warm units are read from then on.
  CHECK(warnings("duration: 10m\nversion: \"2017.11.29\"\nregions:\n  - us-east-1\n  - name: eu-west-1\n"
                 "    capacity: {mode: provisioned, write_units: 100, read_units: 100, warm_write_units: 8000}\n"
                 "timeline:\n  - {at: 5m, set_capacity: {region: eu-west-1, mode: on_demand}}\n")
            .empty());
}

TEST_CASE("ignored settings: a client group's consistency, index and sessions without what they act on") {
  CHECK(warnings(kTwoRegions +
                 "table: {indexes: [by_status]}\n"
                 "workload:\n  us-east-1:\n"
                 "    - {name: writers, rate: 10, consistency: strong, index: by_status}\n"
                 "    - {name: readers, rate: 10, mix: {get: 100}, consistency: strong,\n"
                 "       sessions: {redirect: 10%, read_region: eu-west-1, delays: [1s]}}\n") ==
        Lines{"s.yaml:6:46: warning: workload.us-east-1[0].consistency: ignored: it is the consistency of gets, and "
              "this group's mix has none",
              "s.yaml:6:61: warning: workload.us-east-1[0].index: ignored: only queries read an index, and this "
              "group's mix has none",
              "s.yaml:8:18: warning: workload.us-east-1[1].sessions: ignored: a session reads back a write, and this "
              "group's mix has none"});
  CHECK(warnings(kTwoRegions +
                 "workload:\n  us-east-1:\n    - {rate: 10, mix: {put: 50, get: 50}, consistency: strong,\n"
                 "       sessions: {redirect: 10%, read_region: eu-west-1, delays: [1s]}}\n")
            .empty());
}

TEST_CASE("ignored settings: settings_sync.delay without settings_sync") {
  CHECK(warnings(kTwoRegions + "settings_sync: {enabled: false, delay: 5s}\n") ==
        Lines{"s.yaml:3:40: warning: settings_sync.delay: ignored: settings_sync is not enabled (enabled: true "
              "copies each change to every other region after the delay)"});
  CHECK(warnings(kTwoRegions + "settings_sync: {enabled: true, delay: 5s}\n").empty());
}

TEST_CASE("ignored settings: the scenario library sets nothing its modes ignore") {
  const std::filesystem::path dir = std::filesystem::path(GTSIM_SOURCE_DIR) / "scenarios";
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const LoadResult result = load_scenario_file(entry.path().string());
    INFO(entry.path().string());
    REQUIRE(result.ok());
    for (const model::Diagnostic& d : result.warnings) FAIL_CHECK(d.to_string());
  }
  CHECK(files > 10);
}

}  // namespace
}  // namespace load
