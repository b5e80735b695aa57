// Tests for model/random_streams.h: every stream name is spelt exactly as
// the golden reports were made with (a stream's name seeds it, so a changed
// letter moves every figure drawn from it).
#include "model/random_streams.h"

#include <catch2/catch.hpp>

TEST_CASE("Random streams: a client group's four workload streams") {
  using model::WorkloadDraw;
  CHECK(model::workload_stream("eu-west-1", "web", WorkloadDraw::kArrivals) == "workload/eu-west-1/web/arrivals");
  CHECK(model::workload_stream("eu-west-1", "web", WorkloadDraw::kOps) == "workload/eu-west-1/web/ops");
  CHECK(model::workload_stream("eu-west-1", "web", WorkloadDraw::kKeys) == "workload/eu-west-1/web/keys");
  CHECK(model::workload_stream("eu-west-1", "0", WorkloadDraw::kSizes) == "workload/eu-west-1/0/sizes");
}

TEST_CASE("Random streams: a client group's routing, retry and session streams") {
  CHECK(model::routing_stream("us-east-1", "web") == "routing/us-east-1/web");
  CHECK(model::retry_stream("us-east-1", "web") == "retry/us-east-1/web");
  CHECK(model::sessions_stream("us-east-1", "web") == "sessions/us-east-1/web");
}

TEST_CASE("Random streams: a client group's service latency and round-trip streams") {
  CHECK(model::service_latency_stream("us-east-1", "web") == "service-latency/us-east-1/web");
  CHECK(model::client_network_stream("us-east-1", "web") == "client-network/us-east-1/web");
}

TEST_CASE("Random streams: replication, network and TTL streams") {
  CHECK(model::poll_phase_stream("ap-south-1") == "replication/ap-south-1/poll-phase");
  CHECK(model::network_stream("us-east-1", "eu-west-1") == "network/us-east-1->eu-west-1");
  CHECK(model::apply_stream("us-east-1", "eu-west-1") == "replication/apply/us-east-1->eu-west-1");
  CHECK(model::ttl_stream("eu-west-1") == "ttl/eu-west-1");
}
