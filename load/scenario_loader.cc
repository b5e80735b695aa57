#include "load/scenario_loader.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "load/expectation_parser.h"
#include "load/region_catalogue.h"
#include "load/scenario_operations.h"
#include "load/scenario_values.h"
#include "load/yaml_tree.h"
#include "model/dotted_path.h"

namespace load {

using model::Arrivals;
using model::CapacityConfig;
using model::ClientGroupConfig;
using model::Diagnostic;
using model::GlobalTablesVersion;
using model::KeyDistribution;
using model::KeyDistributionKind;
using model::OperationMix;
using model::ReadConsistency;
using model::RegionConfig;
using model::ReplicationConfig;
using model::RetryConfig;
using model::Scenario;
using model::SettingsSyncConfig;
using model::TableConfig;
using model::TtlConfig;
using model::split_path;

namespace {

bool is_region_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

constexpr uint64_t kKeyCountMax = 100'000'000;
constexpr double kItemBytesMax = 400.0 * 1024.0;  // DynamoDB's item size limit
constexpr double kRateMax = 10'000'000;
// One request per 1,000,000 s (278h): below it the mean gap between requests
// (1e9 / rate ns) no longer fits in 64-bit nanoseconds with room for the
// exponential tail (found by fuzzing: 1e-300 made an arrival time overflow).
constexpr double kRateMin = 0.000001;
constexpr double kDriftPpmMax = 1'000'000;

// The checker: walks the tree once, section by section, collecting every
// diagnostic, and fills a Scenario that is returned only if none was found.
// The typed values of each section are read by ValueChecker.
class Checker : public ValueChecker {
 public:
  Checker(std::string file, std::vector<Diagnostic>* out) : ValueChecker(std::move(file), out) {}

  std::optional<Scenario> scenario(const Node& root, const std::string& stem) {
    static const std::vector<std::string> kKeys = {"name",    "description", "seed",  "duration", "regions",
                                                   "network", "replication", "table", "retry",    "workload",
                                                   "timeline", "expect",  "settings_sync", "version"};
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
      if (auto v = string(*n, "description")) s.description = *v;
    }
    if (const Node* n = get(root, "seed")) {
      if (auto v = integer(*n, "seed", 0, std::numeric_limits<uint64_t>::max())) s.seed = *v;
    }
    if (const Node* n = get(root, "duration")) {
      if (auto v = duration(*n, "duration", Sign::kPositive)) s.duration = *v;
    }
    if (const Node* n = get(root, "regions")) regions(*n, &s);
    if (const Node* n = get(root, "settings_sync")) settings_sync(*n, &s.settings_sync);
    if (const Node* n = get(root, "version")) version(*n, &s.version);
    latencies(get(root, "network"), &s);
    if (const Node* n = get(root, "replication")) replication(*n, &s.replication);
    if (const Node* n = get(root, "table")) table(*n, &s.table);
    s.index_names = s.table.indexes;
    region_capacities(&s);
    if (const Node* n = get(root, "retry")) operations_.retry(*n, "retry", &default_retry_);
    s.workload.resize(s.regions.size());
    if (const Node* n = get(root, "workload")) workload(*n, &s);
    if (const Node* n = get(root, "timeline")) operations_.timeline(*n, &s);
    group_indexes(&s);
    return s;
  }

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

