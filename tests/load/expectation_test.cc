#include "load/expectation_parser.h"

#include <catch2/catch.hpp>

#include "load/scenario_loader.h"

namespace load {
namespace {

using model::Comparison;
using model::holds;

TEST_CASE("Expectation: parses PATH OP VALUE with integers and durations") {
  std::string error;
  auto e = parse_expectation("lag.us-east-1->eu-west-1.p99_ns < 1s", &error);
  REQUIRE(e);
  CHECK(e->path == "lag.us-east-1->eu-west-1.p99_ns");
  CHECK(e->comparison == Comparison::kLess);
  CHECK(e->value == 1'000'000'000);
  CHECK(e->is_duration);
  e = parse_expectation("  conflicts.clobbered   ==   0 ", &error);
  REQUIRE(e);
  CHECK(e->text == "conflicts.clobbered   ==   0");
  CHECK(e->value == 0);
  CHECK(!e->is_duration);
  for (const char* op : {"<", "<=", ">", ">=", "==", "!="}) {
    CHECK(comparison_symbol(parse_expectation(std::string("a ") + op + " 1", &error)->comparison) == op);
  }
}

TEST_CASE("Expectation: a money figure's value is dollars, compared in micro-dollars") {
  std::string error;
  auto e = parse_expectation("cost.monthly_usd < 250.50", &error);
  REQUIRE(e);
  CHECK(e->value == 250'500'000);
  CHECK(!e->is_duration);
  CHECK(parse_expectation("cost.regions.us-east-1.storage_usd <= $0.05", &error)->value == 50'000);
  CHECK(parse_expectation("cost.total_usd == 12", &error)->value == 12'000'000);
  CHECK(!parse_expectation("cost.total_usd < 1s", &error));
  CHECK(error == "expected an amount in US dollars (at most 6 decimals, e.g. '250', '12.50' or '$0.05') after '<', "
                 "found '1s'");
  CHECK(!parse_expectation("cost.total_usd > -1", &error));
  CHECK(!parse_expectation("cost.total_usd > 0.0000001", &error));
  // A count is still an integer.
  CHECK(!parse_expectation("conflicts.clobbered < 2.5", &error));
}

TEST_CASE("Expectation: holds compares actual with expected") {
  CHECK(holds(Comparison::kLess, 1, 2));
  CHECK(!holds(Comparison::kLess, 2, 2));
  CHECK(holds(Comparison::kLessEqual, 2, 2));
  CHECK(holds(Comparison::kGreater, 3, 2));
  CHECK(holds(Comparison::kGreaterEqual, 2, 2));
  CHECK(holds(Comparison::kEqual, 0, 0));
  CHECK(holds(Comparison::kNotEqual, 1, 0));
}

TEST_CASE("Expectation: malformed lines are rejected with what was expected") {
  std::string error;
  CHECK(!parse_expectation("conflicts.clobbered==0", &error));
  CHECK(error.find("spaces around it") != std::string::npos);
  CHECK(!parse_expectation("conflicts.clobbered =< 0", &error));
  CHECK(!parse_expectation("lag.a->b.p99_ns < 1 s", &error));
  CHECK(!parse_expectation("lag.a->b.p99_ns < fast", &error));
  CHECK(error == "expected an integer or a duration with a unit (ns, us, ms, s, m, h) after '<', found 'fast'");
  CHECK(!parse_expectation("conflicts.clobbered < 1%", &error));
  CHECK(error == "expected an integer or a duration with a unit (ns, us, ms, s, m, h) after '<', found '1%' "
                 "(figures are integers: a share is in parts per million, e.g. "
                 "'regions.eu-west-1.throttled_ppm < 10000' for 1%)");
}

TEST_CASE("Expectation: the loader accepts expect: and reports bad lines at their place") {
  const std::string yaml =
      "duration: 1m\n"
      "regions: [us-east-1, eu-west-1]\n"
      "expect:\n"
      "  - conflicts.clobbered == 0\n"
      "  - lag.us-east-1->eu-west-1.p99_ns < 1s\n";
  LoadResult loaded = load_scenario_text(yaml, "s.yaml");
  REQUIRE(loaded.ok());
  REQUIRE(loaded.expectations.size() == 2);
  CHECK(loaded.expectations[1].line == 5);
  CHECK(loaded.expectations[1].column == 5);
  CHECK(loaded.expectations[1].file == "s.yaml");

  loaded = load_scenario_text(yaml + "  - clobbered is zero\n", "s.yaml");
  REQUIRE(!loaded.ok());
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].to_string() ==
        "s.yaml:6:5: error: expect[2]: expected 'PATH OP VALUE' with OP one of <, <=, >, >=, ==, != and spaces "
        "around it, e.g. 'conflicts.clobbered == 0'; found 'clobbered is zero'");

  loaded = load_scenario_text("duration: 1m\nregions: [us-east-1, eu-west-1]\nexpect: clobbered\n", "s.yaml");
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].to_string() ==
        "s.yaml:3:9: error: expect: expected a sequence of 'PATH OP VALUE' lines, found 'clobbered'");
}

}  // namespace
}  // namespace load

namespace load {
namespace {

TEST_CASE("scenario_loader: a scenario with problems still names its regions and indexes for expect: paths") {
  const LoadResult broken = load_scenario_text(
      "duration: 1m\nregions: [us-east-1, eu-west-1]\nreplication: {poll_intervl: 1s}\n"
      "table: {indexes: [by_status]}\nexpect:\n  - regions.eu-west-1.writes > 0\n",
      "s.yaml");
  CHECK_FALSE(broken.ok());
  CHECK(broken.names.regions == std::vector<std::string>{"us-east-1", "eu-west-1"});
  CHECK(broken.names.index_names == std::vector<std::string>{"by_status"});
  CHECK(broken.names.regions_complete);
  CHECK(broken.names.indexes_complete);
  // A problem in `regions` leaves the list incomplete: its paths are checked once it is fixed.
  const LoadResult bad_regions =
      load_scenario_text("duration: 1m\nregions: [us-east-1, 'eu west']\n", "s.yaml");
  CHECK_FALSE(bad_regions.names.regions_complete);
  // One in `table` leaves the index names incomplete, not the regions.
  const LoadResult bad_table =
      load_scenario_text("duration: 1m\nregions: [us-east-1, eu-west-1]\ntable: {keys: 0}\n", "s.yaml");
  CHECK(bad_table.names.regions_complete);
  CHECK_FALSE(bad_table.names.indexes_complete);
}

}  // namespace
}  // namespace load
