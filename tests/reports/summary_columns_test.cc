// reports/summary_columns.h: every column of the summary is a report path or
// maps to one (docs/report-paths.md, "The summary's columns").
#include "reports/summary_columns.h"

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "reports/expectation_check.h"
#include "reports/text_report.h"
#include "tests/reports/admin_result.h"

namespace reports {
namespace {

const std::vector<std::string>& paths() {
  static const std::vector<std::string> all = metric_paths_for(std::vector<std::string>{"us-east-1", "eu-west-1"});
  return all;
}

bool known(const std::string& path) { return std::find(paths().begin(), paths().end(), path) != paths().end(); }

TEST_CASE("summary columns: a column's own header as a path is answered with the path it shows") {
  CHECK(summary_column_hint("regions.eu-west-1.throttled", known) ==
        "the summary's column 'throttled' is 'regions.eu-west-1.throttle_events'");
  CHECK(summary_column_hint("regions.eu-west-1.unavail", known) ==
        "the summary's column 'unavail.' is 'regions.eu-west-1.unavailable_errors'");
  CHECK(summary_column_hint("lag.us-east-1->eu-west-1.p99", known) ==
        "the summary's column 'p99' is 'lag.us-east-1->eu-west-1.p99_ns'");
  CHECK(summary_column_hint("regions.eu-west-1.stale", known) ==
        "the summary's column 'stale' is no figure; the JSON report has it at regions[].reads.stale_reads");
  CHECK_FALSE(summary_column_hint("regions.eu-west-9.throttled", known));  // no such region
  CHECK_FALSE(summary_column_hint("regions.eu-west-1.writes", known));     // a path already
  CHECK_FALSE(summary_column_hint("throttled", known));
}

TEST_CASE("summary columns: every figure of the table is a path of a run") {
  for (const SummaryColumn& column : summary_columns()) {
    if (column.figure.empty()) {
      CHECK_FALSE(column.json.empty());
      continue;
    }
    const std::string path = column.section == "lag"          ? "lag.us-east-1->eu-west-1." + std::string(column.figure)
                             : column.section == "regions"    ? "regions.us-east-1." + std::string(column.figure)
                                                              : std::string(column.section) + "." + std::string(column.figure);
    INFO(path);
    CHECK(known(path));
  }
}

TEST_CASE("summary columns: every header of the summary's tables is in the table") {
  const std::string text = text_report(gtsim_test::admin_result());
  std::vector<std::string> headers;
  for (const std::string start : {"region ", "replication lag ", "capacity "}) {
    const size_t at = text.find("\n" + start);
    REQUIRE(at != std::string::npos);
    std::string line = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
    line = line.substr(start == "region " ? 6 : start.size() - 1);
    // Headers are separated by two spaces or more, or right-aligned in 10: split on runs of spaces,
    // then join the known two-word headers back.
    for (const char* two : {"W units", "R units", "thr. %", "lat. p50", "lat. p99"}) {
      const size_t w = line.find(two);
      if (w == std::string::npos) continue;
      headers.push_back(two);
      line.replace(w, std::string(two).size(), std::string(std::string(two).size(), ' '));
    }
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && line[i] == ' ') ++i;
      const size_t b = i;
      while (i < line.size() && line[i] != ' ') ++i;
      if (i > b) headers.push_back(line.substr(b, i - b));
    }
  }
  REQUIRE(headers.size() > 20);
  for (const std::string& header : headers) {
    INFO(header);
    CHECK(std::any_of(summary_columns().begin(), summary_columns().end(),
                      [&](const SummaryColumn& c) { return c.header == header; }));
  }
}

}  // namespace
}  // namespace reports
