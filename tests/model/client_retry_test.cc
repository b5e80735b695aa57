#include <catch2/catch.hpp>

#include "model/client_retry.h"

using model::ClientRetry;
using model::RetryConfig;

TEST_CASE("Retries: standard mode makes at most 3 attempts, backoff below min(base 2^(n-1), 20 s)") {
  ClientRetry retry(RetryConfig{}, 1);
  CHECK(retry.allow_retry(0, 2));
  CHECK(retry.allow_retry(0, 3));
  CHECK_FALSE(retry.allow_retry(0, 4));
  sim::Rng rng(9);
  for (int n = 1; n <= 8; ++n) {
    const int64_t cap = std::min<int64_t>(1'000'000'000LL << (n - 1), 20'000'000'000LL);
    for (int i = 0; i < 1000; ++i) {
      const int64_t wait = retry.backoff(n, rng).ns();
      CHECK(wait >= 0);
      CHECK(wait < cap);
    }
  }
}

TEST_CASE("Retries: the quota of 500 tokens allows 100 retries, refilled by successes") {
  ClientRetry retry(RetryConfig{}, 1);
  int allowed = 0;
  for (int i = 0; i < 200; ++i) allowed += retry.allow_retry(0, 2) ? 1 : 0;
  CHECK(allowed == 100);
  retry.on_success(0, 1);  // a first-try success refunds 1 token: not enough for a retry
  CHECK_FALSE(retry.allow_retry(0, 2));
  retry.on_success(0, 2);  // a retried success refunds the retry's 5
  retry.on_success(0, 1);
  CHECK(retry.allow_retry(0, 2));
}

TEST_CASE("Retries: legacy mode makes 11 attempts and has no quota") {
  ClientRetry retry(RetryConfig::legacy(), 1);
  for (int i = 0; i < 1000; ++i) REQUIRE(retry.allow_retry(0, 11));
  CHECK_FALSE(retry.allow_retry(0, 12));
}

TEST_CASE("Retries: each client instance has its own quota of 500 tokens; requests go to the instances in turn") {
  ClientRetry retry(RetryConfig{}, 4);
  CHECK(retry.instances() == 4);
  for (uint32_t i = 0; i < 9; ++i) CHECK(retry.next_instance() == i % 4);
  // Instance 2 spends its 100 retries; the others still have all of theirs.
  int allowed = 0;
  for (int i = 0; i < 200; ++i) allowed += retry.allow_retry(2, 2) ? 1 : 0;
  CHECK(allowed == 100);
  CHECK(retry.quota(2) == 0);
  for (const uint32_t other : {0u, 1u, 3u}) CHECK(retry.quota(other) == 500);
  // A retried success refunds its own instance only.
  retry.on_success(2, 2);
  CHECK(retry.quota(2) == 5);
  CHECK(retry.quota(1) == 500);
}
