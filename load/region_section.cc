#include "load/region_section.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "load/region_catalogue.h"

namespace load {

using model::ClockConfig;
using model::RegionConfig;
using model::ReplicationConfig;
using model::Scenario;

namespace {

bool is_region_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

constexpr double kDriftPpmMax = 1'000'000;

// The service has a few dozen Regions and a global table one replica in
// each; per-pair state (links, latencies, pending counts) grows with the
// square, so a longer list is refused before any of it is built.
constexpr size_t kMaxRegions = 64;

}  // namespace

void RegionChecker::regions(const Node& n, Scenario* s) {
  if (!n.is_sequence()) {
    mismatch(n, "regions", "a sequence");
    return;
  }
  if (n.items.size() > kMaxRegions) {
    error(n, fmt::format("regions: expected at most {} regions (the service has a few dozen, a global table one "
                         "replica in each), found {}",
                         kMaxRegions, n.items.size()));
    too_many_regions_ = true;
    return;
  }
  static const std::vector<std::string> kKeys = {"name", "clock", "capacity", "replica"};
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
      if (const Node* c = get(item, "clock")) clock(*c, join(path, "clock"), &region.clock);
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

// A region's `clock:` {offset, drift_ppm}.
void RegionChecker::clock(const Node& n, const std::string& clock_path, ClockConfig* out) {
  static const std::vector<std::string> kClockKeys = {"offset", "drift_ppm"};
  if (!check_map(n, clock_path, &kClockKeys)) return;
  if (const Node* v = get(n, "offset")) {
    if (auto d = duration(*v, join(clock_path, "offset"), Sign::kAny)) out->offset = *d;
  }
  if (const Node* v = get(n, "drift_ppm")) {
    if (auto d = number(*v, join(clock_path, "drift_ppm"))) {
      if (std::fabs(*d) > kDriftPpmMax) {
        error(*v, join(clock_path, "drift_ppm") + ": must be between -1000000 and 1000000, found " + v->text);
      } else {
        out->drift_ppm = *d;
      }
    }
  }
}

std::optional<size_t> RegionChecker::region_ref(const Node& n, const std::string& path) {
  if (!n.is_scalar()) {
    mismatch(n, path, "a region name");
    return std::nullopt;
  }
  const auto it = std::find(region_names_.begin(), region_names_.end(), n.text);
  if (it != region_names_.end()) return static_cast<size_t>(it - region_names_.begin());
  if (too_many_regions_) return std::nullopt;
  if (std::find(declared_.begin(), declared_.end(), n.text) == declared_.end()) {
    error(n, at_path(path) + "region '" + n.text + "' is not in regions" + did_you_mean(n.text, region_names_));
  }
  return std::nullopt;
}

void RegionChecker::latencies(const Node* network, Scenario* s) {
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
      // Every pair of two catalogue regions is measured: one of them is not in it.
      const auto& catalogue = catalogue_region_names();
      const bool a_known = std::find(catalogue.begin(), catalogue.end(), a) != catalogue.end();
      const bool b_known = std::find(catalogue.begin(), catalogue.end(), b) != catalogue.end();
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
        if (is_unmeasured_aws_region(self)) {
          error(*region_nodes_[r], "'" + self + "' is an AWS region with no built-in latencies; give them under "
                                   "network.links (none given for " + pair + ")");
          continue;
        }
        error(*region_nodes_[r], "unknown region '" + self + "': not an AWS region gtsim knows, and no latency "
                                 "given for " + pair + did_you_mean(self, catalogue));
      }
    }
  }
  s->one_way_latency.assign(count * count, sim::LatencyModel());
  for (size_t k = 0; k < matrix.size(); ++k) {
    if (matrix[k]) s->one_way_latency[k] = *matrix[k];
  }
}

void RegionChecker::links(const Node& network, size_t count,
                          std::vector<std::optional<sim::LatencyModel>>* matrix, std::vector<std::string>* given_by) {
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
    std::vector<std::pair<size_t, size_t>> pairs;  // directed
    const bool regions_ok = link_pairs(link, path, &pairs);
    std::optional<sim::LatencyModel> given;
    if (const Node* l = get(link, "latency")) given = latency(*l, join(path, "latency"));
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
        (*matrix)[a * count + b] = given;
      }
    }
  }
}

bool RegionChecker::link_pairs(const Node& link, const std::string& path,
                               std::vector<std::pair<size_t, size_t>>* pairs) {
  const Node* between = get(link, "between");
  const Node* from = get(link, "from");
  const Node* to = get(link, "to");
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
        *pairs = {{*a, *b}, {*b, *a}};
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
      *pairs = {{*a, *b}};
    }
    regions_ok = a && b;
  } else {
    error(link, "missing required key 'between' (or 'from' and 'to') in " + path);
    regions_ok = false;
  }
  return regions_ok;
}

void RegionChecker::replication(const Node& n, ReplicationConfig* r) {
  static const std::vector<std::string> kKeys = {"poll_interval", "batch_size",    "apply_time",
                                                 "applier_share", "applier_retry", "coalesce_window"};
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
  if (const Node* v = get(n, "applier_share")) {
    if (auto p = percentage(*v, "replication.applier_share")) r->applier_share_percent = *p;
  }
  if (const Node* v = get(n, "applier_retry")) {
    // Longer than a second, the applier's share could fill and waste what it gathers.
    if (auto d = duration(*v, "replication.applier_retry", Sign::kPositive)) {
      if (*d > sim::Duration::seconds(1)) {
        error(*v, "replication.applier_retry: must be at most 1s, found '" + v->text + "'");
      } else {
        r->applier_retry = *d;
      }
    }
  }
  if (const Node* v = get(n, "coalesce_window")) {
    if (auto d = duration(*v, "replication.coalesce_window", Sign::kNonNegative)) r->coalesce_window = *d;
  }
}

}  // namespace load
