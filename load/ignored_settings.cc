#include "load/ignored_settings.h"

#include <algorithm>

#include <fmt/format.h>

namespace load {

using model::CapacityMode;
using model::Scenario;

namespace {

// Every capacity mode region r has during the run: its starting one and
// those its set_capacity events (an operator's or settings_sync's) give it.
std::vector<CapacityMode> modes_of(const Scenario& s, size_t r) {
  std::vector<CapacityMode> modes = {s.regions[r].capacity.mode};
  for (const model::TimelineEvent& e : s.timeline) {
    if (e.kind == model::TimelineKind::kSetCapacity && e.region == r) modes.push_back(e.capacity.mode);
  }
  return modes;
}

const char* mode_word(CapacityMode mode) { return mode == CapacityMode::kOnDemand ? "on_demand" : "provisioned"; }

std::string region_list(const Scenario& s, const std::vector<size_t>& regions) {
  std::string out;
  for (size_t r : regions) out += (out.empty() ? "" : ", ") + s.regions[r].name;
  return out;
}

}  // namespace

void IgnoredSettingsChecker::check(const Node& root, const Scenario& s, const std::vector<RegionCapacity>& regions) {
  if (const Node* table = get(root, "table"); table != nullptr && table->is_map()) {
    if (const Node* capacity = get(*table, "capacity"); capacity != nullptr && capacity->is_map()) {
      std::vector<size_t> all(s.regions.size());
      for (size_t r = 0; r < all.size(); ++r) all[r] = r;
      capacity_map(*capacity, "table.capacity", s, all, regions);
    }
  }
  for (size_t r = 0; r < s.regions.size() && r < regions.size(); ++r) {
    if (regions[r].node != nullptr && regions[r].node->is_map()) {
      capacity_map(*regions[r].node, regions[r].path, s, {r}, {});
    }
  }
  if (const Node* workload = get(root, "workload"); workload != nullptr && workload->is_map()) {
    client_groups(*workload, s);
  }
  if (const Node* sync = get(root, "settings_sync"); sync != nullptr && sync->is_map() && !s.settings_sync.enabled) {
    if (const Node* delay = get(*sync, "delay")) {
      warning(*delay, "settings_sync.delay: ignored: settings_sync is not enabled (enabled: true copies each "
                      "change to every other region after the delay)");
    }
  }
}

// `takers`: the regions that may take the map's keys; with `own`
// (table.capacity), a region whose own capacity sets a key takes its own.
void IgnoredSettingsChecker::capacity_map(const Node& map, const std::string& path, const Scenario& s,
                                          const std::vector<size_t>& takers, const std::vector<RegionCapacity>& own) {
  struct Rule {
    const char* key;
    CapacityMode reads_it;
    const char* why;
  };
  static const Rule kRules[] = {
      {"burst_seconds", CapacityMode::kProvisioned, "on-demand capacity keeps no burst"},
      {"warm_write_units", CapacityMode::kOnDemand, "it is an on-demand setting"},
      {"warm_read_units", CapacityMode::kOnDemand, "it is an on-demand setting"},
      {"max_write_units", CapacityMode::kOnDemand, "it is an on-demand setting"},
      {"max_read_units", CapacityMode::kOnDemand, "it is an on-demand setting"},
  };
  for (const Rule& rule : kRules) {
    const Node* value = get(map, rule.key);
    if (value == nullptr) continue;
    std::vector<size_t> regions;
    bool read = false;
    for (size_t r : takers) {
      const Node* mine = r < own.size() ? own[r].node : nullptr;
      if (mine != nullptr && mine->is_map() && get(*mine, rule.key) != nullptr) continue;
      regions.push_back(r);
      const std::vector<CapacityMode> modes = modes_of(s, r);
      read = read || std::find(modes.begin(), modes.end(), rule.reads_it) != modes.end();
    }
    if (read || regions.empty()) continue;
    const CapacityMode other = rule.reads_it == CapacityMode::kOnDemand ? CapacityMode::kProvisioned
                                                                        : CapacityMode::kOnDemand;
    warning(*value, fmt::format("{}.{}: ignored: {}, and the capacity of {} is {} for the whole run", path,
                                rule.key, rule.why, region_list(s, regions), mode_word(other)));
  }
}

void IgnoredSettingsChecker::client_groups(const Node& workload, const Scenario& s) {
  for (const auto& [key, groups] : workload.entries) {
    const std::string& name = key->text;
    const auto region = std::find_if(s.regions.begin(), s.regions.end(),
                                     [&name](const model::RegionConfig& c) { return c.name == name; });
    if (region == s.regions.end() || !groups->is_sequence()) continue;
    const std::vector<model::ClientGroupConfig>& configs = s.workload[static_cast<size_t>(region - s.regions.begin())];
    for (size_t i = 0; i < groups->items.size() && i < configs.size(); ++i) {
      const Node& item = *groups->items[i];
      const model::OperationMix& mix = configs[i].mix;
      const std::string path = index(join("workload", key->text), i);
      const auto warn_if = [&](const char* setting, bool ignored, const char* why) {
        const Node* value = item.is_map() ? get(item, setting) : nullptr;
        if (value != nullptr && ignored) warning(*value, fmt::format("{}.{}: ignored: {}", path, setting, why));
      };
      warn_if("consistency", mix.get_percent == 0, "it is the consistency of gets, and this group's mix has none");
      warn_if("index", mix.query_percent == 0, "only queries read an index, and this group's mix has none");
      warn_if("sessions", mix.put_percent + mix.update_percent + mix.delete_percent == 0,
              "a session reads back a write, and this group's mix has none");
    }
  }
}

}  // namespace load
