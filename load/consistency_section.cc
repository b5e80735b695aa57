#include "load/consistency_section.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "load/timeline_actions.h"

namespace load {

using model::ConsistencyConfig;
using model::MultiRegionConsistency;
using model::Scenario;

namespace {

// The region sets of MRSC (docs/sources.md, Multi-Region strong consistency):
// a table's three regions all come from one of them.
struct RegionSet {
  std::string_view name;
  std::array<std::string_view, 4> regions;  // "" past the last
};
constexpr RegionSet kRegionSets[] = {
    {"US", {"us-east-1", "us-east-2", "us-west-2", ""}},
    {"EU", {"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"}},
    {"AP", {"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", ""}},
};

std::string set_members(const RegionSet& set) {
  std::string out;
  for (const std::string_view region : set.regions) {
    if (region.empty()) break;
    out += (out.empty() ? "" : ", ") + std::string(region);
  }
  return fmt::format("{}: {}", set.name, out);
}

std::string every_set() {
  std::string out;
  for (const RegionSet& set : kRegionSets) out += (out.empty() ? "" : "; ") + set_members(set);
  return out;
}

const RegionSet* set_of(std::string_view region) {
  for (const RegionSet& set : kRegionSets) {
    if (std::find(set.regions.begin(), set.regions.end(), region) != set.regions.end() && !region.empty()) return &set;
  }
  return nullptr;
}

constexpr const char* kStrong = "multi_region_consistency: strong";

using Spans = std::vector<std::pair<sim::Duration, sim::Duration>>;

// The union of the spans order[0..count), sorted, as disjoint spans.
Spans union_of(const std::vector<ImpairedSpan>& spans, const std::vector<size_t>& order, size_t count) {
  Spans merged;
  for (size_t i = 0; i < count; ++i) {
    const ImpairedSpan& span = spans[order[i]];
    if (!merged.empty() && span.from <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, span.to);
    } else {
      merged.emplace_back(span.from, span.to);
    }
  }
  return merged;
}

// The most a window of kFisWindow covers of sorted, disjoint spans, and
// where it starts. Such a window may as well start where a span starts.
std::pair<sim::Duration, sim::Duration> most_covered(const Spans& merged) {
  std::vector<sim::Duration> before(merged.size() + 1);  // lengths of the spans before each
  for (size_t i = 0; i < merged.size(); ++i) before[i + 1] = before[i] + (merged[i].second - merged[i].first);
  std::pair<sim::Duration, sim::Duration> best;
  for (size_t j = 0; j < merged.size(); ++j) {
    const sim::Duration end = merged[j].first + kFisWindow;
    const auto last = std::partition_point(merged.begin() + static_cast<std::ptrdiff_t>(j), merged.end(),
                                           [&](const auto& span) { return span.first < end; }) - 1;
    const auto k = static_cast<size_t>(last - merged.begin());
    const sim::Duration covered = before[k] - before[j] + (std::min(last->second, end) - last->first);
    if (covered > best.first) best = {covered, merged[j].first};
  }
  return best;
}

}  // namespace

std::string_view mrsc_region_set(std::string_view region) {
  const RegionSet* set = set_of(region);
  return set == nullptr ? std::string_view() : set->name;
}

// Adding a span never lowers the most covered window, so the first span
// (by start) that overfills one is found by bisection.
FisBudget fis_budget(const std::vector<ImpairedSpan>& spans) {
  std::vector<size_t> order(spans.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return spans[a].from < spans[b].from; });
  FisBudget budget;
  const auto [impaired, from] = most_covered(union_of(spans, order, spans.size()));
  budget.impaired = impaired;
  budget.window_from = from;
  budget.over = spans.size();
  if (impaired <= kFisImpairedMax) return budget;
  size_t low = 1, high = spans.size();  // the first prefix length that overfills is in [low, high]
  while (low < high) {
    const size_t mid = low + (high - low) / 2;
    if (most_covered(union_of(spans, order, mid)).first > kFisImpairedMax) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  const auto [first_impaired, first_from] = most_covered(union_of(spans, order, low));
  budget.impaired = first_impaired;
  budget.window_from = first_from;
  budget.over = order[low - 1];
  return budget;
}

