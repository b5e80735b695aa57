#include "load/table_section.h"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

namespace load {

using model::CapacityConfig;
using model::KeyDistribution;
using model::KeyDistributionKind;
using model::TableConfig;
using model::TtlConfig;

namespace {

constexpr uint64_t kKeyCountMax = 10'000'000'000;  // 10^10 items: memory follows the items touched
constexpr double kItemBytesMax = 400.0 * 1024.0;  // DynamoDB's item size limit

}  // namespace

bool is_index_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 255) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

void TableChecker::table(const Node& n, TableConfig* t, CapacityConfig* table_capacity) {
  static const std::vector<std::string> kKeys = {"keys",     "key_distribution", "item_size", "prepopulated",
                                                 "capacity", "indexes",          "ttl",       "service_latency",
                                                 "multi_region_consistency", "witness", "write_conflict_window"};
  if (!check_map(n, "table", &kKeys)) return;
  if (const Node* v = get(n, "service_latency")) service_latency(*v, &t->service_latency);
  if (const Node* v = get(n, "indexes")) indexes(*v, &t->indexes);
  if (const Node* v = get(n, "ttl")) ttl(*v, &t->ttl);
  if (const Node* v = get(n, "capacity")) capacity_->capacity(*v, "table.capacity", table_capacity);
  if (const Node* v = get(n, "keys")) {
    if (auto k = integer(*v, "table.keys", 1, kKeyCountMax)) t->key_count = *k;
  }
  if (const Node* v = get(n, "key_distribution")) key_distribution(*v, &t->key_distribution);
  if (const Node* v = get(n, "prepopulated")) {
    if (v->is_scalar() && (v->text == "true" || v->text == "false")) {
      t->prepopulated = v->text == "true";
    } else {
      mismatch(*v, "table.prepopulated", "true or false");
    }
  }
  if (const Node* v = get(n, "item_size")) {
    if (auto d = distribution(*v, "table.item_size", Quantity::kSize)) {
      // Draws above the limit are cut to it; a typical item above it is an error.
      if (d->quantile(0.5) > kItemBytesMax) {
        error(*v, "table.item_size: items are at most 400KB in DynamoDB, found " + describe(*v));
      } else {
        t->item_size_bytes = *d;
      }
    }
  }
}

void TableChecker::indexes(const Node& n, std::vector<std::string>* out) {
  if (!n.is_sequence()) {
    mismatch(n, "table.indexes", "a sequence of index names");
    return;
  }
  for (size_t i = 0; i < n.items.size(); ++i) {
    const Node& item = *n.items[i];
    const std::string path = index("table.indexes", i);
    if (!item.is_scalar() || !is_index_name(item.text)) {
      mismatch(item, path, kIndexNameExpected);
      continue;
    }
    const auto first = std::find(out->begin(), out->end(), item.text);
    if (first != out->end()) {
      error(item, fmt::format("{}: duplicate index '{}' (first at {})", path, item.text,
                              index("table.indexes", index_positions_[static_cast<size_t>(first - out->begin())])));
      continue;
    }
    if (out->size() == kIndexNamesMax) {
      error(item, fmt::format("{}: at most {} index names in a scenario, found {}", path, kIndexNamesMax,
                              n.items.size()));
      return;
    }
    out->push_back(item.text);
    index_positions_.push_back(i);
  }
}

void TableChecker::ttl(const Node& n, TtlConfig* t) {
  static const std::vector<std::string> kKeys = {"enabled", "item_lifetime", "prepopulated_expiry",
                                                 "deleted_within"};
  t->items_expire = true;  // even if malformed: enable_ttl is not also reported
  if (!check_map(n, "table.ttl", &kKeys, {"item_lifetime"}, "a map, e.g. {enabled: true, item_lifetime: 1h}")) {
    return;
  }
  if (const Node* v = get(n, "enabled")) {
    if (auto b = boolean(*v, "table.ttl.enabled")) t->enabled = *b;
  }
  if (const Node* v = get(n, "item_lifetime")) {
    if (auto d = duration(*v, "table.ttl.item_lifetime", Sign::kPositive)) t->item_lifetime = *d;
  }
  t->prepopulated_expiry = t->item_lifetime;
  if (const Node* v = get(n, "prepopulated_expiry")) {
    if (auto d = duration(*v, "table.ttl.prepopulated_expiry", Sign::kNonNegative)) t->prepopulated_expiry = *d;
  }
  if (const Node* v = get(n, "deleted_within")) {
    if (auto d = duration(*v, "table.ttl.deleted_within", Sign::kNonNegative)) t->deleted_within = *d;
  }
}

void TableChecker::service_latency(const Node& n, model::ServiceLatencyConfig* s) {
  static const std::vector<std::string> kKeys = {"get", "query", "put", "update", "delete"};
  if (!check_map(n, "table.service_latency", &kKeys, {}, "a map of operation to latency, e.g. {get: 2ms, put: 4ms}")) {
    return;
  }
  for (int op = 0; op < model::kOperationCount; ++op) {
    const std::string name(model::operation_name(static_cast<model::Operation>(op)));
    if (const Node* v = get(n, name)) {
      if (auto l = latency(*v, join("table.service_latency", name))) s->by_operation[op] = *l;
    }
  }
}

void TableChecker::key_distribution(const Node& n, KeyDistribution* k) {
  const std::string path = "table.key_distribution";
  static const std::vector<std::string> kKinds = {"zipf", "hotspot"};
  const char* expected = "'uniform', {zipf: {exponent: E}} or {hotspot: {traffic: T, keys: K}}";
  if (n.is_scalar() && n.text == "uniform") {
    k->kind = KeyDistributionKind::kUniform;
    return;
  }
  if (!n.is_map() || n.entries.size() != 1) {
    std::string hint;
    if (n.is_scalar()) hint = did_you_mean(n.text, {"uniform", "zipf", "hotspot"});
    error(n, path + ": expected " + expected + ", found " + describe(n) + hint);
    return;
  }
  check_map(n, path, &kKinds);
  if (const Node* z = get(n, "zipf")) {
    static const std::vector<std::string> kKeys = {"exponent"};
    const std::string zpath = join(path, "zipf");
    if (!check_map(*z, zpath, &kKeys, kKeys)) return;
    if (const Node* e = get(*z, "exponent")) {
      const std::optional<double> exponent = number(*e, join(zpath, "exponent"));
      if (exponent && check_sign(*e, join(zpath, "exponent"), *exponent, Sign::kPositive, true)) {
        k->kind = KeyDistributionKind::kZipf;
        k->zipf_exponent = *exponent;
      }
    }
  } else if (const Node* h = get(n, "hotspot")) {
    static const std::vector<std::string> kKeys = {"traffic", "keys"};
    const std::string hpath = join(path, "hotspot");
    if (!check_map(*h, hpath, &kKeys, kKeys)) return;
    std::optional<double> traffic;
    std::optional<double> keys;
    if (const Node* v = get(*h, "traffic")) traffic = percentage(*v, join(hpath, "traffic"));
    if (const Node* v = get(*h, "keys")) keys = percentage(*v, join(hpath, "keys"), true, true);
    if (traffic && keys) {
      k->kind = KeyDistributionKind::kHotspot;
      k->hotspot_traffic = *traffic / 100;
      k->hotspot_keys = *keys / 100;
    }
  }
}

}  // namespace load
