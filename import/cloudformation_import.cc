#include "import/cloudformation_import.h"

#include <algorithm>

#include <fmt/format.h>

#include "import/artefact_hint.h"
#include "import/artefact_reader.h"
#include "import/artefact_words.h"
#include "import/cfn_template.h"
#include "import/import_document.h"
#include "load/table_section.h"

namespace importer {

using load::index;
using load::join;
using load::NodePtr;

namespace {

constexpr std::string_view kGlobalTable = "AWS::DynamoDB::GlobalTable";

// Reads a resource's properties, evaluating intrinsic functions on the way.
class CfnReader {
 public:
  CfnReader(ArtefactReader* r, const CfnTemplate* t, TableDraft* d) : r_(r), t_(t), d_(d) {}

  ArtefactReader& r() { return *r_; }
  TableDraft& d() { return *d_; }

  // n evaluated: null when it is AWS::NoValue, or, reported, when it cannot be evaluated.
  NodePtr eval(const NodePtr& n, const std::string& path, std::string* via) {
    const CfnValue v = t_->value(n);
    if (!v.problem.empty()) {
      r_->error(*n, path + ": " + v.problem);
      return nullptr;
    }
    if (!v.via.empty()) *via += (via->empty() ? "" : ", ") + v.via;
    return v.no_value ? nullptr : v.node;
  }
  // map[key] evaluated, or null when absent.
  NodePtr get(const Node& map, std::string_view key, const std::string& path, std::string* via) {
    if (!map.is_map()) return nullptr;
    const auto entry = std::find_if(map.entries.begin(), map.entries.end(),
                                    [&](const auto& e) { return e.first->is_scalar() && e.first->text == key; });
    if (entry == map.entries.end()) return nullptr;
    return eval(entry->second, join(path, key), via);
  }
  Source source(const std::string& path, const std::string& via) const { return Source{r_->file(), path, via}; }
  // n evaluated, its problem left to the caller.
  CfnValue value(const NodePtr& n) const { return t_->value(n); }

  std::optional<int64_t> units(const Node& map, std::string_view key, const std::string& path, std::string* via,
                               int64_t min = 1) {
    const NodePtr v = get(map, key, path, via);
    if (v == nullptr) return std::nullopt;
    return r_->count(*v, join(path, key), min, kUnitsMax);
  }

