#include "reports/json_value.h"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "sim/assert.h"

namespace reports {

JsonValue::JsonValue() = default;
JsonValue::JsonValue(const JsonValue&) = default;
JsonValue::JsonValue(JsonValue&&) noexcept = default;
JsonValue& JsonValue::operator=(const JsonValue&) = default;
JsonValue& JsonValue::operator=(JsonValue&&) noexcept = default;
JsonValue::~JsonValue() = default;

namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::optional<JsonValue> document(std::string* error) {
    JsonValue value;
    bool ok = parse(&value, 0);
    skip();
    if (ok && pos_ != text_.size()) ok = fail("text after the value");
    if (!ok) {
      *error = fmt::format("offset {}: {}", pos_, error_);
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
      if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
      return fail("expected ',' or '}'");
    }
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

  // Strings of reports are ASCII or UTF-8 with the escapes json_escape writes;
  // \uXXXX below 0x80 is decoded, others are kept escaped.
  bool string(std::string* out) {
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
      if (c == '\\') {
        if (pos_ >= text_.size()) break;
        const char e = text_[pos_++];
        switch (e) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case 'r': c = '\r'; break;
          case 'b': c = '\b'; break;
          case 'f': c = '\f'; break;
          case 'u': {
            if (pos_ + 4 > text_.size()) return fail("short \\u escape");
            unsigned code = 0;
            const auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
            if (ec != std::errc() || end != text_.data() + pos_ + 4) return fail("bad \\u escape");
            pos_ += 4;
            if (code >= 0x80) {
              *out += fmt::format("\\u{:04x}", code);
              continue;
            }
            c = static_cast<char>(code);
            break;
          }
          case '"': case '\\': case '/': c = e; break;
          default: return fail("bad escape");
        }
      }
      *out += c;
    }
    if (pos_ >= text_.size()) return fail("unterminated string");
    ++pos_;
    return true;
  }

  bool number(JsonValue* out) {
    const size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    const size_t digits = pos_;
    while (pos_ < text_.size() && std::string_view("0123456789.eE+-").find(text_[pos_]) != std::string_view::npos) ++pos_;
    if (pos_ == digits || text_[digits] < '0' || text_[digits] > '9') return fail("expected a value");
    out->kind = JsonValue::Kind::kNumber;
    out->text = std::string(text_.substr(start, pos_ - start));
    double parsed = 0;
    const auto [end, ec] = std::from_chars(out->text.data(), out->text.data() + out->text.size(), parsed);
    if (ec != std::errc() || end != out->text.data() + out->text.size()) return fail("malformed number");
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

std::optional<JsonValue> parse_json(std::string_view text, std::string* error) {
  return Parser(text).document(error);
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
