#include "import/terraform_import.h"

#include <algorithm>

#include <fmt/format.h>

#include "import/artefact_hint.h"
#include "import/artefact_reader.h"
#include "import/artefact_words.h"
#include "import/import_document.h"
#include "import/table_description.h"
#include "load/table_section.h"

namespace importer {

using load::index;
using load::join;

namespace {

struct TfResource {
  std::string address;
  std::string type;
  const Node* node = nullptr;
  const Node* values = nullptr;  // null when the plan knows none
};

// The resources of a module and its child modules, in file order.
void collect(const Node& module, ArtefactReader* r, std::vector<TfResource>* out) {
  if (!module.is_map()) return;
  if (const Node* resources = r->get(module, "resources"); resources != nullptr && resources->is_sequence()) {
    for (const load::NodePtr& item : resources->items) {
      if (!item->is_map()) continue;
      const Node* address = r->get(*item, "address");
      const Node* type = r->get(*item, "type");
      const Node* mode = r->get(*item, "mode");
      if (address == nullptr || type == nullptr || !address->is_scalar() || !type->is_scalar()) continue;
      if (mode != nullptr && mode->is_scalar() && mode->text != "managed") continue;
      const Node* values = r->get(*item, "values");
      out->push_back(TfResource{address->text, type->text, item.get(), values != nullptr && values->is_map() ? values : nullptr});
    }
  }
  if (const Node* children = r->get(module, "child_modules"); children != nullptr && children->is_sequence()) {
    for (const load::NodePtr& child : children->items) collect(*child, r, out);
  }
}

// The first block of a terraform block list ([{...}]), or null.
const Node* block(const Node& values, std::string_view key) {
  const Node* list = ArtefactReader::get(values, key);
  if (list == nullptr || !list->is_sequence() || list->items.empty() || !list->items[0]->is_map()) return nullptr;
  return list->items[0].get();
}

// A scalar's text, or "" for anything else (null included).
std::string text_of(const Node* n) { return n != nullptr && n->is_scalar() ? n->text : ""; }

// The aws provider's region in a plan's configuration, with where it was found.
std::optional<std::pair<std::string, std::string>> provider_region(const Node& root, const TfResource& t) {
  const Node* config = ArtefactReader::get(root, "configuration");
  const Node* providers = config != nullptr ? ArtefactReader::get(*config, "provider_config") : nullptr;
  if (providers == nullptr || !providers->is_map()) return std::nullopt;
  std::string key = "aws";
  const Node* module = ArtefactReader::get(*config, "root_module");
  const Node* resources = module != nullptr ? ArtefactReader::get(*module, "resources") : nullptr;
  const std::string bare = t.address.substr(0, t.address.find('['));
  if (resources != nullptr && resources->is_sequence()) {
    for (const load::NodePtr& r : resources->items) {
      if (r->is_map() && text_of(ArtefactReader::get(*r, "address")) == bare) {
        if (const std::string k = text_of(ArtefactReader::get(*r, "provider_config_key")); !k.empty()) key = k;
      }
    }
  }
  const Node* provider = ArtefactReader::get(*providers, key);
  const Node* expressions = provider != nullptr ? ArtefactReader::get(*provider, "expressions") : nullptr;
  const Node* region = expressions != nullptr ? ArtefactReader::get(*expressions, "region") : nullptr;
  if (region == nullptr || !region->is_map()) return std::nullopt;
  const std::string where = "configuration.provider_config." + key + ".expressions.region";
  if (const std::string constant = text_of(ArtefactReader::get(*region, "constant_value")); !constant.empty()) {
    return std::make_pair(constant, where + ".constant_value");
  }
  const Node* references = ArtefactReader::get(*region, "references");
  if (references == nullptr || !references->is_sequence()) return std::nullopt;
  for (const load::NodePtr& ref : references->items) {
    if (!ref->is_scalar() || ref->text.rfind("var.", 0) != 0) continue;
    const std::string name = ref->text.substr(4);
    const Node* variables = ArtefactReader::get(root, "variables");
    const Node* variable = variables != nullptr ? ArtefactReader::get(*variables, name) : nullptr;
    if (const std::string value = variable != nullptr ? text_of(ArtefactReader::get(*variable, "value")) : "";
        !value.empty()) {
      return std::make_pair(value, where + " (" + ref->text + " = variables." + name + ".value)");
    }
  }
  return std::nullopt;
}

// The table's own region: values.region, the region of values.arn, or the
// provider's. False, reported, when none says it.
bool own_region(ArtefactReader* r, const Node& root, const TfResource& t, TableDraft* d) {
  const Node& values = *t.values;
  if (const Node* region = r->get(values, "region"); region != nullptr && !region->is_null()) {
    const auto name = r->region(*region, t.address + ".region");
    if (name) d->add_replica(*name, r->source(t.address + ".region"));
    return name.has_value();
  }
  if (const std::string arn = text_of(r->get(values, "arn")); !arn.empty()) {
    const std::string region = arn_region(arn);
    if (!is_aws_region_name(region)) {
      r->mismatch(*r->get(values, "arn"), t.address + ".arn", "an ARN with a region");
      return false;
    }
    d->add_replica(region, Source{r->file(), t.address + ".arn", "the table's own region"});
    return true;
  }
  if (const auto provider = provider_region(root, t)) {
    if (!is_aws_region_name(provider->first)) {
      r->error(*t.node, t.address + ": the aws provider's region '" + provider->first + "' is not " + kRegionExpected);
      return false;
    }
    d->add_replica(provider->first, Source{r->file(), provider->second, "the provider's region: the table's own"});
    return true;
  }
  r->error(*t.node, t.address + ": the table's own region is unknown: its values have no region or arn and the "
                               "plan's configuration gives the aws provider no constant region (set it, or run "
                               "terraform show -json on a state)");
  return false;
}

void read_replicas(ArtefactReader* r, const TfResource& t, TableDraft* d) {
  const Node* list = r->get(*t.values, "replica");
  if (list == nullptr || !list->is_sequence()) return;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const Node& block = *list->items[i];
    const std::string path = index(t.address + ".replica", i);
    if (!r->map(block, path)) continue;
    r->rest(block, path,
            {{"region_name", ""}, {"consistency_mode", ""}, {"arn", words::kIdentity}, {"stream_arn", words::kIdentity},
             {"stream_label", words::kIdentity}, {"kms_key_arn", words::kEncryption},
             {"point_in_time_recovery", words::kProtection}, {"deletion_protection_enabled", words::kProtection},
             {"propagate_tags", words::kTags}},
            d, true);
    const Node* name = r->get(block, "region_name");
    if (name == nullptr) {
      r->error(block, path + ": a replica without region_name");
      continue;
    }
    if (const auto region = r->region(*name, join(path, "region_name"))) {
      d->add_replica(*region, r->source(join(path, "region_name")));
    }
    if (text_of(r->get(block, "consistency_mode")) == "STRONG" && !d->strong) {
      d->strong = r->source(join(path, "consistency_mode"));
    }
  }
}

// global_table_witness blocks: [{region_name}], one at most.
void read_witnesses(ArtefactReader* r, const TfResource& t, TableDraft* d) {
  const Node* list = r->get(*t.values, "global_table_witness");
  if (list == nullptr || !list->is_sequence()) return;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const Node& block = *list->items[i];
    const std::string path = index(t.address + ".global_table_witness", i);
    if (!r->map(block, path)) continue;
    r->rest(block, path, {{"region_name", ""}}, d, true);
    const Node* name = r->get(block, "region_name");
    if (name == nullptr) {
      r->error(block, path + ": a witness without region_name");
      continue;
    }
    if (const auto region = r->region(*name, join(path, "region_name"))) {
      d->add_witness(*region, r->source(join(path, "region_name")));
    }
  }
}

