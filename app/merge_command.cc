#include "app/merge_command.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/interrupt.h"
#include "app/study_command.h"
#include "app/terminal.h"
#include "study/study_files.h"

namespace app {
namespace {

int fail(const std::string& message) {
  print_err("gtsim: error: " + message + "\n");
  return kExitBadInput;
}

// Why `plan` (read from `dir`) is not a shard of the study `whole` (from `first`).
std::string other_study(const std::string& dir, const study::SweepPlan& plan, const std::string& first,
                        const study::SweepPlan& whole) {
  std::string why = "its plan differs";
  if (plan.scenario_hash != whole.scenario_hash) {
    why = fmt::format("the scenario file changed between them: {} vs {}", plan.scenario_hash, whole.scenario_hash);
  } else if (plan.gtsim_version != whole.gtsim_version) {
    why = fmt::format("made by gtsim {} and {}", plan.gtsim_version, whole.gtsim_version);
  } else if (plan.parameters != whole.parameters || plan.points.size() != whole.points.size()) {
    why = "their parameters or points differ";
  }
  return fmt::format("{} is a shard of another study than {} ({}); shards must be of one plan", dir, first, why);
}

}  // namespace

CLI::App* add_merge_command(CLI::App& app, MergeOptions* options) {
  CLI::App* command = app.add_subcommand("merge", "Join the output directories of a sharded sweep or compare");
  command->add_option("shards", options->shard_dirs, "The shards' --out directories")->required();
  command->add_option("--out", options->out_dir, "Write the joined study here")->required();
  command->add_flag("-q,--quiet", options->quiet, "Print no table");
  return command;
}

namespace {

// Every shard's plan: the study's (shard 0/1) into *whole, and each shard
// directory by its index into *dirs; 0, or the exit code with the message printed.
int read_plans(const MergeOptions& options, study::SweepPlan* whole, std::vector<std::string>* dirs) {
  std::optional<study::SweepPlan> first;
  std::string error;
  for (const std::string& dir : options.shard_dirs) {
    study::SweepPlan plan;
    if (!study::read_study_plan(dir, &plan, &error)) return fail(error);
    if (plan.partial) return fail(fmt::format("{} is a partial shard (interrupted); run that shard again", dir));
    const study::Shard shard = plan.shard;
    plan.shard = study::Shard{};
    if (!first) {
      first = plan;
      dirs->assign(shard.count, std::string());
    } else if (study::plan_json(plan) != study::plan_json(*first) || dirs->size() != shard.count) {
      return fail(other_study(dir, plan, options.shard_dirs.front(), *first));
    }
    if (!(*dirs)[shard.index].empty()) {
      return fail(fmt::format("{}: shard {}/{} is given twice", dir, shard.index, shard.count));
    }
    (*dirs)[shard.index] = dir;
  }
  for (size_t i = 0; i < dirs->size(); ++i) {
    if ((*dirs)[i].empty()) return fail(fmt::format("shard {}/{} is missing", i, dirs->size()));
  }
  *whole = *first;
  return kExitOk;
}

// The shards' rows, in run order (run r is the next row of shard r mod N),
// into `output`; 0, or the exit code with the message printed. Each shard's
// runs.jsonl is read a line at a time, as gtsim wrote it: in run order.
int merge_rows(const study::SweepPlan& whole, const std::vector<std::string>& dirs, StudyOutput* output) {
  std::string error;
  std::vector<study::ShardRows> shards(dirs.size());
  for (size_t i = 0; i < dirs.size(); ++i) {
    if (!shards[i].open(dirs[i], &error)) return fail(error);
  }
  const size_t count = dirs.size();
  for (size_t run = 0; run < whole.run_count() && interrupt_signal() == 0; ++run) {
    study::ShardRows& shard = shards[run % count];
    size_t number = 0;
    study::RunRow row;
    if (!shard.next(whole, &number, &row, &error)) {
      return fail(error.empty() ? fmt::format("run {} is missing from shard {}/{}", run, run % count, count) : error);
    }
    if (number % count == run % count && number > run) {
      return fail(fmt::format("run {} is missing from shard {}/{} ({} is run {}; a shard's rows are in run order, as "
                              "gtsim writes them)",
                              run, run % count, count, shard.where(), number));
    }
    if (number != run) {
      return fail(fmt::format("{}: run {} is not this shard's or was seen before", shard.where(), number));
    }
    if (!output->add(run, row)) return output->report_failure();
  }
  for (study::ShardRows& shard : shards) {
    size_t number = 0;
    study::RunRow row;
    if (interrupt_signal() != 0) break;
    if (shard.next(whole, &number, &row, &error)) {
      return fail(fmt::format("{}: run {} is not this shard's or was seen before", shard.where(), number));
    }
    if (!error.empty()) return fail(error);
  }
  return kExitOk;
}

}  // namespace

int merge_command(const MergeOptions& options) {
  study::SweepPlan whole;  // the plan, shard 0/1
  std::vector<std::string> dirs;  // by shard index
  if (const int status = read_plans(options, &whole, &dirs); status != 0) return status;
  if (!out_dir_usable(options.out_dir, whole)) return kExitBadInput;
  install_interrupt_handlers();
  StudyOutput output(whole, options.out_dir);
  if (!output.begin()) return kExitOutputFailed;
  if (const int status = merge_rows(whole, dirs, &output); status != 0) return status;
  if (const int status = output.write(); status != 0) return status;
  if (!options.quiet) print_out(study::study_summary_text(whole, output.tally()));
  return kExitOk;
}

}  // namespace app
