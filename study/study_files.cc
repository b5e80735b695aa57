#include "study/study_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "reports/output_file.h"
#include "reports/terminal_text.h"
#include "study/study_summary.h"

namespace study {
namespace {

bool read_text(const std::string& path, std::string* text, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = fmt::format("cannot read '{}'", path);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

}  // namespace

std::string study_summary_text(const SweepPlan& plan, const std::vector<RunRow>& rows) {
  std::string out;
  if (plan.partial) {
    const auto done = std::count_if(rows.begin(), rows.end(), [](const RunRow& row) { return row.done; });
    out = fmt::format("partial study (interrupted): {} of {} runs finished; every figure covers those only\n\n",
                      done, plan.run_count());
  }
  return out + (plan.kind == StudyKind::kCompare ? compare_summary_text(plan, rows) : sweep_summary_text(plan, rows));
}

bool stage_study_files(const std::string& dir, const SweepPlan& plan, const std::vector<RunRow>& rows,
                       reports::OutputSet* set, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *error = fmt::format("cannot create directory '{}': {}", dir, ec.message());
    return false;
  }
  const std::string base = (std::filesystem::path(dir) / "").string();
  std::vector<std::pair<std::string, std::string>> files = {
      {"sweep.json", plan_json(plan)}, {"runs.jsonl", runs_jsonl(plan, rows)}, {"runs.csv", runs_csv(plan, rows)}};
  if (plan.shard.count == 1) {
    files.emplace_back("summary.csv", sweep_summary_csv(plan, rows));
    if (plan.kind == StudyKind::kCompare) files.emplace_back("paired.csv", compare_summary_csv(plan, rows));
    // The table as the terminal shows it (control characters escaped).
    files.emplace_back("summary.txt", reports::terminal_text(study_summary_text(plan, rows)));
  }
  for (auto& [name, content] : files) {
    if (!set->add(base + name, std::move(content))) {
      *error = set->error();
      return false;
    }
  }
  return true;
}

std::string out_dir_problem(const std::string& dir, const SweepPlan& plan) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return "";
  if (!fs::is_directory(dir, ec)) return fmt::format("--out {} is not a directory", dir);
  if (fs::is_empty(dir, ec)) return "";
  const std::string sweep = (fs::path(dir) / "sweep.json").string();
  std::string text, error;
  if (!fs::exists(sweep, ec) || !read_text(sweep, &text, &error)) {
    return fmt::format("--out {} is not empty and holds no study (no sweep.json); give a new or empty directory",
                       dir);
  }
  const std::optional<SweepPlan> there = parse_plan_json(text, &error);
  if (!there || !same_study(*there, plan)) {
    return fmt::format(
        "--out {} holds another study (its sweep.json is not this study's plan); give a new or empty "
        "directory, or remove that one",
        dir);
  }
  return "";
}

bool read_study_dir(const std::string& dir, SweepPlan* plan, std::vector<RunRow>* rows, std::string* error) {
  const std::string base = (std::filesystem::path(dir) / "").string();
  std::string text;
  if (!read_text(base + "sweep.json", &text, error)) return false;
  const std::optional<SweepPlan> parsed = parse_plan_json(text, error);
  if (!parsed) {
    *error = fmt::format("{}sweep.json: {}", base, *error);
    return false;
  }
  *plan = *parsed;
  if (rows->empty()) rows->resize(plan->run_count());
  if (rows->size() != plan->run_count()) {
    *error = fmt::format("{}sweep.json: a study of {} runs, not {}", base, plan->run_count(), rows->size());
    return false;
  }
  if (!read_text(base + "runs.jsonl", &text, error)) return false;
  std::istringstream lines(text);
  std::string line;
  for (size_t number = 1; std::getline(lines, line); ++number) {
    size_t run = 0;
    RunRow row;
    if (!parse_row_json(line, *plan, &run, &row, error)) {
      *error = fmt::format("{}runs.jsonl:{}: {}", base, number, *error);
      return false;
    }
    if (!plan->in_shard(run) || (*rows)[run].done) {
      *error = fmt::format("{}runs.jsonl:{}: run {} is not this shard's or was seen before", base, number, run);
      return false;
    }
    (*rows)[run] = std::move(row);
  }
  return true;
}

}  // namespace study