 private:
  ArtefactReader* r_;
  const CfnTemplate* t_;
  TableDraft* d_;
};

// An auto scaling settings map: the scaling and the capacity it starts at.
std::optional<std::pair<Scaling, int64_t>> read_scaling(CfnReader* c, const Node& n, const std::string& path) {
  if (!c->r().map(n, path)) return std::nullopt;
  c->r().rest(n, path,
              {{"MinCapacity", ""}, {"MaxCapacity", ""}, {"SeedCapacity", ""},
               {"TargetTrackingScalingPolicyConfiguration", ""}},
              &c->d());
  std::string via;
  const std::optional<int64_t> min = c->units(n, "MinCapacity", path, &via);
  const std::optional<int64_t> max = c->units(n, "MaxCapacity", path, &via);
  if (!min || !max) {
    if (c->r().get(n, "MinCapacity") == nullptr || c->r().get(n, "MaxCapacity") == nullptr) {
      c->r().error(n, path + ": auto scaling settings need MinCapacity and MaxCapacity");
    }
    return std::nullopt;
  }
  if (*max < *min) {
    c->r().error(n, fmt::format("{}: MaxCapacity {} is below MinCapacity {}", path, *max, *min));
    return std::nullopt;
  }
  Scaling s{*min, *max, 70.0, c->source(path, "")};
  const std::string tpath = join(path, "TargetTrackingScalingPolicyConfiguration");
  const NodePtr target = c->get(n, "TargetTrackingScalingPolicyConfiguration", path, &via);
  if (target == nullptr || !c->r().map(*target, tpath)) {
    if (target == nullptr) c->r().error(n, path + ": auto scaling settings need TargetTrackingScalingPolicyConfiguration");
    return std::nullopt;
  }
  c->r().rest(*target, tpath,
              {{"TargetValue", ""}, {"DisableScaleIn", words::kScaleTiming}, {"ScaleInCooldown", words::kScaleTiming},
               {"ScaleOutCooldown", words::kScaleTiming}},
              &c->d());
  const NodePtr value = c->get(*target, "TargetValue", tpath, &via);
  if (value == nullptr) {
    c->r().error(*target, tpath + ": no TargetValue");
    return std::nullopt;
  }
  const std::optional<double> percent = c->r().number(*value, join(tpath, "TargetValue"));
  if (!percent) return std::nullopt;
  if (*percent < 20.0 || *percent > 90.0) {
    c->r().error(*value, join(tpath, "TargetValue") + ": target utilization must be between 20 and 90, found " + value->text);
    return std::nullopt;
  }
  s.target_percent = *percent;
  s.source.via = via;
  int64_t initial = *min;
  if (auto seed = c->units(n, "SeedCapacity", path, &via)) initial = *seed;
  return std::make_pair(s, initial);
}

void read_replica(CfnReader* c, const NodePtr& item_node, const std::string& path) {
  std::string via;
  const NodePtr item = c->eval(item_node, path, &via);
  if (item == nullptr || !c->r().map(*item, path)) return;
  c->r().rest(*item, path,
              {{"Region", ""}, {"ReadProvisionedThroughputSettings", ""}, {"ReadOnDemandThroughputSettings", ""},
               {"GlobalSecondaryIndexes", words::kIndexCapacity}, {"TableClass", words::kTableClass},
               {"Tags", words::kTags}, {"PointInTimeRecoverySpecification", words::kProtection},
               {"DeletionProtectionEnabled", words::kProtection}, {"SSESpecification", words::kEncryption},
               {"KinesisStreamSpecification", words::kOtherServices},
               {"ContributorInsightsSpecification", words::kOtherServices},
               {"ResourcePolicy", words::kOtherServices}, {"ReplicaStreamSpecification", words::kOtherServices}},
              &c->d());
  std::string region_via = via;
  const NodePtr region_node = c->get(*item, "Region", path, &region_via);
  if (region_node == nullptr) {
    if (c->r().get(*item, "Region") == nullptr) c->r().error(*item, path + ": a replica without Region");
    return;
  }
  const std::optional<std::string> region = c->r().region(*region_node, join(path, "Region"));
  if (!region) return;
  ReplicaDraft& replica = c->d().add_replica(*region, c->source(join(path, "Region"), region_via));
  const std::string rpath = join(path, "ReadProvisionedThroughputSettings");
  std::string read_via;
  if (const NodePtr read = c->get(*item, "ReadProvisionedThroughputSettings", path, &read_via)) {
    if (!c->r().map(*read, rpath)) return;
    c->r().rest(*read, rpath, {{"ReadCapacityUnits", ""}, {"ReadCapacityAutoScalingSettings", ""}}, &c->d());
    if (c->d().billing == Billing::kOnDemand) {
      c->d().skip(c->source(rpath, read_via), "a read capacity of an on-demand table's replica");
    } else if (auto units = c->units(*read, "ReadCapacityUnits", rpath, &read_via)) {
      replica.read_units = Count{*units, c->source(join(rpath, "ReadCapacityUnits"), read_via)};
    } else if (const NodePtr scaling = c->get(*read, "ReadCapacityAutoScalingSettings", rpath, &read_via)) {
      if (auto s = read_scaling(c, *scaling, join(rpath, "ReadCapacityAutoScalingSettings"))) {
        replica.read_scaling = s->first;
        replica.read_units = Count{s->second, c->source(join(rpath, "ReadCapacityAutoScalingSettings"),
                                                        "its SeedCapacity, else MinCapacity")};
      }
    }
  }
  const std::string opath = join(path, "ReadOnDemandThroughputSettings");
  std::string od_via;
  if (const NodePtr od = c->get(*item, "ReadOnDemandThroughputSettings", path, &od_via)) {
    if (!c->r().map(*od, opath)) return;
    c->r().rest(*od, opath, {{"MaxReadRequestUnits", ""}}, &c->d());
    if (c->d().billing == Billing::kProvisioned) {
      c->d().skip(c->source(opath, od_via), std::string(words::kOnDemandOfProvisioned));
    } else if (auto units = c->units(*od, "MaxReadRequestUnits", opath, &od_via)) {
      replica.max_read_units = Count{*units, c->source(join(opath, "MaxReadRequestUnits"), od_via)};
    }
  }
}

// TableName, which only names the scenario: a value that cannot be evaluated
// here leaves the logical id, with a note.
void read_table_name(CfnReader* c, const Node& props, const std::string& path) {
  const auto entry = std::find_if(props.entries.begin(), props.entries.end(),
                                  [](const auto& e) { return e.first->is_scalar() && e.first->text == "TableName"; });
  if (entry == props.entries.end()) return;
  const std::string npath = join(path, "TableName");
  const CfnValue name = c->value(entry->second);
  if (!name.problem.empty() || name.node == nullptr || !name.node->is_scalar()) {
    c->d().skip(c->source(npath, ""), (name.problem.empty() ? std::string("not a string") : name.problem) +
                                          "; the scenario is named after the logical id");
    return;
  }
  c->d().name = name.node->text;
  c->d().name_source = c->source(npath, name.via);
}

void read_billing(CfnReader* c, const Node& props, const std::string& path) {
  std::string via;
  const NodePtr mode = c->get(props, "BillingMode", path, &via);
  TableDraft& d = c->d();
  d.billing = Billing::kProvisioned;
  d.billing_source = c->source(path, "no BillingMode: CloudFormation's default, PROVISIONED");
  if (mode == nullptr) return;
  const std::optional<std::string> text = c->r().text(*mode, join(path, "BillingMode"));
  if (text && (*text == "PROVISIONED" || *text == "PAY_PER_REQUEST")) {
    d.billing = *text == "PROVISIONED" ? Billing::kProvisioned : Billing::kOnDemand;
    d.billing_source = c->source(join(path, "BillingMode"), via);
  } else if (text) {
    c->r().mismatch(*mode, join(path, "BillingMode"), "PROVISIONED or PAY_PER_REQUEST");
  }
}

// WriteProvisionedThroughputSettings, WriteOnDemandThroughputSettings, WarmThroughput.
void read_write_settings(CfnReader* c, const Node& props, const Node& at, const std::string& path) {
  TableDraft& d = c->d();
  const bool provisioned = d.billing == Billing::kProvisioned;
  const std::string wpath = join(path, "WriteProvisionedThroughputSettings");
  std::string via;
  const NodePtr write = c->get(props, "WriteProvisionedThroughputSettings", path, &via);
  if (write != nullptr && c->r().map(*write, wpath)) {
    c->r().rest(*write, wpath, {{"WriteCapacityAutoScalingSettings", ""}}, &d);
    const std::string spath = join(wpath, "WriteCapacityAutoScalingSettings");
    const NodePtr scaling = c->get(*write, "WriteCapacityAutoScalingSettings", wpath, &via);
    if (!provisioned) {
      d.skip(c->source(wpath, via), "write auto scaling of an on-demand table");
    } else if (scaling != nullptr) {
      if (auto s = read_scaling(c, *scaling, spath)) {
        d.write_scaling = s->first;
        d.write_units = Count{s->second, c->source(spath, "its SeedCapacity, else MinCapacity")};
      }
    }
  } else if (write == nullptr && provisioned && c->r().get(props, "WriteProvisionedThroughputSettings") == nullptr) {
    c->r().error(at, path + ": BillingMode PROVISIONED needs WriteProvisionedThroughputSettings (\"If you use "
                            "PROVISIONED billing mode, you must provide an auto scaling configuration via the "
                            "WriteProvisionedThroughputSettings property\")");
  }
  struct Field {
    const char* object;
    const char* key;
    std::optional<Count>* into;
  };
  const Field fields[] = {{"WriteOnDemandThroughputSettings", "MaxWriteRequestUnits", &d.max_write_units},
                          {"WarmThroughput", "WriteUnitsPerSecond", &d.warm_write_units},
                          {"WarmThroughput", "ReadUnitsPerSecond", &d.warm_read_units}};
  for (const Field& f : fields) {
    std::string fvia;
    const NodePtr object = c->get(props, f.object, path, &fvia);
    const std::string opath = join(path, f.object);
    if (object == nullptr || !c->r().map(*object, opath)) continue;
    if (std::string_view(f.key) == "MaxWriteRequestUnits" || std::string_view(f.key) == "WriteUnitsPerSecond") {
      c->r().rest(*object, opath, {{"MaxWriteRequestUnits", ""}, {"WriteUnitsPerSecond", ""}, {"ReadUnitsPerSecond", ""}}, &d);
    }
    if (c->r().get(*object, f.key) == nullptr) continue;
    if (provisioned) {
      d.skip(c->source(join(opath, f.key), fvia), std::string(words::kWarmProvisioned));
    } else if (auto units = c->units(*object, f.key, opath, &fvia)) {
      *f.into = Count{*units, c->source(join(opath, f.key), fvia)};
    }
  }
}

void read_indexes(CfnReader* c, const Node& props, const std::string& path) {
  std::string via;
  const std::string ipath = join(path, "GlobalSecondaryIndexes");
  const NodePtr list = c->get(props, "GlobalSecondaryIndexes", path, &via);
  if (list == nullptr || !c->r().sequence(*list, ipath)) return;
  TableDraft& d = c->d();
  for (size_t i = 0; i < list->items.size(); ++i) {
    const std::string item_path = index(ipath, i);
    std::string item_via = via;
    const NodePtr item = c->eval(list->items[i], item_path, &item_via);
    if (item == nullptr || !c->r().map(*item, item_path)) continue;
    c->r().rest(*item, item_path,
                {{"IndexName", ""}, {"KeySchema", words::kIndexShape}, {"Projection", words::kIndexShape},
                 {"WriteProvisionedThroughputSettings", words::kIndexCapacity},
                 {"WriteOnDemandThroughputSettings", words::kIndexCapacity}, {"WarmThroughput", words::kIndexCapacity},
                 {"ContributorInsightsSpecification", words::kOtherServices}},
                &d);
    const NodePtr name = c->get(*item, "IndexName", item_path, &item_via);
    if (name == nullptr) continue;
    const std::optional<std::string> text = c->r().text(*name, join(item_path, "IndexName"));
    if (!text) continue;
    const Source source = c->source(join(item_path, "IndexName"), item_via);
    if (!load::is_index_name(*text)) {
      d.skip(source, "index '" + *text + "': gtsim's index names are 3 to 255 letters, digits, '_' and '-' (they "
                                         "become report paths)");
    } else if (std::any_of(d.indexes.begin(), d.indexes.end(), [&](const IndexDraft& x) { return x.name == *text; })) {
      d.skip(source, "index '" + *text + "' is listed twice; imported once");
    } else if (d.indexes.size() == load::kIndexNamesMax) {
      d.skip(source, fmt::format("a scenario names at most {} indexes", load::kIndexNamesMax));
    } else {
      d.indexes.push_back(IndexDraft{*text, source});
    }
  }
}

void read_ttl_and_consistency(CfnReader* c, const Node& props, const std::string& path) {
  TableDraft& d = c->d();
  std::string via;
  const std::string tpath = join(path, "TimeToLiveSpecification");
  if (const NodePtr ttl = c->get(props, "TimeToLiveSpecification", path, &via); ttl != nullptr && c->r().map(*ttl, tpath)) {
    c->r().rest(*ttl, tpath, {{"Enabled", ""}, {"AttributeName", ""}}, &d);
    TtlDraft t;
    if (const NodePtr a = c->get(*ttl, "AttributeName", tpath, &via)) {
      if (auto text = c->r().text(*a, join(tpath, "AttributeName"))) t.attribute = *text;
    }
    if (const NodePtr on = c->get(*ttl, "Enabled", tpath, &via)) {
      if (auto enabled = c->r().flag(*on, join(tpath, "Enabled"))) {
        t.enabled = *enabled;
        t.source = c->source(join(tpath, "Enabled"), via);
        d.ttl = t;
      }
    }
  }
  std::string mvia;
  const std::string mpath = join(path, "MultiRegionConsistency");
  if (const NodePtr mode = c->get(props, "MultiRegionConsistency", path, &mvia)) {
    const std::optional<std::string> text = c->r().text(*mode, mpath);
    if (text && *text == "STRONG") {
      d.strong = c->source(mpath, mvia);
    } else if (text && *text != "EVENTUAL") {
      c->r().mismatch(*mode, mpath, "EVENTUAL or STRONG");
    }
  }
}

// GlobalTableWitnesses: [{Region}], one at most.
void read_witnesses(CfnReader* c, const Node& props, const std::string& path) {
  std::string via;
  const std::string wpath = join(path, "GlobalTableWitnesses");
  const NodePtr list = c->get(props, "GlobalTableWitnesses", path, &via);
  if (list == nullptr || !c->r().sequence(*list, wpath)) return;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const std::string ipath = index(wpath, i);
    std::string ivia = via;
    const NodePtr item = c->eval(list->items[i], ipath, &ivia);
    if (item == nullptr || !c->r().map(*item, ipath)) continue;
    c->r().rest(*item, ipath, {{"Region", ""}}, &c->d());
    const NodePtr name = c->get(*item, "Region", ipath, &ivia);
    if (name == nullptr) {
      if (c->r().get(*item, "Region") == nullptr) c->r().error(*item, ipath + ": a witness without Region");
      continue;
    }
    if (const auto region = c->r().region(*name, join(ipath, "Region"))) {
      c->d().add_witness(*region, c->source(join(ipath, "Region"), ivia));
    }
  }
}

void read_properties(CfnReader* c, const std::string& id, const Node& resource, const std::string& rpath) {
  TableDraft& d = c->d();
  d.version_source = c->source(join(rpath, "Type"), "AWS::DynamoDB::GlobalTable makes version 2019.11.21 tables");
  d.name = id;
  d.name_source = c->source(rpath, "no TableName: CloudFormation generates one; the logical id here");
  const std::string path = join(rpath, "Properties");
  std::string via;
  const NodePtr props = c->get(resource, "Properties", rpath, &via);
  if (props == nullptr || !c->r().map(*props, path)) {
    if (props == nullptr) c->r().error(resource, rpath + ": a resource without Properties");
    return;
  }
  c->r().rest(*props, path,
              {{"TableName", ""}, {"BillingMode", ""}, {"Replicas", ""}, {"WriteProvisionedThroughputSettings", ""},
               {"WriteOnDemandThroughputSettings", ""}, {"WarmThroughput", ""}, {"GlobalSecondaryIndexes", ""},
               {"TimeToLiveSpecification", ""}, {"MultiRegionConsistency", ""},
               {"AttributeDefinitions", words::kKeySchema}, {"KeySchema", words::kKeySchema},
               {"LocalSecondaryIndexes", words::kLocalIndexes}, {"SSESpecification", words::kEncryption},
               {"StreamSpecification", words::kStream}, {"GlobalTableWitnesses", ""}},
              &d);
  read_table_name(c, *props, path);
  read_billing(c, *props, path);
  read_write_settings(c, *props, *props, path);
  std::string rvia;
  const NodePtr replicas = c->get(*props, "Replicas", path, &rvia);
  if (replicas == nullptr || !c->r().sequence(*replicas, join(path, "Replicas"))) {
    if (replicas == nullptr && c->r().get(*props, "Replicas") == nullptr) c->r().error(*props, path + ": no Replicas");
  } else {
    for (size_t i = 0; i < replicas->items.size(); ++i) read_replica(c, replicas->items[i], index(join(path, "Replicas"), i));
  }
  read_indexes(c, *props, path);
  read_ttl_and_consistency(c, *props, path);
  read_witnesses(c, *props, path);
}

// The global tables of the template that exist (their Condition holds),
// by logical id, in template order.
struct Candidates {
  std::vector<std::pair<std::string, NodePtr>> tables;
  std::vector<std::string> excluded;        // "Id (its Condition C is false)"
  std::vector<std::string> single_region;   // AWS::DynamoDB::Table resources
};

Candidates candidates(const Node& resources, const CfnTemplate& t, TableDraft* d, const std::string& file) {
  Candidates out;
  for (const auto& [key, resource] : resources.entries) {
    if (!key->is_scalar() || !resource->is_map()) continue;
    const Node* type = ArtefactReader::get(*resource, "Type");
    if (type == nullptr || !type->is_scalar()) continue;
    if (type->text == "AWS::DynamoDB::Table") out.single_region.push_back(key->text);
    if (type->text != kGlobalTable) continue;
    const Node* condition = ArtefactReader::get(*resource, "Condition");
    if (condition != nullptr && condition->is_scalar()) {
      std::string why;
      const std::optional<bool> holds = t.condition(condition->text, &why);
      if (holds && !*holds) {
        out.excluded.push_back(key->text + " (its Condition " + condition->text + " is false)");
        continue;
      }
      if (!holds) {
        d->skip(Source{file, "Resources." + key->text + ".Condition", ""},
                why + ": imported as if the condition held");
      }
    }
    out.tables.emplace_back(key->text, resource);
  }
  return out;
}

std::string id_list(const std::vector<std::pair<std::string, NodePtr>>& tables) {
  std::string out;
  for (const auto& t : tables) out += (out.empty() ? "" : ", ") + t.first;
  return out;
}

// The resource to import, or null (reported).
const std::pair<std::string, NodePtr>* choose(const Candidates& c, const Node& resources,
                                              const std::string& wanted, ArtefactReader* r) {
  if (!wanted.empty()) {
    const auto found = std::find_if(c.tables.begin(), c.tables.end(), [&](const auto& t) { return t.first == wanted; });
    if (found != c.tables.end()) return &*found;
    const Node* other = ArtefactReader::get(resources, wanted);
    const Node* type = other != nullptr && other->is_map() ? ArtefactReader::get(*other, "Type") : nullptr;
    std::vector<std::string> ids;
    for (const auto& t : c.tables) ids.push_back(t.first);
    std::string message = "--resource " + wanted + ": ";
    if (type != nullptr && type->is_scalar() && type->text != kGlobalTable) {
      message += "the resource is a " + type->text + ", not an " + std::string(kGlobalTable);
    } else if (other != nullptr) {
      message += "the resource is not created: its Condition is false";
    } else {
      message += "the template has no resource of that name" + load::did_you_mean(wanted, ids);
    }
    r->diagnostics()->push_back(model::Diagnostic{r->file(), 0, 0,
                                                  message + " (its global tables: " +
                                                      (ids.empty() ? std::string("none") : id_list(c.tables)) + ")"});
    return nullptr;
  }
  if (c.tables.size() == 1) return &c.tables[0];
  if (c.tables.empty()) {
    std::string message = "the template has no " + std::string(kGlobalTable) + " resource";
    if (!c.excluded.empty()) message += " that it creates: " + c.excluded[0];
    if (!c.single_region.empty()) {
      message += " (" + c.single_region[0] + " is an AWS::DynamoDB::Table, a single-Region table: gtsim needs a global table)";
    }
    r->error(resources, "Resources: " + message);
    return nullptr;
  }
  r->error(resources, fmt::format("Resources: the template has {} global tables ({}): name one with --resource",
                                  c.tables.size(), id_list(c.tables)));
  return nullptr;
}

}  // namespace