void ConsistencyChecker::table_keys(const Node& n, Scenario* s) {
  ConsistencyConfig& c = s->consistency;
  const Node* mode = get(n, "multi_region_consistency");
  if (mode != nullptr) {
    if (mode->is_scalar() && (mode->text == "eventual" || mode->text == "strong")) {
      c.mode = mode->text == "strong" ? MultiRegionConsistency::kStrong : MultiRegionConsistency::kEventual;
    } else {
      error(*mode, "table.multi_region_consistency: expected 'eventual' or 'strong', found " + describe(*mode) +
                       (mode->is_scalar() ? did_you_mean(mode->text, {"eventual", "strong"}) : ""));
      return;  // what the other keys mean depends on it
    }
  }
  if (const Node* w = get(n, "witness")) {
    if (!c.strong()) {
      error(*w, "table.witness: a witness belongs to a table with multi_region_consistency: strong, found "
                "multi_region_consistency: eventual");
    } else if (const std::optional<size_t> region = regions_->region_ref(*w, "table.witness")) {
      c.has_witness = true;
      c.witness = *region;
      s->regions[*region].replica = false;
    }
  }
  if (const Node* v = get(n, "write_conflict_window")) {
    if (!c.strong()) {
      error(*v, "table.write_conflict_window: write conflicts belong to a table with multi_region_consistency: "
                "strong, found multi_region_consistency: eventual");
    } else if (v->is_scalar() && v->text == "quorum") {
      c.window_is_quorum = true;
    } else if (!v->is_scalar() || v->text.empty() || std::isalpha(static_cast<unsigned char>(v->text[0]))) {
      error(*v, "table.write_conflict_window: expected 'quorum' or a duration with a unit, e.g. '20ms'; found " +
                    describe(*v) + (v->is_scalar() ? did_you_mean(v->text, {"quorum"}) : ""));
    } else if (const std::optional<sim::Duration> d =
                   duration(*v, "table.write_conflict_window", Sign::kNonNegative)) {
      c.window_is_quorum = false;
      c.conflict_window = *d;
    }
  }
}

void ConsistencyChecker::check(const Node& root, const Scenario& s, const std::vector<ImpairedSpan>& pauses) {
  if (!s.consistency.strong()) return;
  if (s.version != model::GlobalTablesVersion::k2019_11_21) {
    if (const Node* v = get(root, "version")) {
      error(*v, fmt::format("version: a table with {} is a global table of version 2019.11.21, found '{}'", kStrong,
                            v->text));
    }
  }
  regions_rule(root, s);
  const Node* table = get(root, "table");
  const Node* ttl = table != nullptr && table->is_map() ? get(*table, "ttl") : nullptr;
  if (ttl != nullptr) error(*ttl, fmt::format("table.ttl: a table with {} does not support TTL", kStrong));
  workload_rules(root, s);
  timeline_rules(root, s);
  fis_rule(pauses);
}

// Exactly three regions of one set; every one but the witness has a
// replica from the start; the witness has no capacity of its own.
void ConsistencyChecker::regions_rule(const Node& root, const Scenario& s) {
  const Node* regions = get(root, "regions");
  if (regions == nullptr || !regions->is_sequence()) return;
  const size_t count = regions->items.size();
  if (count != 3) {
    error(*regions, fmt::format("regions: a table with {} has exactly three regions (three replicas, or two "
                                "replicas and a witness), found {}",
                                kStrong, count));
    return;
  }
  if (s.regions.size() != count) return;  // a region was refused: indexes do not match items
  region_set_rule(*regions, s);
  for (size_t r = 0; r < count; ++r) {
    const Node& item = *regions->items[r];
    if (!item.is_map()) continue;
    const std::string path = index("regions", r);
    const Node* replica = get(item, "replica");
    if (replica != nullptr && replica->text == "false" && !s.consistency.is_witness(r)) {
      error(*replica, fmt::format("{}.replica: a table with {} has its replicas from the start and cannot add one "
                                  "later; a region without a replica is the table's witness",
                                  path, kStrong));
    }
    if (replica != nullptr && replica->text == "true" && s.consistency.is_witness(r)) {
      error(*replica, fmt::format("{}.replica: {} is the witness, which holds no replica", path, s.regions[r].name));
    }
    if (const Node* capacity = get(item, "capacity"); capacity != nullptr && s.consistency.is_witness(r)) {
      error(*capacity, fmt::format("{}.capacity: {} is the witness, which has no capacity (it costs nothing)", path,
                                   s.regions[r].name));
    }
  }
}

