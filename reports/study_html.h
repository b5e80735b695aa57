// The HTML report of a study (`gtsim sweep --html OUT`, `gtsim compare
// --html OUT`): one self-contained page with the run report's provenance
// block (reports/provenance.h), then for a sweep each figure's mean and 95 %
// confidence interval across seeds against the varied parameter(s), as a
// table and as a chart with error bars, and for a comparison each figure's
// a, b and paired difference b - a with their intervals. Printed and
// checked in headless Chromium like the run report (reports/html_page.h).
//
// A pure function of a StudyView: the study's own summary (study/study_summary.h)
// turned into plain numbers by the command (app/study_view.h), so that how
// study/ computes its estimates stays its own business.
// Determinism: same view and provenance, same bytes.
#pragma once

#include <string>
#include <vector>

#include "reports/provenance.h"
#include "reports/svg_error_bars.h"

namespace reports {

// An estimate across seeds, as study::Estimate gives it.
struct StudyEstimate {
  size_t n = 0;            // runs (pairs, for a difference) that have the figure
  double mean = 0;
  double ci95_half = 0;    // meaningful when n >= 2
};

struct StudyView {
  bool compare = false;
  bool partial = false;                  // interrupted: the finished runs only
  std::string runs;                      // "3 points x 10 seeds (1..10) = 30 runs"
  std::vector<std::string> parameters;   // sweep: the varied paths
  std::vector<std::string> points;       // each point's label: its values ("250ms"), or "a"/"b" for a compare
  std::vector<std::string> point_settings;  // each point's overrides, "table.keys=1000"
  std::vector<std::string> metrics;      // figure paths
  std::vector<std::vector<StudyEstimate>> estimates;  // [metric][point]
  std::vector<StudyEstimate> paired;     // compare: [metric] the paired b - a
};

std::string study_html(const StudyView& view, const Provenance& provenance);

}  // namespace reports
