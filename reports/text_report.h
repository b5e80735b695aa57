// The terminal summary of a run: the figures a user looks for first, aligned
// and with units, on one screen. Like the JSON report it is a pure function
// of the result; the run statistics (events, wall time, events per second)
// are passed in separately because they depend on the machine. Measured
// durations are sim::format_duration's DurationStyle::kReadable ("43.47 ms"),
// the scenario's own its kExact ("2m").
#pragma once

#include <cstdint>
#include <string>

#include "model/run_result.h"
#include "reports/timeline_marks.h"

namespace reports {

struct RunStatistics {
  uint64_t events = 0;
  double wall_seconds = 0.0;
};

// `timeline`: the scenario's (reports/timeline_marks.h), for the notes on
// where a surprising figure comes from (reports/figure_notes.h).
std::string text_report(const model::RunResult& result, const std::vector<TimelineMark>& timeline = {});
std::string text_run_statistics(const RunStatistics& statistics);

// A size for people, in decimal units: "812 B", "1.02 MB", "3.40 GB".
std::string display_bytes(uint64_t bytes);

}  // namespace reports
