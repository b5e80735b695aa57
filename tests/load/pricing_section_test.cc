// The price table and the `pricing:` section (load/price_table.h,
// load/pricing_section.h): defaults per region, overrides, `--pricing FILE`,
// and every refusal with its exact message.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "load/price_table.h"
#include "load/pricing_section.h"
#include "load/region_catalogue.h"
#include "load/scenario_loader.h"
#include "load_errors.h"

namespace {

using gtsim_test::kTwoRegions;
using gtsim_test::Lines;
using gtsim_test::load_errors;
using gtsim_test::load_ok;
using model::PriceBasis;

// A file in the build's temporary directory with `text`; removed at scope end.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& text)
      : path_((std::filesystem::temp_directory_path() / name).string()) {
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

TEST_CASE("Price table: prices parse exactly into nano-dollars; anything but a plain decimal is refused") {
  CHECK(load::parse_usd_nano("0.625") == 625'000'000);
  CHECK(load::parse_usd_nano("0.00065") == 650'000);
  CHECK(load::parse_usd_nano("0.000000001") == 1);
  CHECK(load::parse_usd_nano("12") == 12'000'000'000);
  CHECK(load::parse_usd_nano("1000000") == load::kPriceMaxNano);
  for (const char* bad : {"", "-1", "+1", "1e-3", ".5", "1.", "0.0000000001", "1000000.5", "1,5", "0x10",
                          "99999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(load::parse_usd_nano(bad).has_value());
  }
}

TEST_CASE("Price table: every catalogue region has a row, us-east-1's is AWS's November 2024 price list") {
  for (const std::string& region : load::catalogue_region_names()) {
    INFO(region);
    CHECK(load::table_prices(region) != nullptr);
  }
  const load::TablePrices* east = load::table_prices("us-east-1");
  REQUIRE(east != nullptr);
  CHECK(east->checked);
  // docs/sources.md, Prices: $0.625 per million WRU (half the $1.25 before
  // November 2024), $0.125 per million RRU, replicated writes priced alike,
  // $0.00065 per WCU-hour and rWCU-hour, $0.00013 per RCU-hour.
  CHECK(east->prices.write_requests_nano == 625'000'000);
  CHECK(east->prices.read_requests_nano == 125'000'000);
  CHECK(east->prices.replicated_write_requests_nano == east->prices.write_requests_nano);
  CHECK(east->prices.write_capacity_hour_nano == 650'000);
  CHECK(east->prices.replicated_write_capacity_hour_nano == 650'000);
  CHECK(east->prices.read_capacity_hour_nano == 130'000);
  CHECK(east->prices.storage_gb_month_nano == 250'000'000);
  for (const load::TablePrices& row : load::price_table()) {
    INFO(row.region);
    CHECK(row.checked == (row.region == "us-east-1"));
  }
}

TEST_CASE("Pricing: a scenario gets the table's row per region, us-east-1's for a region the table lacks") {
  const model::Scenario s = load_ok(R"(
duration: 1m
regions: [us-east-1, eu-west-1, lab-1]
network:
  links:
    - {between: [us-east-1, lab-1], latency: 10ms}
    - {between: [eu-west-1, lab-1], latency: 10ms}
)");
  REQUIRE(s.pricing.regions.size() == 3);
  CHECK(s.pricing.regions[0].basis == PriceBasis::kPublished);
  CHECK(s.pricing.regions[1].basis == PriceBasis::kAssumed);
  CHECK(s.pricing.regions[1].prices.write_requests_nano == load::table_prices("eu-west-1")->prices.write_requests_nano);
  CHECK(s.pricing.regions[2].basis == PriceBasis::kFallback);
  CHECK(s.pricing.regions[2].prices.storage_gb_month_nano == 250'000'000);
  CHECK(s.pricing.date == load::kPriceTableDate);
  CHECK(s.pricing.capacity_billing == model::CapacityBilling::kProRata);
}

TEST_CASE("Pricing: `all` sets every region first, a region's own map after it; source and capacity billing") {
  const model::Scenario s = load_ok(kTwoRegions + R"(
pricing:
  source: "negotiated rates, 2027"
  capacity_billing: hourly_peak
  eu-west-1: {write_requests: 2.5}
  all: {write_requests: 1, transfer_gb: 0.01}
  ap-southeast-2: {storage_gb_month: 0.3}
)");
  CHECK(s.pricing.source == "negotiated rates, 2027");
  CHECK(s.pricing.capacity_billing == model::CapacityBilling::kHourlyPeak);
  CHECK(s.pricing.regions[0].prices.write_requests_nano == 1'000'000'000);
  CHECK(s.pricing.regions[1].prices.write_requests_nano == 2'500'000'000);
  CHECK(s.pricing.regions[0].prices.transfer_gb_nano == 10'000'000);
  CHECK(s.pricing.regions[1].prices.read_requests_nano == load::table_prices("eu-west-1")->prices.read_requests_nano);
  CHECK(s.pricing.regions[0].basis == PriceBasis::kOverridden);
  CHECK(s.pricing.regions[1].basis == PriceBasis::kOverridden);
}

TEST_CASE("Pricing: refusals name the key path, what was expected and the nearest word") {
  CHECK(load_errors(kTwoRegions + "pricing:\n  us-east-1: {write_requests: -1}\n") ==
        Lines{"s.yaml:4:31: error: pricing.us-east-1.write_requests: expected a price in US dollars: a number >= 0 "
              "with at most 9 decimals, e.g. 0.625; found '-1'"});
  CHECK(load_errors(kTwoRegions + "pricing:\n  all: {storage_gb_month: 2.5e-1, transfer_gb: 0.0000000001}\n") ==
        Lines{"s.yaml:4:27: error: pricing.all.storage_gb_month: expected a price in US dollars: a number >= 0 with at "
              "most 9 decimals, e.g. 0.625; found '2.5e-1'",
              "s.yaml:4:48: error: pricing.all.transfer_gb: expected a price in US dollars: a number >= 0 with at most "
              "9 decimals, e.g. 0.625; found '0.0000000001'"});
  CHECK(load_errors(kTwoRegions + "pricing:\n  eu-west-1: {write_request: 1}\n") ==
        Lines{"s.yaml:4:15: error: unknown key 'write_request' in pricing.eu-west-1; did you mean 'write_requests'?"});
  CHECK(load_errors(kTwoRegions + "pricing:\n  eu-wset-1: {write_requests: 1}\n") ==
        Lines{"s.yaml:4:3: error: unknown key 'eu-wset-1' in pricing; did you mean 'eu-west-1'?"});
  CHECK(load_errors(kTwoRegions + "pricing:\n  capacity_billing: hourly_peek\n") ==
        Lines{"s.yaml:4:21: error: pricing.capacity_billing: expected 'pro_rata' or 'hourly_peak', found 'hourly_peek'; "
              "did you mean 'hourly_peak'?"});
  CHECK(load_errors(kTwoRegions + "pricing: 0.625\n") ==
        Lines{"s.yaml:3:10: error: pricing: expected a map of regions to prices, e.g. {us-east-1: {write_requests: "
              "0.625}}; found '0.625'"});
  CHECK(load_errors(kTwoRegions + "pricing:\n  us-east-1: 0.625\n") ==
        Lines{"s.yaml:4:14: error: pricing.us-east-1: expected a map of prices, e.g. {write_requests: 0.625, "
              "storage_gb_month: 0.25}; found '0.625'"});
  // A region of the price table the scenario does not use is checked too.
  CHECK(load_errors(kTwoRegions + "pricing:\n  sa-east-1: {read_requests: x}\n") ==
        Lines{"s.yaml:4:30: error: pricing.sa-east-1.read_requests: expected a price in US dollars: a number >= 0 "
              "with at most 9 decimals, e.g. 0.625; found 'x'"});
}

TEST_CASE("Pricing: --pricing FILE overlays the scenario's prices, or refuses with file:line:column and changes none") {
  model::Scenario s = load_ok(kTwoRegions + "pricing:\n  us-east-1: {write_requests: 3}\n");
  const TempFile good("gtsim-pricing-good.yaml", "us-east-1: {read_requests: 0.5}\nall: {transfer_gb: 0.05}\n");
  CHECK(load::apply_pricing_file(good.path(), &s).empty());
  CHECK(s.pricing.regions[0].prices.write_requests_nano == 3'000'000'000);  // the section's, kept
  CHECK(s.pricing.regions[0].prices.read_requests_nano == 500'000'000);
  CHECK(s.pricing.regions[1].prices.transfer_gb_nano == 50'000'000);

  const TempFile bad("gtsim-pricing-bad.yaml", "all: {transfer_gb: 0.01}\nus-east-1:\n  write_requets: 1\n");
  const model::Pricing before = s.pricing;
  std::vector<std::string> messages;
  for (const model::Diagnostic& d : load::apply_pricing_file(bad.path(), &s)) messages.push_back(d.to_string());
  CHECK(messages == Lines{bad.path() + ":3:3: error: unknown key 'write_requets' in us-east-1; did you mean "
                                       "'write_requests'?"});
  CHECK(s.pricing.regions[1].prices.transfer_gb_nano == before.regions[1].prices.transfer_gb_nano);

  const TempFile wrapped("gtsim-pricing-wrapped.yaml", "pricing:\n  eu-west-1: {storage_gb_month: 0.1}\n");
  CHECK(load::apply_pricing_file(wrapped.path(), &s).empty());
  CHECK(s.pricing.regions[1].prices.storage_gb_month_nano == 100'000'000);

  const TempFile empty("gtsim-pricing-empty.yaml", "# nothing\n");
  messages.clear();
  for (const model::Diagnostic& d : load::apply_pricing_file(empty.path(), &s)) messages.push_back(d.to_string());
  CHECK(messages == Lines{empty.path() + ":1:1: error: empty pricing file: expected a map of regions to prices, "
                                         "e.g. 'us-east-1: {write_requests: 0.625}'"});
  messages.clear();
  for (const model::Diagnostic& d : load::apply_pricing_file("/no/such/prices.yaml", &s)) {
    messages.push_back(d.to_string());
  }
  CHECK(messages == Lines{"/no/such/prices.yaml: error: cannot read: No such file or directory"});
}
