#include "import/scenario_writer.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "import/yaml_text.h"
#include "load/region_catalogue.h"

namespace importer {

namespace {

constexpr double kItemBytesMax = 400.0 * 1024.0;  // DynamoDB's item size limit
constexpr double kDefaultItemBytes = 1024.0;      // gtsim's default item_size
constexpr int64_t kDefaultKeys = 1000;            // gtsim's default table.keys
constexpr int64_t kDefaultUnits = 5;              // gtsim's default provisioned units
constexpr double kOnDemandRate = 100.0;

std::string number(double value) { return fmt::format("{}", value); }

std::string scaling_text(const Scaling& s) {
  return fmt::format("{{min: {}, max: {}, target: {}}}", s.min_units, s.max_units, number(s.target_percent));
}

// How comments name each input file: its file name, or the path as given
// when two inputs share a file name.
std::map<std::string, std::string> file_labels(const std::vector<std::string>& files) {
  std::map<std::string, std::string> labels;
  std::map<std::string, int> uses;
  for (const std::string& f : files) ++uses[std::filesystem::path(f).filename().string()];
  for (const std::string& f : files) {
    const std::string name = std::filesystem::path(f).filename().string();
    labels[f] = uses[name] == 1 && !name.empty() ? name : f;
  }
  return labels;
}

// A path cut into its text and its sequence indexes: "a[0].b[1]" is
// {"a[", "0", "].b[", "1", "]"} (odd positions are indexes).
std::vector<std::string> index_parts(std::string_view path) {
  std::vector<std::string> parts;
  size_t text_start = 0;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '[') continue;
    const size_t end = path.find(']', i);
    if (end == std::string_view::npos || end == i + 1) continue;
    const std::string_view digits = path.substr(i + 1, end - i - 1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    parts.emplace_back(path.substr(text_start, i + 1 - text_start));
    parts.emplace_back(digits);
    text_start = end;
    i = end;
  }
  parts.emplace_back(path.substr(text_start));
  return parts;
}

// The paths of one group: paths that differ only in some indexes are shown
// once, each such index as [*] ("Table.Replicas[*].ReplicaStatus").
std::string group_paths(const std::vector<std::string>& paths) {
  std::vector<std::vector<std::string>> shown;
  for (const std::string& p : paths) {
    const std::vector<std::string> parts = index_parts(p);
    const auto same_shape = [&](const std::vector<std::string>& other) {
      if (other.size() != parts.size()) return false;
      for (size_t i = 0; i < parts.size(); i += 2) {
        if (other[i] != parts[i]) return false;
      }
      return true;
    };
    const auto found = std::find_if(shown.begin(), shown.end(), same_shape);
    if (found == shown.end()) {
      shown.push_back(parts);
      continue;
    }
    for (size_t i = 1; i < parts.size(); i += 2) {
      if ((*found)[i] != parts[i]) (*found)[i].assign(1, '*');
    }
  }
  std::string out;
  for (const std::vector<std::string>& parts : shown) {
    std::string path;
    for (const std::string& part : parts) path += part;
    out += (out.empty() ? "" : ", ") + path;
  }
  return out;
}

// Not imported entries with the same file and reason, merged in first order.
std::vector<std::string> merged_not_imported(const std::vector<NotImported>& entries,
                                             const std::map<std::string, std::string>& labels) {
  struct Group {
    std::string file;
    std::string reason;
    std::vector<std::string> paths;
  };
  std::vector<Group> groups;
  for (const NotImported& n : entries) {
    const std::string path = n.source.path + (n.source.via.empty() ? "" : " (" + n.source.via + ")");
    const auto found = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.file == n.source.file && g.reason == n.reason;
    });
    if (found == groups.end()) {
      groups.push_back(Group{n.source.file, n.reason, {path}});
    } else {
      found->paths.push_back(path);
    }
  }
  std::vector<std::string> lines;
  for (const Group& g : groups) {
    const auto label = labels.find(g.file);
    lines.push_back((label == labels.end() ? g.file : label->second) + ": " + group_paths(g.paths) + ": " + g.reason);
  }
  return lines;
}

