// reports/figure_notes.h: where a surprising lag or staleness comes from.
#include "reports/figure_notes.h"

#include <catch2/catch.hpp>

#include "reports/text_report.h"
#include "reports/time_units.h"

namespace reports {
namespace {

constexpr int64_t kMinute = 60'000'000'000;

model::RunResult two_regions() {
  model::RunResult r;
  r.scenario_name = "notes";
  r.regions = {"us-east-1", "eu-west-1"};
  for (const std::string& name : r.regions) {
    model::RegionResult region;
    region.name = name;
    r.region_results.push_back(region);
  }
  for (const auto& [from, to] : {std::pair("us-east-1", "eu-west-1"), std::pair("eu-west-1", "us-east-1")}) {
    model::PairResult pair;
    pair.from = from;
    pair.to = to;
    r.pairs.push_back(pair);
  }
  return r;
}

TimelineMark cut(int64_t at_ns, model::TimelineKind kind) {
  return TimelineMark{at_ns, "links", kind, {{"us-east-1", "eu-west-1"}, {"eu-west-1", "us-east-1"}}};
}

TEST_CASE("figure notes: a sub-second lag and a zero-write pair say nothing") {
  model::RunResult r = two_regions();
  r.pairs[0].replicated = 100;
  for (int i = 0; i < 100; ++i) r.pairs[0].lag_ns.record(500'000'000);
  CHECK(figure_notes(r, {}).empty());
}

TEST_CASE("figure notes: a partition explains the lag, in one unit per line") {
  model::RunResult r = two_regions();
  r.pairs[0].replicated = 100;
  for (int i = 0; i < 100; ++i) r.pairs[0].lag_ns.record(5 * kMinute);
  const std::vector<TimelineMark> timeline = {cut(2 * kMinute, model::TimelineKind::kCutLinks),
                                              cut(7 * kMinute, model::TimelineKind::kRestoreLinks)};
  const std::vector<FigureNote> notes = figure_notes(r, timeline);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].section == NoteSection::kLag);
  CHECK(notes[0].text == "p99 lag us-east-1 -> eu-west-1: link cut from 120.000 s to 420.000 s");
}

TEST_CASE("figure notes: outages and throttling explain a lag; stale reads point at it") {
  model::RunResult r = two_regions();
  r.pairs[0].replicated = 1000;
  for (int i = 0; i < 1000; ++i) r.pairs[0].lag_ns.record(50 * kMinute);
  r.region_results[1].replication_throttle_events = 10;  // 1 %: named
  model::OutageResult outage;
  outage.region = "us-east-1";
  outage.failed_ns = 10 * kMinute;
  outage.unreplicated_at_end_writes = 246;
  r.outages.push_back(outage);
  r.region_results[1].stale_reads = 5;
  for (int i = 0; i < 5; ++i) r.region_results[1].staleness_ns.record(30 * kMinute);
  const std::vector<FigureNote> notes = figure_notes(r, {});
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].text == "p99 lag us-east-1 -> eu-west-1: outage of us-east-1 from 10.00 min, not recovered; "
                         "eu-west-1 throttled 10 replicated writes");
  CHECK(notes[1].section == NoteSection::kReads);
  CHECK(notes[1].text.starts_with("p99 staleness in eu-west-1: replication into eu-west-1 lags (p99 "));
  CHECK(notes[1].text.ends_with(" from us-east-1: outage of us-east-1 from 10.00 min, not recovered; eu-west-1 "
                                "throttled 10 replicated writes); 246 writes of us-east-1 not replicated by the "
                                "end (us-east-1 still out)"));
  // Below 1 % of the pair's writes, throttling is a consequence, not named.
  r.region_results[1].replication_throttle_events = 9;
  CHECK(figure_notes(r, {})[0].text == "p99 lag us-east-1 -> eu-west-1: outage of us-east-1 from 10.00 min, not "
                                       "recovered");
}

TEST_CASE("figure notes: with no cause recorded the line says so") {
  model::RunResult r = two_regions();
  r.pairs[1].replicated = 10;
  for (int i = 0; i < 10; ++i) r.pairs[1].lag_ns.record(kMinute);
  const std::vector<FigureNote> notes = figure_notes(r, {});
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].text == "p99 lag eu-west-1 -> us-east-1: no cut link, outage or throttling on this pair: the "
                         "replication settings (poll_interval, batch_size, apply_time) are what is left");
}

TEST_CASE("Text report: one unit per lag line, n/a for a pair with no writes, notes under their section") {
  model::RunResult r = two_regions();
  r.pairs[0].replicated = 100;
  for (int i = 0; i < 99; ++i) r.pairs[0].lag_ns.record(500'000'000);
  r.pairs[0].lag_ns.record(2'000'000'000);
  r.region_results[0].operations[static_cast<int>(model::Operation::kGet)] = 10;
  r.region_results[1].operations[static_cast<int>(model::Operation::kGet)] = 10;
  r.region_results[1].stale_reads = 1;
  r.region_results[1].staleness_ns.record(400'000'000);
  const std::string text = text_report(r);
  const auto line_of = [&](const std::string& start) {
    const size_t at = text.find(start);
    REQUIRE(at != std::string::npos);
    return text.substr(at, text.find('\n', at) - at);
  };
  const std::string east = line_of("us-east-1 -> eu-west-1");
  CHECK(east.find(" ms") == std::string::npos);  // every cell in seconds, chosen by the max
  CHECK(east.find("2.0") != std::string::npos);
  CHECK(line_of("eu-west-1 -> us-east-1") ==
        "eu-west-1 -> us-east-1           0        n/a        n/a        n/a        n/a        n/a        n/a");
  CHECK(line_of("reads ") == "reads      us-east-1 0 stale of 10; eu-west-1 1 stale of 10 (p99 staleness " +
                                 in_unit(r.region_results[1].staleness_ns.quantile(0.99), TimeUnit::kMs) + ")");
}

}  // namespace
}  // namespace reports
