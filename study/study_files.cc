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

std::string study_summary_text(const SweepPlan& plan, const StudyTally& tally) {
  std::string out;
  if (plan.partial) {
    out = fmt::format("partial study (interrupted): {} of {} runs finished; every figure covers those only\n\n",
                      tally.done(), plan.run_count());
  }
  return out + (plan.kind == StudyKind::kCompare ? compare_summary_text(plan, tally)
                                                 : sweep_summary_text(plan, tally));
}

bool StudyFiles::failed(std::string* error) {
  *error = set_->error();
  return false;
}

bool StudyFiles::begin(const std::string& dir, const SweepPlan& plan, reports::OutputSet* set, std::string* error) {
  set_ = set;
  std::error_code ec;
  made_directory_ = !std::filesystem::exists(dir, ec);
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    made_directory_ = false;
    *error = fmt::format("cannot create directory '{}': {}", dir, ec.message());
    return false;
  }
  base_ = (std::filesystem::path(dir) / "").string();
  const std::optional<size_t> plan_stream = set->begin_stream(base_ + "sweep.json");
  const std::optional<size_t> jsonl = plan_stream ? set->begin_stream(base_ + "runs.jsonl") : std::nullopt;
  const std::optional<size_t> csv = jsonl ? set->begin_stream(base_ + "runs.csv") : std::nullopt;
  if (!csv) return failed(error);
  plan_stream_ = *plan_stream, jsonl_stream_ = *jsonl, csv_stream_ = *csv;
  return set->append(csv_stream_, runs_csv_header(plan)) || failed(error);
}

bool StudyFiles::add_row(const SweepPlan& plan, size_t run, const RunRow& row, std::string* error) {
  return (set_->append(jsonl_stream_, row_json(plan, run, row)) && set_->append(csv_stream_, row_csv(plan, run, row))) ||
         failed(error);
}

bool StudyFiles::finish(const SweepPlan& plan, const StudyTally& tally, std::string* error) {
  const bool streams = set_->append(plan_stream_, plan_json(plan)) && set_->end_stream(plan_stream_) &&
                       set_->end_stream(jsonl_stream_) && set_->end_stream(csv_stream_);
  if (!streams) return failed(error);
  if (plan.shard.count > 1) return true;
  bool staged = set_->add(base_ + "summary.csv", sweep_summary_csv(plan, tally));
  if (staged && plan.kind == StudyKind::kCompare) staged = set_->add(base_ + "paired.csv", compare_summary_csv(plan, tally));
  // The table as the terminal shows it (control characters escaped).
  if (staged) staged = set_->add(base_ + "summary.txt", reports::terminal_text(study_summary_text(plan, tally)));
  return staged || failed(error);
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

bool read_study_plan(const std::string& dir, SweepPlan* plan, std::string* error) {
  const std::string base = (std::filesystem::path(dir) / "").string();
  std::string text;
  if (!read_text(base + "sweep.json", &text, error)) return false;
  const std::optional<SweepPlan> parsed = parse_plan_json(text, error);
  if (!parsed) {
    *error = fmt::format("{}sweep.json: {}", base, *error);
    return false;
  }
  *plan = *parsed;
  return true;
}

bool ShardRows::open(const std::string& dir, std::string* error) {
  path_ = (std::filesystem::path(dir) / "runs.jsonl").string();
  in_.open(path_, std::ios::binary);
  if (!in_) *error = fmt::format("cannot read '{}'", path_);
  return static_cast<bool>(in_);
}

bool ShardRows::next(const SweepPlan& plan, size_t* run, RunRow* row, std::string* error) {
  error->clear();
  std::string line;
  if (!std::getline(in_, line)) return false;
  ++line_;
  if (parse_row_json(line, plan, run, row, error)) return true;
  *error = fmt::format("{}: {}", where(), *error);
  return false;
}

std::string ShardRows::where() const { return fmt::format("{}:{}", path_, line_); }

}  // namespace study