class Writer {
 public:
  explicit Writer(const TableDraft& d) : d_(d), labels_(file_labels(d.files)) {}

  ImportedScenario write() {
    ImportedScenario result;
    result.not_imported = merged_not_imported(d_.not_imported, labels_);
    header(result.not_imported);
    top();
    regions();
    network();
    table();
    workload();
    result.yaml = out_.text();
    result.assumed = std::move(assumed_);
    result.warnings = d_.warnings;
    return result;
  }

 private:
  // "ASSUMED: why", also listed for stderr as "key: value (why)".
  std::string assume(const std::string& key, const std::string& value, const std::string& why) {
    assumed_.push_back(key + ": " + value + " (" + why + ")");
    return "ASSUMED: " + why;
  }

  void header(const std::vector<std::string>& not_imported);
  void top();
  void regions();
  void region_capacity(const ReplicaDraft& r);
  void network();
  void table();
  void table_items();
  void capacity();
  void provisioned_capacity();
  void on_demand_capacity();
  void workload();
  void traffic();
  double item_bytes() const;

  // "label: path (via)", the file named as the header's list names it.
  std::string src(const Source& s) const {
    const auto label = labels_.find(s.file);
    return Source{label == labels_.end() ? s.file : label->second, s.path, s.via}.to_string();
  }

  const TableDraft& d_;
  std::map<std::string, std::string> labels_;
  YamlText out_;
  std::vector<std::string> assumed_;
};

void Writer::header(const std::vector<std::string>& not_imported) {
  for (const std::string& w : d_.warnings) out_.note(0, "WARNING: " + w);
  out_.note(0, fmt::format("Scenario imported by `gtsim import {}` from table {}:", d_.kind, yaml_quoted(d_.name)));
  for (const std::string& input : d_.inputs) out_.note(0, "  " + input);
  out_.note(0, "Each value says where it came from (file: path in it). ASSUMED marks a value the");
  out_.note(0, "artefacts do not hold: a gtsim default or a light guess to edit before you trust a");
  out_.note(0, "result (docs/import.md).");
  if (!d_.assumptions.empty()) {
    out_.note(0, "");
    out_.note(0, "Assumed beyond the values marked below:");
    for (const std::string& a : d_.assumptions) {
      out_.note(0, "  " + a);
      assumed_.push_back(a);
    }
  }
  if (!not_imported.empty()) {
    out_.note(0, "");
    out_.note(0, fmt::format("Not imported ({}):", not_imported.size()));
    for (const std::string& line : not_imported) out_.note(0, "  " + line);
  }
  out_.blank();
}

void Writer::top() {
  out_.line(0, "name: " + yaml_quoted(d_.name), src(d_.name_source));
  out_.line(0, "description: " + yaml_quoted("Imported by gtsim import (" + d_.kind + ")"));
  if (d_.version_source) {
    out_.line(0, "version: \"" + d_.version + "\"", src(*d_.version_source));
  } else {
    out_.line(0, "version: \"" + d_.version + "\"",
              assume("version", d_.version, "the artefacts do not say; the current version"));
  }
  if (!d_.traffic.empty()) {
    out_.line(0, fmt::format("duration: {}s", d_.traffic_seconds), "the shortest traffic series' span");
  } else {
    out_.line(0, std::string("duration: ") + kAssumedDuration,
              assume("duration", kAssumedDuration, "how long to simulate: the artefacts cannot say"));
  }
}

void Writer::regions() {
  out_.line(0, "regions:");
  for (const ReplicaDraft& r : d_.replicas) {
    out_.line(2, "- name: " + r.region, src(r.source));
    region_capacity(r);
  }
  if (d_.witness) out_.line(2, "- name: " + d_.witness->region, "the witness: " + src(d_.witness->source));
}

