#include "load/scenario_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>

#include "load/capacity_section.h"
#include "load/consistency_section.h"
#include "load/expectation_parser.h"
#include "load/pricing_section.h"
#include "load/ignored_settings.h"
#include "load/region_section.h"
#include "load/scenario_values.h"
#include "load/table_section.h"
#include "load/timeline_section.h"
#include "load/workload_section.h"
#include "load/yaml_tree.h"
#include "model/dotted_path.h"

namespace load {

using model::CapacityConfig;
using model::Diagnostic;
using model::GlobalTablesVersion;
using model::Scenario;
using model::SettingsSyncConfig;
using model::split_path;

namespace {

// The checker: walks the tree once, section by section, collecting every
// diagnostic, and fills a Scenario that is returned only if none was found.
// Each section has its own checker; the order in which they read is the
// order of diagnostics at the same place.
class Checker : public ValueChecker {
 public:
  Checker(const std::string& file, std::vector<Diagnostic>* out)
      : ValueChecker(file, out),
        regions_(file, out),
        capacity_(file, out),
        table_(file, out, &capacity_),
        consistency_(file, out, &regions_),
        workload_(file, out, &regions_),
        timeline_(file, out, &regions_, &capacity_),
        pricing_(file, out) {}

  std::optional<Scenario> scenario(const Node& root, const std::string& stem) {
    static const std::vector<std::string> kKeys = {"name",    "description", "seed",  "duration", "regions",
                                                   "network", "replication", "table", "retry",    "workload",
                                                   "timeline", "expect",  "settings_sync", "version",
                                                   "pricing"};
    Scenario s;
    s.file = file();
    s.name = stem;
    if (!check_map(root, "", &kKeys, {"duration", "regions"},
                   "a map of scenario keys (at least 'duration' and 'regions')")) {
      return std::nullopt;
    }
    if (const Node* n = get(root, "name")) {
      if (auto v = string(*n, "name")) s.name = *v;
    }
    if (const Node* n = get(root, "description")) {
      // A folded block (`description: >`) ends in a newline the reports do not want.
      if (auto v = string(*n, "description")) {
        const size_t end = v->find_last_not_of(" \t\n");
        s.description = end == std::string::npos ? "" : v->substr(0, end + 1);
      }
    }
    if (const Node* n = get(root, "seed")) {
      if (auto v = integer(*n, "seed", 0, std::numeric_limits<uint64_t>::max())) s.seed = *v;
    }
    if (const Node* n = get(root, "duration")) {
      if (auto v = duration(*n, "duration", Sign::kPositive)) s.duration = *v;
    }
    const size_t before_regions = diagnostics()->size();
    if (const Node* n = get(root, "regions")) regions_.regions(*n, &s);
    regions_complete_ = diagnostics()->size() == before_regions;
    if (const Node* n = get(root, "settings_sync")) settings_sync(*n, &s.settings_sync);
    if (const Node* n = get(root, "version")) version(*n, &s.version);
    regions_.latencies(get(root, "network"), &s);
    s.pricing = default_pricing(s.regions);
    if (const Node* n = get(root, "pricing")) pricing_.pricing(*n, "pricing", &s);
    if (const Node* n = get(root, "replication")) regions_.replication(*n, &s.replication);
    CapacityConfig table_capacity;
    // Under 2017.11.29 each replica table was created by hand: the console's
    // default is provisioned, 5 WCU and 5 RCU (docs/sources.md, Versions and settings).
    if (s.version == GlobalTablesVersion::k2017_11_29) table_capacity.mode = model::CapacityMode::kProvisioned;
    const Node* table = get(root, "table");
    const size_t before_table = diagnostics()->size();
    if (table != nullptr) table_.table(*table, &s.table, &table_capacity);
    indexes_complete_ = diagnostics()->size() == before_table;
    if (table != nullptr && table->is_map()) consistency_.table_keys(*table, &s);
    s.index_names = s.table.indexes;
    region_capacities(table_capacity, &s);
    if (s.version == GlobalTablesVersion::k2019_11_21 && out_empty()) {
      std::vector<const Node*> nodes;
      std::vector<std::string> paths;
      for (size_t r = 0; r < s.regions.size(); ++r) {
        nodes.push_back(regions_.capacity_node(r));
        paths.push_back(regions_.region_path(r));
      }
      capacity_.synchronized_settings(s, table != nullptr && table->is_map() ? get(*table, "capacity") : nullptr,
                                      nodes, paths);
    }
    if (const Node* n = get(root, "retry")) workload_.default_retry(*n);
    s.workload.resize(s.regions.size());
    if (const Node* n = get(root, "workload")) workload_.workload(*n, &s);
    if (const Node* n = get(root, "timeline")) {
      indexes_complete_ = indexes_complete_ && n->is_sequence();
      timeline_.timeline(*n, &s);
    }
    workload_.group_indexes(&s);
    consistency_.check(root, s, timeline_.pauses());
    return s;
  }

  // Whether the names of the returned scenario's regions, and of its
  // indexes, are all there: no problem in the sections that give them.
  bool regions_complete() const { return regions_complete_; }
  bool indexes_complete() const { return indexes_complete_; }

  // The node of each region's own `capacity:` (or null) and its path.
  std::vector<RegionCapacity> region_capacities(size_t count) const {
    std::vector<RegionCapacity> out;
    for (size_t r = 0; r < count; ++r) {
      out.push_back({regions_.capacity_node(r), join(regions_.region_path(r), "capacity")});
    }
    return out;
  }

 private:
  // No problem found so far: version rules compare the regions' capacities,
  // which are meaningful only when every one of them was read.
  bool out_empty() const { return diagnostics()->empty(); }

