// The built-in region catalogue: real AWS region names and measured
// round-trip times between them, so that `regions: [us-east-1, eu-west-1]`
// alone is a realistic world (docs/design.md, "The model in words").
//
// Source: docs/sources.md, Region latencies: the CloudPing (cloudping.co)
// matrix snapshot of 2024-04-19 (CSV in rupc/aws-cross-region-latency,
// data/AWSCrossRegionLatencyMatrixParams_240419.csv). CloudPing times a TCP
// connect from a Lambda in one region to dynamodb.<other>.amazonaws.com:443,
// i.e. about one network round trip. Each value is the mean of the two
// directed means, rounded to whole milliseconds, so the table is symmetric.
// It is a dated snapshot: routes change (Singapore-Sydney was 188 ms in 2019).
// The snapshot holds 18 regions, every pair of them measured: the table
// stores round-trip times, never one-way ones.
//
// The scenario loader's default one-way latency for a pair of catalogue
// regions is RTT / 2, constant (no jitter); a `network.links` entry in the
// scenario overrides it. A real AWS Region outside the snapshot (opt-in and
// newer Regions, GovCloud, China: is_unmeasured_aws_region) has no default
// and needs links; the loader says so in those words.
//
// Determinism: constant data; names are listed in a fixed order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.h"

namespace load {

// The measured round-trip time between two distinct catalogue regions, or
// nullopt when either name is unknown, a == b, or the pair was not measured.
// Symmetric: catalogue_rtt(a, b) == catalogue_rtt(b, a).
std::optional<sim::Duration> catalogue_rtt(std::string_view a, std::string_view b);

// Every region name of the catalogue, in a fixed order (the 13 of earlier
// versions first, then us-west-1, ca-central-1, eu-north-1, ap-south-1,
// ap-east-1); every pair of two of them has an RTT.
const std::vector<std::string>& catalogue_region_names();

// Whether `name` is an AWS Region code the catalogue has no measurement for
// (af-south-1, me-south-1, ap-southeast-3, ..., us-gov-west-1, cn-north-1).
bool is_unmeasured_aws_region(std::string_view name);

}  // namespace load
