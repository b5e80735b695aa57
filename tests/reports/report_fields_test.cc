// reports/report_fields.h: every section's table keeps the invariants its
// three walkers (JSON writer, flatten, figures_from_report) rely on.
#include <catch2/catch.hpp>

#include <set>
#include <span>
#include <string>
#include <string_view>

#include "reports/report_fields.h"

namespace {

// Ranks 0..n-1 once each, keys and figure names unique, and each nested
// object's rows contiguous (an object closed is never opened again).
template <class Record>
void check_table(std::span<const reports::Field<Record>> fields) {
  std::set<std::string_view> keys, figures, closed;
  std::set<int> ranks;
  std::string_view open;  // the previous row's object, "" at the top
  for (const reports::Field<Record>& field : fields) {
    INFO(std::string(field.key));
    CHECK(keys.insert(field.key).second);
    if (!field.figure.empty()) {
      CHECK(figures.insert(field.figure).second);
      CHECK(ranks.insert(field.rank).second);
    } else {
      CHECK(field.rank == -1);
    }
    const size_t dot = field.key.rfind('.');
    const std::string_view object = dot == std::string_view::npos ? "" : field.key.substr(0, dot);
    if (object != open) {
      for (std::string_view o = open; !o.empty() && !object.starts_with(o);) {
        closed.insert(o);
        const size_t up = o.rfind('.');
        o = up == std::string_view::npos ? "" : o.substr(0, up);
      }
      CHECK(closed.count(object) == 0);
      open = object;
    }
  }
  CHECK(ranks.size() == figures.size());
  CHECK((ranks.empty() || (*ranks.begin() == 0 && *ranks.rbegin() == static_cast<int>(ranks.size()) - 1)));
}

}  // namespace

TEST_CASE("Report fields: each table's ranks, keys and nested objects are well formed") {
  check_table(reports::region_fields());
  check_table(reports::pair_fields());
  check_table(reports::client_group_fields());
  check_table(reports::latency_summary_fields());
  check_table(reports::conflict_fields());
  check_table(reports::convergence_fields());
  CHECK(reports::figures_in_path_order(reports::region_fields()).size() >
        static_cast<size_t>(reports::kRegionFiguresInEveryReport));
}

namespace {

reports::FieldValue region_figure(const model::RegionResult& region, std::string_view figure) {
  for (const reports::Field<model::RegionResult>& field : reports::region_fields()) {
    if (field.figure == figure) return field.value(region);
  }
  FAIL("no region figure " << std::string(figure));
  return int64_t{0};
}

}  // namespace

// Throttled requests as a share of all: throttled attempts per million
// client attempts (admitted, each with a latency, plus throttled), rounded.
TEST_CASE("Report fields: client attempts and the throttled share in parts per million") {
  model::RegionResult region;
  CHECK(reports::figure_value(region_figure(region, "client_attempts")) == 0);
  CHECK(reports::figure_value(region_figure(region, "throttled_ppm")) == 0);
  region.client_latency_ns.record(1'000'000);
  region.client_latency_ns.record(2'000'000);
  region.throttle_events = 1;
  CHECK(reports::figure_value(region_figure(region, "client_attempts")) == 3);
  CHECK(reports::figure_value(region_figure(region, "throttled_ppm")) == 333'333);
  region.throttle_events = 2;  // 2 / 4 = 500,000; 1 / 3 rounds down, 2 / 3 up
  CHECK(reports::figure_value(region_figure(region, "throttled_ppm")) == 500'000);
  region.client_latency_ns.clear();
  region.client_latency_ns.record(5);
  CHECK(reports::figure_value(region_figure(region, "throttled_ppm")) == 666'667);
}