  void regions(const Node& n, Scenario* s) {
    if (!n.is_sequence()) {
      mismatch(n, "regions", "a sequence");
      return;
    }
    static const std::vector<std::string> kKeys = {"name", "clock", "capacity", "replica"};
    static const std::vector<std::string> kClockKeys = {"offset", "drift_ppm"};
    for (size_t i = 0; i < n.items.size(); ++i) {
      const Node& item = *n.items[i];
      const std::string path = index("regions", i);
      RegionConfig region;
      const Node* name_node = &item;
      std::string name_path = path;
      if (item.is_map()) {
        check_map(item, path, &kKeys, {"name"});
        name_node = get(item, "name");
        name_path = join(path, "name");
        if (const Node* v = get(item, "replica")) {
          if (auto b = boolean(*v, join(path, "replica"))) region.replica = *b;
        }
        if (const Node* clock = get(item, "clock"); clock != nullptr && check_map(*clock, join(path, "clock"), &kClockKeys)) {
          const std::string clock_path = join(path, "clock");
          if (const Node* v = get(*clock, "offset")) {
            if (auto d = duration(*v, join(clock_path, "offset"), Sign::kAny)) region.clock.offset = *d;
          }
          if (const Node* v = get(*clock, "drift_ppm")) {
            if (auto d = number(*v, join(clock_path, "drift_ppm"))) {
              if (std::fabs(*d) > kDriftPpmMax) {
                error(*v, join(clock_path, "drift_ppm") + ": must be between -1000000 and 1000000, found " + v->text);
              } else {
                region.clock.drift_ppm = *d;
              }
            }
          }
        }
      } else if (!item.is_scalar()) {
        mismatch(item, path, "a region name or a map with 'name'");
        continue;
      }
      if (name_node == nullptr) continue;
      if (name_node->is_scalar()) declared_.push_back(name_node->text);
      if (!name_node->is_scalar() || !is_region_name(name_node->text)) {
        mismatch(*name_node, name_path, "a region name (letters, digits, '-' and '_')");
        continue;
      }
      region.name = name_node->text;
      const auto first = std::find_if(s->regions.begin(), s->regions.end(),
                                      [&](const RegionConfig& r) { return r.name == region.name; });
      if (first != s->regions.end()) {
        error(*name_node, name_path + ": duplicate region '" + region.name + "' (first at " +
                              region_paths_[static_cast<size_t>(first - s->regions.begin())] + ")");
        continue;
      }
      s->regions.push_back(region);
      region_capacity_nodes_.push_back(item.is_map() ? get(item, "capacity") : nullptr);
      region_nodes_.push_back(name_node);
      region_paths_.push_back(path);
      region_names_.push_back(region.name);
    }
    if (n.items.size() < 2) {
      error(n, fmt::format("regions: expected at least 2 regions, found {}", n.items.size()));
    } else if (!s->regions.empty() &&
               std::none_of(s->regions.begin(), s->regions.end(), [](const RegionConfig& r) { return r.replica; })) {
      error(n, "regions: expected at least one region with a replica at the start, found 'replica: false' in all");
    }
  }

  // The index of a region named by n, or nullopt (reported unless the name
  // was declared in `regions` and already reported there).
  std::optional<size_t> region_ref(const Node& n, const std::string& path) {
    if (!n.is_scalar()) {
      mismatch(n, path, "a region name");
      return std::nullopt;
    }
    const auto it = std::find(region_names_.begin(), region_names_.end(), n.text);
    if (it != region_names_.end()) return static_cast<size_t>(it - region_names_.begin());
    if (std::find(declared_.begin(), declared_.end(), n.text) == declared_.end()) {
      error(n, at_path(path) + "region '" + n.text + "' is not in regions" + did_you_mean(n.text, region_names_));
    }
    return std::nullopt;
  }

  void latencies(const Node* network, Scenario* s) {
    const size_t count = s->regions.size();
    std::vector<std::optional<sim::LatencyModel>> matrix(count * count);
    std::vector<std::string> given_by(count * count);  // path of the link that set a pair
    if (network != nullptr) links(*network, count, &matrix, &given_by);

    // Fill the catalogue defaults; report pairs nobody can fill.
    std::vector<bool> reported(count, false);
    for (size_t i = 0; i < count; ++i) {
      for (size_t j = i + 1; j < count; ++j) {
        const bool forward = !given_by[i * count + j].empty();
        const bool backward = !given_by[j * count + i].empty();
        if (forward && backward) continue;
        const std::string& a = region_names_[i];
        const std::string& b = region_names_[j];
        if (const std::optional<sim::Duration> rtt = catalogue_rtt(a, b)) {
          const sim::LatencyModel one_way = sim::LatencyModel::fixed(*rtt / 2);
          if (!forward) matrix[i * count + j] = one_way;
          if (!backward) matrix[j * count + i] = one_way;
          continue;
        }
        const auto& catalogue = catalogue_region_names();
        const bool a_known = std::find(catalogue.begin(), catalogue.end(), a) != catalogue.end();
        const bool b_known = std::find(catalogue.begin(), catalogue.end(), b) != catalogue.end();
        if (a_known && b_known) {
          error(*region_nodes_[j], "no latency for '" + a + "' <-> '" + b +
                                       "': the built-in catalogue has no measurement for this pair; "
                                       "give one in network.links");
          continue;
        }
        for (const size_t r : {i, j}) {
          if ((r == i ? a_known : b_known) || reported[r]) continue;
          reported[r] = true;
          const std::string& self = region_names_[r];
          const std::string& other = r == i ? b : a;
          std::string pair = "'" + self + "' <-> '" + other + "'";
          if (forward != backward) {
            const bool missing_from_self = (r == i) ? !forward : !backward;
            pair = missing_from_self ? "'" + self + "' -> '" + other + "'" : "'" + other + "' -> '" + self + "'";
          }
          error(*region_nodes_[r], "unknown region '" + self + "': not in the built-in catalogue and no latency given for " +
                                       pair + did_you_mean(self, catalogue));
        }
      }
    }
    s->one_way_latency.assign(count * count, sim::LatencyModel());
    for (size_t k = 0; k < matrix.size(); ++k) {
      if (matrix[k]) s->one_way_latency[k] = *matrix[k];
    }
  }

