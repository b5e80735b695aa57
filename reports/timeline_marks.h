// The scenario's timeline as marks for the reports: (true time, label) per
// event, in time order, as the loader expanded it (a failover is an outage
// and, after its delay, a traffic shift). The HTML report draws them on
// every chart; RunResult does not carry the timeline, the Scenario does.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/scenario.h"

namespace reports {

struct TimelineMark {
  int64_t at_ns = 0;
  std::string label;  // "outage of us-east-1", "shift 100% of us-east-1's traffic to eu-west-1"
  // What the event is and, for a cut, restore or latency change, the links
  // it acts on as (from, to) region names: the summary's notes on where a
  // figure comes from read them (reports/figure_notes.h).
  model::TimelineKind kind = model::TimelineKind::kOutage;
  std::vector<std::pair<std::string, std::string>> links;
};

std::vector<TimelineMark> timeline_marks(const model::Scenario& scenario);

}  // namespace reports
