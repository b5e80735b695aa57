// Clients: the client side of a run: its client groups, where their requests
// go, the retries in progress and the sessions' read-backs.
//
// It owns, per client group (groups are numbered in scenario order: regions
// in order, each region's workload in order): the request generator
// (ClientGroup), its routing after a traffic shift, its client instances and
// their retry quotas (ClientRetry), and
// whether its sessions read their writes back elsewhere; how long the
// service takes to answer it (table.service_latency, times the serving
// region's outage latency multiplier) and the round trip to a region other
// than its home (docs/model.md, "Latency clients see"); and the slots of
// the retries and session read-backs waiting in the event queue, reused
// through free lists (an event names its slot). It also holds the scripted
// requests of tests and studies. It decides nothing about capacity or
// replicas: the World serves what it sends.
//
// Invariants: a group's home is the region of its workload; route() returns
// its home until a shift moves a share of its requests; a retry or session
// slot is live from start_retry() / redirect_session() until end_retry() /
// take_session_read(); session indices count the groups with sessions in
// group order, as the RunRecorder lists them.
//
// Determinism: every draw comes from the group's own named streams,
// "routing/<region>/<group>", "retry/<region>/<group>",
// "sessions/<region>/<group>", "service-latency/<region>/<group>" and
// "client-network/<region>/<group>" (the generator's are ClientGroup's), in
// the order the World asks; nothing here reads a clock or iterates a hashed
// container. Not copyable or movable: the generators point into it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/client_group.h"
#include "model/client_retry.h"
#include "model/key_sampler.h"
#include "model/operation.h"
#include "model/scenario.h"
#include "sim/int128.h"
#include "sim/random.h"
#include "sim/time.h"

namespace model {

// A client request being retried: what it does and how far it got.
struct RetryState {
  uint32_t group;
  uint16_t target;        // the region it was sent to
  int attempts;           // made so far
  uint32_t instance;      // the group's client instance that sends it
  int64_t first_attempt_ns;
};

// A session's read-back of its own write, waiting for its redirect delay.
struct SessionRead {
  uint32_t session;       // index into the result's sessions
  uint32_t delay;         // index into its delays
  uint32_t sequence;      // the write's per-item sequence number
  uint16_t home;          // where it was written
};

// A request at a given true time, served without capacity checks.
struct ScriptedWrite {
  size_t region;
  sim::Instant at;
  uint64_t key;
  Operation op;
};

class Clients {
 public:
  // REQUIRES: `scenario` outlives this (the generators sample its item sizes).
  Clients(const Scenario& scenario, const std::vector<std::string>& region_names, sim::Instant stop);
  Clients(const Clients&) = delete;
  Clients& operator=(const Clients&) = delete;

  size_t group_count() const { return groups_.size(); }
  uint16_t home(size_t group) const { return home_[group]; }
  const ClientGroupConfig& config(size_t group) const { return *configs_[group]; }

  // The group's request generator (arrivals, what each request does, sizes).
  std::optional<sim::Instant> first_arrival(size_t group) { return groups_[group].first_arrival(); }
  std::optional<sim::Instant> next_arrival(size_t group, sim::Instant now) {
    return groups_[group].next_arrival(now);
  }
  Request next_request(size_t group) { return groups_[group].next_request(); }
  // The group's newest request drawn (ClientGroup::newest_drawn).
  const Request& newest_drawn(size_t group) const { return groups_[group].newest_drawn(); }
  uint32_t next_item_size(size_t group) { return groups_[group].next_item_size(); }

  // Which region a request of `group` goes to: its own, or, after a traffic
  // shift, the shift's target for the shifted share of requests.
  size_t route(size_t group) {
    const size_t home = home_[group];
    if (route_to_[group] == home) return home;
    const sim::UInt128 all = static_cast<sim::UInt128>(1) << 64;
    if (route_below_[group] >= all) return route_to_[group];
    return route_rngs_[group].next_u64() < route_below_[group] ? route_to_[group] : home;
  }
  // From now on `fraction` (0..1) of the requests of `region`'s groups go to `to`.
  void shift_traffic(size_t region, size_t to, double fraction);