  void settings_sync(const Node& n, SettingsSyncConfig* out) {
    static const std::vector<std::string> kKeys = {"enabled", "delay"};
    if (!check_map(n, "settings_sync", &kKeys, {"enabled"}, "a map, e.g. {enabled: true, delay: 5s}")) return;
    if (const Node* v = get(n, "enabled")) {
      if (auto b = boolean(*v, "settings_sync.enabled")) out->enabled = *b;
    }
    if (const Node* v = get(n, "delay")) {
      if (auto d = duration(*v, "settings_sync.delay", Sign::kNonNegative)) out->delay = *d;
    }
  }

  void version(const Node& n, GlobalTablesVersion* out) {
    static const std::vector<std::string> kVersions = {"2019.11.21", "2017.11.29"};
    if (n.is_scalar() && n.text == "2019.11.21") {
      *out = GlobalTablesVersion::k2019_11_21;
    } else if (n.is_scalar() && n.text == "2017.11.29") {
      *out = GlobalTablesVersion::k2017_11_29;
    } else {
      error(n, "version: expected '2019.11.21' or '2017.11.29', found " + describe(n) +
                   (n.is_scalar() ? did_you_mean(n.text, kVersions) : ""));
    }
  }

  // Each replica's capacity: table.capacity, overlaid by the region's own.
  void region_capacities(const CapacityConfig& table_capacity, Scenario* s) {
    for (size_t r = 0; r < s->regions.size(); ++r) {
      s->regions[r].capacity = table_capacity;
      if (const Node* n = regions_.capacity_node(r)) {
        capacity_.capacity(*n, join(regions_.region_path(r), "capacity"), &s->regions[r].capacity);
      }
    }
  }

  bool regions_complete_ = false;
  bool indexes_complete_ = false;
  RegionChecker regions_;
  CapacityChecker capacity_;
  TableChecker table_;
  ConsistencyChecker consistency_;
  WorkloadChecker workload_;
  TimelineChecker timeline_;
  PricingChecker pricing_;
};

// The scenario's own diagnostics (its file's and --set's) by place, then
// those about the trace files it names (load/traffic_trace.h) by file and
// place, each once (two client groups may name one file).
void sort_diagnostics(std::vector<Diagnostic>* diagnostics, const std::string& file) {
  const auto own = [&](const Diagnostic& d) { return d.file == file || d.file.rfind("--set ", 0) == 0; };
  const auto traces = std::stable_partition(diagnostics->begin(), diagnostics->end(), own);
  std::stable_sort(diagnostics->begin(), traces, [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  const auto key = [](const Diagnostic& d) { return std::tie(d.file, d.line, d.column, d.message); };
  std::stable_sort(traces, diagnostics->end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(a.file, a.line == 0, a.line, a.column) < std::tuple(b.file, b.line == 0, b.line, b.column);
  });
  diagnostics->erase(std::unique(traces, diagnostics->end(),
                                 [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
                     diagnostics->end());
}

}  // namespace

std::optional<Override> parse_override(std::string_view text) {
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  const std::string_view path = trim(text.substr(0, eq));
  if (path.empty()) return std::nullopt;
  for (const std::string& segment : split_path(path)) {
    if (segment.empty()) return std::nullopt;
  }
  return Override{std::string(path), std::string(text.substr(eq + 1))};
}

LoadResult load_scenario_text(std::string_view yaml, const std::string& file_name,
                              const std::vector<Override>& overrides) {
  LoadResult result;
  std::vector<Diagnostic>& out = result.diagnostics;
  NodePtr root;
  if (!check_text(yaml, file_name, &out) || !check_tabs(yaml, file_name, &out) || !parse_yaml(yaml, file_name, "", &root, &out)) {
    sort_diagnostics(&out, file_name);
    return result;
  }
  if (root == nullptr || root->is_null()) {
    if (overrides.empty()) {
      out.push_back(diagnostic_at(file_name, "", 0, 0,
                                  "empty scenario: expected a map with at least 'duration' and 'regions'"));
      return result;
    }
    root = std::make_shared<Node>();
    root->kind = Node::Kind::kMap;
    root->line = 0;
    root->column = 0;
  }
  for (const Override& o : overrides) apply_override(o.path, o.value, &root, &out);
  Checker checker(file_name, &out);
  std::optional<Scenario> scenario = checker.scenario(*root, std::filesystem::path(file_name).stem().string());
  if (scenario) {
    for (const model::RegionConfig& region : scenario->regions) result.names.regions.push_back(region.name);
    result.names.index_names = scenario->index_names;
    result.names.regions_complete = checker.regions_complete();
    result.names.indexes_complete = checker.indexes_complete();
  }
  sort_diagnostics(&out, file_name);
  // `expect:` lines are read apart (load/expectation_parser.h): their paths are
  // checked against the report's figures by the caller.
  if (const Node* n = ValueChecker::get(*root, "expect")) {
    result.expectations = parse_expectations(*n, file_name, &out);
    sort_diagnostics(&out, file_name);
  }
  if (out.empty()) {
    IgnoredSettingsChecker(file_name, &result.warnings)
        .check(*root, *scenario, checker.region_capacities(scenario->regions.size()));
    sort_diagnostics(&result.warnings, file_name);
    result.scenario = std::move(scenario);
  }
  return result;
}

LoadResult load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  auto cannot_read = [&](const std::string& reason) {
    LoadResult result;
    result.diagnostics.push_back(Diagnostic{path, 0, 0, "cannot read: " + reason});
    return result;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return cannot_read("Is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code open_error(errno, std::generic_category());
    return cannot_read(errno != 0 ? open_error.message() : "cannot open");
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return cannot_read("read error");
  return load_scenario_text(text.str(), path, overrides);
}

}  // namespace load
