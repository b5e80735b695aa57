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
//
// The scenario loader's default one-way latency for a pair of catalogue
// regions is RTT / 2, constant (no jitter); a `network.links` entry in the
// scenario overrides it. Pairs absent from the table (for example
// eu-west-2 <-> us-east-1) have no default and need a link.
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

// Every region name that appears in the catalogue, in a fixed order: the
// nine regions of the full matrix, then ap-northeast-2, ap-northeast-3,
// eu-west-2, eu-west-3.
const std::vector<std::string>& catalogue_region_names();

}  // namespace load
