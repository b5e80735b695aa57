#include "reports/cost_report.h"

#include <algorithm>

#include <fmt/format.h>

#include "model/money.h"
#include "reports/svg_chart.h"
#include "sim/time.h"

namespace reports {
namespace {

using model::format_usd_cents;
using model::format_usd_exact;

// The components' names for people, in enum order.
constexpr std::string_view kComponentTitles[kCostComponentCount] = {
    "local writes", "replicated writes", "reads", "write capacity", "read capacity", "storage", "transfer"};

std::string usd_key(size_t component) { return std::string(kCostComponentNames[component]) + "_usd"; }

void write_amounts(JsonWriter& json, const CostAmounts& span, const CostAmounts& monthly) {
  for (size_t c = 0; c < kCostComponentCount; ++c) {
    json.key(usd_key(c));
    json.decimal(span[c], 6);
  }
  json.key("monthly");
  json.begin_object();
  for (size_t c = 0; c < kCostComponentCount; ++c) {
    json.key(usd_key(c));
    json.decimal(monthly[c], 6);
  }
  json.end_object();
}

void write_region(JsonWriter& json, const RegionCost& r) {
  json.begin_object();
  json.field("name", r.name);
  json.field("price_basis", model::price_basis_name(r.basis));
  json.key("prices");
  json.begin_object();
  for (const model::PriceField& field : model::kPriceFields) {
    json.key(field.key);
    json.decimal(r.prices.*field.nano, 9);
  }
  json.end_object();
  json.key("usage");
  json.begin_object();
  const auto milli = [&](std::string_view key, int64_t value) {
    json.key(key);
    json.decimal(value, 3);
  };
  const auto micro = [&](std::string_view key, int64_t value) {
    json.key(key);
    json.decimal(value, 6);
  };
  milli("local_write_request_units", r.local_write_milli);
  milli("replicated_write_request_units", r.replicated_write_milli);
  milli("read_request_units", r.read_milli);
  micro("write_capacity_unit_hours", r.write_unit_hours_micro);
  micro("replicated_write_capacity_unit_hours", r.replicated_write_unit_hours_micro);
  micro("read_capacity_unit_hours", r.read_unit_hours_micro);
  json.field("stored_bytes", r.stored_bytes);
  json.field("transfer_bytes", r.transfer_bytes);
  json.end_object();
  json.key("total_usd");
  json.decimal(r.span_total_micro, 6);
  json.key("monthly_usd");
  json.decimal(r.monthly_total_micro, 6);
  write_amounts(json, r.span_micro, r.monthly_micro);
  json.end_object();
}

// "us-east-1 aws, eu-west-1 assumed".
std::string bases(const CostBreakdown& cost) {
  std::string out;
  for (const RegionCost& r : cost.regions) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", r.name, model::price_basis_name(r.basis));
  }
  return out;
}

std::string span_text(const CostBreakdown& cost) {
  return sim::format_duration(sim::Duration::nanoseconds(cost.span_ns));
}

}  // namespace

void write_cost_json(JsonWriter& json, const model::RunResult& result) {
  const CostBreakdown cost = cost_breakdown(result);
  json.key("cost");
  json.begin_object();
  json.key("prices");
  json.begin_object();
  json.field("date", result.pricing.date);
  json.field("source", result.pricing.source);
  json.field("capacity_billing", model::capacity_billing_name(result.pricing.capacity_billing));
  json.end_object();
  json.field("span_ns", cost.span_ns);
  json.field("month_ns", cost.month_ns);
  json.key("total_usd");
  json.decimal(cost.span_total_micro, 6);
  json.key("monthly_usd");
  json.decimal(cost.monthly_total_micro, 6);
  write_amounts(json, cost.span_micro, cost.monthly_micro);
  json.key("regions");
  json.begin_array();
  for (const RegionCost& r : cost.regions) write_region(json, r);
  json.end_array();
  json.end_object();
}

