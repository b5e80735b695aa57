#include "load/region_catalogue.h"

#include <algorithm>
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
// triangle of the 18x18 matrix, in the order of catalogue_region_names(),
// row by row. Each value is the mean of the two directed means, rounded.
constexpr std::array<Measurement, 153> kMeasurements = {{
    {"us-east-1", "us-east-2", 14},
    {"us-east-1", "us-west-2", 64},
    {"us-east-1", "eu-west-1", 70},
    {"us-east-1", "eu-central-1", 93},
    {"us-east-1", "ap-northeast-1", 167},
    {"us-east-1", "ap-southeast-1", 244},
    {"us-east-1", "ap-southeast-2", 198},
    {"us-east-1", "sa-east-1", 115},
    {"us-east-1", "ap-northeast-2", 196},
    {"us-east-1", "ap-northeast-3", 172},
    {"us-east-1", "eu-west-2", 78},
    {"us-east-1", "eu-west-3", 84},
    {"us-east-1", "us-west-1", 62},
    {"us-east-1", "ca-central-1", 16},
    {"us-east-1", "eu-north-1", 112},
    {"us-east-1", "ap-south-1", 205},
    {"us-east-1", "ap-east-1", 219},
    {"us-east-2", "us-west-2", 52},
    {"us-east-2", "eu-west-1", 80},
    {"us-east-2", "eu-central-1", 101},
    {"us-east-2", "ap-northeast-1", 148},
    {"us-east-2", "ap-southeast-1", 217},
    {"us-east-2", "ap-southeast-2", 189},
    {"us-east-2", "sa-east-1", 124},
    {"us-east-2", "ap-northeast-2", 170},
    {"us-east-2", "ap-northeast-3", 148},
    {"us-east-2", "eu-west-2", 87},
    {"us-east-2", "eu-west-3", 92},
    {"us-east-2", "us-west-1", 53},
    {"us-east-2", "ca-central-1", 25},
    {"us-east-2", "eu-north-1", 120},
    {"us-east-2", "ap-south-1", 215},
    {"us-east-2", "ap-east-1", 194},
    {"us-west-2", "eu-west-1", 119},
    {"us-west-2", "eu-central-1", 143},
    {"us-west-2", "ap-northeast-1", 98},
    {"us-west-2", "ap-southeast-1", 160},
    {"us-west-2", "ap-southeast-2", 141},
    {"us-west-2", "sa-east-1", 174},
    {"us-west-2", "ap-northeast-2", 122},
    {"us-west-2", "ap-northeast-3", 99},
    {"us-west-2", "eu-west-2", 130},
    {"us-west-2", "eu-west-3", 136},
    {"us-west-2", "us-west-1", 22},
    {"us-west-2", "ca-central-1", 61},
    {"us-west-2", "eu-north-1", 159},
    {"us-west-2", "ap-south-1", 217},
    {"us-west-2", "ap-east-1", 146},
    {"eu-west-1", "eu-central-1", 27},
    {"eu-west-1", "ap-northeast-1", 216},
    {"eu-west-1", "ap-southeast-1", 183},
    {"eu-west-1", "ap-southeast-2", 257},
    {"eu-west-1", "sa-east-1", 178},
    {"eu-west-1", "ap-northeast-2", 238},
    {"eu-west-1", "ap-northeast-3", 215},
    {"eu-west-1", "eu-west-2", 14},
    {"eu-west-1", "eu-west-3", 19},
    {"eu-west-1", "us-west-1", 128},
    {"eu-west-1", "ca-central-1", 69},
    {"eu-west-1", "eu-north-1", 43},
    {"eu-west-1", "ap-south-1", 140},
    {"eu-west-1", "ap-east-1", 223},
    {"eu-central-1", "ap-northeast-1", 227},
    {"eu-central-1", "ap-southeast-1", 165},
    {"eu-central-1", "ap-southeast-2", 251},
    {"eu-central-1", "sa-east-1", 205},
    {"eu-central-1", "ap-northeast-2", 235},
    {"eu-central-1", "ap-northeast-3", 235},
    {"eu-central-1", "eu-west-2", 18},
    {"eu-central-1", "eu-west-3", 13},
    {"eu-central-1", "us-west-1", 152},
    {"eu-central-1", "ca-central-1", 93},
    {"eu-central-1", "eu-north-1", 23},
    {"eu-central-1", "ap-south-1", 124},
    {"eu-central-1", "ap-east-1", 200},
    {"ap-northeast-1", "ap-southeast-1", 71},
    {"ap-northeast-1", "ap-southeast-2", 110},
    {"ap-northeast-1", "sa-east-1", 272},
    {"ap-northeast-1", "ap-northeast-2", 36},
    {"ap-northeast-1", "ap-northeast-3", 10},
    {"ap-northeast-1", "eu-west-2", 226},
    {"ap-northeast-1", "eu-west-3", 235},
    {"ap-northeast-1", "us-west-1", 109},
    {"ap-northeast-1", "ca-central-1", 158},
    {"ap-northeast-1", "eu-north-1", 245},
    {"ap-northeast-1", "ap-south-1", 135},
    {"ap-northeast-1", "ap-east-1", 56},
    {"ap-southeast-1", "ap-southeast-2", 95},
    {"ap-southeast-1", "sa-east-1", 333},
    {"ap-southeast-1", "ap-northeast-2", 85},
    {"ap-southeast-1", "ap-northeast-3", 79},
    {"ap-southeast-1", "eu-west-2", 175},
    {"ap-southeast-1", "eu-west-3", 168},
    {"ap-southeast-1", "us-west-1", 170},
    {"ap-southeast-1", "ca-central-1", 219},
    {"ap-southeast-1", "eu-north-1", 179},
    {"ap-southeast-1", "ap-south-1", 59},
    {"ap-southeast-1", "ap-east-1", 44},
    {"ap-southeast-2", "sa-east-1", 312},
    {"ap-southeast-2", "ap-northeast-2", 146},
    {"ap-southeast-2", "ap-northeast-3", 119},
    {"ap-southeast-2", "eu-west-2", 268},
    {"ap-southeast-2", "eu-west-3", 278},
    {"ap-southeast-2", "us-west-1", 139},
    {"ap-southeast-2", "ca-central-1", 199},
    {"ap-southeast-2", "eu-north-1", 269},
    {"ap-southeast-2", "ap-south-1", 152},
    {"ap-southeast-2", "ap-east-1", 136},
    {"sa-east-1", "ap-northeast-2", 294},
    {"sa-east-1", "ap-northeast-3", 271},
    {"sa-east-1", "eu-west-2", 187},
    {"sa-east-1", "eu-west-3", 196},
    {"sa-east-1", "us-west-1", 174},
    {"sa-east-1", "ca-central-1", 125},
    {"sa-east-1", "eu-north-1", 218},
    {"sa-east-1", "ap-south-1", 318},
    {"sa-east-1", "ap-east-1", 317},
    {"ap-northeast-2", "ap-northeast-3", 26},
    {"ap-northeast-2", "eu-west-2", 248},
    {"ap-northeast-2", "eu-west-3", 242},
    {"ap-northeast-2", "us-west-1", 133},
    {"ap-northeast-2", "ca-central-1", 180},
    {"ap-northeast-2", "eu-north-1", 253},
    {"ap-northeast-2", "ap-south-1", 129},
    {"ap-northeast-2", "ap-east-1", 38},
    {"ap-northeast-3", "eu-west-2", 225},
    {"ap-northeast-3", "eu-west-3", 251},
    {"ap-northeast-3", "us-west-1", 110},
    {"ap-northeast-3", "ca-central-1", 157},
    {"ap-northeast-3", "eu-north-1", 254},
    {"ap-northeast-3", "ap-south-1", 136},
    {"ap-northeast-3", "ap-east-1", 49},
    {"eu-west-2", "eu-west-3", 11},
    {"eu-west-2", "us-west-1", 148},
    {"eu-west-2", "ca-central-1", 79},
    {"eu-west-2", "eu-north-1", 33},
    {"eu-west-2", "ap-south-1", 132},
    {"eu-west-2", "ap-east-1", 214},
    {"eu-west-3", "us-west-1", 142},
    {"eu-west-3", "ca-central-1", 85},
    {"eu-west-3", "eu-north-1", 31},
    {"eu-west-3", "ap-south-1", 125},
    {"eu-west-3", "ap-east-1", 209},
    {"us-west-1", "ca-central-1", 80},
    {"us-west-1", "eu-north-1", 170},
    {"us-west-1", "ap-south-1", 228},
    {"us-west-1", "ap-east-1", 156},
    {"ca-central-1", "eu-north-1", 108},
    {"ca-central-1", "ap-south-1", 208},
    {"ca-central-1", "ap-east-1", 203},
    {"eu-north-1", "ap-south-1", 143},
    {"eu-north-1", "ap-east-1", 219},
    {"ap-south-1", "ap-east-1", 97},
}};

