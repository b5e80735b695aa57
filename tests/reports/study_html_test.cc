// reports/study_html.h: a study's means and intervals as tables and error bars.
#include "reports/study_html.h"

#include <catch2/catch.hpp>

#include <string>

#include "tests/reports/report_text.h"

namespace reports {
namespace {

using gtsim_test::count;

Provenance provenance() {
  // Built from std::string values: gcc 12 at -O3 warns falsely (-Wrestrict)
  // on assigning some literals to a member std::string here.
  const std::string seeds = "1..3 (3 seeds)";
  Provenance p;
  p.gtsim = std::string("gtsim 9.9.9");
  p.command_line = std::string("gtsim sweep s.yaml --vary table.keys=100,1000 --html s.html");
  p.scenario_hash = std::string("fnv1a64:0000000000000001");
  p.scenario_file = std::string("s.yaml");
  p.scenario_name = std::string("s");
  p.seeds = seeds;
  p.regions = {{"us-east-1", "on demand", "100 requests/s: web 100/s"}};
  p.study = {{"varies", "table.keys"}};
  return p;
}

TEST_CASE("study report: a sweep's figures per point, mean and interval, in a table and with error bars") {
  StudyView view;
  view.runs = "2 points x 3 seeds = 6 runs";
  view.parameters = {"table.keys"};
  view.points = {"100", "1000"};
  view.point_settings = {"table.keys=100", "table.keys=1000"};
  view.metrics = {"conflicts.clobbered", "lag.a->b.p99_ns"};
  view.estimates = {{{3, 784.0, 28.64}, {3, 484.2, 54.2}},
                    {{3, 973'000'000.0, 75'000'000.0}, {1, 932'000'000.0, 0}}};
  const std::string html = study_html(view, provenance());
  CHECK(html.find("<h1>gtsim sweep: s</h1>") != std::string::npos);
  CHECK(html.find("<dd data-field=\"seed\">1..3 (3 seeds)</dd>") != std::string::npos);
  CHECK(html.find("<dt>varies</dt><dd data-field=\"study\">table.keys</dd>") != std::string::npos);
  CHECK(html.find("<tr><td>conflicts.clobbered</td><td>784 &plusmn; 28.64</td><td>484 &plusmn; 54.20</td></tr>") !=
        std::string::npos);
  // A duration cell in a unit of its own (the chart has one for the figure); one run has no interval.
  CHECK(html.find("<tr><td>lag.a-&gt;b.p99_ns</td><td>0.973 s &plusmn; 0.075 s</td><td>932.000 ms (1 run)</td></tr>") !=
        std::string::npos);
  CHECK(count(html, "<figure class=\"chart\"") == 2);
  CHECK(html.find("Figure 2 · lag.a-&gt;b.p99_ns against table.keys<tspan class=\"unit\"> s</tspan>") !=
        std::string::npos);
  // Error bars: three lines (bar and two caps) per estimate with an interval, none for the single run.
  const size_t second = html.find("<figure class=\"chart\" id=\"figure-2\"");
  const std::string chart = html.substr(second, html.find("</figure>", second) - second);
  CHECK(count(chart, "stroke-width=\"1.6\"") == 3);
  CHECK(count(chart, "<circle cx=") == 2);
  CHECK(html.find("gtsim 9.9.9 · s (fnv1a64:0000000000000001) · seed 1..3 (3 seeds)</text>") != std::string::npos);
}

TEST_CASE("study report: a comparison's a, b and paired b - a, the difference's interval against 0") {
  StudyView view;
  view.compare = true;
  view.runs = "2 points x 5 seeds = 10 runs";
  view.points = {"a", "b"};
  view.point_settings = {"replication.poll_interval=500ms", "replication.poll_interval=100ms"};
  view.metrics = {"conflicts.clobbered"};
  view.estimates = {{{5, 484.2, 54.2}, {5, 411.8, 50.13}}};
  view.paired = {{5, -72.4, 16.99}};
  const std::string html = study_html(view, provenance());
  CHECK(html.find("<h1>gtsim compare: s</h1>") != std::string::npos);
  CHECK(html.find("<tr><td>conflicts.clobbered</td><td>484 &plusmn; 54.20</td><td>412 &plusmn; 50.13</td>"
                  "<td>-72.40 &plusmn; 16.99</td><td>5</td></tr>") != std::string::npos);
  // The zero line: the axis spans below 0 for a negative difference.
  CHECK(html.find(">-200</text>") != std::string::npos);
  CHECK(html.find("data-key=\"variant:b-a\"") != std::string::npos);
  CHECK(html.find("b − a (paired)</text>") != std::string::npos);
}

}  // namespace
}  // namespace reports

namespace reports {
namespace {

TEST_CASE("study report: money figures (micro-dollars in a study) shown in dollars and cents") {
  StudyView view;
  view.compare = true;
  view.runs = "2 points x 4 seeds = 8 runs";
  view.points = {"a", "b"};
  view.point_settings = {"regions.eu-west-1.capacity.write_units=5", "regions.eu-west-1.capacity.write_units=1000"};
  view.metrics = {"cost.monthly_usd"};
  view.estimates = {{{4, 593'790'768.0, 9'625.0}, {4, 1'179'907'380.0, 2'609'737.0}}};
  view.paired = {{4, 586'116'612.0, 2'603'351.0}};
  const std::string html = study_html(view, provenance());
  CHECK(html.find("<tr><td>cost.monthly_usd</td><td>$593.79 &plusmn; $0.01</td><td>$1,179.91 &plusmn; $2.61</td>"
                  "<td>$586.12 &plusmn; $2.60</td><td>4</td></tr>") != std::string::npos);
  CHECK(html.find("Figure 1 · cost.monthly_usd<tspan class=\"unit\"> USD</tspan>") != std::string::npos);
}

}  // namespace
}  // namespace reports
