// study/sweep_grid.h: the points of --vary and --vary-together, exactly and
// in order, and the refusals with their messages.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "study/sweep_grid.h"
#include "study/sweep_plan.h"

namespace {

study::GridDimension vary(const std::string& path, std::vector<std::string> values) {
  return study::GridDimension{false, {path}, {std::move(values)}};
}

study::GridDimension together(std::vector<std::string> paths, std::vector<std::vector<std::string>> values) {
  return study::GridDimension{true, std::move(paths), std::move(values)};
}

// Every point as "path=value path=value", in order.
std::vector<std::string> labels(const study::SweepPlan& plan) {
  std::vector<std::string> out;
  for (size_t p = 0; p < plan.points.size(); ++p) out.push_back(plan.point_label(p));
  return out;
}

}  // namespace

TEST_CASE("Sweep grid: --vary-together zips its lists, point i taking the i-th value of each") {
  study::SweepPlan plan;
  REQUIRE(study::expand_grid({together({"rate", "wcu"}, {{"1", "2", "3"}, {"10", "20", "30"}})}, &plan) == "");
  CHECK(plan.parameters == std::vector<std::string>{"rate", "wcu"});
  CHECK(labels(plan) == std::vector<std::string>{"rate=1 wcu=10", "rate=2 wcu=20", "rate=3 wcu=30"});
}

TEST_CASE("Sweep grid: groups are crossed with --vary in command-line order, the first slowest") {
  study::SweepPlan plan;
  REQUIRE(study::expand_grid({together({"a", "b"}, {{"1", "2"}, {"10", "20"}}), vary("c", {"x", "y", "z"})}, &plan) ==
          "");
  CHECK(plan.parameters == std::vector<std::string>{"a", "b", "c"});
  CHECK(labels(plan) == std::vector<std::string>{"a=1 b=10 c=x", "a=1 b=10 c=y", "a=1 b=10 c=z",
                                                 "a=2 b=20 c=x", "a=2 b=20 c=y", "a=2 b=20 c=z"});
  REQUIRE(study::expand_grid({vary("c", {"x", "y"}), together({"a", "b"}, {{"1", "2"}, {"10", "20"}}),
                              together({"d", "e", "f"}, {{"p", "q"}, {"r", "s"}, {"t", "u"}})},
                             &plan) == "");
  CHECK(plan.parameters == std::vector<std::string>{"c", "a", "b", "d", "e", "f"});
  CHECK(labels(plan) == std::vector<std::string>{
                            "c=x a=1 b=10 d=p e=r f=t", "c=x a=1 b=10 d=q e=s f=u", "c=x a=2 b=20 d=p e=r f=t",
                            "c=x a=2 b=20 d=q e=s f=u", "c=y a=1 b=10 d=p e=r f=t", "c=y a=1 b=10 d=q e=s f=u",
                            "c=y a=2 b=20 d=p e=r f=t", "c=y a=2 b=20 d=q e=s f=u"});
}

TEST_CASE("Sweep grid: --vary alone is the full grid as before; no dimension is the scenario as is") {
  study::SweepPlan plan;
  REQUIRE(study::expand_grid({vary("a", {"1", "2"}), vary("b", {"x", "y"})}, &plan) == "");
  CHECK(labels(plan) == std::vector<std::string>{"a=1 b=x", "a=1 b=y", "a=2 b=x", "a=2 b=y"});
  REQUIRE(study::expand_grid({}, &plan) == "");
  CHECK(labels(plan) == std::vector<std::string>{"(scenario as is)"});
  CHECK(plan.parameters.empty());
}

TEST_CASE("Sweep grid: lists of different lengths, a path twice and grids beyond the bounds are refused") {
  study::SweepPlan plan;
  CHECK(study::expand_grid({together({"rate", "wcu"}, {{"1", "2", "3"}, {"10", "20"}})}, &plan) ==
        "--vary-together zips lists of one length: rate has 3 values, wcu has 2");
  CHECK(study::expand_grid({together({"rate", "wcu", "x"}, {{"1"}, {"10"}, {"5", "6"}})}, &plan) ==
        "--vary-together zips lists of one length: rate has 1 value, x has 2");
  CHECK(study::expand_grid({vary("a", {"1"}), vary("a", {"2"})}, &plan) == "--vary a is given twice");
  CHECK(study::expand_grid({vary("a", {"1"}), together({"b", "a"}, {{"1"}, {"2"}})}, &plan) ==
        "a is varied twice (--vary and --vary-together); a path takes one list of values");
  CHECK(study::expand_grid({together({"a", "a"}, {{"1"}, {"2"}})}, &plan) ==
        "a is varied twice (--vary-together and --vary-together); a path takes one list of values");
  CHECK(plan.points.empty());
  // 101 pairs x 100 values: counted, not built.
  std::vector<std::string> hundred, hundred_one;
  for (int i = 0; i < 101; ++i) (i < 100 ? hundred : hundred_one).push_back(std::to_string(i));
  hundred_one.insert(hundred_one.begin(), hundred.begin(), hundred.end());
  CHECK(study::expand_grid({together({"a", "b"}, {hundred_one, hundred_one}), vary("c", hundred)}, &plan) ==
        "--vary and --vary-together give a grid of more than 10000 points over 3 parameters, above the limit of "
        "10000 points and 64 parameters a study");
  REQUIRE(study::expand_grid({together({"a", "b"}, {hundred, hundred}), vary("c", hundred)}, &plan) == "");
  CHECK(plan.points.size() == 10000);
  std::vector<std::string> paths;
  std::vector<std::vector<std::string>> values;
  for (int i = 0; i < 65; ++i) paths.push_back(fmt::format("p{}", i)), values.push_back({"1"});
  CHECK(study::expand_grid({together(paths, values)}, &plan) ==
        "--vary and --vary-together give a grid of 1 points over 65 parameters, above the limit of 10000 points and "
        "64 parameters a study");
}
