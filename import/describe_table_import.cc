#include "import/describe_table_import.h"

#include <algorithm>
#include <array>
#include <memory>

#include <fmt/format.h>

#include "import/artefact_hint.h"
#include "import/artefact_reader.h"
#include "import/artefact_words.h"
#include "import/import_document.h"
#include "import/table_description.h"

namespace importer {

using load::index;
using load::join;
using model::Diagnostic;

namespace {

// The outputs a describe-table import reads, by their top-level key.
struct Output {
  std::string_view key;
  std::string_view command;
};
constexpr std::array<Output, 4> kOutputs = {{
    {"Table", "describe-table"},
    {"TableAutoScalingDescription", "describe-table-replica-auto-scaling"},
    {"TimeToLiveDescription", "describe-time-to-live"},
    {"GlobalTableDescription", "describe-global-table"},
}};

// The value of each output's key, found in one of the files.
struct Found {
  const Node* body = nullptr;
  ArtefactReader* reader = nullptr;
};

// Files each top-level key of one document under found[], or reports it.
void classify(const ImportDocument& doc, ArtefactReader* r, std::array<Found, kOutputs.size()>* found,
              TableDraft* d) {
  const Node& root = *doc.root;
  constexpr std::string_view kExpected =
      "not the output of describe-table, describe-table-replica-auto-scaling, describe-time-to-live or "
      "describe-global-table: expected a top-level Table, TableAutoScalingDescription, TimeToLiveDescription or "
      "GlobalTableDescription";
  if (!root.is_map()) {
    r->error(root, std::string(kExpected) + ", found " + load::describe(root));
    return;
  }
  r->map(root, "");
  std::string read_as;
  bool any = false;
  for (size_t k = 0; k < kOutputs.size(); ++k) {
    const Node* body = r->get(root, kOutputs[k].key);
    if (body == nullptr) continue;
    any = true;
    if ((*found)[k].body != nullptr) {
      r->error(*body, fmt::format("a second {} output (the first is in {})", kOutputs[k].command,
                                  (*found)[k].reader->file()));
      continue;
    }
    (*found)[k] = Found{body, r};
    read_as += (read_as.empty() ? "" : ", ") + std::string(kOutputs[k].command);
  }
  if (!any) r->error(root, std::string(kExpected) + other_artefact_hint(root, "describe-table"));
  if (read_as.empty()) return;
  d->files.push_back(doc.file);
  d->inputs.push_back(doc.file + " (" + read_as + ")");
  std::vector<KeyRule> rules;
  for (const Output& o : kOutputs) rules.push_back({o.key, ""});
  rules.push_back({"ResponseMetadata", "an SDK response's metadata"});
  r->rest(root, "", rules, d);
}

void read_global_table(ArtefactReader* r, const Node& n, TableDraft* d, bool have_table) {
  const std::string path = "GlobalTableDescription";
  if (!r->map(n, path)) return;
  if (const Node* name = r->get(n, "GlobalTableName"); name != nullptr && !have_table) {
    if (auto text = r->text(*name, join(path, "GlobalTableName"))) {
      d->name = *text;
      d->name_source = r->source(join(path, "GlobalTableName"));
    }
  } else if (name != nullptr && name->is_scalar() && name->text != d->name) {
    r->error(*name, fmt::format("{}.GlobalTableName: '{}' is not the table of {} ('{}')", path, name->text,
                                d->name_source.file, d->name));
    return;
  }
  if (have_table && d->version_source && d->version != "2017.11.29") {
    r->error(n, path + ": describe-global-table is for version 2017.11.29, but " +
                    d->version_source->to_string() + " says " + d->version);
    return;
  }
  d->version = "2017.11.29";
  d->version_source = r->source(path);
  d->version_source->via = "describe-global-table describes version 2017.11.29 tables";
  if (!have_table) {
    d->billing = Billing::kProvisioned;
    d->billing_source = Source{"", "describe-global-table gives no capacity; gtsim's 2017.11.29 default", ""};
  } else {
    d->assumptions.push_back("under 2017.11.29 every replica has its own capacity: each replica is given the "
                             "capacity of the table " + d->name_source.file + " describes");
  }
  if (const Node* group = r->get(n, "ReplicationGroup"); group != nullptr && r->sequence(*group, join(path, "ReplicationGroup"))) {
    for (size_t i = 0; i < group->items.size(); ++i) {
      read_replica_description(r, *group->items[i], index(join(path, "ReplicationGroup"), i), d);
    }
  }
  r->rest(n, path,
          {{"GlobalTableName", ""}, {"ReplicationGroup", ""}, {"GlobalTableArn", words::kIdentity},
           {"CreationDateTime", words::kIdentity}, {"GlobalTableStatus", words::kIdentity}},
          d);
}

void read_time_to_live(ArtefactReader* r, const Node& n, TableDraft* d) {
  const std::string path = "TimeToLiveDescription";
  if (!r->map(n, path)) return;
  TtlDraft ttl;
  if (const Node* a = r->get(n, "AttributeName")) {
    if (auto text = r->text(*a, join(path, "AttributeName"))) ttl.attribute = *text;
  }
  const Node* status = r->get(n, "TimeToLiveStatus");
  if (status == nullptr) {
    r->error(n, path + ": no TimeToLiveStatus");
    return;
  }
  const std::string spath = join(path, "TimeToLiveStatus");
  const std::optional<std::string> text = r->text(*status, spath);
  if (!text) return;
  if (*text != "ENABLED" && *text != "ENABLING" && *text != "DISABLED" && *text != "DISABLING") {
    r->mismatch(*status, spath, "ENABLED, ENABLING, DISABLED or DISABLING");
    return;
  }
  ttl.enabled = *text == "ENABLED" || *text == "ENABLING";
  ttl.source = r->source(spath);
  ttl.source.via = *text + (ttl.attribute.empty() ? "" : ", attribute '" + ttl.attribute + "'");
  if (*text == "ENABLING" || *text == "DISABLING") {
    d->skip(r->source(spath), fmt::format("{}: imported as {}", *text, ttl.enabled ? "enabled" : "disabled"));
  }
  d->ttl = ttl;
  r->rest(n, path, {{"AttributeName", ""}, {"TimeToLiveStatus", ""}}, d);
}

// One AutoScalingSettingsDescription; nullopt when auto scaling is disabled
// there (filed) or the settings are wrong (reported).
std::optional<Scaling> read_scaling(ArtefactReader* r, const Node& n, const std::string& path, TableDraft* d) {
  if (!r->map(n, path)) return std::nullopt;
  const std::vector<KeyRule> rules = {{"MinimumUnits", ""},      {"MaximumUnits", ""},
                                      {"AutoScalingDisabled", ""}, {"ScalingPolicies", ""},
                                      {"AutoScalingRoleArn", words::kIdentity}};
  r->rest(n, path, rules, d);
  if (const Node* off = r->get(n, "AutoScalingDisabled")) {
    const std::optional<bool> disabled = r->flag(*off, join(path, "AutoScalingDisabled"));
    if (!disabled) return std::nullopt;
    if (*disabled) {
      d->skip(r->source(join(path, "AutoScalingDisabled")), "auto scaling is disabled here: not imported");
      return std::nullopt;
    }
  }
  const Node* min = r->get(n, "MinimumUnits");
  const Node* max = r->get(n, "MaximumUnits");
  if (min == nullptr || max == nullptr) {
    r->error(n, path + ": auto scaling settings need MinimumUnits and MaximumUnits");
    return std::nullopt;
  }
  const auto low = r->count(*min, join(path, "MinimumUnits"), 1, kUnitsMax);
  const auto high = r->count(*max, join(path, "MaximumUnits"), 1, kUnitsMax);
  if (!low || !high) return std::nullopt;
  if (*high < *low) {
    r->error(*max, fmt::format("{}: MaximumUnits {} is below MinimumUnits {}", path, *high, *low));
    return std::nullopt;
  }
  Scaling s{*low, *high, 70.0, r->source(path)};
  const Node* policies = r->get(n, "ScalingPolicies");
  if (policies == nullptr || !r->sequence(*policies, join(path, "ScalingPolicies")) || policies->items.empty()) {
    d->skip(r->source(path), "no scaling policy: target utilization assumed 70% (the console's default)");
    return s;
  }
  for (size_t i = 0; i < policies->items.size(); ++i) {
    const Node& policy = *policies->items[i];
    const std::string ppath = index(join(path, "ScalingPolicies"), i);
    if (!r->map(policy, ppath)) return std::nullopt;
    r->rest(policy, ppath, {{"PolicyName", words::kIdentity}, {"TargetTrackingScalingPolicyConfiguration", ""}}, d);
    const Node* config = r->get(policy, "TargetTrackingScalingPolicyConfiguration");
    const std::string cpath = join(ppath, "TargetTrackingScalingPolicyConfiguration");
    if (config == nullptr || !r->map(*config, cpath)) continue;
    r->rest(*config, cpath,
            {{"TargetValue", ""}, {"DisableScaleIn", words::kScaleTiming}, {"ScaleInCooldown", words::kScaleTiming},
             {"ScaleOutCooldown", words::kScaleTiming}},
            d);
    const Node* target = r->get(*config, "TargetValue");
    if (target == nullptr || i > 0) continue;
    const std::optional<double> value = r->number(*target, join(cpath, "TargetValue"));
    if (!value) return std::nullopt;
    if (*value < 20.0 || *value > 90.0) {
      r->error(*target, join(cpath, "TargetValue") + ": target utilization must be between 20 and 90, found " +
                            target->text);
      return std::nullopt;
    }
    s.target_percent = *value;
  }
  if (policies->items.size() > 1) d->skip(r->source(join(path, "ScalingPolicies")), "only the first policy is imported");
  return s;
}

void read_scaling_replica(ArtefactReader* r, const Node& item, const std::string& path, TableDraft* d) {
  if (!r->map(item, path)) return;
  r->rest(item, path,
          {{"RegionName", ""}, {"ReplicaProvisionedReadCapacityAutoScalingSettings", ""},
           {"ReplicaProvisionedWriteCapacityAutoScalingSettings", ""}, {"GlobalSecondaryIndexes", words::kIndexCapacity},
           {"ReplicaStatus", words::kIdentity}},
          d);
  const Node* name = r->get(item, "RegionName");
  if (name == nullptr) return r->error(item, path + ": a replica without RegionName");
  const std::optional<std::string> region = r->region(*name, join(path, "RegionName"));
  if (!region) return;
  ReplicaDraft* replica = d->replica(*region);
  if (replica == nullptr) {
    std::string regions;
    for (const ReplicaDraft& x : d->replicas) regions += (regions.empty() ? "'" : ", '") + x.region + "'";
    return r->error(*name, fmt::format("{}.RegionName: '{}' is not a replica of table '{}' (its replicas: {})", path,
                                       *region, d->name, regions));
  }
  const std::string read_path = join(path, "ReplicaProvisionedReadCapacityAutoScalingSettings");
  if (const Node* read = r->get(item, "ReplicaProvisionedReadCapacityAutoScalingSettings")) {
    if (auto s = read_scaling(r, *read, read_path, d)) replica->read_scaling = s;
  }
  const std::string write_path = join(path, "ReplicaProvisionedWriteCapacityAutoScalingSettings");
  const Node* write = r->get(item, "ReplicaProvisionedWriteCapacityAutoScalingSettings");
  if (write == nullptr) return;
  const std::optional<Scaling> s = read_scaling(r, *write, write_path, d);
  if (!s) return;
  if (!d->write_scaling) {
    d->write_scaling = s;
  } else if (s->min_units != d->write_scaling->min_units || s->max_units != d->write_scaling->max_units ||
             s->target_percent != d->write_scaling->target_percent) {
    d->skip(r->source(write_path), "differs from " + d->write_scaling->source.path +
                                       ": a table has one write auto scaling for every replica; the first is imported");
  }
}

void read_auto_scaling(ArtefactReader* r, const Node& n, TableDraft* d) {
  const std::string path = "TableAutoScalingDescription";
  if (!r->map(n, path)) return;
  if (const Node* name = r->get(n, "TableName"); name != nullptr && name->is_scalar() && name->text != d->name) {
    return r->error(*name, fmt::format("{}.TableName: '{}' is not the table of {} ('{}')", path, name->text,
                                       d->name_source.file, d->name));
  }
  r->rest(n, path, {{"TableName", ""}, {"Replicas", ""}, {"TableStatus", words::kIdentity}}, d);
  if (d->billing == Billing::kOnDemand) {
    d->skip(r->source(path), "an on-demand table does not auto scale: not imported");
    return;
  }
  const Node* replicas = r->get(n, "Replicas");
  if (replicas == nullptr || !r->sequence(*replicas, join(path, "Replicas"))) return;
  for (size_t i = 0; i < replicas->items.size(); ++i) {
    read_scaling_replica(r, *replicas->items[i], index(join(path, "Replicas"), i), d);
  }
}

// The problem that keeps the draft from being a scenario, reported at the table.
void check_global(const Found& table, const Found& global, const TableDraft& d, std::vector<Diagnostic>* out) {
  const Found& where = table.body != nullptr ? table : global;
  ArtefactReader r(where.reader->file(), out);
  if (global.body == nullptr && !d.version_source) {
    r.error(*table.body, "Table: not a global table: describe-table shows no Replicas and no GlobalTableVersion "
                         "(for a version 2017.11.29 global table give the output of describe-global-table too)");
    return;
  }
  if (const std::string problem = region_count_problem(d); !problem.empty()) {
    r.error(*where.body, std::string(table.body != nullptr ? "Table" : "GlobalTableDescription") + ": " + problem);
  }
}

}  // namespace

ImportOutcome import_describe_table(const ImportRequest& request) {
  ImportOutcome outcome;
  std::vector<ImportDocument> docs(request.files.size());
  std::vector<std::unique_ptr<ArtefactReader>> readers;
  TableDraft d;
  d.kind = "describe-table";
  std::array<Found, kOutputs.size()> found{};
  for (size_t i = 0; i < request.files.size(); ++i) {
    if (!read_import_document(request.files[i], &docs[i], &outcome.diagnostics)) continue;
    readers.push_back(std::make_unique<ArtefactReader>(request.files[i], &outcome.diagnostics));
    classify(docs[i], readers.back().get(), &found, &d);
  }
  const Found& table = found[0];
  const Found& global = found[3];
  if (outcome.diagnostics.empty() && table.body == nullptr && global.body == nullptr) {
    outcome.diagnostics.push_back(Diagnostic{request.files.front(), 0, 0,
                                             "no describe-table output (a top-level Table) and no describe-global-table "
                                             "output among the files: one of them says which table to import"});
  }
  if (!outcome.diagnostics.empty()) return outcome;
  if (table.body != nullptr) read_table_description(table.reader, *table.body, &d);
  if (global.body != nullptr) read_global_table(global.reader, *global.body, &d, table.body != nullptr);
  if (found[1].body != nullptr) read_auto_scaling(found[1].reader, *found[1].body, &d);
  if (found[2].body != nullptr) read_time_to_live(found[2].reader, *found[2].body, &d);
  if (outcome.diagnostics.empty()) check_global(table, global, d, &outcome.diagnostics);
  if (outcome.diagnostics.empty()) outcome.draft = std::move(d);
  return outcome;
}

}  // namespace importer
