// gtsim: the command line.
//
//   gtsim run FILE [--seed N] [--set PATH=VALUE]... [--pricing FILE] [--json OUT]
//             [--csv DIR] [--html OUT] [--quiet] [--max-events N] [--max-wall DURATION]
//             [--max-live-state SIZE]             (app/run_guards.h)
//   gtsim validate FILE...
//   gtsim list [DIR]                    (app/list_command.h)
//   gtsim diff A.json B.json [--tolerance SPEC]...   (app/diff_command.h)
//   gtsim import KIND FILE... [--out FILE]   (app/import_command.h)
//   gtsim sweep | compare | merge ...   (studies over seeds: app/sweep_command.h,
//                                        app/compare_command.h, app/merge_command.h)
//
// Exit codes (app/exit_codes.h; docs/design.md, law 4; README.md "Exit
// codes"): 0 ok, 1 an expectation in the scenario failed, 2 bad input or
// usage, 3 a run stopped by a guard (its reports cover the run up to there),
// 4 an output that could not be written (none of the run's files is), 5 out
// of memory, 128 + N interrupted by signal N (130 SIGINT, 143 SIGTERM: no
// report written). Diagnostics go to stderr as "file:line:column: error: message";
// reports go to stdout or their files.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/compare_command.h"
#include "app/diff_command.h"
#include "app/exit_codes.h"
#include "app/import_command.h"
#include "app/interrupt.h"
#include "app/list_command.h"
#include "app/merge_command.h"
#include "app/progress_bar.h"
#include "app/run_guards.h"
#include "app/sweep_command.h"
#include "app/terminal.h"
#include "app/version.h"
#include "load/pricing_section.h"
#include "load/scenario_loader.h"
#include "model/run_estimate.h"
#include "model/simulation.h"
#include "reports/csv_report.h"
#include "reports/expectation_check.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/output_file.h"
#include "reports/provenance.h"
#include "reports/text_report.h"
#include "reports/timeline_marks.h"
#include "sim/time.h"
#include "study/sweep_plan.h"