  void links(const Node& network, size_t count, std::vector<std::optional<sim::LatencyModel>>* matrix,
             std::vector<std::string>* given_by) {
    static const std::vector<std::string> kNetworkKeys = {"links"};
    static const std::vector<std::string> kLinkKeys = {"between", "from", "to", "latency"};
    if (!check_map(network, "network", &kNetworkKeys)) return;
    const Node* list = get(network, "links");
    if (list == nullptr) return;
    if (!list->is_sequence()) {
      mismatch(*list, "network.links", "a sequence");
      return;
    }
    for (size_t k = 0; k < list->items.size(); ++k) {
      const Node& link = *list->items[k];
      const std::string path = index("network.links", k);
      if (!check_map(link, path, &kLinkKeys, {"latency"})) continue;
      const Node* between = get(link, "between");
      const Node* from = get(link, "from");
      const Node* to = get(link, "to");
      std::vector<std::pair<size_t, size_t>> pairs;  // directed
      bool regions_ok = true;
      if (between != nullptr && (from != nullptr || to != nullptr)) {
        error(link, path + ": expected either 'between' or 'from' and 'to', not both");
        regions_ok = false;
      } else if (between != nullptr) {
        const std::string bpath = join(path, "between");
        if (!between->is_sequence()) {
          mismatch(*between, bpath, "a sequence of two region names");
          regions_ok = false;
        } else if (between->items.size() != 2) {
          error(*between, fmt::format("{}: expected two region names, found {}", bpath, between->items.size()));
          regions_ok = false;
        } else {
          const std::optional<size_t> a = region_ref(*between->items[0], index(bpath, 0));
          const std::optional<size_t> b = region_ref(*between->items[1], index(bpath, 1));
          if (a && b && *a == *b) {
            error(*between, bpath + ": expected two different regions, found '" + region_names_[*a] + "' twice");
          } else if (a && b) {
            pairs = {{*a, *b}, {*b, *a}};
          }
          regions_ok = a && b;
        }
      } else if (from != nullptr || to != nullptr) {
        if (from == nullptr) error(link, "missing required key 'from' in " + path);
        if (to == nullptr) error(link, "missing required key 'to' in " + path);
        std::optional<size_t> a;
        std::optional<size_t> b;
        if (from != nullptr) a = region_ref(*from, join(path, "from"));
        if (to != nullptr) b = region_ref(*to, join(path, "to"));
        if (a && b && *a == *b) {
          error(link, path + ": expected two different regions, found '" + region_names_[*a] +
                          "' as both 'from' and 'to'");
        } else if (a && b) {
          pairs = {{*a, *b}};
        }
        regions_ok = a && b;
      } else {
        error(link, "missing required key 'between' (or 'from' and 'to') in " + path);
        regions_ok = false;
      }
      std::optional<sim::LatencyModel> model;
      if (const Node* l = get(link, "latency")) model = latency(*l, join(path, "latency"));
      if (!regions_ok) continue;
      for (const auto& [a, b] : pairs) {
        std::string& owner = (*given_by)[a * count + b];
        if (!owner.empty()) {
          error(link, path + ": latency for '" + region_names_[a] + "' -> '" + region_names_[b] +
                          "' already given by " + owner);
          break;
        }
      }
      for (const auto& [a, b] : pairs) {
        std::string& owner = (*given_by)[a * count + b];
        if (owner.empty()) {
          owner = path;  // set even when the latency was bad: no follow-on "no latency" error
          (*matrix)[a * count + b] = model;
        }
      }
    }
  }