void read_capacity(ArtefactReader* r, const TfResource& t, TableDraft* d) {
  const Node& v = *t.values;
  d->billing = Billing::kProvisioned;
  d->billing_source = Source{r->file(), t.address, "no billing_mode: the provider's default, PROVISIONED"};
  if (const Node* mode = r->get(v, "billing_mode"); mode != nullptr && !mode->is_null()) {
    const std::optional<std::string> text = r->text(*mode, t.address + ".billing_mode");
    if (text && (*text == "PROVISIONED" || *text == "PAY_PER_REQUEST")) {
      d->billing = *text == "PROVISIONED" ? Billing::kProvisioned : Billing::kOnDemand;
      d->billing_source = r->source(t.address + ".billing_mode");
    } else if (text) {
      r->mismatch(*mode, t.address + ".billing_mode", "PROVISIONED or PAY_PER_REQUEST");
    }
  }
  const bool provisioned = d->billing == Billing::kProvisioned;
  for (const auto& [key, into] : {std::pair{"write_capacity", &d->write_units}, std::pair{"read_capacity", &d->read_units}}) {
    const Node* n = r->get(v, key);
    if (n == nullptr || n->is_null()) continue;
    const std::string path = t.address + "." + key;
    if (!provisioned) continue;  // 0 for PAY_PER_REQUEST
    if (auto units = r->count(*n, path, 1, kUnitsMax)) *into = Count{*units, r->source(path)};
  }
  struct Field {
    const char* object;
    const char* key;
    std::optional<Count>* into;
  };
  const Field fields[] = {{"on_demand_throughput", "max_write_request_units", &d->max_write_units},
                          {"on_demand_throughput", "max_read_request_units", &d->max_read_units},
                          {"warm_throughput", "write_units_per_second", &d->warm_write_units},
                          {"warm_throughput", "read_units_per_second", &d->warm_read_units}};
  for (const Field& f : fields) {
    const Node* b = block(v, f.object);
    const Node* n = b != nullptr ? r->get(*b, f.key) : nullptr;
    if (n == nullptr || n->is_null() || (n->is_scalar() && (n->text == "0" || n->text == "-1"))) continue;
    const std::string path = t.address + "." + f.object + "[0]." + f.key;
    if (provisioned) {
      d->skip(r->source(path), std::string(words::kWarmProvisioned));
    } else if (auto units = r->count(*n, path, 1, kUnitsMax)) {
      *f.into = Count{*units, r->source(path)};
    }
  }
}