ImportOutcome import_cloudformation(const ImportRequest& request) {
  ImportOutcome outcome;
  ImportDocument doc;
  if (!read_import_document(request.files.front(), &doc, &outcome.diagnostics)) return outcome;
  ArtefactReader r(doc.file, &outcome.diagnostics);
  const Node& root = *doc.root;
  const Node* resources = root.is_map() ? r.get(root, "Resources") : nullptr;
  if (resources == nullptr || !resources->is_map()) {
    r.error(resources != nullptr ? *resources : root,
            "not a CloudFormation template: expected a map with a Resources map" +
                other_artefact_hint(root, "cloudformation"));
    return outcome;
  }
  r.map(*resources, "Resources");
  CfnTemplate t(root, &r);
  TableDraft d;
  d.kind = "cloudformation";
  d.files.push_back(doc.file);
  d.inputs.push_back(doc.file + " (CloudFormation template)");
  if (!t.set_params(request.params) || !outcome.diagnostics.empty()) return outcome;
  const Candidates c = candidates(*resources, t, &d, doc.file);
  const auto* chosen = choose(c, *resources, request.resource, &r);
  if (chosen == nullptr) return outcome;
  const std::string rpath = "Resources." + chosen->first;
  r.rest(*chosen->second, rpath,
         {{"Type", ""}, {"Properties", ""}, {"Condition", ""}, {"DeletionPolicy", words::kResourceAttribute},
          {"UpdateReplacePolicy", words::kResourceAttribute}, {"DependsOn", words::kResourceAttribute},
          {"Metadata", words::kResourceAttribute}, {"UpdatePolicy", words::kResourceAttribute},
          {"CreationPolicy", words::kResourceAttribute}},
         &d);
  CfnReader reader(&r, &t, &d);
  read_properties(&reader, chosen->first, *chosen->second, rpath);
  if (outcome.diagnostics.empty()) {
    if (const std::string problem = region_count_problem(d); !problem.empty()) {
      r.error(*chosen->second, rpath + ".Properties.Replicas: " + problem);
    }
  }
  if (outcome.diagnostics.empty()) outcome.draft = std::move(d);
  return outcome;
}

}  // namespace importer