  // Latency. How long a replica takes to answer an admitted `op` of `group`:
  // the scenario's service latency times `multiplier` (the serving region's
  // Outages::latency_multiplier: 1 outside a partial outage that slows it).
  sim::Duration service_time(size_t group, Operation op, double multiplier) {
    const sim::Duration base = service_latency_[op].sample(service_rngs_[group]);
    if (multiplier == 1.0) return base;
    return sim::Duration::nanoseconds(static_cast<int64_t>(std::min(
        static_cast<double>(base.ns()) * multiplier, static_cast<double>(sim::LatencyModel::kLatencyMax.ns()))));
  }
  // One round trip of `group`'s request from its home to another region and
  // back, over links taking `there` and `back`.
  sim::Duration round_trip(size_t group, const sim::LatencyModel& there, const sim::LatencyModel& back) {
    sim::Rng& rng = network_rngs_[group];
    const sim::Duration out = there.sample(rng);
    return out + back.sample(rng);
  }

  // Retries, by the group's client instances: each new request is sent by
  // the next instance in turn, which keeps it for its retries and spends its
  // own quota on them. The first retry of a request takes a slot (one
  // attempt made).
  uint32_t next_instance(size_t group) { return retry_budgets_[group].next_instance(); }
  bool allow_retry(size_t group, uint32_t instance, int next_attempt) {
    return retry_budgets_[group].allow_retry(instance, next_attempt);
  }
  void on_success(size_t group, uint32_t instance, int attempts) {
    retry_budgets_[group].on_success(instance, attempts);
  }
  uint32_t start_retry(size_t group, size_t target, uint32_t instance, int64_t first_attempt_ns);
  const RetryState& retry(uint32_t slot) const { return retries_[slot]; }
  // The wait before the slot's next attempt, which it counts as made.
  sim::Duration next_backoff(uint32_t slot) {
    RetryState& state = retries_[slot];
    const sim::Duration wait = retry_budgets_[state.group].backoff(state.attempts, retry_rngs_[state.group]);
    ++state.attempts;
    return wait;
  }
  void end_retry(uint32_t slot) { retry_free_.push_back(slot); }

  // Sessions. After a session's write to `home`, maybe its next read goes
  // to the read region after one of the delays: the slot to read it back.
  bool has_sessions(size_t group) const { return session_[group] >= 0; }
  struct Redirect {
    uint32_t slot;
    sim::Duration delay;
    size_t read_region;
  };
  std::optional<Redirect> redirect_session(size_t group, size_t home, uint32_t sequence);
  SessionRead take_session_read(uint32_t slot) {
    session_free_.push_back(slot);
    return session_reads_[slot];
  }

  // Scripted requests, in the order they were added.
  void add_scripted(const ScriptedWrite& write) { scripted_.push_back(write); }
  const std::vector<ScriptedWrite>& scripted() const { return scripted_; }

 private:
  KeySampler keys_;
  std::vector<ClientGroup> groups_;
  std::vector<const ClientGroupConfig*> configs_;
  std::vector<uint16_t> home_;
  std::vector<uint16_t> route_to_;             // per group
  std::vector<sim::UInt128> route_below_;      // per group: share moved, out of 2^64
  std::vector<sim::Rng> route_rngs_;           // per group
  ServiceLatencyConfig service_latency_;
  std::vector<sim::Rng> service_rngs_;         // per group
  std::vector<sim::Rng> network_rngs_;         // per group
  std::vector<sim::Rng> retry_rngs_;           // per group
  std::vector<ClientRetry> retry_budgets_;     // per group: its instances' quotas
  std::vector<int32_t> session_;               // per group: index into the result's sessions, or -1
  std::vector<sim::Rng> session_rngs_;         // per group
  std::vector<SessionRead> session_reads_;     // slots, reused through session_free_
  std::vector<uint32_t> session_free_;
  std::vector<RetryState> retries_;            // slots, reused through retry_free_
  std::vector<uint32_t> retry_free_;
  std::vector<ScriptedWrite> scripted_;
};

}  // namespace model