void read_indexes_and_ttl(ArtefactReader* r, const TfResource& t, TableDraft* d) {
  const Node* list = r->get(*t.values, "global_secondary_index");
  for (size_t i = 0; list != nullptr && list->is_sequence() && i < list->items.size(); ++i) {
    const Node& gsi = *list->items[i];
    const std::string path = index(t.address + ".global_secondary_index", i);
    if (!r->map(gsi, path)) continue;
    r->rest(gsi, path,
            {{"name", ""}, {"hash_key", words::kIndexShape}, {"range_key", words::kIndexShape},
             {"projection_type", words::kIndexShape}, {"non_key_attributes", words::kIndexShape},
             {"read_capacity", words::kIndexCapacity}, {"write_capacity", words::kIndexCapacity},
             {"on_demand_throughput", words::kIndexCapacity}, {"warm_throughput", words::kIndexCapacity}},
            d, true);
    const std::string name = text_of(r->get(gsi, "name"));
    const Source source = r->source(join(path, "name"));
    if (!load::is_index_name(name)) {
      d->skip(source, "index '" + name + "': gtsim's index names are 3 to 255 letters, digits, '_' and '-' (they "
                                         "become report paths)");
    } else if (std::any_of(d->indexes.begin(), d->indexes.end(), [&](const IndexDraft& x) { return x.name == name; })) {
      d->skip(source, "index '" + name + "' is listed twice; imported once");
    } else if (d->indexes.size() == load::kIndexNamesMax) {
      d->skip(source, fmt::format("a scenario names at most {} indexes", load::kIndexNamesMax));
    } else {
      d->indexes.push_back(IndexDraft{name, source});
    }
  }
  if (const Node* ttl = block(*t.values, "ttl")) {
    const std::string path = t.address + ".ttl[0]";
    r->rest(*ttl, path, {{"enabled", ""}, {"attribute_name", ""}}, d, true);
    if (const Node* on = r->get(*ttl, "enabled"); on != nullptr && !on->is_null()) {
      if (auto enabled = r->flag(*on, join(path, "enabled"))) {
        d->ttl = TtlDraft{*enabled, text_of(r->get(*ttl, "attribute_name")), r->source(join(path, "enabled"))};
      }
    }
  }
}

// The keys an aws_dynamodb_table resource's values may hold.
const std::vector<KeyRule>& resource_rules() {
  static const std::vector<KeyRule> rules = {
      {"name", ""}, {"billing_mode", ""}, {"read_capacity", ""}, {"write_capacity", ""}, {"replica", ""},
      {"global_secondary_index", ""}, {"ttl", ""}, {"on_demand_throughput", ""}, {"warm_throughput", ""},
      {"region", ""}, {"arn", ""},
      {"attribute", words::kKeySchema}, {"hash_key", words::kKeySchema}, {"range_key", words::kKeySchema},
      {"local_secondary_index", words::kLocalIndexes}, {"stream_enabled", words::kStream},
      {"stream_view_type", words::kStream}, {"stream_arn", words::kIdentity}, {"stream_label", words::kIdentity},
      {"id", words::kIdentity}, {"timeouts", words::kIdentity}, {"server_side_encryption", words::kEncryption},
      {"point_in_time_recovery", words::kProtection}, {"deletion_protection_enabled", words::kProtection},
      {"restore_date_time", words::kProtection}, {"restore_source_name", words::kProtection},
      {"restore_source_table_arn", words::kProtection}, {"restore_to_latest_time", words::kProtection},
      {"import_table", "an import from S3: nothing to simulate"}, {"table_class", words::kTableClass},
      {"tags", words::kTags}, {"tags_all", words::kTags}, {"global_table_witness", ""},
      {"resource_policy", words::kOtherServices},
  };
  return rules;
}

