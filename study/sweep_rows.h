// The rows of a study: one per run, its seed, its parameters and the chosen
// figures, as a line of runs.jsonl (one JSON object a line, with the command
// that replays the run) and of runs.csv (one column per parameter and
// figure). Each line is written as its run finishes (study/study_files.h);
// no list of rows is ever kept.
//
// Byte-stable: a row is a pure function of the plan, the run number and the
// row's values, so rows written by shards are the very lines of the
// unsharded file, and runs.jsonl is read back (parse_row_json) for
// `gtsim merge`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/run_result.h"
#include "study/sweep_plan.h"

namespace study {

// A finished run: whether a guard stopped it, and its figures.
struct RunRow {
  model::StopReason stop = model::StopReason::kCompleted;
  std::vector<std::optional<int64_t>> values;  // per plan.metrics; nullopt: the point has no such figure
};

// One line of runs.jsonl, newline included. REQUIRES: row.values.size() == plan.metrics.size().
std::string row_json(const SweepPlan& plan, size_t run, const RunRow& row);
// The first line of runs.csv (its columns), then one line per row.
std::string runs_csv_header(const SweepPlan& plan);
std::string row_csv(const SweepPlan& plan, size_t run, const RunRow& row);

// Reads one line of runs.jsonl written for `plan`; sets *run and *row, or
// returns false and sets *error.
bool parse_row_json(const std::string& line, const SweepPlan& plan, size_t* run, RunRow* row,
                    std::string* error);

// A CSV field of text: reports::csv_cell (quoted as RFC 4180 asks, a
// would-be formula neutralised).
std::string csv_field(std::string_view text);

}  // namespace study