  void replication(const Node& n, ReplicationConfig* r) {
    static const std::vector<std::string> kKeys = {"poll_interval", "batch_size", "apply_time"};
    if (!check_map(n, "replication", &kKeys)) return;
    if (const Node* v = get(n, "poll_interval")) {
      if (auto d = duration(*v, "replication.poll_interval", Sign::kNonNegative)) r->poll_interval = *d;
    }
    if (const Node* v = get(n, "batch_size")) {
      if (auto b = integer(*v, "replication.batch_size", 1, std::numeric_limits<uint32_t>::max())) {
        r->batch_size = static_cast<uint32_t>(*b);
      }
    }
    if (const Node* v = get(n, "apply_time")) {
      if (auto l = latency(*v, "replication.apply_time")) r->apply_time = *l;
    }
  }

  void table(const Node& n, TableConfig* t) {
    static const std::vector<std::string> kKeys = {"keys",     "key_distribution", "item_size", "prepopulated",
                                                   "capacity", "indexes",          "ttl"};
    if (!check_map(n, "table", &kKeys)) return;
    if (const Node* v = get(n, "indexes")) indexes(*v, &t->indexes);
    if (const Node* v = get(n, "ttl")) ttl(*v, &t->ttl);
    if (const Node* v = get(n, "capacity")) operations_.capacity(*v, "table.capacity", &default_capacity_);
    if (const Node* v = get(n, "keys")) {
      if (auto k = integer(*v, "table.keys", 1, kKeyCountMax)) t->key_count = *k;
    }
    if (const Node* v = get(n, "key_distribution")) key_distribution(*v, &t->key_distribution);
    if (const Node* v = get(n, "prepopulated")) {
      if (v->is_scalar() && (v->text == "true" || v->text == "false")) {
        t->prepopulated = v->text == "true";
      } else {
        mismatch(*v, "table.prepopulated", "true or false");
      }
    }
    if (const Node* v = get(n, "item_size")) {
      if (auto d = distribution(*v, "table.item_size", Quantity::kSize)) {
        // Draws above the limit are cut to it; a typical item above it is an error.
        if (d->quantile(0.5) > kItemBytesMax) {
          error(*v, "table.item_size: items are at most 400KB in DynamoDB, found " + describe(*v));
        } else {
          t->item_size_bytes = *d;
        }
      }
    }
  }

  void indexes(const Node& n, std::vector<std::string>* out) {
    if (!n.is_sequence()) {
      mismatch(n, "table.indexes", "a sequence of index names");
      return;
    }
    for (size_t i = 0; i < n.items.size(); ++i) {
      const Node& item = *n.items[i];
      const std::string path = index("table.indexes", i);
      if (!item.is_scalar() || !is_index_name(item.text)) {
        mismatch(item, path, "an index name (3 to 255 letters, digits, '_' and '-')");
        continue;
      }
      const auto first = std::find(out->begin(), out->end(), item.text);
      if (first != out->end()) {
        error(item, fmt::format("{}: duplicate index '{}' (first at {})", path, item.text,
                                index("table.indexes", index_positions_[static_cast<size_t>(first - out->begin())])));
        continue;
      }
      if (out->size() == kIndexNamesMax) {
        error(item, fmt::format("{}: at most {} index names in a scenario, found {}", path, kIndexNamesMax,
                                n.items.size()));
        return;
      }
      out->push_back(item.text);
      index_positions_.push_back(i);
    }
  }

