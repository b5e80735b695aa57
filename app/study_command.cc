#include "app/study_command.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "app/interrupt.h"
#include "app/progress_bar.h"
#include "app/study_view.h"
#include "app/terminal.h"
#include "app/version.h"
#include "load/pricing_section.h"
#include "load/scenario_loader.h"
#include "model/run_estimate.h"
#include "reports/metric_paths.h"
#include "study/study_files.h"
#include "study/study_runner.h"

namespace app {
namespace {

bool parse_u64(std::string_view text, uint64_t* value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

void error(const std::string& message) { print_err("gtsim: error: " + message + "\n"); }

}  // namespace

void add_study_options(CLI::App* command, StudyOptions* options) {
  command->add_option("file", options->file, "Scenario YAML file")->required();
  command->add_option("--seeds", options->seeds, "Seeds: N (1..N) or A..B inclusive (default 10)");
  command->add_option("--jobs,-j", options->jobs, "Worker threads (default: one per hardware thread)");
  command->add_option("--shard", options->shard, "Run only share I of N (runs with number % N == I)");
  command->add_option("--metric", options->metrics,
                      "A figure to report, by path (docs/report-paths.md; '*' matches within a segment); repeatable");
  command->add_option("--pricing", options->pricing_path,
                      "Prices over the scenario's: a YAML file with the keys of its pricing: section");
  command->add_option("--out", options->out_dir, "Write runs.jsonl, runs.csv, summary files and sweep.json here");
  command->add_flag("-q,--quiet", options->quiet, "Print no table");
  command->add_option("--html", options->html_path,
                      "Write the study report: each figure's mean and 95 % CI per point, with charts");
  add_guard_options(command, &options->guards, "each run");
}

bool parse_seeds(std::string_view text, uint64_t* first, uint64_t* last, std::string* message) {
  const size_t dots = text.find("..");
  bool ok;
  if (dots == std::string_view::npos) {
    *first = 1;
    ok = parse_u64(text, last) && *last >= 1;
  } else {
    ok = parse_u64(text.substr(0, dots), first) && parse_u64(text.substr(dots + 2), last) && *first <= *last;
  }
  if (!ok) {
    *message = fmt::format("--seeds expects N or A..B with A <= B (e.g. 20 or 100..199), found '{}'", text);
  } else if (*last - *first >= study::kMaxSeeds) {
    *message = fmt::format("--seeds gives {} seeds, above the limit of {} a study",
                           *last - *first + 1 == 0 ? std::string("2^64") : fmt::format("{}", *last - *first + 1),
                           study::kMaxSeeds);
    ok = false;
  }
  return ok;
}

bool parse_shard(std::string_view text, study::Shard* shard, std::string* message) {
  const size_t slash = text.find('/');
  const bool ok = slash != std::string_view::npos && parse_u64(text.substr(0, slash), &shard->index) &&
                  parse_u64(text.substr(slash + 1), &shard->count) && shard->count >= 1 &&
                  shard->index < shard->count;
  if (!ok) *message = fmt::format("--shard expects I/N with 0 <= I < N (e.g. 0/4), found '{}'", text);
  return ok;
}

bool parse_vary(std::string_view text, std::string* path, std::vector<std::string>* values, std::string* message,
                std::string_view option) {
  const std::optional<load::Override> parsed = load::parse_override(text);
  values->clear();
  if (parsed) {
    *path = parsed->path;
    int depth = 0;
    size_t start = 0;
    const std::string& list = parsed->value;
    for (size_t i = 0; i <= list.size(); ++i) {
      const char c = i < list.size() ? list[i] : ',';
      if (c == '[' || c == '{') ++depth;
      if (c == ']' || c == '}') --depth;
      if (c == ',' && depth == 0) {
        values->emplace_back(trim(std::string_view(list).substr(start, i - start)));
        start = i + 1;
      }
    }
  }
  for (const std::string& value : *values) {
    if (value.empty()) values->clear();
  }
  if (!parsed || values->empty()) {
    *message = fmt::format("{} expects PATH=V1,V2,... with no empty value, found '{}'", option, text);
    return false;
  }
  return true;
}

StudyOutput::StudyOutput(const study::SweepPlan& plan, std::string out_dir)
    : plan_(plan), out_dir_(std::move(out_dir)), tally_(plan) {}

StudyOutput::~StudyOutput() {
  set_.abandon();
  std::error_code ec;
  if (!written_ && files_.made_directory()) std::filesystem::remove(out_dir_, ec);  // only if empty
}

bool StudyOutput::begin() {
  if (out_dir_.empty() || files_.begin(out_dir_, plan_, &set_, &error_)) return true;
  error(error_ + "; no file of the study was written");
  return false;
}

bool StudyOutput::add(size_t run, const study::RunRow& row) {
  return tally_.add(run, row, &error_) && (out_dir_.empty() || files_.add_row(plan_, run, row, &error_));
}

int StudyOutput::report_failure() const {
  error(error_ + (out_dir_.empty() ? "; the study stopped" : "; no file of the study was written"));
  return kExitOutputFailed;
}

int StudyOutput::write() {
  if (out_dir_.empty()) return 0;
  std::string message;
  if (!files_.finish(plan_, tally_, &message)) {
    error(message + "; no file of the study was written");
    return kExitOutputFailed;
  }
  switch (plan_.partial ? commit_after_interrupt(&set_) : commit_unless_interrupted(&set_)) {
    case CommitOutcome::kCommitted:
      written_ = true;
      return 0;
    case CommitOutcome::kFailed:
      error(set_.error() + "; no file of the study was written");
      return kExitOutputFailed;
    case CommitOutcome::kInterrupted:
      break;
  }
  std::fprintf(stderr, "gtsim: interrupted by %s while writing the study; no file written\n",
               signal_name(interrupt_signal()).c_str());
  return kExitSignalBase + interrupt_signal();
}

bool out_dir_usable(const std::string& dir, const study::SweepPlan& plan) {
  const std::string problem = study::out_dir_problem(dir, plan);
  if (!problem.empty()) error(problem);
  return problem.empty();
}

namespace {

// The seeds, shard, jobs and bounds of the plan; false, with a message, on a malformed or too large one.
bool plan_options(const StudyOptions& options, study::SweepPlan* plan, unsigned* jobs) {
  std::string message;
  if (!parse_seeds(options.seeds, &plan->first_seed, &plan->last_seed, &message) ||
      (!options.shard.empty() && !parse_shard(options.shard, &plan->shard, &message))) {
    error(message);
    return false;
  }
  if (plan->shard.count > 1 && options.out_dir.empty()) {
    error("--shard needs --out DIR: a shard's rows are for `gtsim merge`");
    return false;
  }
  if (plan->shard.count > 1 && !options.html_path.empty()) {
    error("--html needs the whole study, not a shard of it: run it without --shard, or on one machine");
    return false;
  }
  if (options.jobs > kMaxJobs) {
    error(fmt::format("--jobs expects 1 to {} worker threads, found {}", kMaxJobs, options.jobs));
    return false;
  }
  *jobs = options.jobs != 0 ? options.jobs : std::clamp(std::thread::hardware_concurrency(), 1u, kMaxJobs);
  if (plan->run_count() > study::kMaxRuns) {
    error(fmt::format("the study has {} points x {} seeds = {} runs, above the limit of {}; fewer seeds or points",
                      plan->points.size(), plan->seed_count(), plan->run_count(), study::kMaxRuns));
    return false;
  }
  if (const std::string problem = study::plan_problem(*plan); !problem.empty()) {
    error(fmt::format("the study is beyond gtsim's bounds: {}", problem));
    return false;
  }
  return true;
}

// Every point's scenario, loaded before anything runs, with --pricing's
// prices over its own; false when one does not load (its diagnostics
// printed). Records the file's hash in the plan.
bool load_points(const std::string& file, const std::string& pricing, study::SweepPlan* plan,
                 std::vector<model::Scenario>* scenarios) {
  bool ok = true;
  std::vector<std::string> warned;  // each warning once, not once per point
  for (const auto& overrides : plan->points) {
    load::LoadResult loaded = load::load_scenario_file(file, overrides);
    for (const model::Diagnostic& diagnostic : loaded.diagnostics) {
      print_err(diagnostic.to_string() + "\n");
    }
    for (const model::Diagnostic& warning : loaded.warnings) {
      const std::string text = warning.to_string();
      if (std::find(warned.begin(), warned.end(), text) != warned.end()) continue;
      warned.push_back(text);
      print_err(text + "\n");
    }
    if (loaded.ok() && !pricing.empty()) {
      const std::vector<model::Diagnostic> problems = load::apply_pricing_file(pricing, &*loaded.scenario);
      for (const model::Diagnostic& diagnostic : problems) print_err(diagnostic.to_string() + "\n");
      if (!problems.empty()) return false;  // the same for every point
    }
    if (!loaded.ok()) {
      ok = false;
      if (!loaded.diagnostics.empty() && loaded.diagnostics.front().line == 0 &&
          loaded.diagnostics.front().message.starts_with("cannot read")) {
        break;  // the same for every point
      }
      continue;
    }
    scenarios->push_back(std::move(*loaded.scenario));
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  plan->scenario_hash = study::content_hash(bytes.str());
  plan->gtsim_version = kGtsimVersion;
  return ok;
}

// Refuses a point whose runs `gtsim run` would refuse, or whose item state,
// held by every worker at once, passes the estimate's memory ceiling.
bool refused_points(const std::string& file, const study::SweepPlan& plan,
                    const std::vector<model::Scenario>& scenarios, const RunGuards& guards, size_t workers) {
  for (size_t point = 0; point < scenarios.size(); ++point) {
    const model::RunEstimate estimate = model::estimate_run(scenarios[point]);
    std::optional<std::string> reason = model::refuse_run(estimate, guards.bounded());
    const double together = estimate.item_state_bytes * static_cast<double>(workers);
    if (!reason && together > model::kItemStateBytesCeiling) {
      const auto fewer = static_cast<size_t>(model::kItemStateBytesCeiling / estimate.item_state_bytes);
      reason = fmt::format(
          "{} workers would hold about {:.1f} GiB of item state at once ({:.1f} GiB a run), above the limit of "
          "{:.0f} GiB; give --jobs {} or fewer",
          workers, together / (1ull << 30), estimate.item_state_bytes / (1ull << 30),
          model::kItemStateBytesCeiling / (1ull << 30), std::max<size_t>(fewer, 1));
    }
    if (reason) {
      print_err(fmt::format("{}: error: point {} of {} ({}): {}\n", file, point + 1, scenarios.size(),
                            plan.point_label(point), *reason));
      return true;
    }
  }
  return false;
}

// The runs, each under the guards, stopping at SIGINT or SIGTERM, each row
// to `output` as it finishes. False when the output failed (its message printed).
bool run_points(const study::SweepPlan& plan, const std::vector<model::Scenario>& scenarios,
                const study::ColumnMap& columns, const RunGuards& guards, unsigned jobs, StudyOutput* output) {
  install_interrupt_handlers();
  study::RunnerOptions runner;
  runner.jobs = jobs;
  ProgressBar bar(ProgressBar::stderr_is_terminal());
  runner.progress = [&bar](size_t done, size_t total) { bar.update(done, total); };
  runner.limits = [&guards] { return guards.limits(std::chrono::steady_clock::now()); };
  runner.cancelled = [] { return interrupt_signal() != 0; };
  const study::StudyRunStats stats = study::run_study(
      plan, scenarios, columns, runner, [output](size_t run, const study::RunRow& row) { return output->add(run, row); });
  bar.finish();
  if (stats.sink_stopped) output->report_failure();
  return !stats.sink_stopped;
}

// The study report at --html OUT, alone or not at all; 0, or the exit code
// with its message printed.
int write_study_html(const StudyOptions& options, const study::SweepPlan& plan, const study::StudyTally& tally,
                     const model::Scenario& first) {
  reports::OutputSet set;
  if (!set.add(options.html_path, reports::study_html(study_view(plan, tally),
                                                      study_provenance(plan, first, options.command_line)))) {
    error(set.error() + "; the study report was not written");
    return kExitOutputFailed;
  }
  switch (plan.partial ? commit_after_interrupt(&set) : commit_unless_interrupted(&set)) {
    case CommitOutcome::kCommitted:
      return 0;
    case CommitOutcome::kFailed:
      error(set.error() + "; the study report was not written");
      return kExitOutputFailed;
    case CommitOutcome::kInterrupted:
      break;
  }
  return kExitSignalBase + interrupt_signal();
}

// After the runs: the files, the table, and the exit code.
int finish_study(study::SweepPlan* plan, StudyOutput* output, const StudyOptions& options, const RunGuards& guards,
                 const model::Scenario& first) {
  const int signal_number = interrupt_signal();
  plan->partial = signal_number != 0;
  if (const int status = output->write(); status != 0) return status;
  const study::StudyTally& tally = output->tally();
  if (!options.html_path.empty()) {
    if (const int status = write_study_html(options, *plan, tally, first); status != 0) return status;
  }
  const size_t done = tally.done();
  if (!options.quiet && plan->shard.count > 1) {
    std::printf("shard %llu/%llu: %zu of %zu runs written to %s; join the shards with `gtsim merge`\n",
                static_cast<unsigned long long>(plan->shard.index), static_cast<unsigned long long>(plan->shard.count),
                done, plan->run_count(), options.out_dir.c_str());
  } else if (!options.quiet) {
    print_out(study::study_summary_text(*plan, tally));
  }
  if (signal_number != 0) {
    std::fprintf(stderr, "gtsim: interrupted by %s after %zu of %zu runs; %s\n", signal_name(signal_number).c_str(),
                 done, plan->run_count(),
                 options.out_dir.empty() ? "the table covers the finished runs only"
                                         : "the finished runs are written as a partial study (\"partial\": true in "
                                           "sweep.json)");
    return kExitSignalBase + signal_number;
  }
  if (tally.stopped() == 0) return kExitOk;
  std::fprintf(stderr, "gtsim: %zu of %zu runs stopped by a guard (the first by %s); their rows cover each run up "
               "to there (\"stop\" in runs.jsonl)\n",
               tally.stopped(), done, guards.describe(tally.first_stop()).c_str());
  return kExitGuard;
}

}  // namespace

int execute_study(study::SweepPlan plan, const StudyOptions& options) {
  plan.scenario_file = options.file;
  unsigned jobs = 1;
  const std::optional<RunGuards> guards = parse_guards(options.guards);
  if (!guards || !plan_options(options, &plan, &jobs)) return kExitBadInput;
  std::vector<model::Scenario> scenarios;
  if (!load_points(options.file, options.pricing_path, &plan, &scenarios)) return kExitBadInput;
  // Refused before resolve_metrics, which builds each point's world (its item state).
  size_t shard_runs = 0;
  for (size_t run = 0; run < plan.run_count(); ++run) shard_runs += plan.in_shard(run) ? 1 : 0;
  if (refused_points(options.file, plan, scenarios, *guards, std::min<size_t>(jobs, std::max<size_t>(shard_runs, 1)))) {
    return kExitBadInput;
  }
  std::string message;
  const std::vector<std::string>& patterns =
      options.metrics.empty() ? reports::default_metric_patterns() : options.metrics;
  const std::optional<study::ColumnMap> columns = study::resolve_metrics(scenarios, patterns, &plan, &message);
  if (!columns) {
    error(fmt::format("--metric: {}", message));
    return kExitBadInput;
  }
  if (!options.out_dir.empty() && !out_dir_usable(options.out_dir, plan)) return kExitBadInput;
  StudyOutput output(plan, options.out_dir);
  if (!output.begin()) return kExitOutputFailed;
  if (!run_points(plan, scenarios, *columns, *guards, jobs, &output)) return kExitOutputFailed;
  return finish_study(&plan, &output, options, *guards, scenarios.front());
}

}  // namespace app
