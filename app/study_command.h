// What `gtsim sweep` and `gtsim compare` share: the options that choose
// seeds, threads, shard, figures and output directory, their parsing, and
// the execution of a planned study (load every point, resolve the figures,
// run on threads with a progress bar, write the files, print the table).
//
// Bad input (an invalid point, an unknown figure, a malformed option, a
// study beyond the bounds of study/sweep_plan.h, a run `gtsim run` would
// refuse, an --out holding another study) is reported before any run
// starts, with exit code 2. Each run has the guards of `gtsim run`; a run
// a guard stopped keeps its row (its "stop" says which) and the study exits
// 3. On SIGINT or SIGTERM the runs under way stop, and the finished ones
// are written as a partial study that says so (exit 128 + N).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/exit_codes.h"
#include "app/run_guards.h"
#include "study/sweep_plan.h"
#include "reports/output_file.h"
#include "study/study_files.h"
#include "study/study_tally.h"
#include "study/sweep_rows.h"

namespace app {


inline constexpr unsigned kMaxJobs = 256;

struct StudyOptions {
  std::string file;
  std::string seeds = "10";          // --seeds N (1..N) or A..B, at most study::kMaxSeeds
  unsigned jobs = 0;                 // --jobs, 1 to kMaxJobs; 0: one per hardware thread
  std::string shard;                 // --shard I/N
  std::vector<std::string> metrics;  // --metric PATH (repeatable); empty: the defaults
  std::string pricing_path;          // --pricing FILE: prices over each point's (load/pricing_section.h)
  std::string out_dir;               // --out DIR
  bool quiet = false;                // no table on stdout
  GuardOptions guards;               // per run: --max-events, --max-wall, --max-live-state
  std::string html_path;             // --html OUT: the study report (reports/study_html.h)
  std::string command_line;          // as typed, for the HTML report's provenance
};

// Adds the shared options to a subcommand.
void add_study_options(CLI::App* command, StudyOptions* options);

// "20" -> 1..20, "100..199" -> 100..199. False and *error otherwise.
bool parse_seeds(std::string_view text, uint64_t* first, uint64_t* last, std::string* error);
// "2/8" -> {2, 8}. False and *error otherwise.
bool parse_shard(std::string_view text, study::Shard* shard, std::string* error);
// "PATH=V1,V2,..." -> PATH and the values; commas inside [] or {} do not split.
// `option` names the option in the message.
bool parse_vary(std::string_view text, std::string* path, std::vector<std::string>* values, std::string* error,
                std::string_view option = "--vary");

// A study's outputs on their way: the tally of its tables and, with an
// --out directory, its files, staged as the rows come (study/study_files.h)
// and committed all or none (app/interrupt.h). The directory, if it made
// it, is removed when nothing is written (a failure, an exception).
class StudyOutput {
 public:
  // `plan` (metrics resolved) outlives this; out_dir "": the tally only.
  StudyOutput(const study::SweepPlan& plan, std::string out_dir);
  ~StudyOutput();
  StudyOutput(const StudyOutput&) = delete;
  StudyOutput& operator=(const StudyOutput&) = delete;

  // Stages the files. False with its message printed (exit 4).
  bool begin();
  // A row, in run order, to the tally and the files. False, with error(),
  // when a write (or a compare's spool) fails: the study must stop.
  bool add(size_t run, const study::RunRow& row);
  // Says add()'s failure on stderr; the exit code.
  int report_failure() const;
  const study::StudyTally& tally() const { return tally_; }
  // Stages the rest and commits every file; 0, or the exit code with its
  // message printed. A partial study (the first signal already came) is
  // written all the same. Without --out: 0.
  int write();

 private:
  const study::SweepPlan& plan_;
  std::string out_dir_;
  study::StudyTally tally_;
  reports::OutputSet set_;
  study::StudyFiles files_;
  std::string error_;
  bool written_ = false;
};

// Refuses (message printed, false) an --out that holds anything but this
// very study (study/study_files.h, out_dir_problem).
bool out_dir_usable(const std::string& dir, const study::SweepPlan& plan);

// Fills the plan's file, seeds and shard from the options, runs it and
// writes its outputs. Returns the exit code.
int execute_study(study::SweepPlan plan, const StudyOptions& options);

}  // namespace app
