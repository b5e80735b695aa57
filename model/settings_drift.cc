#include "model/settings_drift.h"

#include "sim/assert.h"

namespace model {

SettingsDrift::SettingsDrift(std::vector<std::string> region_names) : region_names_(std::move(region_names)) {}

size_t SettingsDrift::add_setting(std::string name, std::string cost_unit) {
  result_.settings.push_back(std::move(name));
  values_.emplace_back(region_names_.size());
  cost_units_.push_back(std::move(cost_unit));
  open_.push_back(-1);
  return values_.size() - 1;
}

bool SettingsDrift::differ(size_t setting) const {
  const std::string* first = nullptr;
  for (const std::string& value : values_[setting]) {
    if (value.empty()) continue;
    if (first == nullptr) {
      first = &value;
    } else if (value != *first) {
      return true;
    }
  }
  return false;
}

std::vector<std::pair<std::string, std::string>> SettingsDrift::snapshot(size_t setting) const {
  std::vector<std::pair<std::string, std::string>> values;
  for (size_t r = 0; r < region_names_.size(); ++r) {
    if (!values_[setting][r].empty()) values.emplace_back(region_names_[r], values_[setting][r]);
  }
  return values;
}

void SettingsDrift::set(size_t setting, size_t region, std::string value, sim::Instant now) {
  GTSIM_ASSERT(setting < values_.size() && region < region_names_.size());
  if (values_[setting][region] == value) return;
  values_[setting][region] = std::move(value);
  const bool differs = differ(setting);
  int64_t& open = open_[setting];
  if (differs && open < 0) {
    open = static_cast<int64_t>(result_.episodes.size());
    DriftEpisode episode;
    episode.setting = result_.settings[setting];
    episode.since_ns = now.ns();
    episode.cost_unit = cost_units_[setting];
    result_.episodes.push_back(std::move(episode));
  }
  if (open < 0) return;
  DriftEpisode& episode = result_.episodes[static_cast<size_t>(open)];
  if (differs) {
    episode.values = snapshot(setting);
    return;
  }
  episode.until_ns = now.ns();
  if (episode.until_ns == episode.since_ns) {
    // Differed only between two changes made at one instant (settings_sync
    // with no delay): never visible, not drift.
    GTSIM_ASSERT(episode.cost == 0);
    const auto erased = open;
    result_.episodes.erase(result_.episodes.begin() + erased);
    for (int64_t& other : open_) {
      if (other > erased) --other;
    }
  }
  open = -1;
}

}  // namespace model
