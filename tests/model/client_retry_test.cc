#include <catch2/catch.hpp>

#include "model/client_retry.h"

using model::ClientRetry;
using model::RetryConfig;

TEST_CASE("Retries: standard mode makes at most 3 attempts, backoff below min(base 2^(n-1), 20 s)") {
  ClientRetry retry(RetryConfig{});
  CHECK(retry.allow_retry(2));
  CHECK(retry.allow_retry(3));
  CHECK_FALSE(retry.allow_retry(4));
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
  ClientRetry retry(RetryConfig{});
  int allowed = 0;
  for (int i = 0; i < 200; ++i) allowed += retry.allow_retry(2) ? 1 : 0;
  CHECK(allowed == 100);
  retry.on_success(1);  // a first-try success refunds 1 token: not enough for a retry
  CHECK_FALSE(retry.allow_retry(2));
  retry.on_success(2);  // a retried success refunds the retry's 5
  retry.on_success(1);
  CHECK(retry.allow_retry(2));
}

TEST_CASE("Retries: legacy mode makes 11 attempts and has no quota") {
  ClientRetry retry(RetryConfig::legacy());
  for (int i = 0; i < 1000; ++i) REQUIRE(retry.allow_retry(11));
  CHECK_FALSE(retry.allow_retry(12));
}
