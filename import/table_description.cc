#include "import/table_description.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "import/artefact_words.h"
#include "load/table_section.h"

namespace importer {

using load::index;
using load::join;

namespace {

constexpr int64_t kCountMax = std::numeric_limits<int64_t>::max();
constexpr std::string_view kRead = "";

const std::vector<KeyRule>& table_rules() {
  static const std::vector<KeyRule> rules = {
      {"TableName", kRead},           {"TableArn", kRead},
      {"GlobalTableVersion", kRead},  {"Replicas", kRead},
      {"BillingModeSummary", kRead},  {"ProvisionedThroughput", kRead},
      {"OnDemandThroughput", kRead},  {"WarmThroughput", kRead},
      {"GlobalSecondaryIndexes", kRead}, {"ItemCount", kRead},
      {"TableSizeBytes", kRead},      {"MultiRegionConsistency", kRead},
      {"AttributeDefinitions", words::kKeySchema}, {"KeySchema", words::kKeySchema},
      {"TableStatus", words::kIdentity}, {"CreationDateTime", words::kIdentity},
      {"TableId", words::kIdentity},  {"LatestStreamLabel", words::kIdentity},
      {"LatestStreamArn", words::kIdentity}, {"StreamSpecification", words::kStream},
      {"LocalSecondaryIndexes", words::kLocalIndexes}, {"SSEDescription", words::kEncryption},
      {"TableClassSummary", words::kTableClass}, {"DeletionProtectionEnabled", words::kProtection},
      {"RestoreSummary", words::kProtection}, {"ArchivalSummary", words::kProtection},
      {"GlobalTableWitnesses", kRead},
  };
  return rules;
}

const std::vector<KeyRule>& replica_rules() {
  static const std::vector<KeyRule> rules = {
      {"RegionName", kRead},
      {"ReplicaStatus", kRead},
      {"ProvisionedThroughputOverride", kRead},
      {"OnDemandThroughputOverride", kRead},
      {"GlobalSecondaryIndexes", words::kIndexCapacity},
      {"ReplicaTableClassSummary", words::kTableClass},
      {"KMSMasterKeyId", words::kEncryption},
      {"ReplicaStatusDescription", words::kIdentity},
      {"ReplicaStatusPercentProgress", words::kIdentity},
      {"ReplicaInaccessibleDateTime", words::kIdentity},
      {"ReplicaArn", words::kIdentity},
      {"WarmThroughput", "a replica's warm throughput follows the table's (WarmThroughput)"},
      {"GlobalTableSettingsReplicationMode", words::kIdentity},
  };
  return rules;
}

const std::vector<KeyRule>& index_rules() {
  static const std::vector<KeyRule> rules = {
      {"IndexName", kRead},
      {"KeySchema", words::kIndexShape},
      {"Projection", words::kIndexShape},
      {"IndexStatus", words::kIdentity},
      {"Backfilling", words::kIdentity},
      {"IndexSizeBytes", words::kIdentity},
      {"ItemCount", words::kIdentity},
      {"IndexArn", words::kIdentity},
      {"ProvisionedThroughput", words::kIndexCapacity},
      {"OnDemandThroughput", words::kIndexCapacity},
      {"WarmThroughput", words::kIndexCapacity},
  };
  return rules;
}

// What a ReplicaStatus means for the scenario: is the replica one, and what to say.
struct StatusRule {
  std::string_view status;
  bool replica;
  std::string_view note;  // empty: nothing to say
};

constexpr StatusRule kStatusRules[] = {
    {"ACTIVE", true, ""},
    {"UPDATING", true, ""},
    {"CREATING", true,
     "the replica is being created: imported as serving (a timeline add_replica simulates its backfill)"},
    {"REGION_DISABLED", true, "imported as serving; a timeline disable_region simulates a disabled region"},
    {"INACCESSIBLE_ENCRYPTION_CREDENTIALS", true,
     "imported as serving; a timeline kms_inaccessible simulates an inaccessible key"},
    {"REPLICATION_NOT_AUTHORIZED", true,
     "imported as replicating; the replication role's permissions are not modelled"},
    {"DELETING", false, "the replica is leaving the table: not imported"},
    {"CREATION_FAILED", false, "the replica was never created: not imported"},
    {"ARCHIVING", false, "the replica is being archived: not imported"},
    {"ARCHIVED", false, "the replica is archived: not imported"},
};

}  // namespace

void read_replica_description(ArtefactReader* r, const Node& item, const std::string& path, TableDraft* d) {
  if (!r->map(item, path)) return;
  const Node* name = r->get(item, "RegionName");
  if (name == nullptr) {
    r->error(item, path + ": a replica without RegionName");
    return;
  }
  const std::optional<std::string> region = r->region(*name, join(path, "RegionName"));
  if (!region) return;
  bool serving = true;
  if (const Node* status = r->get(item, "ReplicaStatus")) {
    const std::optional<std::string> text = r->text(*status, join(path, "ReplicaStatus"));
    if (!text) return;
    const auto rule = std::find_if(std::begin(kStatusRules), std::end(kStatusRules),
                                   [&](const StatusRule& s) { return s.status == *text; });
    const std::string where = join(path, "ReplicaStatus");
    if (rule == std::end(kStatusRules)) {
      d->skip(r->source(where), "unknown ReplicaStatus '" + *text + "': imported as serving");
    } else if (!rule->note.empty()) {
      d->skip(r->source(where), fmt::format("ReplicaStatus {}: {}", *text, rule->note));
      serving = rule->replica;
    }
  }
  r->rest(item, path, replica_rules(), d);
  if (!serving) return;
  ReplicaDraft& replica = d->add_replica(*region, r->source(join(path, "RegionName")));
  const auto override_units = [&](const char* object, const char* key, std::optional<Count>* into, Billing mode) {
    const Node* o = r->get(item, object);
    if (o == nullptr || !r->map(*o, join(path, object))) return;
    const std::string opath = join(join(path, object), key);
    const Node* v = r->get(*o, key);
    if (v == nullptr) return;
    if (d->billing != mode) {
      d->skip(r->source(opath), mode == Billing::kProvisioned ? "a read override of an on-demand table's replica"
                                                              : std::string(words::kOnDemandOfProvisioned));
    } else if (auto units = r->count(*v, opath, 1, kUnitsMax, true); units && *units > 0) {
      *into = Count{*units, r->source(opath)};
    }
  };
  override_units("ProvisionedThroughputOverride", "ReadCapacityUnits", &replica.read_units, Billing::kProvisioned);
  override_units("OnDemandThroughputOverride", "MaxReadRequestUnits", &replica.max_read_units, Billing::kOnDemand);
}

namespace {

void read_regions(ArtefactReader* r, const Node& n, TableDraft* d) {
  if (const Node* arn = r->get(n, "TableArn")) {
    const std::optional<std::string> text = r->text(*arn, "Table.TableArn");
    const std::string region = text ? arn_region(*text) : "";
    if (text && !is_aws_region_name(region)) {
      r->mismatch(*arn, "Table.TableArn", "an ARN with a region, e.g. 'arn:aws:dynamodb:us-east-1:123456789012:table/Music'");
    } else if (text) {
      Source own = r->source("Table.TableArn");
      own.via = "the table's own region";
      d->add_replica(region, own);
    }
  }
  const Node* replicas = r->get(n, "Replicas");
  if (replicas == nullptr || !r->sequence(*replicas, "Table.Replicas")) return;
  for (size_t i = 0; i < replicas->items.size(); ++i) {
    read_replica_description(r, *replicas->items[i], index("Table.Replicas", i), d);
  }
}

void read_version(ArtefactReader* r, const Node& n, TableDraft* d) {
  if (const Node* v = r->get(n, "GlobalTableVersion")) {
    const std::optional<std::string> text = r->text(*v, "Table.GlobalTableVersion");
    if (text && (*text == "2019.11.21" || *text == "2017.11.29")) {
      d->version = *text;
      d->version_source = r->source("Table.GlobalTableVersion");
    } else if (text) {
      r->mismatch(*v, "Table.GlobalTableVersion", "'2019.11.21' or '2017.11.29'");
    }
  } else if (r->get(n, "Replicas") != nullptr) {
    Source s = r->source("Table.Replicas");
    s.via = "a table that lists its replicas is version 2019.11.21";
    d->version_source = s;
  }
}

void read_billing(ArtefactReader* r, const Node& n, TableDraft* d) {
  d->billing = Billing::kProvisioned;
  d->billing_source = r->source("Table");
  d->billing_source.via = "no BillingModeSummary: a table created provisioned";
  const Node* summary = r->get(n, "BillingModeSummary");
  if (summary == nullptr || !r->map(*summary, "Table.BillingModeSummary")) return;
  const std::string path = "Table.BillingModeSummary.BillingMode";
  if (const Node* mode = r->get(*summary, "BillingMode")) {
    const std::optional<std::string> text = r->text(*mode, path);
    if (text && (*text == "PROVISIONED" || *text == "PAY_PER_REQUEST")) {
      d->billing = *text == "PROVISIONED" ? Billing::kProvisioned : Billing::kOnDemand;
      d->billing_source = r->source(path);
    } else if (text) {
      r->mismatch(*mode, path, "PROVISIONED or PAY_PER_REQUEST");
    }
  }
  r->rest(*summary, "Table.BillingModeSummary",
          {{"BillingMode", ""}, {"LastUpdateToPayPerRequestDateTime", words::kIdentity}}, d);
}

// ProvisionedThroughput, OnDemandThroughput and WarmThroughput. REQUIRES: read_billing.
void read_throughput(ArtefactReader* r, const Node& n, TableDraft* d) {
  const bool provisioned = d->billing == Billing::kProvisioned;
  struct Field {
    const char* object;
    const char* key;
    std::optional<Count>* into;
    bool for_provisioned;
    std::string_view otherwise;
  };
  const Field fields[] = {
      {"ProvisionedThroughput", "WriteCapacityUnits", &d->write_units, true, "an on-demand table's provisioned units (0)"},
      {"ProvisionedThroughput", "ReadCapacityUnits", &d->read_units, true, "an on-demand table's provisioned units (0)"},
      {"OnDemandThroughput", "MaxWriteRequestUnits", &d->max_write_units, false, words::kOnDemandOfProvisioned},
      {"OnDemandThroughput", "MaxReadRequestUnits", &d->max_read_units, false, words::kOnDemandOfProvisioned},
      {"WarmThroughput", "WriteUnitsPerSecond", &d->warm_write_units, false, words::kWarmProvisioned},
      {"WarmThroughput", "ReadUnitsPerSecond", &d->warm_read_units, false, words::kWarmProvisioned},
  };
  for (const Field& f : fields) {
    const Node* object = r->get(n, f.object);
    if (object == nullptr || !object->is_map()) continue;
    const Node* v = r->get(*object, f.key);
    if (v == nullptr) continue;
    const std::string path = join(join("Table", f.object), f.key);
    if (provisioned != f.for_provisioned) {
      d->skip(r->source(path), std::string(f.otherwise));
    } else if (auto units = r->count(*v, path, f.for_provisioned ? 1 : 0, kUnitsMax, !f.for_provisioned)) {
      if (*units > 0) *f.into = Count{*units, r->source(path)};
    }
  }
  for (const char* object : {"ProvisionedThroughput", "OnDemandThroughput", "WarmThroughput"}) {
    const Node* o = r->get(n, object);
    if (o == nullptr || !r->map(*o, join("Table", object))) continue;
    r->rest(*o, join("Table", object),
            {{"WriteCapacityUnits", ""}, {"ReadCapacityUnits", ""}, {"MaxWriteRequestUnits", ""},
             {"MaxReadRequestUnits", ""}, {"WriteUnitsPerSecond", ""}, {"ReadUnitsPerSecond", ""},
             {"NumberOfDecreasesToday", words::kIdentity}, {"LastIncreaseDateTime", words::kIdentity},
             {"LastDecreaseDateTime", words::kIdentity}, {"Status", words::kIdentity}},
            d);
  }
}

void read_indexes(ArtefactReader* r, const Node& n, TableDraft* d) {
  const Node* list = r->get(n, "GlobalSecondaryIndexes");
  if (list == nullptr || !r->sequence(*list, "Table.GlobalSecondaryIndexes")) return;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const Node& item = *list->items[i];
    const std::string path = index("Table.GlobalSecondaryIndexes", i);
    if (!r->map(item, path)) continue;
    r->rest(item, path, index_rules(), d);
    const Node* name = r->get(item, "IndexName");
    if (name == nullptr) {
      r->error(item, path + ": an index without IndexName");
      continue;
    }
    const std::optional<std::string> text = r->text(*name, join(path, "IndexName"));
    if (!text) continue;
    const Source source = r->source(join(path, "IndexName"));
    const bool seen = std::any_of(d->indexes.begin(), d->indexes.end(), [&](const IndexDraft& x) { return x.name == *text; });
    if (!load::is_index_name(*text)) {
      d->skip(source, fmt::format("index '{}': gtsim's index names are 3 to 255 letters, digits, '_' and '-' (they "
                                  "become report paths)",
                                  *text));
    } else if (seen) {
      d->skip(source, "index '" + *text + "' is listed twice; imported once");
    } else if (d->indexes.size() == load::kIndexNamesMax) {
      d->skip(source, fmt::format("a scenario names at most {} indexes", load::kIndexNamesMax));
    } else {
      d->indexes.push_back(IndexDraft{*text, source});
    }
  }
}

void read_items_and_consistency(ArtefactReader* r, const Node& n, TableDraft* d) {
  if (const Node* v = r->get(n, "ItemCount")) {
    if (auto c = r->count(*v, "Table.ItemCount", 0, kCountMax)) d->item_count = Count{*c, r->source("Table.ItemCount")};
  }
  if (const Node* v = r->get(n, "TableSizeBytes")) {
    if (auto c = r->count(*v, "Table.TableSizeBytes", 0, kCountMax)) {
      d->table_size_bytes = Count{*c, r->source("Table.TableSizeBytes")};
    }
  }
  if (const Node* v = r->get(n, "MultiRegionConsistency")) {
    const std::optional<std::string> text = r->text(*v, "Table.MultiRegionConsistency");
    if (text && *text == "STRONG") {
      d->strong = r->source("Table.MultiRegionConsistency");
    } else if (text && *text != "EVENTUAL") {
      r->mismatch(*v, "Table.MultiRegionConsistency", "EVENTUAL or STRONG");
    }
  }
}

// Table.GlobalTableWitnesses: [{RegionName, WitnessStatus}], one at most.
void read_witnesses(ArtefactReader* r, const Node& n, TableDraft* d) {
  const Node* list = r->get(n, "GlobalTableWitnesses");
  if (list == nullptr || !r->sequence(*list, "Table.GlobalTableWitnesses")) return;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const Node& item = *list->items[i];
    const std::string path = index("Table.GlobalTableWitnesses", i);
    if (!r->map(item, path)) continue;
    r->rest(item, path, {{"RegionName", kRead}, {"WitnessStatus", kRead}}, d);
    const Node* name = r->get(item, "RegionName");
    if (name == nullptr) {
      r->error(item, path + ": a witness without RegionName");
      continue;
    }
    const std::optional<std::string> region = r->region(*name, join(path, "RegionName"));
    if (!region) continue;
    if (const Node* status = r->get(item, "WitnessStatus")) {
      const std::optional<std::string> text = r->text(*status, join(path, "WitnessStatus"));
      if (text && *text == "DELETING") {
        d->skip(r->source(join(path, "WitnessStatus")), "the witness is leaving the table: not imported");
        continue;
      }
      if (text && *text != "ACTIVE" && *text != "CREATING") {
        r->mismatch(*status, join(path, "WitnessStatus"), "CREATING, DELETING or ACTIVE");
      }
    }
    d->add_witness(*region, r->source(join(path, "RegionName")));
  }
}

}  // namespace

std::string arn_region(const std::string& arn) {
  // arn:partition:service:region:account:resource
  if (arn.rfind("arn:", 0) != 0) return "";
  size_t start = 0;
  for (int field = 0; field < 3; ++field) {
    start = arn.find(':', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  const size_t end = arn.find(':', start);
  if (end == std::string::npos) return "";
  return arn.substr(start, end - start);
}

void read_table_description(ArtefactReader* r, const Node& n, TableDraft* d) {
  if (!r->map(n, "Table")) return;
  if (const Node* name = r->get(n, "TableName")) {
    if (auto text = r->text(*name, "Table.TableName")) {
      d->name = *text;
      d->name_source = r->source("Table.TableName");
    }
  }
  read_billing(r, n, d);
  read_version(r, n, d);
  read_regions(r, n, d);
  read_throughput(r, n, d);
  read_indexes(r, n, d);
  read_items_and_consistency(r, n, d);
  read_witnesses(r, n, d);
  r->rest(n, "Table", table_rules(), d);
}

}  // namespace importer