// The target tracking of an aws_appautoscaling_policy on (resource_id, dimension), if any.
std::optional<std::pair<double, Source>> policy_target(ArtefactReader* r, const std::vector<TfResource>& all,
                                                       const std::string& id, const std::string& dimension) {
  for (const TfResource& p : all) {
    if (p.type != "aws_appautoscaling_policy" || p.values == nullptr) continue;
    if (text_of(r->get(*p.values, "resource_id")) != id || text_of(r->get(*p.values, "scalable_dimension")) != dimension) {
      continue;
    }
    const Node* config = block(*p.values, "target_tracking_scaling_policy_configuration");
    const Node* target = config != nullptr ? r->get(*config, "target_value") : nullptr;
    if (target == nullptr) continue;
    const std::string path = p.address + ".target_tracking_scaling_policy_configuration[0].target_value";
    const std::optional<double> value = r->number(*target, path);
    if (!value) return std::nullopt;
    if (*value < 20.0 || *value > 90.0) {
      r->error(*target, path + ": target utilization must be between 20 and 90, found " + target->text);
      return std::nullopt;
    }
    return std::make_pair(*value, r->source(path));
  }
  return std::nullopt;
}

// Auto scaling of the table from aws_appautoscaling_target and _policy
// resources on "table/NAME"; read scaling goes to the table's own region.
void read_auto_scaling(ArtefactReader* r, const std::vector<TfResource>& all, TableDraft* d) {
  const std::string id = "table/" + d->name;
  for (const TfResource& t : all) {
    if (t.values == nullptr) continue;
    if (t.type == "aws_dynamodb_table_replica") d->skip(r->source(t.address), std::string(words::kSeparateReplica));
    if (t.type != "aws_appautoscaling_target") continue;
    const std::string resource_id = text_of(r->get(*t.values, "resource_id"));
    const std::string dimension = text_of(r->get(*t.values, "scalable_dimension"));
    if (resource_id.rfind(id + "/index/", 0) == 0) {
      d->skip(r->source(t.address), std::string(words::kIndexCapacity));
      continue;
    }
    const bool write = dimension == "dynamodb:table:WriteCapacityUnits";
    if (resource_id != id || (!write && dimension != "dynamodb:table:ReadCapacityUnits")) continue;
    const Node* min = r->get(*t.values, "min_capacity");
    const Node* max = r->get(*t.values, "max_capacity");
    if (min == nullptr || max == nullptr) continue;
    const auto low = r->count(*min, t.address + ".min_capacity", 1, kUnitsMax);
    const auto high = r->count(*max, t.address + ".max_capacity", 1, kUnitsMax);
    if (!low || !high) continue;
    if (*high < *low) {
      r->error(*max, fmt::format("{}: max_capacity {} is below min_capacity {}", t.address, *high, *low));
      continue;
    }
    Scaling s{*low, *high, 70.0, r->source(t.address)};
    if (const auto target = policy_target(r, all, resource_id, dimension)) {
      s.target_percent = target->first;
      s.source.via = "target " + target->second.path;
    } else {
      d->skip(r->source(t.address), "no aws_appautoscaling_policy for it: target utilization assumed 70%");
    }
    if (d->billing != Billing::kProvisioned) {
      d->skip(r->source(t.address), "an on-demand table does not auto scale: not imported");
    } else if (write) {
      d->write_scaling = s;
    } else {
      s.source.via += std::string(s.source.via.empty() ? "" : ", ") + "in the provider's region, taken as the table's";
      d->replicas.front().read_scaling = s;
    }
  }
}

std::vector<std::string> addresses(const std::vector<const TfResource*>& tables) {
  std::vector<std::string> out;
  for (const TfResource* t : tables) out.push_back(t->address);
  return out;
}

