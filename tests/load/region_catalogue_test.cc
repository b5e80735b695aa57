#include "load/region_catalogue.h"

#include <catch2/catch.hpp>

namespace load {
namespace {

using sim::Duration;

TEST_CASE("region_catalogue: measured RTTs (CloudPing 2024-04-19)") {
  CHECK(catalogue_rtt("us-east-1", "eu-west-1") == Duration::milliseconds(70));
  CHECK(catalogue_rtt("us-east-1", "us-east-2") == Duration::milliseconds(14));
  CHECK(catalogue_rtt("ap-southeast-1", "sa-east-1") == Duration::milliseconds(333));
  CHECK(catalogue_rtt("eu-west-1", "eu-central-1") == Duration::milliseconds(27));
  CHECK(catalogue_rtt("ap-northeast-1", "ap-northeast-3") == Duration::milliseconds(10));
  CHECK(catalogue_rtt("eu-central-1", "eu-west-3") == Duration::milliseconds(13));
}

TEST_CASE("region_catalogue: every pair is symmetric") {
  for (const std::string& a : catalogue_region_names()) {
    for (const std::string& b : catalogue_region_names()) {
      CHECK(catalogue_rtt(a, b) == catalogue_rtt(b, a));
    }
  }
}

TEST_CASE("region_catalogue: the 9x9 matrix is complete, extra regions are partial") {
  const auto& names = catalogue_region_names();
  REQUIRE(names.size() == 13);
  CHECK(names.front() == "us-east-1");
  CHECK(names.back() == "eu-west-3");
  for (size_t i = 0; i < 9; ++i) {
    for (size_t j = 0; j < 9; ++j) {
      CHECK(catalogue_rtt(names[i], names[j]).has_value() == (i != j));
    }
  }
  CHECK_FALSE(catalogue_rtt("us-east-1", "eu-west-2").has_value());
}

TEST_CASE("region_catalogue: unknown names and a region with itself have no RTT") {
  CHECK_FALSE(catalogue_rtt("us-east-1", "us-east-1").has_value());
  CHECK_FALSE(catalogue_rtt("us-esat-1", "eu-west-1").has_value());
  CHECK_FALSE(catalogue_rtt("", "").has_value());
}

}  // namespace
}  // namespace load
