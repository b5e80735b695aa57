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
// runs.jsonl and runs.csv are staged as streams before the first run and
// get each row as its run finishes, in run order (StudyFiles); the rest is
// staged when the study ends, from the plan and the tally of the rows
// (study/study_tally.h). No list of rows is kept, in the study or in
// `gtsim merge`, which reads the shards' runs.jsonl a line at a time
// (ShardRows).
//
// A shard (plan.shard.count > 1) writes only the first three: a summary of
// part of the seeds would be misleading. `gtsim merge` writes all of them,
// byte for byte what the unsharded study writes.
#pragma once

#include <cstddef>
#include <fstream>
#include <optional>
#include <string>

#include "reports/output_file.h"
#include "study/study_tally.h"
#include "study/sweep_plan.h"
#include "study/sweep_rows.h"

namespace study {

// The terminal table of a whole study (sweep or compare); a partial one
// first says how many runs finished.
std::string study_summary_text(const SweepPlan& plan, const StudyTally& tally);

// The files of one study, staged in an OutputSet that the caller commits
// (all or none) once finish() succeeded. Every false comes with *error and
// leaves the set abandoned: nothing of the study is written.
class StudyFiles {
 public:
  // Creates `dir` if needed and stages sweep.json (its content comes at
  // finish: it is the first file renamed), runs.jsonl and runs.csv (its
  // header) in *set, which outlives this.
  bool begin(const std::string& dir, const SweepPlan& plan, reports::OutputSet* set, std::string* error);
  // The row of run `run`, to runs.jsonl and runs.csv. REQUIRES: begin()
  // succeeded, runs in increasing order.
  bool add_row(const SweepPlan& plan, size_t run, const RunRow& row, std::string* error);
  // sweep.json (plan.partial as the study ended) and, unsharded, the summary
  // files; every file is then staged, for the caller to commit.
  bool finish(const SweepPlan& plan, const StudyTally& tally, std::string* error);
  // Whether begin() made the directory, so that the caller removes it when
  // nothing is written.
  bool made_directory() const { return made_directory_; }

 private:
  bool failed(std::string* error);

  reports::OutputSet* set_ = nullptr;
  std::string base_;  // "DIR/"
  size_t plan_stream_ = 0, jsonl_stream_ = 0, csv_stream_ = 0;
  bool made_directory_ = false;
};

// "" when `dir` may receive the files of `plan`: it does not exist, is
// empty, or holds this very study (its sweep.json is of the same plan, a
// partial one included); else why not, so that a study never leaves another
// study's files beside its own.
std::string out_dir_problem(const std::string& dir, const SweepPlan& plan);

// Reads a shard directory's sweep.json into *plan; false and *error on an
// unreadable or invalid file.
bool read_study_plan(const std::string& dir, SweepPlan* plan, std::string* error);

// A shard directory's runs.jsonl, read one row at a time.
class ShardRows {
 public:
  // False and *error when the file cannot be opened.
  bool open(const std::string& dir, std::string* error);
  // The next row of the file, read for `plan`: true with *run and *row;
  // false at the end of the file (*error empty) or on a malformed line
  // (*error names the file and line).
  bool next(const SweepPlan& plan, size_t* run, RunRow* row, std::string* error);
  // "DIR/runs.jsonl:LINE" of the row last read.
  std::string where() const;

 private:
  std::string path_;
  std::ifstream in_;
  size_t line_ = 0;
};

}  // namespace study
