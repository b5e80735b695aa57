// Client retries of throttled requests, as the AWS SDKs do them
// (docs/sources.md, Throttling and retries). Standard mode: at most
// max_attempts attempts; before retry n (1-based) the client waits
// random(0,1) * min(base * 2^(n-1), max_backoff); each retry spends
// retry_cost tokens of a quota of quota_tokens (no tokens, no retry), and a
// success refunds retry_cost if it was retried, success_refund if not.
// Legacy mode: 10 retries, no quota. One quota per client group.
#pragma once

#include <algorithm>
#include <cstdint>

#include "model/scenario.h"
#include "sim/random.h"
#include "sim/time.h"

namespace model {

class ClientRetry {
 public:
  explicit ClientRetry(const RetryConfig& config) : config_(config), quota_(config.quota_tokens) {}

  // May attempt number `next_attempt` (2 = the first retry) happen? Spends quota if so.
  bool allow_retry(int next_attempt) {
    if (next_attempt > config_.max_attempts) return false;
    if (config_.quota_tokens == 0) return true;
    if (quota_ < config_.retry_cost) return false;
    quota_ -= config_.retry_cost;
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

  void on_success(int attempts) {
    if (config_.quota_tokens == 0) return;
    quota_ = std::min(config_.quota_tokens, quota_ + (attempts > 1 ? config_.retry_cost : config_.success_refund));
  }

  const RetryConfig& config() const { return config_; }

 private:
  RetryConfig config_;
  int64_t quota_;
};

}  // namespace model
