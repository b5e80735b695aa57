#include "load/region_catalogue.h"

#include <array>
#include <cstdint>

namespace load {
namespace {

struct Measurement {
  std::string_view a;
  std::string_view b;
  int64_t rtt_ms;
};

// docs/sources.md, Region latencies (CloudPing, 2024-04-19): the upper
// triangle of the 9x9 matrix, row by row, then the extra measured pairs.
constexpr std::array<Measurement, 44> kMeasurements = {{
    {"us-east-1", "us-east-2", 14},
    {"us-east-1", "us-west-2", 64},
    {"us-east-1", "eu-west-1", 70},
    {"us-east-1", "eu-central-1", 93},
    {"us-east-1", "ap-northeast-1", 167},
    {"us-east-1", "ap-southeast-1", 244},
    {"us-east-1", "ap-southeast-2", 198},
    {"us-east-1", "sa-east-1", 115},
    {"us-east-2", "us-west-2", 52},
    {"us-east-2", "eu-west-1", 80},
    {"us-east-2", "eu-central-1", 101},
    {"us-east-2", "ap-northeast-1", 148},
    {"us-east-2", "ap-southeast-1", 217},
    {"us-east-2", "ap-southeast-2", 189},
    {"us-east-2", "sa-east-1", 124},
    {"us-west-2", "eu-west-1", 119},
    {"us-west-2", "eu-central-1", 143},
    {"us-west-2", "ap-northeast-1", 98},
    {"us-west-2", "ap-southeast-1", 160},
    {"us-west-2", "ap-southeast-2", 141},
    {"us-west-2", "sa-east-1", 174},
    {"eu-west-1", "eu-central-1", 27},
    {"eu-west-1", "ap-northeast-1", 216},
    {"eu-west-1", "ap-southeast-1", 183},
    {"eu-west-1", "ap-southeast-2", 257},
    {"eu-west-1", "sa-east-1", 178},
    {"eu-central-1", "ap-northeast-1", 227},
    {"eu-central-1", "ap-southeast-1", 165},
    {"eu-central-1", "ap-southeast-2", 251},
    {"eu-central-1", "sa-east-1", 205},
    {"ap-northeast-1", "ap-southeast-1", 71},
    {"ap-northeast-1", "ap-southeast-2", 110},
    {"ap-northeast-1", "sa-east-1", 272},
    {"ap-southeast-1", "ap-southeast-2", 95},
    {"ap-southeast-1", "sa-east-1", 333},
    {"ap-southeast-2", "sa-east-1", 312},
    // Other pairs from the same CSV (Tokyo, Seoul, Osaka; Ireland, London,
    // Paris, Frankfurt).
    {"ap-northeast-1", "ap-northeast-3", 10},
    {"ap-northeast-1", "ap-northeast-2", 36},
    {"ap-northeast-2", "ap-northeast-3", 26},
    {"eu-west-1", "eu-west-2", 14},
    {"eu-west-1", "eu-west-3", 19},
    {"eu-west-2", "eu-west-3", 11},
    {"eu-central-1", "eu-west-2", 18},
    {"eu-central-1", "eu-west-3", 13},
}};

}  // namespace

std::optional<sim::Duration> catalogue_rtt(std::string_view a, std::string_view b) {
  for (const Measurement& m : kMeasurements) {
    if ((m.a == a && m.b == b) || (m.a == b && m.b == a)) {
      return sim::Duration::milliseconds(m.rtt_ms);
    }
  }
  return std::nullopt;
}

const std::vector<std::string>& catalogue_region_names() {
  static const std::vector<std::string> kNames = {
      "us-east-1",      "us-east-2",      "us-west-2",      "eu-west-1",
      "eu-central-1",   "ap-northeast-1", "ap-southeast-1", "ap-southeast-2",
      "sa-east-1",      "ap-northeast-2", "ap-northeast-3", "eu-west-2",
      "eu-west-3",
  };
  return kNames;
}

}  // namespace load
