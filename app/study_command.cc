#include "app/study_command.h"

#include <charconv>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "app/interrupt.h"
#include "app/progress_bar.h"
#include "load/scenario_loader.h"
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

void error(const std::string& message) { std::fprintf(stderr, "gtsim: error: %s\n", message.c_str()); }

}  // namespace

void add_study_options(CLI::App* command, StudyOptions* options) {
  command->add_option("file", options->file, "Scenario YAML file")->required();
  command->add_option("--seeds", options->seeds, "Seeds: N (1..N) or A..B inclusive (default 10)");
  command->add_option("--jobs,-j", options->jobs, "Worker threads (default: one per hardware thread)");
  command->add_option("--shard", options->shard, "Run only share I of N (runs with number % N == I)");
  command->add_option("--metric", options->metrics,
                      "A figure to report, by path (docs/report-paths.md; '*' matches within a segment); repeatable");
  command->add_option("--out", options->out_dir, "Write runs.jsonl, runs.csv, summary files and sweep.json here");
  command->add_flag("-q,--quiet", options->quiet, "Print no table");
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
  ok = ok && *last - *first < 100'000'000;
  if (!ok) *message = fmt::format("--seeds expects N or A..B with A <= B (e.g. 20 or 100..199), found '{}'", text);
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

bool parse_vary(std::string_view text, std::string* path, std::vector<std::string>* values, std::string* message) {
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
    *message = fmt::format("--vary expects PATH=V1,V2,... with no empty value, found '{}'", text);
    return false;
  }
  return true;
}

int write_study(const std::string& dir, const study::SweepPlan& plan, const std::vector<study::RunRow>& rows) {
  reports::OutputSet set;
  std::string message;
  if (!study::stage_study_files(dir, plan, rows, &set, &message)) {
    error(message + "; no file of the study was written");
    return kExitOutputFailed;
  }
  switch (commit_unless_interrupted(&set)) {
    case CommitOutcome::kCommitted:
      return 0;
    case CommitOutcome::kFailed:
      error(set.error() + "; no file of the study was written");
      return kExitOutputFailed;
    case CommitOutcome::kInterrupted:
      break;
  }
  std::fprintf(stderr, "gtsim: interrupted by %s while writing the study; no file written\n",
               signal_name(interrupt_signal()).c_str());
  return kExitSignalBase + interrupt_signal();
}

int execute_study(study::SweepPlan plan, const StudyOptions& options) {
  std::string message;
  plan.scenario_file = options.file;
  if (!parse_seeds(options.seeds, &plan.first_seed, &plan.last_seed, &message) ||
      (!options.shard.empty() && !parse_shard(options.shard, &plan.shard, &message))) {
    error(message);
    return kExitBadInput;
  }
  if (plan.shard.count > 1 && options.out_dir.empty()) {
    error("--shard needs --out DIR: a shard's rows are for `gtsim merge`");
    return kExitBadInput;
  }

  // Every point must load before anything runs.
  std::vector<model::Scenario> scenarios;
  bool ok = true;
  for (const auto& overrides : plan.points) {
    load::LoadResult loaded = load::load_scenario_file(options.file, overrides);
    for (const model::Diagnostic& diagnostic : loaded.diagnostics) {
      std::fprintf(stderr, "%s\n", diagnostic.to_string().c_str());
    }
    if (!loaded.ok()) {
      ok = false;
      if (!loaded.diagnostics.empty() && loaded.diagnostics.front().line == 0 &&
          loaded.diagnostics.front().message.starts_with("cannot read")) {
        break;  // the same for every point
      }
      continue;
    }
    scenarios.push_back(std::move(*loaded.scenario));
  }
  if (!ok) return kExitBadInput;

  const std::vector<std::string>& patterns =
      options.metrics.empty() ? reports::default_metric_patterns() : options.metrics;
  const std::optional<study::ColumnMap> columns = study::resolve_metrics(scenarios, patterns, &plan, &message);
  if (!columns) {
    error(fmt::format("--metric: {}", message));
    return kExitBadInput;
  }

  study::RunnerOptions runner;
  runner.jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  ProgressBar bar(ProgressBar::stderr_is_terminal());
  runner.progress = [&bar](size_t done, size_t total) { bar.update(done, total); };
  const std::vector<study::RunRow> rows = study::run_study(plan, scenarios, *columns, runner);
  bar.finish();

  if (!options.out_dir.empty()) {
    if (const int status = write_study(options.out_dir, plan, rows); status != 0) return status;
  }
  if (options.quiet) return kExitOk;
  if (plan.shard.count > 1) {
    size_t done = 0;
    for (const study::RunRow& row : rows) done += row.done ? 1 : 0;
    std::printf("shard %llu/%llu: %zu of %zu runs written to %s; join the shards with `gtsim merge`\n",
                static_cast<unsigned long long>(plan.shard.index), static_cast<unsigned long long>(plan.shard.count),
                done, plan.run_count(), options.out_dir.c_str());
  } else {
    std::fputs(study::study_summary_text(plan, rows).c_str(), stdout);
  }
  return kExitOk;
}

}  // namespace app
