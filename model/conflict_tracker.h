// ConflictTracker: turns LWW comparisons into the conflict figures of docs/design.md ("What the figures mean").
//
// Every time a replica compares an incoming write with the version it holds,
// the tracker is told who won. From the writes' knowledge vectors
// (WriteTable::knew) it classifies the loser:
//   - concurrent with the winner (neither origin had seen the other): the
//     loser is clobbered; a skew inversion too if it was issued later in true
//     time than its winner;
//   - it had seen the winner and still lost (its clock was behind): a causal
//     inversion;
//   - the winner had seen it: an ordinary overwrite, nothing to count.
// Each write is counted at most once per category, however many replicas see
// it lose. Concurrent pairs are counted where they can all be seen: when a
// write reaches a replica, every write that replica's region issued to the
// item since the last one the incoming write's origin knew is concurrent with
// it; each pair is seen twice (once at each end), so the count is halved.
// Examples are the first kExamplesMax met, in event order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/run_result.h"
#include "model/write_table.h"
#include "sim/time.h"

namespace model {

class ConflictTracker {
 public:
  explicit ConflictTracker(std::vector<std::string> region_names);

  // A replicated `write` arrived at `replica`, whose own region had issued
  // `own_writes_to_key` writes to the item so far.
  // Inline: the usual arrival, one its replica's writes had all been known
  // to, is one compare.
  void on_arrival(WriteTable& writes, WriteSlot write, size_t replica, uint32_t own_writes_to_key) {
    if (own_writes_to_key <= writes.knowledge(write)[replica]) return;
    concurrent_arrival(writes, write, replica, own_writes_to_key);
  }

  // `replica` kept `winner` over `loser` (either may be the incoming write).
  // Inline: the usual decision, an ordinary overwrite, is one compare.
  void on_decided(WriteTable& writes, WriteSlot winner, WriteSlot loser, size_t replica,
                  sim::Instant now) {
    if (writes.knew(winner, loser)) return;
    unordered_decision(writes, winner, loser, replica, now);
  }

  void count_write() { ++result_.writes; }
  // The writes of `origin` counted clobbered.
  uint64_t clobbered_from(size_t origin) const { return clobbered_from_[origin]; }

  ConflictResult result() const;

 private:
  void concurrent_arrival(WriteTable& writes, WriteSlot write, size_t replica, uint32_t own_writes_to_key);
  // A decision between writes the winner did not know of.
  void unordered_decision(WriteTable& writes, WriteSlot winner, WriteSlot loser, size_t replica, sim::Instant now);
  ConflictExample example(const WriteTable& writes, WriteSlot winner, WriteSlot loser,
                          size_t replica, sim::Instant now) const;
  WriteSummary summary(const WriteRecord& write) const;

  std::vector<std::string> region_names_;
  ConflictResult result_;
  std::vector<uint64_t> clobbered_from_;  // per origin region
  uint64_t concurrent_pairs_twice_ = 0;
};

}  // namespace model
