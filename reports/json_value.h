// JsonValue: a parsed JSON document, for reading reports back (`gtsim diff`,
// the schema test). Objects keep their keys in file order; numbers keep
// their text, so an integer is read back exactly (as_int64).
//
// parse_json never throws: malformed text gives nullopt and an error with
// the byte offset. Nesting is limited (kMaxDepth) so no input can exhaust
// the stack.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reports {

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;                                    // kString: the value; kNumber: as written
  std::vector<JsonValue> items;                        // kArray
  std::vector<std::pair<std::string, JsonValue>> members;  // kObject, in order

  // Defined out of line: inside its own definition JsonValue is incomplete,
  // and clang with libstdc++ refuses to instantiate std::pair of it there.
  JsonValue();
  JsonValue(const JsonValue&);
  JsonValue(JsonValue&&) noexcept;
  JsonValue& operator=(const JsonValue&);
  JsonValue& operator=(JsonValue&&) noexcept;
  ~JsonValue();

  // The member's value, or null when absent (or not an object).
  const JsonValue* find(std::string_view key) const;
  bool is_integer() const;             // a number without fraction or exponent
  std::optional<int64_t> as_int64() const;
  double as_double() const;            // REQUIRES: kind == kNumber
};

inline constexpr int kMaxDepth = 64;

std::optional<JsonValue> parse_json(std::string_view text, std::string* error);

}  // namespace reports
