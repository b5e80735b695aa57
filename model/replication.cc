#include "model/replication.h"

#include "model/random_streams.h"
#include "sim/assert.h"

namespace model {

Replication::Replication(const Scenario& scenario, const std::vector<std::string>& region_names)
    : region_count_(region_names.size()),
      key_count_(scenario.table.key_count),
      poll_interval_(scenario.replication.poll_interval),
      batch_size_(scenario.replication.batch_size),
      apply_time_(scenario.replication.apply_time),
      applier_retry_(scenario.replication.applier_retry),
      coalesce_window_ns_(scenario.replication.coalesce_window.ns()),
      coalesces_(coalesce_window_ns_ > 0 && poll_interval_.ns() > 0),
      unshipped_(coalesces_ ? region_count_ * key_count_ : 0, kNoWrite),
      pending_(region_count_ * region_count_, 0),
      held_(1024) {
  GTSIM_ASSERT(scenario.one_way_latency.size() == region_count_ * region_count_);
  const uint64_t seed = scenario.seed;
  for (size_t r = 0; r < region_count_; ++r) {
    streams_.emplace_back();
    phase_rngs_.push_back(sim::Rng::stream(seed, poll_phase_stream(region_names[r])));
    queued_.push_back(0);
    backlogs_.emplace_back(16);
    drain_pending_.push_back(0);
    inbound_.push_back(0);
  }
  for (size_t from = 0; from < region_count_; ++from) {
    for (size_t to = 0; to < region_count_; ++to) {
      links_.emplace_back(scenario.one_way_latency[index(from, to)],
                          sim::Rng::stream(seed, network_stream(region_names[from], region_names[to])));
      apply_rngs_.push_back(sim::Rng::stream(seed, apply_stream(region_names[from], region_names[to])));
    }
  }
}

void Replication::add_stream(size_t source) {
  const int64_t interval_ns = poll_interval_.ns();
  sim::Rng& rng = phase_rngs_[source];
  const int64_t phase_ns = interval_ns > 0 ? static_cast<int64_t>(rng.below(static_cast<uint64_t>(interval_ns))) : 0;
  streams_[source].push_back(Stream{sim::RingBuffer<WriteSlot>(64), phase_ns, 0});
}

}  // namespace model
