// gtsim: the command line.
//
//   gtsim run FILE [--seed N] [--set PATH=VALUE]... [--json OUT] [--quiet]
//   gtsim validate FILE...
//
// Exit codes (DESIGN.md law 4): 0 ok, 1 an expectation in the scenario
// failed, 2 bad input or usage. Diagnostics go to stderr as
// "file:line:column: error: message"; reports go to stdout or their files.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "model/scenario_loader.h"
#include "model/simulation.h"
#include "reports/json_report.h"
#include "reports/output_file.h"
#include "reports/text_report.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;

void print_diagnostics(const std::vector<model::Diagnostic>& diagnostics) {
  for (const model::Diagnostic& diagnostic : diagnostics) {
    std::fprintf(stderr, "%s\n", diagnostic.to_string().c_str());
  }
}

struct RunOptions {
  std::string file;
  std::optional<uint64_t> seed;
  std::vector<std::string> sets;
  std::string json_path;
  bool quiet = false;
};

int run_command(const RunOptions& options) {
  std::vector<model::Override> overrides;
  for (const std::string& set : options.sets) {
    auto parsed = model::parse_override(set);
    if (!parsed) {
      std::fprintf(stderr, "gtsim: error: --set expects PATH=VALUE, found '%s'\n", set.c_str());
      return kExitBadInput;
    }
    overrides.push_back(*parsed);
  }
  model::LoadResult loaded = model::load_scenario_file(options.file, overrides);
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics);
    return kExitBadInput;
  }
  model::Scenario& scenario = *loaded.scenario;
  if (options.seed) scenario.seed = *options.seed;

  model::Simulation simulation(scenario);
  const auto started = std::chrono::steady_clock::now();  // run statistics only, never in a report
  const model::RunResult result = simulation.run();
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;

  if (!options.json_path.empty()) {
    std::string error;
    if (!reports::write_file_atomically(options.json_path, reports::json_report(result), &error)) {
      std::fprintf(stderr, "gtsim: error: %s\n", error.c_str());
      return kExitBadInput;
    }
  }
  if (!options.quiet) {
    std::fputs(reports::text_report(result).c_str(), stdout);
    std::fputs(reports::text_run_statistics({result.events, wall.count()}).c_str(), stdout);
  }
  return kExitOk;
}

int validate_command(const std::vector<std::string>& files) {
  int status = kExitOk;
  for (const std::string& file : files) {
    const model::LoadResult loaded = model::load_scenario_file(file);
    if (loaded.ok()) {
      std::printf("%s: ok\n", file.c_str());
    } else {
      print_diagnostics(loaded.diagnostics);
      status = kExitBadInput;
    }
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gtsim: a deterministic simulator of DynamoDB-style global tables"};
  app.set_version_flag("--version", "gtsim 0.1.0");
  app.require_subcommand(1);

  RunOptions run;
  CLI::App* run_app = app.add_subcommand("run", "Run a scenario and print its summary");
  run_app->add_option("file", run.file, "Scenario YAML file")->required();
  run_app->add_option("--seed", run.seed, "Override the scenario's seed");
  run_app->add_option("--set", run.sets, "Override a scenario value: PATH=VALUE (repeatable)");
  run_app->add_option("--json", run.json_path, "Write the JSON report to this file");
  run_app->add_flag("-q,--quiet", run.quiet, "Print nothing on success");

  std::vector<std::string> validate_files;
  CLI::App* validate_app = app.add_subcommand("validate", "Check scenarios without running them");
  validate_app->add_option("files", validate_files, "Scenario YAML files")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }

  if (app.got_subcommand(run_app)) return run_command(run);
  if (app.got_subcommand(validate_app)) return validate_command(validate_files);
  return kExitBadInput;
}