void Writer::region_capacity(const ReplicaDraft& r) {
  const bool provisioned = d_.billing == Billing::kProvisioned;
  const bool read_units = provisioned && r.read_units.has_value();
  const bool read_scaling = provisioned && r.read_scaling.has_value();
  const bool max_read = !provisioned && r.max_read_units.has_value();
  if (!read_units && !read_scaling && !max_read) return;
  out_.line(4, "capacity:");
  if (read_units) out_.line(6, fmt::format("read_units: {}", r.read_units->value), src(r.read_units->source));
  if (read_scaling) {
    out_.line(6, "auto_scaling:");
    out_.line(8, "read: " + scaling_text(*r.read_scaling), src(r.read_scaling->source));
  }
  if (max_read) {
    out_.line(6, fmt::format("max_read_units: {}", r.max_read_units->value), src(r.max_read_units->source));
  }
}

void Writer::network() {
  const auto& names = load::catalogue_region_names();
  const auto known = [&](const std::string& r) { return std::find(names.begin(), names.end(), r) != names.end(); };
  std::vector<std::string> unknown;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string unmeasured;  // pairs of catalogue regions without a measurement
  const std::vector<std::string> regions = d_.regions();  // with the witness: it is in the quorum
  for (size_t i = 0; i < regions.size(); ++i) {
    const std::string& a = regions[i];
    if (!known(a)) unknown.push_back(a);
    for (size_t j = i + 1; j < regions.size(); ++j) {
      const std::string& b = regions[j];
      if (load::catalogue_rtt(a, b)) continue;
      pairs.emplace_back(a, b);
      if (known(a) && known(b)) unmeasured += (unmeasured.empty() ? "" : ", ") + a + " <-> " + b;
    }
  }
  if (pairs.empty()) return;
  std::string why;
  for (const std::string& r : unknown) why += (why.empty() ? "" : ", ") + r;
  if (!unknown.empty()) {
    why += std::string(unknown.size() == 1 ? " is" : " are") + " not in gtsim's region catalogue";
  }
  if (!unmeasured.empty()) why += (why.empty() ? "" : "; ") + std::string("the catalogue has not measured ") + unmeasured;
  out_.line(0, "network:");
  out_.line(2, "links:");
  out_.note(4, assume("network.links", std::string(kAssumedLatency) + " one way", why));
  for (const auto& [a, b] : pairs) {
    out_.line(4, fmt::format("- {{between: [{}, {}], latency: {}}}", a, b, kAssumedLatency));
  }
}

double Writer::item_bytes() const {
  if (d_.item_count && d_.item_count->value > 0 && d_.table_size_bytes) {
    const double mean = std::round(static_cast<double>(d_.table_size_bytes->value) /
                                   static_cast<double>(d_.item_count->value));
    return std::clamp(mean, 1.0, kItemBytesMax);
  }
  return kDefaultItemBytes;
}

void Writer::table() {
  out_.line(0, "table:");
  table_items();
  capacity();
  if (d_.strong) {
    out_.line(2, "multi_region_consistency: strong", src(*d_.strong));
    if (d_.witness) out_.line(2, "witness: " + d_.witness->region, src(d_.witness->source));
  }
  if (!d_.indexes.empty()) {
    out_.line(2, "indexes:");
    for (const IndexDraft& i : d_.indexes) out_.line(4, "- " + yaml_quoted(i.name), src(i.source));
  }
  if (d_.ttl && d_.ttl->enabled) {
    out_.line(2, "ttl:");
    out_.line(4, "enabled: true", src(d_.ttl->source));
    const std::string where =
        d_.ttl->attribute.empty() ? "its items" : "the items' " + yaml_quoted(d_.ttl->attribute) + " values";
    out_.line(4, std::string("item_lifetime: ") + kAssumedItemLifetime,
              assume("table.ttl.item_lifetime", kAssumedItemLifetime,
                     "how long an item lives is in " + where + ", not in the table's settings"));
  } else if (d_.ttl) {
    out_.note(2, "ttl: off (" + src(d_.ttl->source) + ")");
  }
}

