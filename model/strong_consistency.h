// StrongConsistency: the state of a table with multi-Region strong
// consistency (MRSC; docs/model.md, "Multi-Region strong consistency") that
// the World asks about on every write and strongly consistent read: which
// participant acknowledges a region's requests, whether the region may serve
// them at all, and which item another region is modifying. Nothing here is
// used, and nothing is allocated per item, for an eventually consistent table.
//
// - Participants: the three regions; a witness (if any) is a participant
//   without a replica. Each region ranks the other two by the median round
//   trip of the links between them (ties by name), re-ranked when a link's
//   latency changes; its quorum peer is the first it reaches now.
// - Availability: a replica region serves writes and strong reads while it
//   has a quorum peer and is not catching up. When it gets one back (after
//   an outage, a partition or a pause) it catches up: it refuses them until
//   every write committed elsewhere before that moment and bound for it has
//   been applied there (or dropped). Each loss of quorum is an episode:
//   lost, regained, caught up (lost again before it caught up, the episode
//   goes on and is regained anew).
// - Conflicts: a write keeps its item "being modified" by its region for its
//   conflict window (its quorum round trip, or table.write_conflict_window);
//   a write from another region to the item within that window, ends
//   included, fails with ReplicatedWriteConflictException. Writes of one
//   region never conflict with each other.
//
// Invariants: the witness is never refused nor asked for a peer; a region
// catching up has a quorum peer; catch_up_left counts down only writes with
// an id below the threshold taken when the catch-up began.
//
// Determinism: the only draws are the round trips, from the group's stream
// "quorum/<region>/<group>" (a region's scripted writes: its stream
// "quorum/<region>" of tests), one pair of link samples per write or strong
// read that has a peer, in the order the World asks; ranks depend on names
// and latency models only.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/key_values.h"
#include "model/run_result.h"
#include "model/scenario.h"
#include "sim/distribution.h"
#include "sim/random.h"
#include "sim/time.h"

namespace model {

class StrongConsistency {
 public:
  static constexpr size_t kNone = SIZE_MAX;
  enum class Refusal : uint8_t { kNone, kNoQuorum, kCatchingUp };

  StrongConsistency(const Scenario& scenario, const std::vector<std::string>& region_names);

  bool enabled() const { return enabled_; }
  bool is_witness(size_t region) const { return config_.is_witness(region); }

  // Ranks. Re-ranks every region by `median_rtt_ns(a, b)`, the median round
  // trip a -> b -> a of the links as they are now.
  template <class Rtt>
  void rank(Rtt&& median_rtt_ns);
  // The other participants of `region`, nearest first.
  const std::vector<size_t>& by_distance(size_t region) const { return ranked_[region]; }

  // Availability. After any change of who reaches whom, `reaches(a, b)` is
  // whether region a reaches participant b now, and `serves(a)` whether a's
  // replica can take part at all (it replicates, it is in the group).
  // A region that gets a peer back starts catching up with `inbound(a)`
  // writes bound for it, those with an id below `next_write_id`.
  template <class Reaches, class Serves, class Inbound>
  void refresh(sim::Instant now, uint64_t next_write_id, Reaches&& reaches, Serves&& serves, Inbound&& inbound);
  Refusal refusal(size_t region) const {
    if (peer_[region] == kNone) return Refusal::kNoQuorum;
    return catch_up_left_[region] > 0 ? Refusal::kCatchingUp : Refusal::kNone;
  }
  // The participant acknowledging `region`'s requests. REQUIRES: a peer.
  size_t peer(size_t region) const { return peer_[region]; }
  // A write bound for `region` was applied there or dropped.
  void settled(size_t region, uint64_t write_id, sim::Instant now) {
    if (catch_up_left_[region] == 0 || write_id >= catch_up_below_[region]) return;
    if (--catch_up_left_[region] == 0) caught_up(region, now);
  }

  // The round trip of one request of `group` to its region's peer, over
  // links taking `there` and `back`; `group` may also be scripted(region),
  // the stream of a region's scripted writes.
  size_t scripted(size_t region) const { return group_count_ + region; }
  sim::Duration round_trip(size_t group, const sim::LatencyModel& there, const sim::LatencyModel& back) {
    sim::Rng& rng = rngs_[group];
    const sim::Duration out = there.sample(rng);
    return out + back.sample(rng);
  }

