#include "app/import_command.h"

#include <fmt/format.h>

#include "app/exit_codes.h"
#include "app/terminal.h"
#include "import/import_kinds.h"
#include "load/scenario_values.h"
#include "reports/output_file.h"

namespace app {
namespace {

std::string kind_names() {
  std::string names;
  for (const importer::ImportKind& k : importer::import_kinds()) names += (names.empty() ? "" : ", ") + std::string(k.name);
  return names;
}

const importer::ImportKind* find_kind(const std::string& name) {
  if (const importer::ImportKind* kind = importer::find_import_kind(name)) return kind;
  std::vector<std::string> names;
  for (const importer::ImportKind& k : importer::import_kinds()) names.emplace_back(k.name);
  print_err(fmt::format("gtsim: error: unknown import kind '{}'{} (kinds: {})\n", name,
                        load::did_you_mean(name, names), kind_names()));
  return nullptr;
}

bool parse_params(const std::vector<std::string>& texts, importer::ImportRequest* request) {
  for (const std::string& text : texts) {
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      print_err("gtsim: error: --param expects Name=Value, found '" + text + "'\n");
      return false;
    }
    request->params.emplace_back(text.substr(0, eq), text.substr(eq + 1));
  }
  return true;
}

void print_notes(const importer::ImportedScenario& scenario) {
  for (const std::string& line : scenario.warnings) print_err("gtsim import: warning: " + line + "\n");
  for (const std::string& line : scenario.not_imported) print_err("gtsim import: not imported: " + line + "\n");
  for (const std::string& line : scenario.assumed) print_err("gtsim import: assumed: " + line + "\n");
}

}  // namespace

CLI::App* add_import_command(CLI::App& app, ImportOptions* options) {
  CLI::App* command = app.add_subcommand("import", "Write a scenario from AWS artefacts: " + kind_names());
  std::string kinds = "Kinds (docs/import.md):";
  for (const importer::ImportKind& k : importer::import_kinds()) kinds += fmt::format("\n  {}: {}", k.name, k.reads);
  command->footer(kinds);
  command->add_option("kind", options->kind, "What the files are: " + kind_names())->required();
  command->add_option("files", options->files, "The artefact files (JSON or YAML)")->required();
  command->add_option("--out", options->out, "Write the scenario to this file (default: standard output)");
  command->add_option("--param", options->params, "A template parameter's value: Name=Value (repeatable)");
  command->add_option("--resource", options->resource, "The table to import when the artefact has several");
  return command;
}

int import_command(const ImportOptions& options) {
  const importer::ImportKind* kind = find_kind(options.kind);
  importer::ImportRequest request;
  if (kind == nullptr || !parse_params(options.params, &request)) return kExitBadInput;
  request.files = options.files;
  request.resource = options.resource;
  const importer::ImportResult result = importer::import_scenario(*kind, request);
  for (const model::Diagnostic& d : result.diagnostics) print_err(d.to_string() + "\n");
  if (!result.scenario) return kExitBadInput;
  print_notes(*result.scenario);
  if (options.out.empty()) {
    print_out(result.scenario->yaml);
    return kExitOk;
  }
  std::string error;
  if (!reports::write_file_atomically(options.out, result.scenario->yaml, &error)) {
    print_err("gtsim: error: " + error + "; the scenario was not written\n");
    return kExitOutputFailed;
  }
  print_err("gtsim import: wrote " + options.out + "\n");
  return kExitOk;
}

}  // namespace app
