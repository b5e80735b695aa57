#include "reports/json_value.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "reports/terminal_text.h"
#include "sim/assert.h"

namespace reports {

JsonValue::JsonValue() = default;
JsonValue::JsonValue(const JsonValue&) = default;
JsonValue::JsonValue(JsonValue&&) noexcept = default;
JsonValue& JsonValue::operator=(const JsonValue&) = default;
JsonValue& JsonValue::operator=(JsonValue&&) noexcept = default;
JsonValue::~JsonValue() = default;

namespace {

void append_utf8(unsigned code, std::string* out) {
  if (code < 0x80) {
    *out += static_cast<char>(code);
  } else if (code < 0x800) {
    *out += static_cast<char>(0xC0 | (code >> 6));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    *out += static_cast<char>(0xE0 | (code >> 12));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (code >> 18));
    *out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::optional<JsonValue> document(JsonError* error) {
    JsonValue value;
    bool ok = parse(&value, 0);
    skip();
    if (ok && pos_ != text_.size()) ok = fail("text after the value");
    if (!ok) {
      *error = JsonError{pos_, error_};
      return std::nullopt;
    }
    return value;
  }

 private:
  bool fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }
  void skip() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' ||
                                   text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail(fmt::format("expected '{}'", word));
    pos_ += word.size();
    return true;
  }

  bool parse(JsonValue* out, int depth) {
    if (depth > kMaxDepth) return fail("nested too deeply");
    skip();
    if (pos_ >= text_.size()) return fail("unexpected end of text");
    out->offset = pos_;
    const char c = text_[pos_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      out->kind = JsonValue::Kind::kString;
      return string(&out->text);
    }
    if (c == 't' || c == 'f') {
      out->kind = JsonValue::Kind::kBool;
      out->boolean = c == 't';
      return literal(c == 't' ? "true" : "false");
    }
    if (c == 'n') return literal("null");
    return number(out);
  }

