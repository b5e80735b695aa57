// The reports of an MRSC table (reports/strong_consistency_text.h, the JSON
// report's strong_consistency section, its metric paths): a hand-built
// result read back figure by figure, validated against the schema, the
// terminal section's lines and the HTML report's tables; an MREC result has none of it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/json_value.h"
#include "reports/metric_paths.h"
#include "reports/report_diff.h"
#include "reports/text_report.h"
#include "tests/reports/admin_result.h"
#include "tests/reports/json_schema.h"
#include "tests/reports/report_text.h"

namespace {

using gtsim_test::figure;

// admin_result()'s three regions as an MRSC table with a witness in the
// third: us-east-1 lost its quorum at 10 s, regained it at 20 s and caught up
// at 20.5 s; eu-west-1 lost it at 40 s and is still without one at the end.
model::RunResult strong_result() {
  model::RunResult r = gtsim_test::admin_result();
  model::StrongConsistencyResult& s = r.strong_consistency;
  s.enabled = true;
  s.witness = "ap-southeast-2";
  for (const std::string& name : r.regions) {
    model::StrongConsistencyRegion region;
    region.name = name;
    region.witness = name == s.witness;
    s.regions.push_back(region);
  }
  s.regions[0].write_conflicts = 7;
  s.regions[0].conflict_errors = 1;
  s.regions[0].no_quorum_errors = 120;
  s.regions[0].catching_up_errors = 4;
  s.regions[0].without_quorum_ns = 10'000'000'000;
  s.regions[0].catching_up_ns = 500'000'000;
  s.regions[1].write_conflicts = 3;
  s.regions[1].without_quorum_ns = 20'000'000'000;
  for (const std::string& from : r.regions) {
    for (const std::string& to : r.regions) {
      if (from != to) s.pairs.push_back({from, to, 0});
    }
  }
  s.pairs[0].write_conflicts = 7;  // us-east-1 -> eu-west-1
  s.pairs[2].write_conflicts = 3;  // eu-west-1 -> us-east-1
  s.episodes.push_back({"us-east-1", 10'000'000'000, 20'000'000'000, 20'500'000'000, 900});
  s.episodes.push_back({"eu-west-1", 40'000'000'000, -1, -1, 0});
  return r;
}

}  // namespace

TEST_CASE("MRSC report: its figures have paths, read back from the JSON as flatten() gives them") {
  const model::RunResult result = strong_result();
  const std::vector<reports::Figure> figures = reports::flatten(result);
  CHECK(figure(figures, "strong_consistency.write_conflicts") == 10);
  CHECK(figure(figures, "strong_consistency.regions.us-east-1.write_conflicts") == 7);
  CHECK(figure(figures, "strong_consistency.regions.us-east-1.conflict_errors") == 1);
  CHECK(figure(figures, "strong_consistency.regions.us-east-1.no_quorum_errors") == 120);
  CHECK(figure(figures, "strong_consistency.regions.us-east-1.catching_up_errors") == 4);
  CHECK(figure(figures, "strong_consistency.regions.us-east-1.without_quorum_ns") == 10'000'000'000);
  CHECK(figure(figures, "strong_consistency.regions.us-east-1.catching_up_ns") == 500'000'000);
  CHECK(figure(figures, "strong_consistency.pairs.us-east-1->eu-west-1.write_conflicts") == 7);
  CHECK(figure(figures, "strong_consistency.pairs.eu-west-1->us-east-1.write_conflicts") == 3);

  std::string error;
  const std::optional<reports::JsonValue> json = reports::parse_json(reports::json_report(result), &error);
  REQUIRE(json);
  const std::optional<std::vector<reports::Figure>> back = reports::figures_from_report(*json, &error);
  INFO(error);
  REQUIRE(back);
  REQUIRE(back->size() == figures.size());
  for (size_t i = 0; i < figures.size(); ++i) {
    CHECK(figures[i].path == (*back)[i].path);
    CHECK(figures[i].value == (*back)[i].value);
  }
  // An eventually consistent result has neither the section nor its paths.
  const model::RunResult mrec = gtsim_test::admin_result();
  CHECK(reports::json_report(mrec).find("strong_consistency") == std::string::npos);
  for (const reports::Figure& f : reports::flatten(mrec)) CHECK(f.path.rfind("strong_consistency.", 0) != 0);
}

TEST_CASE("MRSC report: the JSON section validates against the schema; a changed episode is a difference") {
  const reports::JsonValue s = gtsim_test::report_schema();
  gtsim_test::SchemaValidator validator(s);
  std::string error;
  const reports::JsonValue report = *reports::parse_json(reports::json_report(strong_result()), &error);
  const std::vector<std::string> errors = validator.validate(report);
  for (const std::string& e : errors) UNSCOPED_INFO(e);
  CHECK(errors.empty());

  model::RunResult later = strong_result();
  later.strong_consistency.episodes[0].caught_up_ns = 21'000'000'000;
  const reports::JsonValue changed = *reports::parse_json(reports::json_report(later), &error);
  const reports::ReportDiff diff = reports::diff_reports(report, changed, {});
  CHECK(diff.changes.empty());
  CHECK(diff.other_parts == std::vector<std::string>{"strong_consistency.episodes"});
}

TEST_CASE("MRSC report: the terminal section says RPO 0, refusals by cause, conflicts by pair and each loss") {
  const std::string text = reports::text_report(strong_result());
  CHECK(text.find("\nstrong consistency (MRSC)  two replicas, witness in ap-southeast-2; conflict window each "
                  "write's quorum round trip\n"
                  "  RPO 0: a write is acknowledged once a second participant holds it: none is at risk at an "
                  "outage and none is clobbered\n") != std::string::npos);
  CHECK(text.find("  us-east-1                7        1        120           4       10.000 s    500.00 ms\n") !=
        std::string::npos);
  CHECK(text.find("  ap-southeast-2  witness: holds no items, serves no requests\n") != std::string::npos);
  CHECK(text.find("  conflicts (writer -> region modifying the item): us-east-1 -> eu-west-1 7; eu-west-1 -> "
                  "us-east-1 3\n") != std::string::npos);
  CHECK(text.find("  us-east-1 reached no other participant from 10.000 s, again from 20.000 s, caught up at 20.500 s "
                  "(900 writes applied)\n") != std::string::npos);
  CHECK(text.find("  eu-west-1 reached no other participant from 40.000 s to the end\n") != std::string::npos);
  CHECK(reports::text_report(gtsim_test::admin_result()).find("strong consistency") == std::string::npos);
}

TEST_CASE("MRSC report: the HTML page has the section's tables, the pairs and losses only where they have rows") {
  const std::string html = reports::html_report(strong_result(), {});
  const auto has = [&](const std::string& part) { return html.find(part) != std::string::npos; };
  CHECK(has("<h2>Multi-Region strong consistency (MRSC)</h2>\n<p class=\"note\">Two replicas, witness in "
            "ap-southeast-2; conflict window each write's quorum round trip. RPO 0:"));
  CHECK(has("<tr><td>us-east-1</td><td>7</td><td>1</td><td>120</td><td>4</td><td>10.000 s</td><td>500.00 ms</td></tr>"));
  CHECK(has("<tr><td>ap-southeast-2 (witness)</td><td>n/a</td>"));
  CHECK(has("<tr><td>us-east-1</td><td>eu-west-1</td><td>7</td></tr>\n<tr><td>eu-west-1</td><td>us-east-1</td><td>3</td></tr>"));
  CHECK(has("<tr><td>us-east-1</td><td>0:10</td><td>0:20</td><td>0:20.500</td><td>900</td></tr>"));
  CHECK(has("<tr><td>eu-west-1</td><td>0:40</td><td>the end</td><td>not within the run</td><td>0</td></tr>"));
  model::RunResult quiet = strong_result();
  for (model::StrongConsistencyPair& p : quiet.strong_consistency.pairs) p.write_conflicts = 0;
  quiet.strong_consistency.episodes.clear();
  const std::string calm = reports::html_report(quiet, {});
  CHECK(calm.find("region modifying the item") == std::string::npos);
  CHECK(calm.find("reached no other participant") == std::string::npos);
  CHECK(reports::html_report(gtsim_test::admin_result(), {}).find("Multi-Region strong consistency") ==
        std::string::npos);
}
