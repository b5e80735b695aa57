// Outages: which regions are down, and how far each recovery has come.
//
// A region that fails accepts and replicates nothing until it recovers (the
// World refuses its requests and holds its stream and inbound records). Its
// writes not yet applied everywhere when it failed are at risk; it has
// drained once they all are and its backlog of replicated writes waiting for
// capacity is empty for the first time after the recovery (docs/design.md).
// The measured figures are the RunRecorder's outage records; this keeps the
// state that decides them.
//
// Invariants, per region: latest(r) is kNoRecord until its first failure,
// then the record of its latest outage; it drains only while up after a
// recovery, and at most once per recovery; the at-risk count left counts
// down from the at-risk writes at its latest failure.
//
// Determinism: plain state, no randomness, no clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/run_recorder.h"

namespace model {

class Outages {
 public:
  explicit Outages(size_t region_count)
      : down_(region_count, 0),
        latest_(region_count, kNoRecord),
        at_risk_left_(region_count, 0),
        draining_(region_count, 0) {}

  bool down(size_t region) const { return down_[region] != 0; }
  // The record of the region's latest outage, or kNoRecord.
  size_t latest(size_t region) const { return latest_[region]; }

  // `region` fails now; `record` is its outage's; `at_risk` of its writes
  // were not yet applied everywhere.
  void fail(size_t region, size_t record, uint64_t at_risk) {
    down_[region] = 1;
    latest_[region] = record;
    at_risk_left_[region] = at_risk;
    draining_[region] = 0;
  }
  void recover(size_t region) {
    down_[region] = 0;
    draining_[region] = 1;
  }
  // One of `origin`'s at-risk writes has reached its last replica.
  void at_risk_delivered(size_t origin) { --at_risk_left_[origin]; }
  // True once, when recovered `region` has delivered its at-risk writes and
  // `backlog_empty`: its drain ends now.
  bool end_drain(size_t region, bool backlog_empty) {
    if (!draining_[region] || at_risk_left_[region] > 0 || !backlog_empty) return false;
    draining_[region] = 0;
    return true;
  }

 private:
  std::vector<uint8_t> down_;
  std::vector<size_t> latest_;
  std::vector<uint64_t> at_risk_left_;
  std::vector<uint8_t> draining_;
};

}  // namespace model
