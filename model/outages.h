// Outages: which regions are out, how (OutageConfig: scope, cause, the
// share of requests that fail, the latency multiplier), and how far each
// recovery has come.
//
// A region in an outage of scope `full` accepts and replicates nothing
// until it recovers; `endpoint` fails its clients' requests while its
// replica goes on replicating in and out; `replication` serves its clients
// while nothing replicates into or out of it (the World asks requests_fail(),
// replicates() and processes() and acts accordingly). A partial outage fails
// only a share of the requests. Its writes held back when it failed are at
// risk (none for `endpoint`); it has drained once they are all applied
// everywhere and its backlog of replicated writes waiting for capacity is
// empty for the first time after the recovery (docs/design.md). The
// measured figures are the RunRecorder's outage records; this keeps the
// state that decides them.
//
// Invariants, per region: latest(r) is kNoRecord until its first outage,
// then the record of its latest one; it drains only while up after a
// recovery, and at most once per recovery; the at-risk count left counts
// down from the at-risk writes at its latest failure.
//
// Determinism: whether a request fails in a partial outage is drawn from
// the region's own stream "outages/<region>", once per request sent there
// while the share is strictly between 0 and 1, in the order the World asks;
// no clock, no hashed container.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/run_recorder.h"
#include "model/scenario.h"
#include "sim/int128.h"
#include "sim/random.h"

namespace model {

class Outages {
 public:
  Outages(uint64_t seed, const std::vector<std::string>& region_names);

  // In an outage of any scope or cause.
  bool down(size_t region) const { return state_[region] != 0; }
  const OutageConfig& config(size_t region) const { return configs_[region]; }
  // Replication into and out of the region goes on (no outage, or `endpoint`).
  bool replicates(size_t region) const { return (state_[region] & kNoReplication) == 0; }
  // Its replica works inside the region (TTL process): not a `full` outage.
  bool processes(size_t region) const { return (state_[region] & kFull) == 0; }
  // Whether a client request sent to the region now fails for the outage.
  bool request_fails(size_t region) {
    if ((state_[region] & kRequestsFail) == 0) return false;
    if (fail_below_[region] >= kAll) return true;
    return rngs_[region].next_u64() < fail_below_[region];
  }
  // What the service response time of a request it serves is multiplied by
  // (1 outside an outage). The client latency model applies it.
  double latency_multiplier(size_t region) const {
    return down(region) ? configs_[region].latency_multiplier : 1.0;
  }
  // The record of the region's latest outage, or kNoRecord.
  size_t latest(size_t region) const { return latest_[region]; }

  // `region` fails now as `config` says; `record` is its outage's; `at_risk`
  // of its writes were held back, not yet applied everywhere.
  void fail(size_t region, const OutageConfig& config, size_t record, uint64_t at_risk);
  void recover(size_t region) {
    state_[region] = 0;
    fail_below_[region] = 0;
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
  static constexpr sim::UInt128 kAll = static_cast<sim::UInt128>(1) << 64;
  // state_ bits: one byte per region that the hot paths read (a request,
  // an admission, a poll).
  static constexpr uint8_t kDown = 1, kRequestsFail = 2, kNoReplication = 4, kFull = 8;

  std::vector<uint8_t> state_;
  std::vector<OutageConfig> configs_;
  std::vector<sim::UInt128> fail_below_;  // requests fail when a draw is below this, out of 2^64
  std::vector<sim::Rng> rngs_;
  std::vector<size_t> latest_;
  std::vector<uint64_t> at_risk_left_;
  std::vector<uint8_t> draining_;
};

}  // namespace model
