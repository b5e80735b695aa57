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
#include "study/sweep_rows.h"

namespace app {


inline constexpr unsigned kMaxJobs = 256;

struct StudyOptions {
  std::string file;
  std::string seeds = "10";          // --seeds N (1..N) or A..B, at most study::kMaxSeeds
  unsigned jobs = 0;                 // --jobs, 1 to kMaxJobs; 0: one per hardware thread
  std::string shard;                 // --shard I/N
  std::vector<std::string> metrics;  // --metric PATH (repeatable); empty: the defaults
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
bool parse_vary(std::string_view text, std::string* path, std::vector<std::string>* values, std::string* error);

// Writes a study's files into `dir`, all or none (app/interrupt.h); 0, or
// the exit code with its message printed. A partial study (the first
// signal already came) is written all the same.
int write_study(const std::string& dir, const study::SweepPlan& plan, const std::vector<study::RunRow>& rows);

// Refuses (message printed, false) an --out that holds anything but this
// very study (study/study_files.h, out_dir_problem).
bool out_dir_usable(const std::string& dir, const study::SweepPlan& plan);

// Fills the plan's file, seeds and shard from the options, runs it and
// writes its outputs. Returns the exit code.
int execute_study(study::SweepPlan plan, const StudyOptions& options);

}  // namespace app
