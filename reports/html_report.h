// The HTML report of a run (`gtsim run --html FILE`): one self-contained
// file that opens offline (no script, font, style sheet or image from
// elsewhere). At the top the scenario, seed and timeline; then the summary
// tables (regions, replication lag, conflicts, multi-Region strong
// consistency, capacity events, convergence) and SVG charts (reports/svg_chart.h): replication latency per
// pair per minute, the replication backlog, and consumed vs provisioned
// capacity and throttles per region, each with the timeline drawn on it.
//
// Bounded in the timeline: every chart draws at most kChartMarksMax marks
// (the first, in time order) and the timeline table lists at most
// kTimelineRowsMax events, each saying how many it leaves out, so a
// timeline of 100,000 events no longer repeats all of them on every chart
// (253 MB); the scenario file holds them all.
//
// A small inline script checks the page once it has loaded (every chart
// drawn, no empty table) and records the result in <html data-self-check>,
// which tests/reports/html_check.sh reads in headless Chromium.
//
// A pure function of its arguments: same scenario and seed, same bytes.
#pragma once

#include <string>
#include <vector>

#include "model/run_result.h"
#include "reports/provenance.h"
#include "reports/timeline_marks.h"

namespace reports {

inline constexpr size_t kChartMarksMax = 50;
inline constexpr size_t kTimelineRowsMax = 1000;

// `provenance`: what was run (reports/provenance.h), at the top of the page
// and in every chart's footer.
std::string html_report(const model::RunResult& result, const std::vector<TimelineMark>& timeline,
                        const Provenance& provenance = {});

}  // namespace reports