  bool object(JsonValue* out, int depth) {
    out->kind = JsonValue::Kind::kObject;
    ++pos_;
    skip();
    if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
    for (;;) {
      skip();
      std::string key;
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a key");
      if (!string(&key)) return false;
      skip();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      JsonValue value;
      if (!parse(&value, depth + 1)) return false;
      out->members.emplace_back(std::move(key), std::move(value));
      skip();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return unique_keys(*out);
      }
      return fail("expected ',' or '}'");
    }
  }

  // Every JSON tool reads one of two equal keys and not the same one: refused.
  bool unique_keys(const JsonValue& object) {
    if (object.members.size() < 2) return true;
    std::vector<const std::string*> keys;
    keys.reserve(object.members.size());
    for (const auto& member : object.members) keys.push_back(&member.first);
    std::sort(keys.begin(), keys.end(), [](const std::string* x, const std::string* y) { return *x < *y; });
    for (size_t i = 1; i < keys.size(); ++i) {
      if (*keys[i] == *keys[i - 1]) return fail(fmt::format("duplicate key '{}' in an object", *keys[i]));
    }
    return true;
  }

  bool array(JsonValue* out, int depth) {
    out->kind = JsonValue::Kind::kArray;
    ++pos_;
    skip();
    if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
    for (;;) {
      JsonValue value;
      if (!parse(&value, depth + 1)) return false;
      out->items.push_back(std::move(value));
      skip();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
      return fail("expected ',' or ']'");
    }
  }

  // A string: UTF-8 text (malformed bytes refused) with JSON's escapes,
  // \uXXXX decoded to UTF-8, a surrogate pair to one code point.
  bool string(std::string* out) {
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte < 0x20) return fail("control character in a string");
      if (byte >= 0x80) {
        const size_t length = utf8_sequence_length(text_.substr(pos_));
        if (length == 0) return fail(fmt::format("not UTF-8: byte 0x{:02X} in a string", byte));
        out->append(text_.substr(pos_, length));
        pos_ += length;
        continue;
      }
      ++pos_;
      if (byte != '\\') {
        *out += static_cast<char>(byte);
        continue;
      }
      if (pos_ >= text_.size()) break;
      if (!escape(out)) return false;
    }
    if (pos_ >= text_.size()) return fail("unterminated string");
    ++pos_;
    return true;
  }

  // The escape after a backslash.
  bool escape(std::string* out) {
    const char e = text_[pos_++];
    switch (e) {
      case 'n': *out += '\n'; return true;
      case 't': *out += '\t'; return true;
      case 'r': *out += '\r'; return true;
      case 'b': *out += '\b'; return true;
      case 'f': *out += '\f'; return true;
      case '"': case '\\': case '/': *out += e; return true;
      case 'u': break;
      default: return fail("bad escape");
    }
    unsigned code = 0;
    if (!hex4(&code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return fail("a lone low surrogate in a \\u escape");
    if (code >= 0xD800 && code <= 0xDBFF) {
      unsigned low = 0;
      if (text_.substr(pos_, 2) != "\\u") return fail("a high surrogate without its low half");
      pos_ += 2;
      if (!hex4(&low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return fail("a high surrogate without its low half");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(code, out);
    return true;
  }

  bool hex4(unsigned* code) {
    if (pos_ + 4 > text_.size()) return fail("short \\u escape");
    const auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, *code, 16);
    if (ec != std::errc() || end != text_.data() + pos_ + 4 || text_[pos_] == '-' || text_[pos_] == '+') {
      return fail("bad \\u escape");
    }
    pos_ += 4;
    return true;
  }

  // JSON's number grammar exactly: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?,
  // and finite as a double ("0x10", "01", "1.", ".5", "+1", "1e999" are refused).
  bool number(JsonValue* out) {
    const size_t start = pos_;
    const auto digits = [&] {
      const size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9') return fail("expected a value");
    if (text_[pos_] == '0') {
      ++pos_;
    } else {
      digits();
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return fail("malformed number: no digit after '.'");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) return fail("malformed number: no digit in the exponent");
    }
    if (pos_ < text_.size() && std::string_view("0123456789.eExX+-").find(text_[pos_]) != std::string_view::npos) {
      return fail("malformed number");
    }
    out->kind = JsonValue::Kind::kNumber;
    out->text = std::string(text_.substr(start, pos_ - start));
    double parsed = 0;
    const auto [end, ec] = std::from_chars(out->text.data(), out->text.data() + out->text.size(), parsed);
    if (ec != std::errc() || end != out->text.data() + out->text.size()) return fail("number out of range");
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

bool JsonValue::is_integer() const {
  return kind == Kind::kNumber && text.find_first_of(".eE") == std::string::npos;
}

std::optional<int64_t> JsonValue::as_int64() const {
  if (!is_integer()) return std::nullopt;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<uint64_t> JsonValue::as_uint64() const {
  if (!is_integer()) return std::nullopt;
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

double JsonValue::as_double() const {
  GTSIM_ASSERT(kind == Kind::kNumber);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::optional<JsonValue> parse_json(std::string_view text, JsonError* error) {
  return Parser(text).document(error);
}

std::optional<JsonValue> parse_json(std::string_view text, std::string* error) {
  JsonError found;
  std::optional<JsonValue> value = parse_json(text, &found);
  if (!value) *error = fmt::format("offset {}: {}", found.offset, found.message);
  return value;
}

const JsonValue* JsonFields::member(const JsonValue& object, std::string_view key, JsonValue::Kind kind,
                                    std::string_view type) {
  if (!ok()) return nullptr;
  const JsonValue* value = object.find(key);
  if (value == nullptr) {
    problem_ = fmt::format("'{}' is missing", key);
  } else if (value->kind != kind) {
    fail(key, type);
  }
  return ok() ? value : nullptr;
}

void JsonFields::fail(std::string_view key, std::string_view type) {
  if (ok()) problem_ = fmt::format("'{}' is not {}", key, type);
}

uint64_t JsonFields::uint64(const JsonValue& object, std::string_view key) {
  constexpr std::string_view kType = "an unsigned integer";
  const JsonValue* value = member(object, key, JsonValue::Kind::kNumber, kType);
  const std::optional<uint64_t> number = value != nullptr ? value->as_uint64() : std::nullopt;
  if (value != nullptr && !number) fail(key, kType);
  return number.value_or(0);
}

bool JsonFields::boolean(const JsonValue& object, std::string_view key) {
  const JsonValue* value = member(object, key, JsonValue::Kind::kBool, "true or false");
  return value != nullptr && value->boolean;
}

std::string JsonFields::string(const JsonValue& object, std::string_view key) {
  const JsonValue* value = member(object, key, JsonValue::Kind::kString, "a string");
  return value != nullptr ? value->text : std::string();
}

std::vector<std::string> JsonFields::strings(const JsonValue& object, std::string_view key) {
  std::vector<std::string> out;
  for (const JsonValue& item : array(object, key)) {
    if (item.kind != JsonValue::Kind::kString) fail(key, "an array of strings");
    out.push_back(item.text);
  }
  return ok() ? out : std::vector<std::string>();
}

const std::vector<JsonValue>& JsonFields::array(const JsonValue& object, std::string_view key) {
  static const std::vector<JsonValue> kNone;
  const JsonValue* value = member(object, key, JsonValue::Kind::kArray, "an array");
  return value != nullptr ? value->items : kNone;
}

const JsonValue& JsonFields::object(const JsonValue& object, std::string_view key) {
  static const JsonValue kNone;
  const JsonValue* value = member(object, key, JsonValue::Kind::kObject, "an object");
  return value != nullptr ? *value : kNone;
}

}  // namespace reports
