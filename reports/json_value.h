// JsonValue: a parsed JSON document, for reading back what gtsim wrote
// (reports for `gtsim diff` and the schema test; a study's sweep.json and
// runs.jsonl for `gtsim merge`). gtsim's one JSON reader. Objects keep
// their keys in file order; numbers keep their text, so an integer is read
// back exactly (as_int64, as_uint64).
//
// parse_json never throws: malformed text gives nullopt and an error with
// the byte offset. It is strict RFC 8259 JSON: numbers of JSON's grammar
// only (no "0x10", "01", "+1", "1."), text that is well-formed UTF-8,
// \u escapes decoded to UTF-8 (a lone surrogate refused), and no key twice
// in an object (JSON tools disagree about which of two they read). Every
// value keeps the byte offset where it starts. Nesting
// is limited (kMaxDepth) so no input can exhaust the stack. JsonFields reads typed members and names the first one that
// is missing or of another type.
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
  size_t offset = 0;                                   // where it starts in the text, in bytes

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
  std::optional<uint64_t> as_uint64() const;  // nullopt for a negative number too
  double as_double() const;            // REQUIRES: kind == kNumber
};

inline constexpr int kMaxDepth = 64;

std::optional<JsonValue> parse_json(std::string_view text, std::string* error);

// What parse_json refused, apart: the message, and the byte offset where
// it was found (for a reader that names a line and column).
struct JsonError {
  size_t offset = 0;
  std::string message;
};
std::optional<JsonValue> parse_json(std::string_view text, JsonError* error);

// Typed reads of objects' members. The first read of a member that is
// absent or of another type sets problem() ("'first_seed' is missing",
// "'kind' is not a string") and gives an empty value, as does every read
// after it, so a reader reads all it needs and checks ok() once.
class JsonFields {
 public:
  uint64_t uint64(const JsonValue& object, std::string_view key);
  bool boolean(const JsonValue& object, std::string_view key);
  std::string string(const JsonValue& object, std::string_view key);
  std::vector<std::string> strings(const JsonValue& object, std::string_view key);  // an array of strings
  const std::vector<JsonValue>& array(const JsonValue& object, std::string_view key);
  const JsonValue& object(const JsonValue& object, std::string_view key);

  bool ok() const { return problem_.empty(); }
  const std::string& problem() const { return problem_; }

 private:
  // The member when it has `kind` and no problem came before; else null, and the problem.
  const JsonValue* member(const JsonValue& object, std::string_view key, JsonValue::Kind kind,
                          std::string_view type);
  void fail(std::string_view key, std::string_view type);

  std::string problem_;
};

}  // namespace reports