  void ttl(const Node& n, TtlConfig* t) {
    static const std::vector<std::string> kKeys = {"enabled", "item_lifetime", "prepopulated_expiry",
                                                   "deleted_within"};
    t->items_expire = true;  // even if malformed: enable_ttl is not also reported
    if (!check_map(n, "table.ttl", &kKeys, {"item_lifetime"}, "a map, e.g. {enabled: true, item_lifetime: 1h}")) {
      return;
    }
    if (const Node* v = get(n, "enabled")) {
      if (auto b = boolean(*v, "table.ttl.enabled")) t->enabled = *b;
    }
    if (const Node* v = get(n, "item_lifetime")) {
      if (auto d = duration(*v, "table.ttl.item_lifetime", Sign::kPositive)) t->item_lifetime = *d;
    }
    t->prepopulated_expiry = t->item_lifetime;
    if (const Node* v = get(n, "prepopulated_expiry")) {
      if (auto d = duration(*v, "table.ttl.prepopulated_expiry", Sign::kNonNegative)) t->prepopulated_expiry = *d;
    }
    if (const Node* v = get(n, "deleted_within")) {
      if (auto d = duration(*v, "table.ttl.deleted_within", Sign::kNonNegative)) t->deleted_within = *d;
    }
  }

  // Each replica's capacity: table.capacity, overlaid by the region's own.
  void region_capacities(Scenario* s) {
    for (size_t r = 0; r < s->regions.size(); ++r) {
      s->regions[r].capacity = default_capacity_;
      if (const Node* n = region_capacity_nodes_[r]) {
        operations_.capacity(*n, join(region_paths_[r], "capacity"), &s->regions[r].capacity);
      }
    }
  }

  void key_distribution(const Node& n, KeyDistribution* k) {
    const std::string path = "table.key_distribution";
    static const std::vector<std::string> kKinds = {"zipf", "hotspot"};
    const char* expected = "'uniform', {zipf: {exponent: E}} or {hotspot: {traffic: T, keys: K}}";
    if (n.is_scalar() && n.text == "uniform") {
      k->kind = KeyDistributionKind::kUniform;
      return;
    }
    if (!n.is_map() || n.entries.size() != 1) {
      std::string hint;
      if (n.is_scalar()) hint = did_you_mean(n.text, {"uniform", "zipf", "hotspot"});
      error(n, path + ": expected " + expected + ", found " + describe(n) + hint);
      return;
    }
    check_map(n, path, &kKinds);
    if (const Node* z = get(n, "zipf")) {
      static const std::vector<std::string> kKeys = {"exponent"};
      const std::string zpath = join(path, "zipf");
      if (!check_map(*z, zpath, &kKeys, kKeys)) return;
      if (const Node* e = get(*z, "exponent")) {
        const std::optional<double> exponent = number(*e, join(zpath, "exponent"));
        if (exponent && check_sign(*e, join(zpath, "exponent"), *exponent, Sign::kPositive, true)) {
          k->kind = KeyDistributionKind::kZipf;
          k->zipf_exponent = *exponent;
        }
      }
    } else if (const Node* h = get(n, "hotspot")) {
      static const std::vector<std::string> kKeys = {"traffic", "keys"};
      const std::string hpath = join(path, "hotspot");
      if (!check_map(*h, hpath, &kKeys, kKeys)) return;
      std::optional<double> traffic;
      std::optional<double> keys;
      if (const Node* v = get(*h, "traffic")) traffic = percentage(*v, join(hpath, "traffic"));
      if (const Node* v = get(*h, "keys")) keys = percentage(*v, join(hpath, "keys"), true, true);
      if (traffic && keys) {
        k->kind = KeyDistributionKind::kHotspot;
        k->hotspot_traffic = *traffic / 100;
        k->hotspot_keys = *keys / 100;
      }
    }
  }