  // Conflicts. The region modifying `key` at `now` if it is not `region`, else kNone.
  size_t modifying(uint64_t key, size_t region, sim::Instant now) const {
    const ConflictWindow window = windows_.get(key);
    return window.holder != region && now.ns() <= window.end_ns ? window.holder : kNone;
  }
  // A write of `region` to `key` at `now` whose quorum round trip is `round_trip`.
  void modify(uint64_t key, size_t region, sim::Instant now, sim::Duration round_trip);

  // Counts, by cause (the World has refused or failed the request).
  void refused(size_t region, Refusal why);
  void conflicted(size_t region, size_t holder) {
    ++regions_[region].write_conflicts;
    ++pair_conflicts_[region * region_count_ + holder];
  }
  void conflict_error(size_t region) { ++regions_[region].conflict_errors; }

  // The measured figures at `end`.
  StrongConsistencyResult result(sim::Instant end) const;

 private:
  void caught_up(size_t region, sim::Instant now);

  bool enabled_;
  ConsistencyConfig config_;
  size_t region_count_;
  std::vector<std::string> names_;
  std::vector<std::vector<size_t>> ranked_;   // per region
  std::vector<size_t> peer_;                  // per region: kNone without a quorum
  std::vector<uint64_t> catch_up_left_;       // per region
  std::vector<uint64_t> catch_up_below_;      // per region: the write id threshold
  std::vector<size_t> open_episode_;          // per region: into episodes_, or kNone
  size_t group_count_ = 0;
  std::vector<sim::Rng> rngs_;                // per client group, then per region (scripted writes)
  struct ConflictWindow {
    int64_t end_ns = INT64_MIN;  // the end of the item's window (INT64_MIN: none)
    uint8_t holder = 0;          // the region whose write opened it
  };
  KeyValues<ConflictWindow> windows_;         // per key touched
  std::vector<StrongConsistencyRegion> regions_;
  std::vector<uint64_t> pair_conflicts_;      // [writer * regions + holder]
  std::vector<QuorumEpisode> episodes_;
};

template <class Rtt>
void StrongConsistency::rank(Rtt&& median_rtt_ns) {
  for (size_t a = 0; a < region_count_; ++a) {
    std::vector<size_t>& order = ranked_[a];
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      const double rx = median_rtt_ns(a, x), ry = median_rtt_ns(a, y);
      return rx != ry ? rx < ry : names_[x] < names_[y];
    });
  }
}

template <class Reaches, class Serves, class Inbound>
void StrongConsistency::refresh(sim::Instant now, uint64_t next_write_id, Reaches&& reaches, Serves&& serves,
                                Inbound&& inbound) {
  for (size_t a = 0; a < region_count_; ++a) {
    if (is_witness(a)) continue;
    size_t peer = kNone;
    if (serves(a)) {
      for (const size_t b : ranked_[a]) {
        if (reaches(a, b)) {
          peer = b;
          break;
        }
      }
    }
    const bool had = peer_[a] != kNone;
    peer_[a] = peer;
    if (had && peer == kNone) {  // lost: refused until regained and caught up
      catch_up_left_[a] = 0;
      if (open_episode_[a] == kNone) {
        open_episode_[a] = episodes_.size();
        episodes_.push_back(QuorumEpisode{names_[a], now.ns(), -1, -1, 0});
      } else {  // lost again while catching up: one episode, regained anew later
        episodes_[open_episode_[a]].regained_ns = -1;
      }
    } else if (!had && peer != kNone && open_episode_[a] != kNone) {  // regained: catch up
      QuorumEpisode& episode = episodes_[open_episode_[a]];
      episode.regained_ns = now.ns();
      episode.catch_up_writes = static_cast<uint64_t>(inbound(a));
      catch_up_left_[a] = episode.catch_up_writes;
      catch_up_below_[a] = next_write_id;
      if (catch_up_left_[a] == 0) caught_up(a, now);
    }
  }
}

}  // namespace model
