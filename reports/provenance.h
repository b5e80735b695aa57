// Provenance: what was run, for a report put in front of a review (issue
// 17): the gtsim version and the commit it was built from, the exact
// command line, the scenario's file, name, description and content hash,
// the seed(s), and the resolved key settings: each region's capacity at the
// start and its client rate. The HTML reports print it at the top and in
// the footer of every chart (reports/html_page.h), so that a chart pasted
// alone can be traced.
//
// provenance_of() fills what the scenario says; the command (app/) adds
// what only it knows: the build, the command line, the file's hash.
// Determinism: a pure function of the scenario.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/scenario.h"

namespace reports {

struct RegionSettings {
  std::string name;
  std::string capacity;  // at the start: "provisioned 1000 WCU, 1000 RCU", "on demand (4000 WRU, 12000 RRU at once)"
  std::string clients;   // "800 requests/s: app 800/s", or "none"
};

struct Provenance {
  // From the command.
  std::string gtsim;          // "gtsim 0.1.0 (commit 3f2a9c1e07b2)"
  std::string command_line;   // as typed, each argument shell-quoted when it needs it
  std::string scenario_hash;  // "fnv1a64:..." of the scenario file's bytes
  // From the scenario.
  std::string scenario_file;
  std::string scenario_name;
  std::string description;
  std::string seeds;          // "42", or a study's "1..10 (10 seeds)"
  std::string duration;       // the scenario's own, "40m"
  std::string version;        // "2019.11.21"
  std::string replication;    // "poll every 500ms, batches of 10000"
  std::vector<RegionSettings> regions;
  // A study's own lines: what it varies, its points ("--vary table.keys=100,1000").
  std::vector<std::pair<std::string, std::string>> study;

  // "gtsim 0.1.0 (commit ...) · NAME (fnv1a64:...) · seed 42": a chart's footer.
  std::string short_line() const;
};

Provenance provenance_of(const model::Scenario& scenario);

// argv as a command line to paste into a shell: arguments with spaces or
// shell characters single-quoted.
std::string command_line(int argc, const char* const* argv);

}  // namespace reports
