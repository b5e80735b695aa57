// Client retries of throttled requests, as the AWS SDKs do them
// (docs/sources.md, Throttling and retries), for one client group's fleet of
// client instances. Standard mode: at most max_attempts attempts; before
// retry n (1-based) the client waits random(0,1) * min(base * 2^(n-1),
// max_backoff); each retry spends retry_cost tokens of its instance's quota
// of quota_tokens (no tokens, no retry), and a success refunds retry_cost to
// it if it was retried, success_refund if not. Legacy mode: 10 retries, no
// quota.
//
// The quota belongs to one SDK client, so each of the group's `instances`
// has its own (docs/model.md); the group's requests are sent by its
// instances in turn (round robin), and a request keeps its instance for its
// retries.
//
// Determinism: no randomness of its own (the backoff draws from the caller's
// stream); instances are taken in a fixed rotation.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "model/scenario.h"
#include "sim/assert.h"
#include "sim/random.h"
#include "sim/time.h"

namespace model {

class ClientRetry {
 public:
  ClientRetry(const RetryConfig& config, uint32_t instances)
      : config_(config), quotas_(instances, config.quota_tokens) {
    GTSIM_ASSERT(instances >= 1);
  }

  // The instance that sends the group's next request.
  uint32_t next_instance() {
    const uint32_t instance = next_;
    next_ = next_ + 1 == quotas_.size() ? 0 : next_ + 1;
    return instance;
  }

  // May `instance` make attempt number `next_attempt` (2 = the first retry)? Spends its quota if so.
  bool allow_retry(uint32_t instance, int next_attempt) {
    if (next_attempt > config_.max_attempts) return false;
    if (config_.quota_tokens == 0) return true;
    int64_t& quota = quotas_[instance];
    if (quota < config_.retry_cost) return false;
    quota -= config_.retry_cost;
    return true;
  }

  // The wait before retry number `retry` (1 = the first retry).
  sim::Duration backoff(int retry, sim::Rng& rng) const {
    const int64_t base = config_.base.ns();
    const int shift = std::min(retry - 1, 40);
    const int64_t cap = config_.max_backoff.ns();
    const int64_t ceiling = (base > (cap >> shift)) ? cap : std::min(cap, base << shift);
    return sim::Duration::nanoseconds(static_cast<int64_t>(rng.uniform01() * static_cast<double>(ceiling)));
  }

  void on_success(uint32_t instance, int attempts) {
    if (config_.quota_tokens == 0) return;
    int64_t& quota = quotas_[instance];
    quota = std::min(config_.quota_tokens, quota + (attempts > 1 ? config_.retry_cost : config_.success_refund));
  }

  const RetryConfig& config() const { return config_; }
  uint32_t instances() const { return static_cast<uint32_t>(quotas_.size()); }
  int64_t quota(uint32_t instance) const { return quotas_[instance]; }

 private:
  RetryConfig config_;
  std::vector<int64_t> quotas_;   // per instance
  uint32_t next_ = 0;
};

}  // namespace model
