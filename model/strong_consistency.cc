#include "model/strong_consistency.h"

#include <algorithm>
#include <climits>

#include "model/random_streams.h"
#include "sim/assert.h"

namespace model {

StrongConsistency::StrongConsistency(const Scenario& scenario, const std::vector<std::string>& region_names)
    : enabled_(scenario.consistency.strong()),
      config_(scenario.consistency),
      region_count_(region_names.size()),
      names_(region_names),
      windows_(enabled_ ? scenario.table.key_count : 0, ConflictWindow{}) {
  if (!enabled_) return;
  GTSIM_ASSERT(region_count_ == 3);
  ranked_.resize(region_count_);
  for (size_t a = 0; a < region_count_; ++a) {
    for (size_t b = 0; b < region_count_; ++b) {
      if (b != a && !is_witness(b)) ranked_[a].push_back(b);
    }
    if (config_.has_witness && !is_witness(a)) ranked_[a].push_back(config_.witness);
  }
  peer_.assign(region_count_, kNone);
  catch_up_left_.assign(region_count_, 0);
  catch_up_below_.assign(region_count_, 0);
  open_episode_.assign(region_count_, kNone);
  for (size_t r = 0; r < region_count_; ++r) {
    for (const ClientGroupConfig& group : scenario.workload[r]) {
      rngs_.push_back(sim::Rng::stream(scenario.seed, quorum_stream(region_names[r], group.name)));
    }
    group_count_ += scenario.workload[r].size();
    StrongConsistencyRegion region;
    region.name = region_names[r];
    region.witness = is_witness(r);
    regions_.push_back(region);
  }
  for (size_t r = 0; r < region_count_; ++r) {
    rngs_.push_back(sim::Rng::stream(scenario.seed, quorum_stream(region_names[r], "")));
  }
  pair_conflicts_.assign(region_count_ * region_count_, 0);
}

void StrongConsistency::modify(uint64_t key, size_t region, sim::Instant now, sim::Duration round_trip) {
  const sim::Duration window = config_.window_is_quorum ? round_trip : config_.conflict_window;
  const int64_t end = (now + window).ns();
  ConflictWindow& item = windows_.at(key);
  if (item.holder == region) {
    item.end_ns = std::max(item.end_ns, end);
  } else {
    item.holder = static_cast<uint8_t>(region);
    item.end_ns = end;
  }
}

void StrongConsistency::refused(size_t region, Refusal why) {
  GTSIM_ASSERT(why != Refusal::kNone);
  ++(why == Refusal::kNoQuorum ? regions_[region].no_quorum_errors : regions_[region].catching_up_errors);
}

void StrongConsistency::caught_up(size_t region, sim::Instant now) {
  GTSIM_ASSERT(open_episode_[region] != kNone);
  episodes_[open_episode_[region]].caught_up_ns = now.ns();
  open_episode_[region] = kNone;
}

StrongConsistencyResult StrongConsistency::result(sim::Instant end) const {
  StrongConsistencyResult out;
  if (!enabled_) return out;
  out.enabled = true;
  if (config_.has_witness) out.witness = names_[config_.witness];
  out.conflict_window_ns = config_.window_is_quorum ? -1 : config_.conflict_window.ns();
  out.regions = regions_;
  out.episodes = episodes_;
  for (const QuorumEpisode& episode : episodes_) {
    const auto region = static_cast<size_t>(std::find(names_.begin(), names_.end(), episode.region) - names_.begin());
    StrongConsistencyRegion& totals = out.regions[region];
    const int64_t regained = episode.regained_ns < 0 ? end.ns() : episode.regained_ns;
    totals.without_quorum_ns += regained - episode.lost_ns;
    if (episode.regained_ns >= 0) {
      totals.catching_up_ns += (episode.caught_up_ns < 0 ? end.ns() : episode.caught_up_ns) - episode.regained_ns;
    }
  }
  for (size_t from = 0; from < region_count_; ++from) {
    for (size_t to = 0; to < region_count_; ++to) {
      if (from != to) out.pairs.push_back({names_[from], names_[to], pair_conflicts_[from * region_count_ + to]});
    }
  }
  return out;
}

}  // namespace model
