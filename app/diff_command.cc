#include "app/diff_command.h"

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include "app/exit_codes.h"
#include "app/terminal.h"
#include "reports/report_diff.h"

namespace app {
namespace {

std::optional<reports::JsonValue> read_report(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "gtsim: error: cannot read '%s'\n", path.c_str());
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string error;
  std::optional<reports::JsonValue> report = reports::parse_json(text.str(), &error);
  if (report) {
    if (reports::figures_from_report(*report, &error)) return report;
  }
  print_err("gtsim: error: " + path + ": " + error + "\n");
  return std::nullopt;
}

}  // namespace

CLI::App* add_diff_command(CLI::App& app, DiffOptions* options) {
  CLI::App* command = app.add_subcommand("diff", "What changed between two JSON reports, figure by figure");
  command->add_option("a", options->a, "The first (reference) JSON report")->required();
  command->add_option("b", options->b, "The second JSON report")->required();
  command->add_option("--tolerance", options->tolerances,
                      "[PATTERN=]VALUE: '2%', '5ms', '$0.05' or '10'; e.g. 'lag.*.p99_ns=5%' (repeatable)");
  return command;
}

int diff_command(const DiffOptions& options) {
  std::vector<reports::Tolerance> tolerances;
  for (const std::string& text : options.tolerances) {
    std::string error;
    std::optional<reports::Tolerance> t = reports::parse_tolerance(text, &error);
    if (!t) {
      std::fprintf(stderr, "gtsim: error: %s\n", error.c_str());
      return kExitBadInput;
    }
    tolerances.push_back(*t);
  }
  const std::optional<reports::JsonValue> a = read_report(options.a);
  const std::optional<reports::JsonValue> b = read_report(options.b);
  if (!a || !b) return kExitBadInput;
  const reports::ReportDiff diff = reports::diff_reports(*a, *b, tolerances);
  print_out(reports::format_report_diff(diff, options.a, options.b));
  return diff.equal() ? kExitOk : kExitExpectationFailed;  // 1: the reports differ
}

}  // namespace app
