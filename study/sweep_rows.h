// The rows of a study: one per run, its seed, its parameters and the chosen
// figures, as runs.jsonl (one JSON object a line, with the command that
// replays the run) and runs.csv (one column per parameter and figure).
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

struct RunRow {
  bool done = false;  // false for runs of other shards
  model::StopReason stop = model::StopReason::kCompleted;
  std::vector<std::optional<int64_t>> values;  // per plan.metrics; nullopt: the point has no such figure
};

// One line of runs.jsonl, newline included. REQUIRES: row.done.
std::string row_json(const SweepPlan& plan, size_t run, const RunRow& row);
// Every done row, in run order.
std::string runs_jsonl(const SweepPlan& plan, const std::vector<RunRow>& rows);
std::string runs_csv(const SweepPlan& plan, const std::vector<RunRow>& rows);

// Reads one line of runs.jsonl written for `plan`; sets *run and *row, or
// returns false and sets *error.
bool parse_row_json(const std::string& line, const SweepPlan& plan, size_t* run, RunRow* row,
                    std::string* error);

// A CSV field of text: reports::csv_cell (quoted as RFC 4180 asks, a
// would-be formula neutralised).
std::string csv_field(std::string_view text);

}  // namespace study
