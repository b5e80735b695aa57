#include "model/clients.h"

#include "model/random_streams.h"
#include "sim/assert.h"

namespace model {

Clients::Clients(const Scenario& scenario, const std::vector<std::string>& region_names, sim::Instant stop)
    : keys_(scenario.table.key_count, scenario.table.key_distribution),
      service_latency_(scenario.table.service_latency) {
  GTSIM_ASSERT(scenario.workload.size() == region_names.size());
  const uint64_t seed = scenario.seed;
  int32_t sessions = 0;
  for (size_t r = 0; r < region_names.size(); ++r) {
    for (const ClientGroupConfig& group : scenario.workload[r]) {
      groups_.emplace_back(seed, region_names[r], group, keys_, scenario.table.item_size_bytes, stop);
      configs_.push_back(&group);
      home_.push_back(static_cast<uint16_t>(r));
      route_to_.push_back(static_cast<uint16_t>(r));
      route_below_.push_back(0);
      route_rngs_.push_back(sim::Rng::stream(seed, routing_stream(region_names[r], group.name)));
      service_rngs_.push_back(sim::Rng::stream(seed, service_latency_stream(region_names[r], group.name)));
      network_rngs_.push_back(sim::Rng::stream(seed, client_network_stream(region_names[r], group.name)));
      retry_rngs_.push_back(sim::Rng::stream(seed, retry_stream(region_names[r], group.name)));
      retry_budgets_.emplace_back(group.retry, group.instances);
      session_rngs_.push_back(sim::Rng::stream(seed, sessions_stream(region_names[r], group.name)));
      session_.push_back(group.sessions.enabled ? sessions++ : -1);
    }
  }
}

void Clients::shift_traffic(size_t region, size_t to, double fraction) {
  const long double share = static_cast<long double>(fraction);
  const sim::UInt128 below = share >= 1.0L ? static_cast<sim::UInt128>(1) << 64
                                           : static_cast<sim::UInt128>(share * 18446744073709551616.0L);
  for (size_t g = 0; g < groups_.size(); ++g) {
    if (home_[g] != region) continue;
    route_to_[g] = static_cast<uint16_t>(to);
    route_below_[g] = below;
  }
}

uint32_t Clients::start_retry(size_t group, size_t target, uint32_t instance, int64_t first_attempt_ns) {
  uint32_t slot;
  if (retry_free_.empty()) {
    slot = static_cast<uint32_t>(retries_.size());
    retries_.push_back(RetryState{});
  } else {
    slot = retry_free_.back();
    retry_free_.pop_back();
  }
  retries_[slot] =
      RetryState{static_cast<uint32_t>(group), static_cast<uint16_t>(target), 1, instance, first_attempt_ns};
  return slot;
}

std::optional<Clients::Redirect> Clients::redirect_session(size_t group, size_t home, uint32_t sequence) {
  const SessionConfig& sessions = configs_[group]->sessions;
  sim::Rng& rng = session_rngs_[group];
  if (rng.uniform01() * 100.0 >= sessions.redirect_percent) return std::nullopt;
  const uint32_t delay = static_cast<uint32_t>(rng.below(sessions.delays.size()));
  uint32_t slot;
  if (session_free_.empty()) {
    slot = static_cast<uint32_t>(session_reads_.size());
    session_reads_.emplace_back();
  } else {
    slot = session_free_.back();
    session_free_.pop_back();
  }
  session_reads_[slot] = SessionRead{static_cast<uint32_t>(session_[group]), delay, sequence,
                                     static_cast<uint16_t>(home)};
  return Redirect{slot, sessions.delays[delay], sessions.read_region};
}

}  // namespace model