  void workload(const Node& n, Scenario* s) {
    if (!check_map(n, "workload", nullptr, {}, "a map of region name to client groups")) return;
    for (const auto& [key, groups] : n.entries) {
      if (!key->is_scalar()) continue;  // reported by check_map
      const std::string path = join("workload", key->text);
      const std::optional<size_t> region = region_ref(*key, "workload");
      if (!groups->is_sequence()) {
        mismatch(*groups, path, "a sequence of client groups");
        continue;
      }
      for (size_t i = 0; i < groups->items.size(); ++i) {
        std::optional<ClientGroupConfig> group = client_group(*groups->items[i], index(path, i));
        // Its `index` is resolved once the timeline's create_index names are known.
        GroupIndex pending{groups->items[i].get(), index(path, i), SIZE_MAX, SIZE_MAX};
        if (groups->items[i]->is_map()) group_indexes_.push_back(pending);
        if (!group || !region) continue;
        if (group->name.empty()) group->name = std::to_string(i);
        std::vector<ClientGroupConfig>& list = s->workload[*region];
        const bool clash = std::any_of(list.begin(), list.end(),
                                       [&](const ClientGroupConfig& g) { return g.name == group->name; });
        if (clash) {
          error(*groups->items[i], index(path, i) + ": duplicate client group name '" + group->name + "' in " + path);
          continue;
        }
        group_indexes_.back().region = *region;
        group_indexes_.back().position = list.size();
        list.push_back(std::move(*group));
      }
    }
  }

