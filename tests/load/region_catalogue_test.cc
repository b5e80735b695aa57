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
  // The regions added from the same matrix (mean of the two directed means, rounded).
  CHECK(catalogue_rtt("us-east-1", "us-west-1") == Duration::milliseconds(62));     // (62.15 + 61.30) / 2
  CHECK(catalogue_rtt("us-east-1", "ca-central-1") == Duration::milliseconds(16));  // (16.26 + 16.64) / 2
  CHECK(catalogue_rtt("eu-west-1", "eu-north-1") == Duration::milliseconds(43));    // (42.54 + 42.88) / 2
  CHECK(catalogue_rtt("ap-south-1", "ap-southeast-1") == Duration::milliseconds(59));
  CHECK(catalogue_rtt("ap-east-1", "sa-east-1") == Duration::milliseconds(317));
  CHECK(catalogue_rtt("us-east-1", "eu-west-2") == Duration::milliseconds(78));
}

TEST_CASE("region_catalogue: every pair is symmetric") {
  for (const std::string& a : catalogue_region_names()) {
    for (const std::string& b : catalogue_region_names()) {
      CHECK(catalogue_rtt(a, b) == catalogue_rtt(b, a));
    }
  }
}

TEST_CASE("region_catalogue: the 18x18 matrix of the snapshot is complete") {
  const auto& names = catalogue_region_names();
  REQUIRE(names.size() == 18);
  CHECK(names.front() == "us-east-1");
  CHECK(names.back() == "ap-east-1");
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t j = 0; j < names.size(); ++j) {
      CHECK(catalogue_rtt(names[i], names[j]).has_value() == (i != j));
    }
  }
}

TEST_CASE("region_catalogue: AWS regions outside the snapshot are known as such") {
  for (const char* name : {"af-south-1", "me-south-1", "ap-southeast-3", "eu-south-2", "il-central-1",
                           "mx-central-1", "us-gov-west-1", "cn-north-1"}) {
    CHECK(is_unmeasured_aws_region(name));
  }
  for (const std::string& name : catalogue_region_names()) CHECK_FALSE(is_unmeasured_aws_region(name));
  CHECK_FALSE(is_unmeasured_aws_region("us-west-9"));
  CHECK_FALSE(is_unmeasured_aws_region("custom"));
}

TEST_CASE("region_catalogue: unknown names and a region with itself have no RTT") {
  CHECK_FALSE(catalogue_rtt("us-east-1", "us-east-1").has_value());
  CHECK_FALSE(catalogue_rtt("us-esat-1", "eu-west-1").has_value());
  CHECK_FALSE(catalogue_rtt("", "").has_value());
}

}  // namespace
}  // namespace load
