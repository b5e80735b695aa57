#include "import/import_kinds.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "import/cloudformation_import.h"
#include "import/cloudwatch_traffic.h"
#include "import/describe_table_import.h"
#include "import/strong_draft.h"
#include "import/terraform_import.h"
#include "load/scenario_loader.h"
#include "model/run_estimate.h"

namespace importer {

using model::Diagnostic;

const std::vector<ImportKind>& import_kinds() {
  static const std::vector<ImportKind> kinds = {
      {"describe-table",
       "the JSON of aws dynamodb describe-table, optionally with describe-table-replica-auto-scaling and "
       "describe-time-to-live (or describe-global-table for version 2017.11.29)",
       1, 4, false, false, &import_describe_table},
      {"cloudformation",
       "a CloudFormation template (YAML or JSON) with an AWS::DynamoDB::GlobalTable; --param Name=Value sets a "
       "parameter, --resource LogicalId picks one of several tables",
       1, 1, true, true, &import_cloudformation},
      {"terraform",
       "the JSON of terraform show -json (a plan or a state) with an aws_dynamodb_table that has replica blocks; "
       "--resource ADDRESS picks one of several",
       1, 1, false, true, &import_terraform},
      {"cloudwatch",
       "the JSON of aws cloudwatch get-metric-data (one file or page per region), each series labelled "
       "\"REGION ConsumedWriteCapacityUnits\" or \"REGION ConsumedReadCapacityUnits\"; an on-demand table is assumed "
       "(or give the table's artefacts and --traffic FILE with another kind)",
       1, 64, false, false, &import_cloudwatch},
  };
  return kinds;
}

const ImportKind* find_import_kind(std::string_view name) {
  const auto& kinds = import_kinds();
  const auto found = std::find_if(kinds.begin(), kinds.end(), [&](const ImportKind& k) { return k.name == name; });
  return found == kinds.end() ? nullptr : &*found;
}

namespace {

// The request's problems against the kind's row, with no position.
std::vector<Diagnostic> request_problems(const ImportKind& kind, const ImportRequest& request) {
  std::vector<Diagnostic> out;
  const auto problem = [&](std::string message) { out.push_back(Diagnostic{"gtsim import", 0, 0, std::move(message)}); };
  const std::string name(kind.name);
  if (request.files.size() < kind.min_files || request.files.size() > kind.max_files) {
    problem(kind.min_files == kind.max_files
                ? fmt::format("{} reads {} file{}, found {}", name, kind.min_files, kind.min_files == 1 ? "" : "s",
                              request.files.size())
                : fmt::format("{} reads {} to {} files, found {}", name, kind.min_files, kind.max_files,
                              request.files.size()));
  }
  if (!kind.takes_params && !request.params.empty()) problem("--param is not used by " + name);
  if (!kind.takes_resource && !request.resource.empty()) problem("--resource is not used by " + name);
  if (name == "cloudwatch" && !request.traffic.empty()) problem("--traffic is not used by cloudwatch: give its files");
  return out;
}

// Diagnostics by file (in the order files first appear), then by place.
void sort_diagnostics(std::vector<Diagnostic>* out) {
  std::vector<std::string> files;
  for (const Diagnostic& d : *out) {
    if (std::find(files.begin(), files.end(), d.file) == files.end()) files.push_back(d.file);
  }
  const auto rank = [&](const Diagnostic& d) {
    return std::make_tuple(std::find(files.begin(), files.end(), d.file) - files.begin(), d.line, d.column);
  };
  std::stable_sort(out->begin(), out->end(), [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
}

// The written scenario, loaded as `gtsim validate` would: a problem here is
// gtsim import's own fault, reported as such.
std::vector<Diagnostic> check_written(const ImportedScenario& scenario, const std::string& out_file) {
  // Named as the --out file, so its trace paths resolve as they will when it is run.
  const load::LoadResult loaded = load::load_scenario_text(scenario.yaml, out_file.empty() ? "imported scenario" : out_file);
  std::vector<Diagnostic> out = loaded.diagnostics;
  if (loaded.ok()) {
    if (auto reason = model::refuse_run(model::estimate_run(*loaded.scenario), false)) {
      out.push_back(Diagnostic{"imported scenario", 0, 0, *reason});
    }
  }
  for (Diagnostic& d : out) d.message = "gtsim import wrote a scenario gtsim refuses (please report it): " + d.message;
  return out;
}

}  // namespace

ImportResult import_scenario(const ImportKind& kind, const ImportRequest& request) {
  ImportResult result;
  result.diagnostics = request_problems(kind, request);
  if (!result.diagnostics.empty()) return result;
  ImportOutcome outcome = kind.import(request);
  if (outcome.draft && !request.traffic.empty()) {
    read_traffic(request.traffic, request.out, false, &*outcome.draft, &outcome.diagnostics);
    if (!outcome.diagnostics.empty()) outcome.draft.reset();
  }
  if (!outcome.draft) {
    result.diagnostics = std::move(outcome.diagnostics);
    sort_diagnostics(&result.diagnostics);
    return result;
  }
  settle_strong(&*outcome.draft);
  ImportedScenario scenario = write_scenario(*outcome.draft);
  result.diagnostics = check_written(scenario, request.out);
  if (result.diagnostics.empty()) result.scenario = std::move(scenario);
  return result;
}

}  // namespace importer
