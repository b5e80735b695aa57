#include "model/outages.h"

namespace model {

Outages::Outages(uint64_t seed, const std::vector<std::string>& region_names)
    : state_(region_names.size(), 0),
      configs_(region_names.size()),
      fail_below_(region_names.size(), 0),
      latest_(region_names.size(), kNoRecord),
      at_risk_left_(region_names.size(), 0),
      draining_(region_names.size(), 0) {
  for (const std::string& name : region_names) rngs_.push_back(sim::Rng::stream(seed, "outages/" + name));
}

void Outages::fail(size_t region, const OutageConfig& config, size_t record, uint64_t at_risk) {
  configs_[region] = config;
  const bool requests_fail = config.scope != OutageScope::kReplication;
  const long double share = requests_fail ? static_cast<long double>(config.failing_fraction) : 0.0L;
  fail_below_[region] = share >= 1.0L ? kAll : static_cast<sim::UInt128>(share * 18446744073709551616.0L);
  state_[region] = static_cast<uint8_t>(kDown | (fail_below_[region] > 0 ? kRequestsFail : 0) |
                                        (config.scope != OutageScope::kEndpoint ? kNoReplication : 0) |
                                        (config.scope == OutageScope::kFull ? kFull : 0));
  latest_[region] = record;
  at_risk_left_[region] = at_risk;
  draining_[region] = 0;
}

}  // namespace model