void Writer::table_items() {
  const bool counted = d_.item_count && d_.item_count->value > 0;
  if (counted) {
    const int64_t keys = std::min(d_.item_count->value, kImportedKeysMax);
    std::string comment = src(d_.item_count->source);
    if (keys < d_.item_count->value) {
      comment += "; " + assume("table.keys", std::to_string(keys),
                               fmt::format("the table has about {} items; gtsim keeps every item in every "
                                           "region, so at most {} (raise it if memory allows)",
                                           d_.item_count->value, kImportedKeysMax));
    }
    out_.line(2, fmt::format("keys: {}", keys), comment);
  } else {
    const std::string why = d_.item_count ? src(d_.item_count->source) + " is 0; gtsim's default"
                                          : "the artefacts hold no item count; gtsim's default";
    out_.line(2, fmt::format("keys: {}", kDefaultKeys), assume("table.keys", std::to_string(kDefaultKeys), why));
  }
  const std::string size = fmt::format("{}B", item_bytes());
  if (counted && d_.table_size_bytes) {
    const Source mean{d_.table_size_bytes->source.file,
                      d_.table_size_bytes->source.path + " / " + d_.item_count->source.path, "the mean item size"};
    out_.line(2, "item_size: " + size, src(mean));
  } else {
    out_.line(2, "item_size: 1KB", assume("table.item_size", "1KB", "no item count and size to divide; gtsim's default"));
  }
  if (counted) out_.line(2, "prepopulated: true", "the table holds items: " + src(d_.item_count->source));
}

void Writer::capacity() {
  out_.line(2, "capacity:");
  const bool provisioned = d_.billing == Billing::kProvisioned;
  const std::string mode = provisioned ? "provisioned" : "on_demand";
  out_.line(4, "mode: " + mode,
            d_.billing_source.file.empty() ? assume("table.capacity.mode", mode, d_.billing_source.path)
                                           : src(d_.billing_source));
  if (provisioned) {
    provisioned_capacity();
  } else {
    on_demand_capacity();
  }
}

void Writer::provisioned_capacity() {
  if (d_.write_units) {
    out_.line(4, fmt::format("write_units: {}", d_.write_units->value), src(d_.write_units->source));
  } else {
    out_.line(4, fmt::format("write_units: {}", kDefaultUnits),
              assume("table.capacity.write_units", std::to_string(kDefaultUnits), "not in the artefacts; gtsim's default"));
  }
  const bool every_replica_reads = std::all_of(d_.replicas.begin(), d_.replicas.end(), [](const ReplicaDraft& r) {
    return r.read_units.has_value();
  });
  if (d_.read_units) {
    out_.line(4, fmt::format("read_units: {}", d_.read_units->value), src(d_.read_units->source));
  } else if (!every_replica_reads) {
    out_.line(4, fmt::format("read_units: {}", kDefaultUnits),
              assume("table.capacity.read_units", std::to_string(kDefaultUnits),
                     "not in the artefacts for every replica; gtsim's default"));
  }
  if (d_.write_scaling) {
    out_.line(4, "auto_scaling:");
    out_.line(6, "write: " + scaling_text(*d_.write_scaling), src(d_.write_scaling->source));
  } else if (d_.version == "2019.11.21") {
    const int64_t units = d_.write_units ? d_.write_units->value : kDefaultUnits;
    const Scaling pinned{units, units, 70.0, {}};
    out_.line(4, "auto_scaling:");
    out_.line(6, "write: " + scaling_text(pinned),
              assume("table.capacity.auto_scaling.write", scaling_text(pinned),
                     "version 2019.11.21 needs write auto scaling and the artefacts give none: pinned at the "
                     "write units"));
  }
}