  std::optional<ClientGroupConfig> client_group(const Node& n, const std::string& path) {
    static const std::vector<std::string> kKeys = {"name",        "rate",          "arrivals", "mix",
                                                   "consistency", "transactional", "retry",    "sessions",
                                                   "index"};
    if (!check_map(n, path, &kKeys, {"rate"}, "a client group map with at least 'rate'")) return std::nullopt;
    ClientGroupConfig g;
    g.retry = default_retry_;
    bool ok = true;
    if (const Node* v = get(n, "consistency")) {
      static const std::vector<std::string> kModes = {"eventual", "strong"};
      if (v->is_scalar() && (v->text == "eventual" || v->text == "strong")) {
        g.consistency = v->text == "strong" ? ReadConsistency::kStrong : ReadConsistency::kEventual;
      } else {
        error(*v, join(path, "consistency") + ": expected 'eventual' or 'strong', found " + describe(*v) +
                      (v->is_scalar() ? did_you_mean(v->text, kModes) : ""));
        ok = false;
      }
    }
    if (const Node* v = get(n, "transactional")) {
      if (v->is_scalar() && (v->text == "true" || v->text == "false")) {
        g.transactional = v->text == "true";
      } else {
        mismatch(*v, join(path, "transactional"), "true or false");
        ok = false;
      }
    }
    if (const Node* v = get(n, "retry")) ok = operations_.retry(*v, join(path, "retry"), &g.retry) && ok;
    if (const Node* v = get(n, "sessions")) ok = operations_.sessions(*v, join(path, "sessions"), &g.sessions) && ok;
    if (const Node* v = get(n, "name")) {
      const std::optional<std::string> name = string(*v, join(path, "name"));
      if (name && name->empty()) {
        error(*v, join(path, "name") + ": must not be empty");
        ok = false;
      } else if (name) {
        g.name = *name;
      } else {
        ok = false;
      }
    }
    if (const Node* v = get(n, "rate")) {
      const std::string rpath = join(path, "rate");
      const std::optional<double> rate = number(*v, rpath);
      if (!rate) {
        ok = false;
      } else if (!(*rate > 0)) {
        error(*v, rpath + ": must be positive, found " + v->text);
        ok = false;
      } else if (*rate < kRateMin) {
        error(*v, rpath + ": must be at least 0.000001 requests per second, found " + v->text);
        ok = false;
      } else if (*rate > kRateMax) {
        error(*v, rpath + ": must be at most 10000000 requests per second, found " + v->text);
        ok = false;
      } else {
        g.rate_per_second = *rate;
      }
    }
    if (const Node* v = get(n, "arrivals")) {
      static const std::vector<std::string> kArrivals = {"poisson", "constant"};
      if (v->is_scalar() && v->text == "poisson") {
        g.arrivals = Arrivals::kPoisson;
      } else if (v->is_scalar() && v->text == "constant") {
        g.arrivals = Arrivals::kConstant;
      } else {
        error(*v, join(path, "arrivals") + ": expected 'poisson' or 'constant', found " + describe(*v) +
                      (v->is_scalar() ? did_you_mean(v->text, kArrivals) : ""));
        ok = false;
      }
    }
    if (const Node* v = get(n, "mix")) {
      const std::optional<OperationMix> m = mix(*v, join(path, "mix"));
      if (m) {
        g.mix = *m;
      } else {
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return g;
  }

  std::optional<OperationMix> mix(const Node& n, const std::string& path) {
    static const std::vector<std::string> kKeys = {"put", "update", "delete", "get", "query"};
    if (!check_map(n, path, &kKeys, {}, "a map of operation to percentage, e.g. {put: 80, get: 20}")) {
      return std::nullopt;
    }
    OperationMix m{0, 0, 0, 0, 0};
    double* fields[] = {&m.put_percent, &m.update_percent, &m.delete_percent, &m.get_percent, &m.query_percent};
    bool ok = true;
    for (size_t i = 0; i < kKeys.size(); ++i) {
      if (const Node* v = get(n, kKeys[i])) {
        const std::optional<double> p = percentage(*v, join(path, kKeys[i]));
        if (p) {
          *fields[i] = *p;
        } else {
          ok = false;
        }
      }
    }
    // An unknown key is most likely a misspelt one: its error says enough.
    const bool all_known = std::all_of(n.entries.begin(), n.entries.end(), [](const auto& e) {
      return e.first->is_scalar() && std::find(kKeys.begin(), kKeys.end(), e.first->text) != kKeys.end();
    });
    if (!ok || !all_known) return std::nullopt;
    const double sum = m.put_percent + m.update_percent + m.delete_percent + m.get_percent + m.query_percent;
    if (std::fabs(sum - 100) > 1e-9) {
      error(n, fmt::format("{}: the percentages of put, update, delete, get and query must sum to 100, found {}",
                           path, sum));
      return std::nullopt;
    }
    return m;
  }

  // Each client group's `index`: a name in index_names (table.indexes, then
  // the timeline's create_index names); required when its mix has queries.
  void group_indexes(Scenario* s) {
    for (const GroupIndex& g : group_indexes_) {
      ClientGroupConfig* group = g.region == SIZE_MAX ? nullptr : &s->workload[g.region][g.position];
      const Node* v = get(*g.node, "index");
      if (v == nullptr) {
        if (group != nullptr && group->mix.query_percent > 0) {
          error(*g.node, fmt::format("missing required key 'index' in {}: its mix has {}% queries, which read "
                                     "a global secondary index",
                                     g.path, group->mix.query_percent));
        }
        continue;
      }
      const std::string path = join(g.path, "index");
      if (!v->is_scalar()) {
        mismatch(*v, path, "an index name");
        continue;
      }
      const auto it = std::find(s->index_names.begin(), s->index_names.end(), v->text);
      if (it == s->index_names.end()) {
        error(*v, path + ": index '" + v->text + "' is not in table.indexes or created by a create_index" +
                      did_you_mean(v->text, s->index_names));
        continue;
      }
      if (group != nullptr) group->index = static_cast<size_t>(it - s->index_names.begin());
    }
  }

 private:
  struct GroupIndex {
    const Node* node;     // the group's map
    std::string path;     // "workload.R[i]"
    size_t region;        // where the group was stored, or SIZE_MAX if it was rejected
    size_t position;
  };

  OperationsChecker operations_{file(), diagnostics(), [this](const Node& n, const std::string& path) {
                                   return region_ref(n, path);
                                 }};
  CapacityConfig default_capacity_;             // table.capacity
  RetryConfig default_retry_;                   // the top-level retry
  std::vector<const Node*> region_capacity_nodes_;  // regions[i].capacity, or null
  std::vector<std::string> declared_;           // every scalar name under `regions`, valid or not
  std::vector<std::string> region_names_;       // valid, unique, in order: index = region index
  std::vector<const Node*> region_nodes_;       // the name node of each valid region
  std::vector<std::string> region_paths_;       // "regions[i]" of each valid region
  std::vector<size_t> index_positions_;         // table.indexes item of each kept index name
  std::vector<GroupIndex> group_indexes_;       // client groups whose `index` is checked last
};

void sort_diagnostics(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
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
    sort_diagnostics(&out);
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
  sort_diagnostics(&out);
  // `expect:` lines are read apart (load/expectation_parser.h): their paths are
  // checked against the report's figures by the caller.
  if (const Node* n = ValueChecker::get(*root, "expect")) {
    result.expectations = parse_expectations(*n, file_name, &out);
    sort_diagnostics(&out);
  }
  if (out.empty()) result.scenario = std::move(scenario);
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
