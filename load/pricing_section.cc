#include "load/pricing_section.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "load/price_table.h"
#include "load/yaml_tree.h"

namespace load {

using model::PriceBasis;
using model::Pricing;

namespace {

constexpr const char* kPriceExpected = "a price in US dollars: a number >= 0 with at most 9 decimals, e.g. 0.625";

std::vector<std::string> price_key_names() {
  std::vector<std::string> names;
  for (const model::PriceField& field : model::kPriceFields) names.emplace_back(field.key);
  return names;
}

// The keys a pricing map may have: its settings, `all`, then every region
// of the scenario and of the price table.
std::vector<std::string> pricing_keys(const model::Scenario& s) {
  std::vector<std::string> keys = {"source", "capacity_billing", "all"};
  for (const model::RegionConfig& region : s.regions) keys.push_back(region.name);
  for (const TablePrices& row : price_table()) {
    if (std::find(keys.begin(), keys.end(), row.region) == keys.end()) keys.emplace_back(row.region);
  }
  return keys;
}

std::vector<model::Diagnostic> cannot_read(const std::string& path, const std::string& reason) {
  return {model::Diagnostic{path, 0, 0, "cannot read: " + reason}};
}

}  // namespace

Pricing default_pricing(const std::vector<model::RegionConfig>& regions) {
  Pricing pricing;
  pricing.date = std::string(kPriceTableDate);
  pricing.source = std::string(kPriceTableSource);
  const TablePrices* fallback = table_prices("us-east-1");
  for (const model::RegionConfig& region : regions) {
    const TablePrices* row = table_prices(region.name);
    const TablePrices& used = row != nullptr ? *row : *fallback;
    const PriceBasis basis = row == nullptr ? PriceBasis::kFallback
                                            : (row->checked ? PriceBasis::kPublished : PriceBasis::kAssumed);
    pricing.regions.push_back(model::RegionPricing{used.prices, basis});
  }
  return pricing;
}

void PricingChecker::prices(const Node& n, const std::string& path, const std::vector<size_t>& targets,
                            Pricing* p) {
  static const std::vector<std::string> kKeys = price_key_names();
  if (!check_map(n, path, &kKeys, {}, "a map of prices, e.g. {write_requests: 0.625, storage_gb_month: 0.25}")) {
    return;
  }
  for (const model::PriceField& field : model::kPriceFields) {
    const Node* v = get(n, field.key);
    if (v == nullptr) continue;
    const std::optional<int64_t> nano = v->is_scalar() ? parse_usd_nano(v->text) : std::nullopt;
    if (!nano) {
      mismatch(*v, join(path, field.key), kPriceExpected);
      continue;
    }
    for (const size_t r : targets) {
      p->regions[r].prices.*field.nano = *nano;
      p->regions[r].basis = PriceBasis::kOverridden;
    }
  }
}

void PricingChecker::pricing(const Node& n, const std::string& path, model::Scenario* s) {
  const std::vector<std::string> keys = pricing_keys(*s);
  if (!check_map(n, path, &keys, {}, "a map of regions to prices, e.g. {us-east-1: {write_requests: 0.625}}")) {
    return;
  }
  Pricing& p = s->pricing;
  if (const Node* v = get(n, "source")) {
    if (auto text = string(*v, join(path, "source"))) p.source = *text;
  }
  if (const Node* v = get(n, "capacity_billing")) {
    static const std::vector<std::string> kBillings = {"pro_rata", "hourly_peak"};
    if (v->is_scalar() && v->text == "pro_rata") {
      p.capacity_billing = model::CapacityBilling::kProRata;
    } else if (v->is_scalar() && v->text == "hourly_peak") {
      p.capacity_billing = model::CapacityBilling::kHourlyPeak;
    } else {
      error(*v, at_path(join(path, "capacity_billing")) + "expected 'pro_rata' or 'hourly_peak', found " +
                    describe(*v) + (v->is_scalar() ? did_you_mean(v->text, kBillings) : ""));
    }
  }
  std::vector<size_t> every(s->regions.size());
  for (size_t r = 0; r < every.size(); ++r) every[r] = r;
  if (const Node* v = get(n, "all")) prices(*v, join(path, "all"), every, &p);
  for (size_t r = 0; r < s->regions.size(); ++r) {
    if (const Node* v = get(n, s->regions[r].name)) prices(*v, join(path, s->regions[r].name), {r}, &p);
  }
  // A region of the table the scenario does not use: checked, not applied.
  for (const TablePrices& row : price_table()) {
    const auto in_scenario = std::find_if(s->regions.begin(), s->regions.end(),
                                          [&](const model::RegionConfig& region) { return region.name == row.region; });
    const Node* v = get(n, row.region);
    if (v != nullptr && in_scenario == s->regions.end()) prices(*v, join(path, row.region), {}, &p);
  }
}

std::vector<model::Diagnostic> apply_pricing_file(const std::string& path, model::Scenario* s) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return cannot_read(path, "Is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::error_code open_error(errno, std::generic_category());
    return cannot_read(path, errno != 0 ? open_error.message() : "cannot open");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return cannot_read(path, "read error");
  const std::string text = bytes.str();
  std::vector<model::Diagnostic> out;
  NodePtr root;
  if (!check_text(text, path, &out) || !check_tabs(text, path, &out) || !parse_yaml(text, path, "", &root, &out)) {
    return out;
  }
  if (root == nullptr || root->is_null()) {
    out.push_back(diagnostic_at(path, "", 0, 0,
                                "empty pricing file: expected a map of regions to prices, e.g. "
                                "'us-east-1: {write_requests: 0.625}'"));
    return out;
  }
  const Pricing before = s->pricing;
  PricingChecker checker(path, &out);
  // The section copied from a scenario, `pricing:` and all, reads the same.
  const bool wrapped = root->is_map() && root->entries.size() == 1 && root->entries[0].first->is_scalar() &&
                       root->entries[0].first->text == "pricing";
  checker.pricing(wrapped ? *root->entries[0].second : *root, wrapped ? "pricing" : "", s);
  std::stable_sort(out.begin(), out.end(), [](const model::Diagnostic& a, const model::Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  if (!out.empty()) s->pricing = before;  // all or nothing
  return out;
}

}  // namespace load