namespace {

using app::kExitBadInput;
using app::kExitExpectationFailed;
using app::kExitGuard;
using app::kExitOk;
using app::kExitSignalBase;

void print_diagnostics(const std::vector<model::Diagnostic>& diagnostics) {
  for (const model::Diagnostic& diagnostic : diagnostics) {
    app::print_err(diagnostic.to_string() + "\n");
  }
}

struct RunOptions {
  std::string file;
  std::optional<uint64_t> seed;
  std::vector<std::string> sets;
  std::string pricing_path;  // --pricing FILE: prices over the scenario's (load/pricing_section.h)
  std::string json_path;
  std::string csv_dir;
  std::string html_path;
  bool quiet = false;
  app::GuardOptions guards;  // --max-events, --max-wall, --max-live-state
  std::string command_line;  // as typed, for the HTML report's provenance
};

// How far a stopped run got, for stderr: "at 12.500 s of 2m simulated traffic (250000 events)".
std::string how_far(const model::RunResult& result) {
  return fmt::format("at {} of {} simulated traffic ({} events)",
                     sim::format_duration(sim::Duration::nanoseconds(result.stop.at_ns), sim::DurationStyle::kReadable),
                     sim::format_duration(sim::Duration::nanoseconds(result.duration_ns)), result.events);
}

// Refuses a run the machine cannot finish (model/run_estimate.h); prints why.
bool refused(const model::Scenario& scenario, const std::string& file, bool bounded) {
  const std::optional<std::string> reason = model::refuse_run(model::estimate_run(scenario), bounded);
  if (!reason) return false;
  app::print_err(model::Diagnostic{file, 0, 0, *reason}.to_string() + "\n");
  return true;
}

// Every problem of a scenario in one list, sorted by place: the loader's
// and its expectations' (an expectation naming no figure is bad input too),
// whose paths are checked whenever the loader read the names they are made
// of, so a user fixes the file in one pass.
std::vector<model::Diagnostic> scenario_problems(const load::LoadResult& loaded) {
  std::vector<model::Diagnostic> all = loaded.diagnostics;
  if (loaded.scenario) {
    const std::vector<model::Diagnostic> paths = reports::check_expectation_paths(loaded.expectations, *loaded.scenario);
    all.insert(all.end(), paths.begin(), paths.end());
  } else if (loaded.names.regions_complete) {
    // Client groups' and timeline events' paths need the whole scenario.
    std::vector<model::Expectation> checkable;
    for (const model::Expectation& e : loaded.expectations) {
      if (e.path.starts_with("groups.") || e.path.starts_with("timeline.")) continue;
      if (loaded.names.indexes_complete || !e.path.starts_with("drift.")) checkable.push_back(e);
    }
    const std::vector<model::Diagnostic> paths =
        reports::check_expectation_paths(checkable, loaded.names.regions, loaded.names.index_names);
    all.insert(all.end(), paths.begin(), paths.end());
    std::stable_sort(all.begin(), all.end(), [](const model::Diagnostic& a, const model::Diagnostic& b) {
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
  }
  return all;
}

// What was run, for the HTML report: the build, the command line, the
// scenario file's content hash (as a study records it) and its settings.
reports::Provenance run_provenance(const RunOptions& options, const model::Scenario& scenario) {
  reports::Provenance provenance = reports::provenance_of(scenario);
  provenance.gtsim = app::gtsim_version_line();
  provenance.command_line = options.command_line;
  std::ifstream in(options.file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  provenance.scenario_hash = study::content_hash(bytes.str());
  return provenance;
}

// Stages the --json, --csv and --html outputs that were asked for (none is
// in place before the commit); false, with a message, when one cannot be.
bool stage_outputs(const RunOptions& options, const model::Scenario& scenario, const model::RunResult& result,
                   reports::OutputSet* set) {
  const auto failed = [&] {
    app::print_err("gtsim: error: " + set->error() + "; no output of the run was written\n");
    return false;
  };
  if (!options.json_path.empty() && !set->add(options.json_path, reports::json_report(result))) return failed();
  if (!options.csv_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.csv_dir, ec);
    if (ec || !std::filesystem::is_directory(options.csv_dir, ec)) {
      if (!ec) ec = std::make_error_code(std::errc::not_a_directory);
      set->abandon();
      std::fprintf(stderr, "gtsim: error: cannot create directory '%s': %s; no output of the run was written\n",
                   options.csv_dir.c_str(), ec.message().c_str());
      return false;
    }
    for (reports::CsvFile& file : reports::csv_report(result)) {
      if (!set->add((std::filesystem::path(options.csv_dir) / file.name).string(), std::move(file.content))) {
        return failed();
      }
    }
  }
  if (!options.html_path.empty() &&
      !set->add(options.html_path,
                reports::html_report(result, reports::timeline_marks(scenario), run_provenance(options, scenario)))) {
    return failed();
  }
  return true;
}

// The run's outputs, all or none (app/interrupt.h): every file, or none and
// no directory made for them. Returns 0 when they are in place, else the
// exit code, with its message printed.
int write_outputs(const RunOptions& options, const model::Scenario& scenario, const model::RunResult& result) {
  std::error_code ec;
  const bool csv_dir_made = !options.csv_dir.empty() && !std::filesystem::exists(options.csv_dir, ec);
  const auto undone = [&](int status) {
    if (csv_dir_made) std::filesystem::remove(options.csv_dir, ec);  // only if empty
    return status;
  };
  reports::OutputSet set;
  if (!stage_outputs(options, scenario, result, &set)) return undone(app::kExitOutputFailed);
  switch (app::commit_unless_interrupted(&set)) {
    case app::CommitOutcome::kCommitted:
      return 0;
    case app::CommitOutcome::kFailed:
      app::print_err("gtsim: error: " + set.error() + "; no output of the run was written\n");
      return undone(app::kExitOutputFailed);
    case app::CommitOutcome::kInterrupted:
      break;
  }
  std::fprintf(stderr, "gtsim: interrupted by %s while writing the reports; no report written\n",
               app::signal_name(app::interrupt_signal()).c_str());
  return undone(app::kExitSignalBase + app::interrupt_signal());
}

// The --set values; false, with a message, when one is malformed.
bool parse_overrides(const RunOptions& options, std::vector<load::Override>* overrides) {
  for (const std::string& set : options.sets) {
    auto parsed = load::parse_override(set);
    if (!parsed) {
      std::fprintf(stderr, "gtsim: error: --set expects PATH=VALUE, found '%s'\n", set.c_str());
      return false;
    }
    overrides->push_back(*parsed);
  }
  return true;
}

// Runs the scenario under the guards, drawing its progress on a terminal;
// sets *wall to the wall-clock time it took.
model::RunResult simulate(const model::Scenario& scenario, const RunOptions& options, const app::RunGuards& guards,
                          std::chrono::duration<double>* wall) {
  model::Simulation simulation(scenario);
  app::install_interrupt_handlers();
  const auto started = std::chrono::steady_clock::now();
  model::RunLimits limits = guards.limits(started);
  // Simulated seconds out of the traffic's duration (the drain after it shows as done).
  app::ProgressBar progress(!options.quiet && app::ProgressBar::stderr_is_terminal(), "simulated s");
  constexpr int64_t kSecondNs = sim::Duration::kNanosecondsPerSecond;
  const auto total_seconds = static_cast<size_t>(std::max<int64_t>(1, scenario.duration.ns() / kSecondNs));
  limits.on_progress = [&](sim::Instant now) {
    progress.update(std::min(total_seconds, static_cast<size_t>(now.ns() / kSecondNs)), total_seconds);
  };
  model::RunResult result = simulation.run(limits);
  progress.finish();
  *wall = std::chrono::steady_clock::now() - started;
  return result;
}

// After the run: why it stopped early, the outputs, the summary and the
// expectations; returns the exit code.
int report_run(const RunOptions& options, const app::RunGuards& guards, const load::LoadResult& loaded,
               const model::RunResult& result, std::chrono::duration<double> wall) {
  if (const int signal_number = app::interrupt_signal(); signal_number != 0) {
    std::fprintf(stderr, "gtsim: interrupted by %s %s; no report written\n",
                 app::signal_name(signal_number).c_str(), how_far(result).c_str());
    return kExitSignalBase + signal_number;
  }
  const bool stopped = result.stop.reason != model::StopReason::kCompleted;
  if (stopped) {
    std::fprintf(stderr, "gtsim: stopped by %s %s; the report covers the run up to there\n",
                 guards.describe(result.stop.reason).c_str(), how_far(result).c_str());
  }
  if (const int status = write_outputs(options, *loaded.scenario, result); status != 0) return status;
  const std::vector<reports::ExpectationOutcome> outcomes =
      reports::evaluate_expectations(loaded.expectations, result);
  const bool failed = std::any_of(outcomes.begin(), outcomes.end(),
                                  [](const reports::ExpectationOutcome& o) { return !o.passed; });
  if (!options.quiet) {
    app::print_out(reports::text_report(result, reports::timeline_marks(*loaded.scenario)));
    app::print_out(reports::text_run_statistics({result.events, wall.count()}));
  }
  // Failed expectations are printed even with --quiet: that is not success.
  if (!options.quiet || failed) app::print_out(reports::expectation_summary(outcomes));
  // A signal during the commit is acted on once every output is in place.
  if (const int signal_number = app::interrupt_signal(); signal_number != 0) {
    std::fprintf(stderr, "gtsim: interrupted by %s after every report was written\n",
                 app::signal_name(signal_number).c_str());
    return kExitSignalBase + signal_number;
  }
  if (stopped) return kExitGuard;
  return failed ? kExitExpectationFailed : kExitOk;
}

int run_command(const RunOptions& options) {
  std::vector<load::Override> overrides;
  const std::optional<app::RunGuards> guards = app::parse_guards(options.guards);
  if (!guards || !parse_overrides(options, &overrides)) return kExitBadInput;
  load::LoadResult loaded = load::load_scenario_file(options.file, overrides);
  if (const std::vector<model::Diagnostic> problems = scenario_problems(loaded); !problems.empty()) {
    print_diagnostics(problems);
    return kExitBadInput;
  }
  print_diagnostics(loaded.warnings);
  model::Scenario& scenario = *loaded.scenario;
  if (options.seed) scenario.seed = *options.seed;
  if (!options.pricing_path.empty()) {
    const std::vector<model::Diagnostic> problems = load::apply_pricing_file(options.pricing_path, &scenario);
    print_diagnostics(problems);
    if (!problems.empty()) return kExitBadInput;
  }
  if (refused(scenario, options.file, guards->bounded())) return kExitBadInput;
  std::chrono::duration<double> wall{};
  const model::RunResult result = simulate(scenario, options, *guards, &wall);
  return report_run(options, *guards, loaded, result, wall);
}

int validate_command(const std::vector<std::string>& files) {
  int status = kExitOk;
  for (const std::string& file : files) {
    const load::LoadResult loaded = load::load_scenario_file(file);
    if (const std::vector<model::Diagnostic> problems = scenario_problems(loaded); !problems.empty()) {
      print_diagnostics(problems);
      status = kExitBadInput;
    } else if (print_diagnostics(loaded.warnings); refused(*loaded.scenario, file, false)) {
      status = kExitBadInput;
    } else {
      app::print_out(file + ": ok\n");
    }
  }
  return status;
}

// Whether everything printed on stdout reached it; says why not on stderr.
bool stdout_written() {
  errno = 0;
  if (std::fflush(stdout) == 0 && std::ferror(stdout) == 0) return true;
  const int error_number = errno != 0 ? errno : EIO;
  std::fprintf(stderr, "gtsim: error: cannot write to standard output: %s\n", std::strerror(error_number));
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  app::ignore_file_size_signal();
  CLI::App app{"gtsim: a deterministic simulator of DynamoDB-style global tables"};
  app.set_version_flag("--version", app::gtsim_version_line());
  app.require_subcommand(1);

  RunOptions run;
  CLI::App* run_app = app.add_subcommand("run", "Run a scenario and print its summary");
  run_app->add_option("file", run.file, "Scenario YAML file")->required();
  run_app->add_option("--seed", run.seed, "Override the scenario's seed");
  run_app->add_option("--set", run.sets, "Override a scenario value: PATH=VALUE (repeatable)");
  run_app->add_option("--pricing", run.pricing_path,
                      "Prices over the scenario's: a YAML file with the keys of its pricing: section");
  run_app->add_option("--json", run.json_path, "Write the JSON report to this file");
  run_app->add_option("--csv", run.csv_dir, "Write the CSV time series into this directory, one file per metric");
  run_app->add_option("--html", run.html_path, "Write the HTML report with charts to this file");
  run_app->add_flag("-q,--quiet", run.quiet, "Print nothing on success");
  app::add_guard_options(run_app, &run.guards, "the run");

  std::vector<std::string> validate_files;
  CLI::App* validate_app = app.add_subcommand("validate", "Check scenarios without running them");
  validate_app->add_option("files", validate_files, "Scenario YAML files")->required();

  // Studies over many runs (issue 6), each in its own file.
  app::SweepOptions sweep;
  CLI::App* sweep_app = app::add_sweep_command(app, &sweep);
  app::CompareOptions compare;
  CLI::App* compare_app = app::add_compare_command(app, &compare);
  app::MergeOptions merge;
  CLI::App* merge_app = app::add_merge_command(app, &merge);
  // Reading and reviewing (issue 5).
  app::ListOptions list;
  CLI::App* list_app = app::add_list_command(app, &list);
  app::DiffOptions diff;
  CLI::App* diff_app = app::add_diff_command(app, &diff);
  // From the artefacts a user has (issue 16).
  app::ImportOptions import_options;
  CLI::App* import_app = app::add_import_command(app, &import_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }

  run.command_line = reports::command_line(argc, argv);
  sweep.study.command_line = compare.study.command_line = run.command_line;
  int status = kExitBadInput;
  try {
    if (app.got_subcommand(run_app)) status = run_command(run);
    if (app.got_subcommand(validate_app)) status = validate_command(validate_files);
    if (app.got_subcommand(sweep_app)) status = app::sweep_command(sweep);
    if (app.got_subcommand(compare_app)) status = app::compare_command(compare);
    if (app.got_subcommand(merge_app)) status = app::merge_command(merge);
    if (app.got_subcommand(list_app)) status = app::list_command(list);
    if (app.got_subcommand(diff_app)) status = app::diff_command(diff);
    if (app.got_subcommand(import_app)) status = app::import_command(import_options);
  } catch (const std::bad_alloc&) {
    // Every staged output was removed as the stack unwound.
    std::fflush(stdout);
    std::fputs("gtsim: error: out of memory: the machine gave no more memory; no output was written\n", stderr);
    return app::kExitOutOfMemory;
  }
  return stdout_written() ? status : app::kExitOutputFailed;
}
