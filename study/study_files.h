// The files of a study in its --out directory, written together or not at
// all (reports/output_file.h):
//
//   sweep.json    the plan (study/sweep_plan.h): what `gtsim merge` reads
//   runs.jsonl    one row per run, with the command that replays it
//   runs.csv      the same rows as a table
//   summary.csv   per point and figure: mean and 95 % CI across seeds
//   paired.csv    compare only: the paired difference b - a per figure
//   summary.txt   the table printed on the terminal
//
// A shard (plan.shard.count > 1) writes only the first three: a summary of
// part of the seeds would be misleading. `gtsim merge` writes all of them,
// byte for byte what the unsharded study writes.
#pragma once

#include <string>
#include <vector>

#include "reports/output_file.h"
#include "study/sweep_plan.h"
#include "study/sweep_rows.h"

namespace study {

// The terminal table of a whole study (sweep or compare); a partial one
// first says how many runs finished.
std::string study_summary_text(const SweepPlan& plan, const std::vector<RunRow>& rows);

// Creates `dir` if needed and stages the files in *set, for the caller to
// commit (all or none, reports/output_file.h). False and *error on failure,
// with nothing staged.
bool stage_study_files(const std::string& dir, const SweepPlan& plan, const std::vector<RunRow>& rows,
                       reports::OutputSet* set, std::string* error);

// "" when `dir` may receive the files of `plan`: it does not exist, is
// empty, or holds this very study (its sweep.json is of the same plan, a
// partial one included); else why not, so that a study never leaves another
// study's files beside its own.
std::string out_dir_problem(const std::string& dir, const SweepPlan& plan);

// Reads a shard directory's sweep.json and runs.jsonl. Rows go into *rows
// (sized to the study's run count on first use); false and *error on an
// unreadable file, a malformed line or a run seen twice.
bool read_study_dir(const std::string& dir, SweepPlan* plan, std::vector<RunRow>* rows, std::string* error);

}  // namespace study
