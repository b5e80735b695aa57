#include "load/price_table.h"

#include <array>

namespace load {
namespace {

consteval int64_t usd(std::string_view text) {
  const std::optional<int64_t> nano = parse_usd_nano(text);
  if (!nano) throw "not a price";  // a compile-time error: consteval cannot throw at run time
  return *nano;
}

// One row: a million WRU, a million RRU, a million replicated WRU (on
// demand); a WCU-hour, an RCU-hour, a replicated WCU-hour (provisioned); a
// GB-month of Standard storage; a GB sent to another region.
consteval model::RegionPrices prices(std::string_view wru, std::string_view rru, std::string_view rwru,
                                     std::string_view wcu_hour, std::string_view rcu_hour,
                                     std::string_view rwcu_hour, std::string_view storage,
                                     std::string_view transfer) {
  return model::RegionPrices{usd(wru),       usd(rru),       usd(rwru),    usd(wcu_hour),
                             usd(rcu_hour),  usd(rwcu_hour), usd(storage), usd(transfer)};
}

// docs/sources.md, Prices, for us-east-1; docs/model.md, "Cost", for the
// assumptions behind every other row: the on-demand figures are half the
// region's figures before November 2024, replicated writes are priced like
// single-region writes (AWS's November 2024 change, stated for every
// region), provisioned and storage figures unchanged by it, and transfer is
// the region's inter-region data transfer out.
constexpr std::array<TablePrices, 18> kTable = {{
    {"us-east-1", prices("0.625", "0.125", "0.625", "0.00065", "0.00013", "0.00065", "0.25", "0.02"), true},
    {"us-east-2", prices("0.625", "0.125", "0.625", "0.00065", "0.00013", "0.00065", "0.25", "0.02"), false},
    {"us-west-2", prices("0.625", "0.125", "0.625", "0.00065", "0.00013", "0.00065", "0.25", "0.02"), false},
    {"eu-west-1",
     prices("0.70675", "0.1415", "0.70675", "0.000735", "0.000147", "0.000735", "0.283", "0.02"), false},
    {"eu-central-1",
     prices("0.7625", "0.1525", "0.7625", "0.000793", "0.0001586", "0.000793", "0.306", "0.02"), false},
    {"ap-northeast-1",
     prices("0.71345", "0.1425", "0.71345", "0.000742", "0.0001484", "0.000742", "0.285", "0.09"), false},
    {"ap-southeast-1",
     prices("0.71345", "0.1425", "0.71345", "0.00074", "0.000148", "0.00074", "0.285", "0.09"), false},
    {"ap-southeast-2",
     prices("0.71345", "0.1425", "0.71345", "0.00074", "0.000148", "0.00074", "0.285", "0.098"), false},
    {"sa-east-1",
     prices("0.9375", "0.1875", "0.9375", "0.000975", "0.000195", "0.000975", "0.375", "0.138"), false},
    {"ap-northeast-2",
     prices("0.6778", "0.1355", "0.6778", "0.0007049", "0.000141", "0.0007049", "0.27075", "0.08"), false},
    {"ap-northeast-3",
     prices("0.71345", "0.1425", "0.71345", "0.000742", "0.0001484", "0.000742", "0.285", "0.09"), false},
    {"eu-west-2",
     prices("0.7423", "0.1485", "0.7423", "0.000772", "0.0001544", "0.000772", "0.29715", "0.02"), false},
    {"eu-west-3",
     prices("0.7423", "0.1485", "0.7423", "0.000772", "0.0001544", "0.000772", "0.297", "0.02"), false},
    {"us-west-1",
     prices("0.6971", "0.1394", "0.6971", "0.000725", "0.000145", "0.000725", "0.28", "0.02"), false},
    {"ca-central-1",
     prices("0.6875", "0.1375", "0.6875", "0.000715", "0.000143", "0.000715", "0.275", "0.02"), false},
    {"eu-north-1",
     prices("0.6694", "0.1339", "0.6694", "0.000698", "0.0001396", "0.000698", "0.2678", "0.02"), false},
    {"ap-south-1",
     prices("0.71155", "0.1423", "0.71155", "0.00074", "0.000148", "0.00074", "0.285", "0.086"), false},
    {"ap-east-1",
     prices("0.78125", "0.15625", "0.78125", "0.000814", "0.000163", "0.000814", "0.3125", "0.09"), false},
}};

}  // namespace

std::span<const TablePrices> price_table() { return kTable; }

const TablePrices* table_prices(std::string_view region) {
  for (const TablePrices& row : kTable) {
    if (row.region == region) return &row;
  }
  return nullptr;
}

}  // namespace load