std::string cost_text(const model::RunResult& result) {
  const CostBreakdown cost = cost_breakdown(result);
  size_t name_width = 9;
  for (const RegionCost& r : cost.regions) name_width = std::max(name_width, r.name.size());
  std::string out = fmt::format("\ncost         {} over the {} of traffic, {} a month projected (30.4 days); a month by "
                                "region:\n",
                                format_usd_cents(cost.span_total_micro), span_text(cost),
                                format_usd_cents(cost.monthly_total_micro));
  out += fmt::format("  {:<{}}", "region", name_width);
  for (const std::string_view title : {"local writes", "repl. writes", "reads", "write cap.", "read cap.", "storage",
                                       "transfer", "total"}) {
    out += fmt::format(" {:>13}", title);
  }
  out += "\n";
  for (const RegionCost& r : cost.regions) {
    out += fmt::format("  {:<{}}", r.name, name_width);
    for (const int64_t amount : r.monthly_micro) out += fmt::format(" {:>13}", format_usd_cents(amount));
    out += fmt::format(" {:>13}\n", format_usd_cents(r.monthly_total_micro));
  }
  out += fmt::format("  prices of {}: {}; capacity billed {}; {}\n", result.pricing.date, result.pricing.source,
                     model::capacity_billing_name(result.pricing.capacity_billing), bases(cost));
  return out;
}

std::string cost_html(const model::RunResult& result) {
  const CostBreakdown cost = cost_breakdown(result);
  const auto cell = [](std::string text, bool header = false) {
    return header ? "<th>" + text + "</th>" : "<td>" + text + "</td>";
  };
  std::string out = "<h2>Cost</h2>\n";
  out += fmt::format("<p class=\"meta\"><b>{}</b> a month projected (30.4 days of 24 h) &middot; {} over the {} of "
                     "traffic &middot; a month by region and component:</p>\n<table>\n<tr>{}",
                     format_usd_cents(cost.monthly_total_micro), format_usd_cents(cost.span_total_micro),
                     html_escape(span_text(cost)), cell("region", true));
  for (const std::string_view title : kComponentTitles) out += cell(std::string(title), true);
  out += cell("a month", true) + cell("over the run", true) + cell("prices", true) + "</tr>\n";
  for (const RegionCost& r : cost.regions) {
    out += "<tr>" + cell(html_escape(r.name));
    for (const int64_t amount : r.monthly_micro) out += cell(format_usd_cents(amount));
    out += cell(format_usd_cents(r.monthly_total_micro)) + cell(format_usd_cents(r.span_total_micro)) +
           cell(html_escape(std::string(model::price_basis_name(r.basis)))) + "</tr>\n";
  }
  out += "<tr>" + cell("all regions");
  for (const int64_t amount : cost.monthly_micro) out += cell(format_usd_cents(amount));
  out += cell(format_usd_cents(cost.monthly_total_micro)) + cell(format_usd_cents(cost.span_total_micro)) + cell("") +
         "</tr>\n</table>\n";
  out += fmt::format("<p class=\"note\">Prices: {} ({}); provisioned capacity billed {}. A month is the run's cost "
                     "scaled from its span; storage is what each replica holds at the end, for a month. Prices "
                     "marked assumed are not AWS's published figures (docs/model.md, Cost).</p>\n",
                     html_escape(result.pricing.source), html_escape(result.pricing.date),
                     model::capacity_billing_name(result.pricing.capacity_billing));
  return out;
}

CsvFile cost_csv(const model::RunResult& result) {
  const CostBreakdown cost = cost_breakdown(result);
  CsvFile file{"cost.csv", "region,component,run_usd,monthly_usd,price_basis\n"};
  const auto rows = [&](const std::string& region, const CostAmounts& span, const CostAmounts& monthly,
                        int64_t span_total, int64_t monthly_total, std::string_view basis) {
    for (size_t c = 0; c < kCostComponentCount; ++c) {
      file.content += fmt::format("{},{},{},{},{}\n", csv_cell(region), kCostComponentNames[c],
                                  format_usd_exact(span[c]), format_usd_exact(monthly[c]), csv_cell(basis));
    }
    file.content += fmt::format("{},total,{},{},{}\n", csv_cell(region), format_usd_exact(span_total),
                                format_usd_exact(monthly_total), csv_cell(basis));
  };
  for (const RegionCost& r : cost.regions) {
    rows(r.name, r.span_micro, r.monthly_micro, r.span_total_micro, r.monthly_total_micro,
         model::price_basis_name(r.basis));
  }
  rows("all", cost.span_micro, cost.monthly_micro, cost.span_total_micro, cost.monthly_total_micro, "");
  return file;
}

