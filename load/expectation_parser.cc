#include "load/expectation_parser.h"

#include <charconv>
#include <limits>

#include "load/scenario_values.h"
#include "model/money.h"
#include "sim/time.h"

namespace load {

using model::Comparison;
using model::Diagnostic;
using model::Expectation;
using model::comparison_symbol;

namespace {

constexpr std::string_view kShape =
    "expected 'PATH OP VALUE' with OP one of <, <=, >, >=, ==, != and spaces around it, "
    "e.g. 'conflicts.clobbered == 0'";

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

std::optional<Comparison> comparison_from(std::string_view symbol) {
  for (Comparison c : {Comparison::kLess, Comparison::kLessEqual, Comparison::kGreater, Comparison::kGreaterEqual,
                       Comparison::kEqual, Comparison::kNotEqual}) {
    if (comparison_symbol(c) == symbol) return c;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Expectation> parse_expectation(std::string_view text, std::string* error) {
  const std::vector<std::string_view> parts = words(text);
  const auto bad_shape = [&] {
    *error = std::string(kShape) + "; found '" + std::string(trim(text)) + "'";
    return std::nullopt;
  };
  if (parts.size() != 3) return bad_shape();
  Expectation e;
  e.text = std::string(trim(text));
  e.path = std::string(parts[0]);
  const std::optional<Comparison> comparison = comparison_from(parts[1]);
  if (!comparison) return bad_shape();
  e.comparison = *comparison;
  const std::string_view value = parts[2];
  if (model::is_money_path(e.path)) {
    // Money figures are micro-dollars; their values are written in dollars.
    const std::optional<int64_t> micro = model::parse_usd_micro(value);
    if (!micro) {
      *error = "expected an amount in US dollars (at most 6 decimals, e.g. '250', '12.50' or '$0.05') after '" +
               std::string(parts[1]) + "', found '" + std::string(value) + "'";
      return std::nullopt;
    }
    e.value = *micro;
    return e;
  }
  int64_t number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec == std::errc() && end == value.data() + value.size()) {
    e.value = number;
    return e;
  }
  std::string reason;
  if (const std::optional<sim::Duration> d = sim::parse_duration(value, &reason)) {
    e.value = d->ns();
    e.is_duration = true;
    return e;
  }
  *error = "expected an integer or a duration with a unit (ns, us, ms, s, m, h) after '" + std::string(parts[1]) +
           "', found '" + std::string(value) + "'";
  if (value.ends_with("%")) {
    *error += " (figures are integers: a share is in parts per million, e.g. 'regions.eu-west-1.throttled_ppm "
              "< 10000' for 1%)";
  }
  return std::nullopt;
}

std::vector<Expectation> parse_expectations(const Node& node, const std::string& file,
                                            std::vector<Diagnostic>* out) {
  std::vector<Expectation> expectations;
  if (!node.is_sequence()) {
    out->push_back(diagnostic_at(file, node.origin, node.line, node.column,
                                 "expect: expected a sequence of 'PATH OP VALUE' lines, found " + describe(node)));
    return expectations;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    const Node& item = *node.items[i];
    const std::string path = index("expect", i);
    if (!item.is_scalar()) {
      out->push_back(diagnostic_at(file, item.origin, item.line, item.column,
                                   path + ": expected a line 'PATH OP VALUE', found " + describe(item)));
      continue;
    }
    std::string error;
    std::optional<Expectation> e = parse_expectation(item.text, &error);
    if (!e) {
      out->push_back(diagnostic_at(file, item.origin, item.line, item.column, path + ": " + error));
      continue;
    }
    const Diagnostic where = diagnostic_at(file, item.origin, item.line, item.column, "");
    e->file = where.file;
    e->line = where.line;
    e->column = where.column;
    expectations.push_back(std::move(*e));
  }
  return expectations;
}

}  // namespace load