std::string listed(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

bool has_replicas(const TfResource& t) {
  const Node* list = t.values != nullptr ? ArtefactReader::get(*t.values, "replica") : nullptr;
  return list != nullptr && list->is_sequence() && !list->items.empty();
}

// The table to import, or null (reported).
const TfResource* choose(const std::vector<TfResource>& all, const std::string& wanted, const Node& where,
                         ArtefactReader* r) {
  std::vector<const TfResource*> tables;
  std::vector<const TfResource*> global;
  for (const TfResource& t : all) {
    if (t.type != "aws_dynamodb_table") continue;
    tables.push_back(&t);
    if (has_replicas(t)) global.push_back(&t);
  }
  const std::string known = global.empty() ? "none" : listed(addresses(global));
  if (!wanted.empty()) {
    const auto found = std::find_if(tables.begin(), tables.end(), [&](const TfResource* t) { return t->address == wanted; });
    std::string problem;
    if (found == tables.end()) {
      problem = "there is no aws_dynamodb_table of that address" + load::did_you_mean(wanted, addresses(tables));
    } else if (!has_replicas(**found)) {
      problem = "it has no replica blocks: a single-Region table (gtsim needs a global table)";
    } else {
      return *found;
    }
    r->diagnostics()->push_back(model::Diagnostic{
        r->file(), 0, 0, "--resource " + wanted + ": " + problem + " (its global tables: " + known + ")"});
    return nullptr;
  }
  if (global.size() == 1) return global[0];
  if (global.empty()) {
    std::string message = "no aws_dynamodb_table with replica blocks";
    if (!tables.empty()) message += " (" + listed(addresses(tables)) + ": single-Region tables; gtsim needs a global table)";
    r->error(where, message);
  } else {
    r->error(where, fmt::format("{} aws_dynamodb_table resources with replica blocks ({}): name one with --resource",
                                global.size(), known));
  }
  return nullptr;
}

// The module holding the resources: a plan's planned_values, a state's
// values; null, reported, for any other file.
const Node* root_module(ArtefactReader* r, const Node& root) {
  if (root.is_map()) {
    for (const char* key : {"planned_values", "values"}) {
      const Node* v = r->get(root, key);
      const Node* module = v != nullptr && v->is_map() ? r->get(*v, "root_module") : nullptr;
      if (module != nullptr && module->is_map()) return module;
    }
  }
  // A raw state file has its own hint: the right kind, the wrong file.
  const bool raw_state = root.is_map() && r->get(root, "resources") != nullptr && r->get(root, "version") != nullptr;
  const std::string hint =
      raw_state ? " (this is a raw state file, terraform.tfstate: give the output of terraform show -json instead)"
                : other_artefact_hint(root, "terraform");
  r->error(root, "not the output of terraform show -json: expected planned_values.root_module (a plan) or "
                 "values.root_module (a state)" + hint);
  return nullptr;
}

}  // namespace

ImportOutcome import_terraform(const ImportRequest& request) {
  ImportOutcome outcome;
  ImportDocument doc;
  if (!read_import_document(request.files.front(), &doc, &outcome.diagnostics)) return outcome;
  ArtefactReader r(doc.file, &outcome.diagnostics);
  const Node& root = *doc.root;
  const Node* module = root_module(&r, root);
  if (module == nullptr) return outcome;
  std::vector<TfResource> all;
  collect(*module, &r, &all);
  const TfResource* t = choose(all, request.resource, *module, &r);
  if (t == nullptr) return outcome;
  TableDraft d;
  d.kind = "terraform";
  d.files.push_back(doc.file);
  d.inputs.push_back(doc.file + std::string(r.get(root, "planned_values") != nullptr ? " (terraform show -json of a plan)"
                                                                                     : " (terraform show -json of a state)"));
  d.version_source = Source{doc.file, t->address + ".replica", "replica blocks make a version 2019.11.21 table"};
  const std::string name = text_of(r.get(*t->values, "name"));
  if (name.empty()) {
    r.error(*t->node, t->address + ": the table has no name in the plan (is it computed?)");
    return outcome;
  }
  d.name = name;
  d.name_source = r.source(t->address + ".name");
  read_capacity(&r, *t, &d);
  if (!own_region(&r, root, *t, &d)) return outcome;
  read_replicas(&r, *t, &d);
  read_witnesses(&r, *t, &d);
  read_indexes_and_ttl(&r, *t, &d);
  r.rest(*t->values, t->address, resource_rules(), &d, true);
  read_auto_scaling(&r, all, &d);
  if (outcome.diagnostics.empty()) {
    if (const std::string problem = region_count_problem(d); !problem.empty()) {
      r.error(*t->node, t->address + ": " + problem);
    }
  }
  if (outcome.diagnostics.empty()) outcome.draft = std::move(d);
  return outcome;
}

}  // namespace importer
