// The tables of a study: per parameter point, each figure's mean and 95 %
// confidence interval across seeds (sweep); for a comparison, also the
// paired difference b - a per seed with its interval (common random
// numbers: both variants of a seed see the same client traffic).
//
// Pure functions of the plan and the tally of its rows (study/study_tally.h,
// exact sums), so the tables are byte-identical whatever the thread count,
// sharding or merge order.
// Figures ending in _ns are shown in ms on the terminal; the CSV files keep
// the figure's own unit with three decimals.
#pragma once

#include <string>
#include <vector>

#include "study/statistics.h"
#include "study/sweep_plan.h"
#include "study/study_tally.h"

namespace study {

std::string sweep_summary_text(const SweepPlan& plan, const StudyTally& tally);
// summary.csv: point, parameters..., figure, n, mean, ci95_half, low, high.
std::string sweep_summary_csv(const SweepPlan& plan, const StudyTally& tally);

// REQUIRES: plan.kind == kCompare (two points).
std::string compare_summary_text(const SweepPlan& plan, const StudyTally& tally);
// paired.csv: figure, pairs, a_mean, a_ci95_half, b_mean, b_ci95_half, diff_mean, diff_ci95_half, diff_low, diff_high.
std::string compare_summary_csv(const SweepPlan& plan, const StudyTally& tally);

}  // namespace study
