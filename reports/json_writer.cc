#include "reports/json_writer.h"

#include <cmath>

#include <fmt/format.h>

#include "sim/assert.h"

namespace reports {

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(levels_.size() * 2, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  GTSIM_ASSERT(!levels_.back().is_object);  // an object's values need a key first
  if (!levels_.back().empty) out_ += ',';
  levels_.back().empty = false;
  newline();
}

void JsonWriter::key(std::string_view name) {
  GTSIM_ASSERT(!levels_.empty() && levels_.back().is_object && !after_key_);
  if (!levels_.back().empty) out_ += ',';
  levels_.back().empty = false;
  newline();
  out_ += json_escape(name);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  levels_.push_back(Level{true, true});
}

void JsonWriter::end_object() {
  GTSIM_ASSERT(!levels_.empty() && levels_.back().is_object && !after_key_);
  const bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline();
  out_ += '}';
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  levels_.push_back(Level{false, true});
}

void JsonWriter::end_array() {
  GTSIM_ASSERT(!levels_.empty() && !levels_.back().is_object);
  const bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline();
  out_ += ']';
}

void JsonWriter::value(std::string_view text) {
  before_value();
  out_ += json_escape(text);
}

void JsonWriter::value(int64_t number) {
  before_value();
  out_ += fmt::format("{}", number);
}

void JsonWriter::value(uint64_t number) {
  before_value();
  out_ += fmt::format("{}", number);
}

void JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
}

void JsonWriter::fixed(double number, int decimals) {
  GTSIM_ASSERT(std::isfinite(number));
  before_value();
  std::string text = fmt::format("{:.{}f}", number, decimals);
  if (text == "-0" || text.find_first_not_of("-0.") == std::string::npos) text = text.substr(text[0] == '-' ? 1 : 0);
  out_ += text;
}

void JsonWriter::decimal(int64_t scaled, int decimals) {
  GTSIM_ASSERT(decimals >= 1 && decimals <= 18);
  before_value();
  uint64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  const uint64_t magnitude = scaled < 0 ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  out_ += fmt::format("{}{}.{:0{}}", scaled < 0 ? "-" : "", magnitude / unit, magnitude % unit, decimals);
}

void JsonWriter::compact_array(const std::vector<int64_t>& numbers) {
  before_value();
  out_ += '[';
  for (size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) out_ += ", ";
    out_ += fmt::format("{}", numbers[i]);
  }
  out_ += ']';
}

void JsonWriter::compact_array(const std::vector<int64_t>& numbers, int64_t none) {
  before_value();
  out_ += '[';
  for (size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) out_ += ", ";
    if (numbers[i] == none) {
      out_ += "null";
    } else {
      out_ += fmt::format("{}", numbers[i]);
    }
  }
  out_ += ']';
}

void JsonWriter::compact_milli_array(const std::vector<int64_t>& milli, int decimals) {
  before_value();
  out_ += '[';
  for (size_t i = 0; i < milli.size(); ++i) {
    if (i > 0) out_ += ", ";
    out_ += fmt::format("{:.{}f}", static_cast<double>(milli[i]) / 1000.0, decimals);
  }
  out_ += ']';
}

std::string JsonWriter::str() const {
  GTSIM_ASSERT(levels_.empty() && !after_key_);
  return out_ + "\n";
}

}  // namespace reports