void ConsistencyChecker::region_set_rule(const Node& regions, const Scenario& s) {
  const RegionSet* first = nullptr;
  size_t first_index = 0;
  for (size_t r = 0; r < s.regions.size(); ++r) {
    const Node& item = *regions.items[r];
    const Node& name = item.is_map() ? *get(item, "name") : item;
    const std::string path = item.is_map() ? join(index("regions", r), "name") : index("regions", r);
    const RegionSet* set = set_of(s.regions[r].name);
    if (set == nullptr) {
      error(name, fmt::format("{}: {} is in no region set of {} ({})", path, s.regions[r].name, kStrong,
                              every_set()));
    } else if (first == nullptr) {
      first = set;
      first_index = r;
    } else if (set != first) {
      error(name, fmt::format("{}: {} is in the {} region set and {} in the {} one; the regions of a table with {} "
                              "are all of one set ({})",
                              path, s.regions[r].name, set->name, s.regions[first_index].name, first->name, kStrong,
                              set_members(*first)));
    }
  }
}

// No transactions; the witness serves no client group and no session read.
void ConsistencyChecker::workload_rules(const Node& root, const Scenario& s) {
  const Node* workload = get(root, "workload");
  if (workload == nullptr || !workload->is_map()) return;
  const std::string witness = witness_name(s);
  for (const auto& [key, groups] : workload->entries) {
    const std::string path = join("workload", key->text);
    if (!witness.empty() && key->text == witness && groups->is_sequence() && !groups->items.empty()) {
      error(*key, fmt::format("{}: {} is the witness, which serves no requests; its clients belong to a region "
                              "with a replica",
                              path, witness));
    }
    if (!groups->is_sequence()) continue;
    for (size_t i = 0; i < groups->items.size(); ++i) {
      const Node& group = *groups->items[i];
      if (!group.is_map()) continue;
      const std::string gpath = index(path, i);
      const Node* transactional = get(group, "transactional");
      if (transactional != nullptr && transactional->text == "true") {
        error(*transactional, fmt::format("{}.transactional: a table with {} does not support transactions (the "
                                          "service refuses them with an error)",
                                          gpath, kStrong));
      }
      const Node* sessions = get(group, "sessions");
      const Node* read_region = sessions != nullptr && sessions->is_map() ? get(*sessions, "read_region") : nullptr;
      if (read_region != nullptr && !witness.empty() && read_region->text == witness) {
        error(*read_region, fmt::format("{}.sessions.read_region: {} is the witness, which serves no reads", gpath,
                                        witness));
      }
    }
  }
}

// No traffic shifted to the witness (a shift_traffic or a failover).
void ConsistencyChecker::timeline_rules(const Node& root, const Scenario& s) {
  const Node* timeline = get(root, "timeline");
  const std::string witness = witness_name(s);
  if (timeline == nullptr || !timeline->is_sequence() || witness.empty()) return;
  for (size_t i = 0; i < timeline->items.size(); ++i) {
    const Node& item = *timeline->items[i];
    if (!item.is_map()) continue;
    for (const std::string_view action : {timeline_action(TimelineAction::kShiftTraffic).name, kFailoverKey}) {
      const Node* body = get(item, action);
      const Node* to = body != nullptr && body->is_map() ? get(*body, "to") : nullptr;
      if (to == nullptr || to->text != witness) continue;
      error(*to, fmt::format("{}.to: {} is the witness, which serves no requests",
                             join(index("timeline", i), action), witness));
    }
  }
}

void ConsistencyChecker::fis_rule(const std::vector<ImpairedSpan>& pauses) {
  const FisBudget budget = fis_budget(pauses);
  if (budget.over == pauses.size()) return;
  const ImpairedSpan& span = pauses[budget.over];
  error(*span.node, fmt::format("{}: FIS may impair a table with {} for at most 5,040 minutes (84h) in any 7 days; "
                                "with this pause it is impaired {} in the 7 days from {}",
                                span.path, kStrong, sim::format_duration(budget.impaired),
                                sim::format_duration(budget.window_from)));
}

std::string ConsistencyChecker::witness_name(const Scenario& s) const {
  return s.consistency.has_witness ? s.regions[s.consistency.witness].name : std::string();
}

}  // namespace load