void Writer::on_demand_capacity() {
  const auto units = [&](const char* key, const std::optional<Count>& c) {
    if (c) out_.line(4, fmt::format("{}: {}", key, c->value), src(c->source));
  };
  units("warm_write_units", d_.warm_write_units);
  units("warm_read_units", d_.warm_read_units);
  units("max_write_units", d_.max_write_units);
  units("max_read_units", d_.max_read_units);
}

void Writer::workload() {
  if (!d_.traffic.empty()) return traffic();
  const std::string rate = number(assumed_rate(d_, item_bytes()));
  out_.line(0, "workload:");
  out_.note(2, assume("workload", rate + " requests/s in every region, half puts, half gets",
                      "the artefacts hold no traffic: a light load, at most half of the smallest capacity"));
  out_.note(2, "Replace it with your traffic (scenarios/README.md, workload).");
  for (const ReplicaDraft& r : d_.replicas) {
    out_.line(2, r.region + ":");
    out_.line(4, "- {name: assumed, rate: " + rate + ", mix: {put: 50, get: 50}}");
  }
}

// Client groups whose rate is a CloudWatch series (import/cloudwatch_traffic.h):
// a unit a second is 1/ceil(size/1 KB) puts, or 2/ceil(size/4 KB) eventually
// consistent gets (gtsim's default get).
void Writer::traffic() {
  const double write_units_per_put = std::ceil(item_bytes() / 1024.0);
  const double read_units_per_get = std::ceil(item_bytes() / 4096.0) * 0.5;
  out_.line(0, "workload:");
  out_.note(2, assume("workload rates", "requests per consumed unit as the item size gives them",
                      fmt::format("each put consumes {} write unit(s) and each (eventually consistent) get {} read "
                                  "unit(s), so scale is {} and {}; a replica's consumed write units also count the "
                                  "writes it applies for the other regions",
                                  number(write_units_per_put), number(read_units_per_get),
                                  number(1.0 / write_units_per_put), number(1.0 / read_units_per_get))));
  for (const ReplicaDraft& r : d_.replicas) {
    bool opened = false;
    for (const TrafficDraft& t : d_.traffic) {
      if (t.region != r.region) continue;
      if (!opened) out_.line(2, r.region + ":");
      opened = true;
      const double scale = 1.0 / (t.op == "put" ? write_units_per_put : read_units_per_get);
      out_.line(4,
                fmt::format("- {{name: {}, mix: {{{}: 100}}, rate: {{trace: {{file: {}, metric: {}, period: {}, "
                            "scale: {}}}}}}}",
                            t.group, t.op, yaml_quoted(t.file), yaml_quoted(t.metric), t.period, number(scale)),
                src(t.source));
    }
  }
}

}  // namespace

double assumed_rate(const TableDraft& d, double item_bytes) {
  if (d.billing == Billing::kOnDemand) return kOnDemandRate;
  const double write_units_per_put = std::ceil(item_bytes / 1024.0);
  const double read_units_per_get = std::ceil(item_bytes / 4096.0) * 0.5;  // eventually consistent
  const double regions = static_cast<double>(d.replicas.size());
  const double write_units = static_cast<double>(d.write_units ? d.write_units->value : kDefaultUnits);
  // Half of the rate are puts, each applied in every replica: n * rate/2 * wu <= W/2.
  double bound = std::min(kOnDemandRate, write_units / (regions * write_units_per_put));
  for (const ReplicaDraft& r : d.replicas) {
    const int64_t read = r.read_units ? r.read_units->value : d.read_units ? d.read_units->value : kDefaultUnits;
    bound = std::min(bound, static_cast<double>(read) / read_units_per_get);  // rate/2 * ru <= R/2
  }
  if (bound >= 1.0) return std::floor(bound);
  return std::max(0.01, std::floor(bound * 100.0) / 100.0);
}

ImportedScenario write_scenario(const TableDraft& draft) { return Writer(draft).write(); }

}  // namespace importer
