// SettingsDrift: when the replicas' administrative settings differ, and what
// that costs.
//
// Settings (capacity, TTL, each global secondary index) are per replica and,
// without settings_sync, never replicated (docs/sources.md,
// Versions and settings; The article's golden rule). The world tells this recorder each
// replica's value of each setting whenever it changes; an episode opens when
// the replicas' values first differ and closes when they agree again.
// Replicas that do not exist (not yet added, removed) have no value and are
// not compared. Costs are charged to a setting's open episode, if any. An
// episode that ends at the instant it began (two changes at one time, as
// settings_sync with no delay makes) is not drift and is not kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/run_result.h"
#include "sim/time.h"

namespace model {

// The settings a run compares, in report order: "capacity", "ttl", then
// "index:NAME" for each index the scenario names.
std::vector<std::string> drift_setting_names(const std::vector<std::string>& index_names);

class SettingsDrift {
 public:
  explicit SettingsDrift(std::vector<std::string> region_names);

  // Declares a setting (values start empty: no replica); returns its id.
  size_t add_setting(std::string name, DriftCostUnit cost_unit);
  // `region`'s value of `setting` from `now` on; "" when it has no replica.
  void set(size_t setting, size_t region, std::string value, sim::Instant now);
  // Charges `amount` to the setting's open episode; nothing when none is open.
  void charge(size_t setting, uint64_t amount) {
    if (open_[setting] >= 0) result_.episodes[static_cast<size_t>(open_[setting])].cost += amount;
  }
  bool drifting(size_t setting) const { return open_[setting] >= 0; }

  // Open episodes show the values at the end.
  DriftResult result() const;
  void set_sync(bool enabled, int64_t delay_ns) {
    result_.settings_sync = enabled;
    result_.sync_delay_ns = delay_ns;
  }

 private:
  bool differ(size_t setting) const;
  std::vector<std::pair<std::string, std::string>> snapshot(size_t setting) const;

  std::vector<std::string> region_names_;
  std::vector<std::vector<std::string>> values_;  // [setting][region]
  std::vector<DriftCostUnit> cost_units_;
  std::vector<int64_t> open_;                     // [setting]: open episode, or -1
  std::vector<int64_t> changed_ns_;               // [setting]: when a value last changed
  DriftResult result_;
};

}  // namespace model