// AWS Regions with no row in the CloudPing matrix of 2024-04-19 (opt-in
// Regions, newer ones, GovCloud and China): docs/sources.md, Region
// latencies, the AWS Region list.
constexpr std::array<std::string_view, 20> kUnmeasuredAwsRegions = {
    "af-south-1",     "ap-east-2",      "ap-south-2",     "ap-southeast-3", "ap-southeast-4",
    "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-west-1",      "eu-central-2",
    "eu-south-1",     "eu-south-2",     "il-central-1",   "me-central-1",   "me-south-1",
    "mx-central-1",   "us-gov-east-1",  "us-gov-west-1",  "cn-north-1",     "cn-northwest-1",
};

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
      "us-east-1",      "us-east-2",      "us-west-2",      "eu-west-1",      "eu-central-1",
      "ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "sa-east-1",      "ap-northeast-2",
      "ap-northeast-3", "eu-west-2",      "eu-west-3",      "us-west-1",      "ca-central-1",
      "eu-north-1",     "ap-south-1",     "ap-east-1",
  };
  return kNames;
}

bool is_unmeasured_aws_region(std::string_view name) {
  return std::find(kUnmeasuredAwsRegions.begin(), kUnmeasuredAwsRegions.end(), name) !=
         kUnmeasuredAwsRegions.end();
}

}  // namespace load
