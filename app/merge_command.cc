#include "app/merge_command.h"

#include <cstdio>

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

int merge_command(const MergeOptions& options) {
  std::vector<study::RunRow> rows;
  std::optional<study::SweepPlan> whole;  // the plan, shard 0/1
  std::vector<bool> seen;
  std::string error;
  for (const std::string& dir : options.shard_dirs) {
    study::SweepPlan plan;
    if (!study::read_study_dir(dir, &plan, &rows, &error)) return fail(error);
    if (plan.partial) return fail(fmt::format("{} is a partial shard (interrupted); run that shard again", dir));
    const study::Shard shard = plan.shard;
    plan.shard = study::Shard{};
    if (!whole) {
      whole = plan;
      seen.assign(shard.count, false);
    } else if (study::plan_json(plan) != study::plan_json(*whole) || seen.size() != shard.count) {
      return fail(other_study(dir, plan, options.shard_dirs.front(), *whole));
    }
    if (seen[shard.index]) return fail(fmt::format("{}: shard {}/{} is given twice", dir, shard.index, shard.count));
    seen[shard.index] = true;
  }
  for (size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) return fail(fmt::format("shard {}/{} is missing", i, seen.size()));
  }
  for (size_t run = 0; run < rows.size(); ++run) {
    if (!rows[run].done) return fail(fmt::format("run {} is missing from shard {}/{}", run, run % seen.size(), seen.size()));
  }
  if (!out_dir_usable(options.out_dir, *whole)) return kExitBadInput;
  install_interrupt_handlers();
  if (const int status = write_study(options.out_dir, *whole, rows); status != 0) return status;
  if (!options.quiet) print_out(study::study_summary_text(*whole, rows));
  return kExitOk;
}

}  // namespace app
