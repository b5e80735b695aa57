// reports/timeline_marks.h: a label for every kind of timeline event.
#include <catch2/catch.hpp>

#include "reports/timeline_marks.h"

TEST_CASE("Timeline marks: indexes, TTL and replica lifecycle, and the copies settings_sync made") {
  model::Scenario scenario;
  scenario.regions.resize(2);
  scenario.regions[0].name = "us-east-1";
  scenario.regions[1].name = "eu-west-1";
  scenario.index_names = {"by-email", "by-date"};
  const auto event = [](model::TimelineKind kind, int64_t at_s, size_t region, size_t index, bool synced) {
    model::TimelineEvent e;
    e.kind = kind;
    e.at = sim::Duration::seconds(at_s);
    e.region = region;
    e.index = index;
    e.synced = synced;
    return e;
  };
  using K = model::TimelineKind;
  scenario.timeline = {event(K::kCreateIndex, 1, 0, 1, false), event(K::kCreateIndex, 2, 1, 1, true),
                       event(K::kDeleteIndex, 3, 1, 0, false),  event(K::kEnableTtl, 4, 0, 0, false),
                       event(K::kDisableTtl, 5, 1, 0, true),    event(K::kAddReplica, 6, 1, 0, false),
                       event(K::kRemoveReplica, 7, 0, 0, false)};
  const std::vector<reports::TimelineMark> marks = reports::timeline_marks(scenario);
  REQUIRE(marks.size() == 7);
  CHECK(marks[0].at_ns == 1'000'000'000);
  CHECK(marks[0].label == "index by-date created in us-east-1");
  CHECK(marks[1].label == "index by-date created in eu-west-1 (synced)");
  CHECK(marks[2].label == "index by-email deleted in eu-west-1");
  CHECK(marks[3].label == "TTL enabled in us-east-1");
  CHECK(marks[4].label == "TTL disabled in eu-west-1 (synced)");
  CHECK(marks[5].label == "replica added in eu-west-1");
  CHECK(marks[6].label == "replica removed in us-east-1");
}
