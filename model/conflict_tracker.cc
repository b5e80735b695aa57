#include "model/conflict_tracker.h"

#include <algorithm>

namespace model {
namespace {

void keep_example(std::vector<ConflictExample>& examples, const ConflictExample& example) {
  if (examples.size() < kExamplesMax) examples.push_back(example);
}

}  // namespace

ConflictTracker::ConflictTracker(std::vector<std::string> region_names)
    : region_names_(std::move(region_names)), clobbered_from_(region_names_.size(), 0) {}

void ConflictTracker::concurrent_arrival(WriteTable& writes, WriteSlot write, size_t replica,
                                         uint32_t own_writes_to_key) {
  const uint32_t known = writes.knowledge(write)[replica];
  concurrent_pairs_twice_ += own_writes_to_key - known;
  WriteRecord& record = writes[write];
  if (!(record.flags & WriteRecord::kConcurrent)) {
    record.flags |= WriteRecord::kConcurrent;
    ++result_.concurrent_writes;
  }
}

void ConflictTracker::unordered_decision(WriteTable& writes, WriteSlot winner, WriteSlot loser,
                                         size_t replica, sim::Instant now) {
  WriteRecord& lost = writes[loser];
  const WriteRecord& won = writes[winner];
  if (writes.knew(loser, winner)) {
    if (!(lost.flags & WriteRecord::kCausalInversion)) {
      lost.flags |= WriteRecord::kCausalInversion;
      ++result_.causal_inversions;
      keep_example(result_.causal_inversion_examples, example(writes, winner, loser, replica, now));
    }
    return;
  }
  // Concurrent: neither origin had seen the other.
  if (result_.concurrent_examples.size() < kExamplesMax) {
    const bool seen = std::any_of(
        result_.concurrent_examples.begin(), result_.concurrent_examples.end(),
        [&](const ConflictExample& e) { return e.loser.id == lost.id && e.winner.id == won.id; });
    if (!seen) result_.concurrent_examples.push_back(example(writes, winner, loser, replica, now));
  }
  if (lost.flags & WriteRecord::kClobbered) return;
  lost.flags |= WriteRecord::kClobbered;
  ++result_.clobbered;
  ++clobbered_from_[lost.origin];
  keep_example(result_.clobbered_examples, example(writes, winner, loser, replica, now));
  if (lost.issued_ns > won.issued_ns) {
    lost.flags |= WriteRecord::kSkewInversion;
    ++result_.skew_inversions;
    keep_example(result_.skew_inversion_examples, example(writes, winner, loser, replica, now));
  }
}

ConflictResult ConflictTracker::result() const {
  ConflictResult result = result_;
  result.concurrent_pairs = concurrent_pairs_twice_ / 2;
  return result;
}

WriteSummary ConflictTracker::summary(const WriteRecord& write) const {
  return WriteSummary{write.id, region_names_[write.origin], write.op, write.issued_ns,
                      write.timestamp_ns};
}

ConflictExample ConflictTracker::example(const WriteTable& writes, WriteSlot winner,
                                         WriteSlot loser, size_t replica, sim::Instant now) const {
  return ConflictExample{writes[loser].key, region_names_[replica], now.ns(),
                         summary(writes[loser]), summary(writes[winner])};
}

}  // namespace model
