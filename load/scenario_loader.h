// The scenario loader: YAML text (plus `--set` overrides) in, a validated
// Scenario or a complete list of Diagnostics out. The schema is documented
// key by key in scenarios/README.md.
//
// Contract (docs/design.md, law 4): never throws, crashes or hangs on any input.
// Every problem of a file is reported, not just the first, sorted by
// (line, column); each names the key path, what was expected, what was found
// and, for a misspelt word, the nearest valid one. A scenario is returned
// only when there is no diagnostic at all.
//
// Each YAML section has its own checker: load/region_section.h (regions,
// network, replication), table_section.h (table, TTL, indexes),
// capacity_section.h, workload_section.h (client groups, retry, sessions),
// timeline_section.h and pricing_section.h (prices over load/price_table.h);
// the values they read, load/scenario_values.h.
//
// Overrides are applied to the YAML tree, in order, before validation: a
// later one wins. A diagnostic about a node that an override wrote is
// reported against `--set PATH=VALUE` (line 0) rather than the file.
//
// Determinism: a pure function of its inputs (and, for load_scenario_file,
// the file's bytes); reads no clock and no environment.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/expectation.h"
#include "model/scenario.h"

namespace load {

// One `gtsim run --set PATH=VALUE`: PATH is dot-separated keys, a sequence
// item by its index (`workload.us-east-1.0.rate`) or its name
// (`workload.us-east-1.writers.rate`, `regions.eu-west-1.clock.offset`);
// VALUE is YAML (flow style allowed: `regions=[a, b]`). Missing map keys
// along PATH are created.
struct Override {
  std::string path;
  std::string value;
};

// The names report paths are made of, as far as the loader read them, even
// from a scenario with problems: its regions and index names (table.indexes,
// then the timeline's create_index names), each list complete when the
// sections that give it had no problem (`regions`; `table` and the
// timeline's shape). With them the `expect:` paths are checked in the same
// pass as the rest of the file: all of them when both lists are complete,
// all but the drift.* ones when the regions are.
struct ReportNames {
  std::vector<std::string> regions;
  std::vector<std::string> index_names;
  bool regions_complete = false;
  bool indexes_complete = false;
};

struct LoadResult {
  std::optional<model::Scenario> scenario;      // set iff diagnostics is empty
  std::vector<model::Diagnostic> diagnostics;   // sorted by (line, column)
  // Settings the scenario's chosen modes ignore (load/ignored_settings.h),
  // found only in a scenario with no diagnostic; sorted by (line, column).
  std::vector<model::Diagnostic> warnings;
  // The `expect:` lines, well-formed but with paths not yet checked
  // (reports/expectation_check.h).
  std::vector<model::Expectation> expectations;
  ReportNames names;
  bool ok() const { return scenario.has_value(); }
};

// Reads and loads the file at path. A file that cannot be read gives one
// diagnostic with no position ("FILE: error: cannot read: REASON").
LoadResult load_scenario_file(const std::string& path, const std::vector<Override>& overrides = {});

// Loads YAML text; file_name is used in diagnostics and for the default
// scenario name (its stem).
LoadResult load_scenario_text(std::string_view yaml, const std::string& file_name,
                              const std::vector<Override>& overrides = {});

// Parses "PATH=VALUE", splitting at the first '='. PATH is trimmed of spaces;
// nullopt when there is no '=', PATH is empty, or a PATH segment is empty.
std::optional<Override> parse_override(std::string_view text);

}  // namespace load