void append_cost_figures(const CostBreakdown& cost, std::vector<Figure>* figures) {
  const auto amounts = [&](const std::string& prefix, const CostAmounts& span, const CostAmounts& monthly) {
    for (size_t c = 0; c < kCostComponentCount; ++c) figures->push_back(Figure{prefix + usd_key(c), span[c]});
    for (size_t c = 0; c < kCostComponentCount; ++c) {
      figures->push_back(Figure{prefix + "monthly." + usd_key(c), monthly[c]});
    }
  };
  figures->push_back(Figure{"cost.total_usd", cost.span_total_micro});
  figures->push_back(Figure{"cost.monthly_usd", cost.monthly_total_micro});
  amounts("cost.", cost.span_micro, cost.monthly_micro);
  for (const RegionCost& r : cost.regions) {
    const std::string prefix = "cost.regions." + r.name + ".";
    figures->push_back(Figure{prefix + "total_usd", r.span_total_micro});
    figures->push_back(Figure{prefix + "monthly_usd", r.monthly_total_micro});
    amounts(prefix, r.span_micro, r.monthly_micro);
  }
}

namespace {

// The exact amount at `key` of `object` (dollars with six decimals).
std::optional<int64_t> amount_at(const JsonValue& object, std::string_view key) {
  const JsonValue* v = object.find(key);
  if (v == nullptr || v->kind != JsonValue::Kind::kNumber) return std::nullopt;
  return model::parse_usd_micro(v->text);
}

// The amounts of one object of the cost section (the whole, or a region).
bool read_amounts(const JsonValue& object, const std::string& prefix, std::vector<Figure>* figures,
                  std::string* error) {
  const JsonValue* monthly = object.find("monthly");
  std::vector<std::pair<std::string, std::optional<int64_t>>> read = {
      {prefix + "total_usd", amount_at(object, "total_usd")}, {prefix + "monthly_usd", amount_at(object, "monthly_usd")}};
  for (size_t c = 0; c < kCostComponentCount; ++c) read.emplace_back(prefix + usd_key(c), amount_at(object, usd_key(c)));
  for (size_t c = 0; c < kCostComponentCount; ++c) {
    read.emplace_back(prefix + "monthly." + usd_key(c),
                      monthly != nullptr ? amount_at(*monthly, usd_key(c)) : std::nullopt);
  }
  for (const auto& [path, value] : read) {
    if (!value) {
      *error = fmt::format("'{}' is missing or not an amount in dollars", path);
      return false;
    }
    figures->push_back(Figure{path, *value});
  }
  return true;
}

}  // namespace

bool cost_figures_from_report(const JsonValue& report, std::vector<Figure>* figures, std::string* error) {
  const JsonValue* cost = report.find("cost");
  if (cost == nullptr) return true;
  const JsonValue* regions = cost->find("regions");
  if (cost->kind != JsonValue::Kind::kObject || regions == nullptr || regions->kind != JsonValue::Kind::kArray) {
    *error = "the cost section is not an object with a 'regions' array";
    return false;
  }
  if (!read_amounts(*cost, "cost.", figures, error)) return false;
  for (const JsonValue& region : regions->items) {
    const JsonValue* name = region.find("name");
    if (name == nullptr || name->kind != JsonValue::Kind::kString) {
      *error = "a region of the cost section has no name";
      return false;
    }
    if (!read_amounts(region, "cost.regions." + name->text + ".", figures, error)) return false;
  }
  return true;
}

}  // namespace reports
