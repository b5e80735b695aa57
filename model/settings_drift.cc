#include "model/settings_drift.h"

#include "sim/assert.h"

namespace model {

std::vector<std::string> drift_setting_names(const std::vector<std::string>& index_names) {
  std::vector<std::string> names = {"capacity", "ttl"};
  for (const std::string& name : index_names) names.push_back("index:" + name);
  return names;
}

SettingsDrift::SettingsDrift(std::vector<std::string> region_names) : region_names_(std::move(region_names)) {}

size_t SettingsDrift::add_setting(std::string name, DriftCostUnit cost_unit) {
  result_.settings.push_back(std::move(name));
  values_.emplace_back(region_names_.size());
  cost_units_.push_back(cost_unit);
  open_.push_back(-1);
  changed_ns_.push_back(INT64_MIN);
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

DriftResult SettingsDrift::result() const {
  DriftResult result = result_;
  for (size_t setting = 0; setting < open_.size(); ++setting) {
    if (open_[setting] >= 0) result.episodes[static_cast<size_t>(open_[setting])].values = snapshot(setting);
  }
  return result;
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
  int64_t& open = open_[setting];
  if (open >= 0 && now.ns() > changed_ns_[setting]) {
    // The values that held since the last change: the latest differing state
    // (one taken between two changes at one instant never held).
    result_.episodes[static_cast<size_t>(open)].values = snapshot(setting);
  }
  changed_ns_[setting] = now.ns();
  values_[setting][region] = std::move(value);
  const bool differs = differ(setting);
  if (differs && open < 0) {
    open = static_cast<int64_t>(result_.episodes.size());
    DriftEpisode episode;
    episode.setting = result_.settings[setting];
    episode.since_ns = now.ns();
    episode.cost_unit = cost_units_[setting];
    episode.values = snapshot(setting);
    result_.episodes.push_back(std::move(episode));
    return;
  }
  if (open < 0 || differs) return;
  DriftEpisode& episode = result_.episodes[static_cast<size_t>(open)];
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
