#include "model/scenario_loader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "model/nearest_word.h"
#include "model/region_catalogue.h"

namespace model {
namespace {

// ---------------------------------------------------------------------------
// A YAML tree of our own, built from yaml-cpp's parser events. yaml-cpp's
// Node silently keeps only one of two duplicate keys and loses the marks of
// nodes we create; this tree keeps every map entry in file order, the mark
// of every node, and where a node came from (the file or an override).

struct Node;
using NodePtr = std::shared_ptr<Node>;

struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string text;                               // kScalar only
  std::vector<NodePtr> items;                     // kSequence only
  std::vector<std::pair<NodePtr, NodePtr>> entries;  // kMap only: (key, value) in order
  int line = -1;                                  // 0-based, as yaml-cpp marks; -1 if none
  int column = -1;
  std::string origin;                             // empty: the file; else "--set PATH=VALUE"

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_map() const { return kind == Kind::kMap; }
};

class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(std::string origin) : origin_(std::move(origin)) {}

  NodePtr root() const { return root_; }
  bool saw_document() const { return saw_document_; }
  int document_line() const { return document_line_; }
  int document_column() const { return document_column_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    saw_document_ = true;
    document_line_ = mark.line;
    document_column_ = mark.column;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    NodePtr node = make(Node::Kind::kNull, mark);
    // yaml-cpp marks an empty value at the next token, often the next line;
    // point at its key instead.
    if (!stack_.empty() && stack_.back()->is_map() && pending_key_.back() != nullptr) {
      node->line = pending_key_.back()->line;
      node->column = pending_key_.back()->column;
    }
    add(node, anchor);
  }
  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t anchor) override {
    // Shared, not copied: an alias bomb stays small. Overrides copy on write.
    auto found = anchors_.find(anchor);
    add(found != anchors_.end() ? found->second : make(Node::Kind::kNull, YAML::Mark()), 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                const std::string& value) override {
    NodePtr node = make(Node::Kind::kScalar, mark);
    node->text = value;
    add(node, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(make(Node::Kind::kSequence, mark), anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(make(Node::Kind::kMap, mark), anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  NodePtr make(Node::Kind kind, const YAML::Mark& mark) const {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->line = mark.line;
    node->column = mark.column;
    node->origin = origin_;
    return node;
  }
  void add(const NodePtr& node, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = node;
    if (stack_.empty()) {
      root_ = node;
      return;
    }
    Node& parent = *stack_.back();
    if (parent.is_sequence()) {
      parent.items.push_back(node);
    } else if (pending_key_.back() == nullptr) {
      pending_key_.back() = node;
    } else {
      parent.entries.emplace_back(pending_key_.back(), node);
      pending_key_.back() = nullptr;
    }
  }
  void open(const NodePtr& node, YAML::anchor_t anchor) {
    add(node, anchor);
    stack_.push_back(node);
    pending_key_.push_back(nullptr);
  }
  void close() {
    if (stack_.empty()) return;
    stack_.pop_back();
    pending_key_.pop_back();
  }

  std::string origin_;
  NodePtr root_;
  std::vector<NodePtr> stack_;        // open collections, innermost last
  std::vector<NodePtr> pending_key_;  // per open collection: a map key awaiting its value
  std::map<YAML::anchor_t, NodePtr> anchors_;
  bool saw_document_ = false;
  int document_line_ = -1;
  int document_column_ = -1;
};

Diagnostic diagnostic_at(const std::string& file, const std::string& origin, int line, int column,
                         std::string message) {
  Diagnostic d;
  if (!origin.empty() || line < 0) {
    d.file = origin.empty() ? file : origin;
  } else {
    d.file = file;
    d.line = line + 1;
    d.column = column + 1;
  }
  d.message = std::move(message);
  return d;
}

// Parses one YAML document. Returns false (with diagnostics) on a parse
// error; *root is null for an empty document or input.
bool parse_yaml(std::string_view text, const std::string& file, const std::string& origin,
                NodePtr* root, std::vector<Diagnostic>* out) {
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    TreeBuilder builder(origin);
    if (!parser.HandleNextDocument(builder)) return true;  // no document at all
    *root = builder.root();
    TreeBuilder second(origin);
    if (parser.HandleNextDocument(second)) {
      out->push_back(diagnostic_at(file, origin, second.document_line(), second.document_column(),
                                   "expected one YAML document, found a second one"));
      return false;
    }
    return true;
  } catch (const YAML::Exception& e) {
    out->push_back(diagnostic_at(file, origin, e.mark.line, e.mark.column, "invalid YAML: " + e.msg));
  } catch (const std::exception& e) {
    out->push_back(diagnostic_at(file, origin, -1, -1, std::string("invalid YAML: ") + e.what()));
  }
  return false;
}

// YAML forbids tabs in indentation; yaml-cpp's own errors about them are
// obscure ("illegal map value"), so find them first.
bool check_tabs(std::string_view text, const std::string& file, std::vector<Diagnostic>* out) {
  bool found = false;
  int line = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    for (size_t i = start; i < end && (text[i] == ' ' || text[i] == '\t'); ++i) {
      if (text[i] == '\t') {
        out->push_back(diagnostic_at(file, "", line, static_cast<int>(i - start),
                                     "tab character in indentation; indent YAML with spaces"));
        found = true;
        break;
      }
    }
    start = end + 1;
    ++line;
  }
  return !found;
}

// ---------------------------------------------------------------------------
// Overrides.

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    segments.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return segments;
}

std::optional<size_t> parse_index(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  size_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  return value;
}

// Applies one override to *root (copying shared nodes on the way down).
void apply_override(const Override& o, NodePtr* root, std::vector<Diagnostic>* out) {
  const std::string label = "--set " + o.path + "=" + o.value;
  NodePtr value;
  if (!parse_yaml(o.value, label, label, &value, out)) return;
  if (value == nullptr) {
    value = std::make_shared<Node>();
    value->origin = label;
  }
  auto fail = [&](const std::string& message) {
    out->push_back(diagnostic_at(label, label, -1, -1, "cannot set '" + o.path + "': " + message));
  };
  const std::vector<std::string> segments = split_path(o.path);
  NodePtr* slot = root;
  std::string walked;  // the dotted path of *slot
  for (const std::string& segment : segments) {
    if (*slot == nullptr || (*slot)->is_null()) {  // created: a map written by this override
      auto created = std::make_shared<Node>();
      created->kind = Node::Kind::kMap;
      created->origin = label;
      *slot = created;
    } else {
      *slot = std::make_shared<Node>(**slot);  // copy on write: the node may be shared by an alias
    }
    Node& node = **slot;
    const std::string shown = walked.empty() ? "the scenario" : "'" + walked + "'";
    if (node.is_map()) {
      auto entry = std::find_if(node.entries.begin(), node.entries.end(), [&](const auto& e) {
        return e.first->is_scalar() && e.first->text == segment;
      });
      if (entry == node.entries.end()) {
        auto key = std::make_shared<Node>();
        key->kind = Node::Kind::kScalar;
        key->text = segment;
        key->origin = label;
        node.entries.emplace_back(key, nullptr);
        entry = node.entries.end() - 1;
      }
      slot = &entry->second;
    } else if (node.is_sequence()) {
      const std::optional<size_t> index = parse_index(segment);
      if (!index) {
        fail(shown + " is a sequence; expected an index, found '" + segment + "'");
        return;
      }
      if (*index >= node.items.size()) {
        fail(fmt::format("{} has {} item{}, found index {}", shown, node.items.size(),
                         node.items.size() == 1 ? "" : "s", *index));
        return;
      }
      slot = &node.items[*index];
    } else {
      fail(shown + " is a scalar, not a map or a sequence");
      return;
    }
    walked += (walked.empty() ? "" : ".") + segment;
  }
  *slot = value;
}

// ---------------------------------------------------------------------------
// Scalar parsing, pure.

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

enum class NumberStatus { kOk, kNotANumber, kNotFinite };

NumberStatus parse_number(std::string_view s, double* out) {
  static const std::vector<std::string_view> kNonFinite = {
      ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
  if (std::find(kNonFinite.begin(), kNonFinite.end(), s) != kNonFinite.end()) {
    return NumberStatus::kNotFinite;
  }
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  if (s.empty()) return NumberStatus::kNotANumber;
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (end != s.data() + s.size()) return NumberStatus::kNotANumber;
  if (ec == std::errc::result_out_of_range) return NumberStatus::kNotFinite;
  if (ec != std::errc()) return NumberStatus::kNotANumber;
  if (!std::isfinite(value)) return NumberStatus::kNotFinite;
  *out = value;
  return NumberStatus::kOk;
}

bool is_region_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

std::string describe(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kNull:
      return "an empty value";
    case Node::Kind::kScalar:
      return "'" + n.text + "'";
    case Node::Kind::kSequence:
      return "a sequence";
    case Node::Kind::kMap:
      return "a map";
  }
  return "?";
}

std::string quoted_list(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ", ";
    out += "'" + words[i] + "'";
  }
  return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::optional<std::string> near = nearest_word(word, candidates);
  if (!near || *near == word) return "";
  return "; did you mean '" + *near + "'?";
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// "PATH: " before a message about the node at PATH.
std::string at_path(const std::string& path) { return path.empty() ? "" : path + ": "; }

constexpr int64_t kDurationMaxNs = 1000 * sim::Duration::kNanosecondsPerHour;
constexpr const char* kDurationExpected =
    "a duration with a unit (ns, us, ms, s, m, h), e.g. '150ms'";
constexpr const char* kSizeExpected = "a size with a unit (B, KB, MB), e.g. '1KB'";
constexpr uint64_t kKeyCountMax = 100'000'000;
constexpr double kRateMax = 10'000'000;
constexpr double kDriftPpmMax = 1'000'000;

const std::vector<std::string> kDistributionKinds = {"constant", "uniform",     "normal",   "lognormal",
                                                     "exponential", "pareto", "empirical"};

enum class Sign { kAny, kNonNegative, kPositive };

// What a distribution is over: a duration (values in ns) or a size (bytes).
enum class Quantity { kDuration, kSize };

// ---------------------------------------------------------------------------
// The checker: walks the tree once, collecting every diagnostic, and fills a
// Scenario that is returned only if none was found.

class Checker {
 public:
  Checker(std::string file, std::vector<Diagnostic>* out) : file_(std::move(file)), out_(out) {}

  void error(const Node& at, std::string message) {
    out_->push_back(diagnostic_at(file_, at.origin, at.line, at.column, std::move(message)));
  }

  // "PATH: expected WHAT, found X"; an expectation carrying an example
  // ("e.g.") is separated from what was found by a semicolon.
  void mismatch(const Node& n, const std::string& path, std::string_view what) {
    const bool has_example = what.find("e.g.") != std::string_view::npos;
    error(n, at_path(path) + "expected " + std::string(what) + (has_example ? "; found " : ", found ") +
                 describe(n));
  }

  // Checks that n is a map whose keys are scalars, unique, among allowed
  // (unless allowed is null) and include every required one. Returns false,
  // after reporting, only when n is not a map.
  bool check_map(const Node& n, const std::string& path, const std::vector<std::string>* allowed,
                 const std::vector<std::string>& required = {}, std::string_view what = "a map") {
    if (!n.is_map()) {
      mismatch(n, path, what);
      return false;
    }
    const std::string where = path.empty() ? " at the top level" : " in " + path;
    for (size_t i = 0; i < n.entries.size(); ++i) {
      const Node& key = *n.entries[i].first;
      if (!key.is_scalar()) {
        error(key, at_path(path) + "expected a key name, found " + describe(key));
        continue;
      }
      const Node* first = nullptr;
      for (size_t j = 0; j < i && first == nullptr; ++j) {
        const Node& other = *n.entries[j].first;
        if (other.is_scalar() && other.text == key.text) first = &other;
      }
      if (first != nullptr) {
        std::string message = "duplicate key '" + key.text + "'" + (path.empty() ? "" : " in " + path);
        if (first->origin.empty() && first->line >= 0) {
          message += " (first at line " + std::to_string(first->line + 1) + ")";
        }
        error(key, message);
        continue;
      }
      if (allowed != nullptr && std::find(allowed->begin(), allowed->end(), key.text) == allowed->end()) {
        const std::string hint = did_you_mean(key.text, *allowed);
        error(key, "unknown key '" + key.text + "'" + where +
                       (hint.empty() ? "; expected one of " + quoted_list(*allowed) : hint));
      }
    }
    for (const std::string& key : required) {
      if (get(n, key) == nullptr) error(n, "missing required key '" + key + "'" + where);
    }
    return true;
  }

  // The value of the first entry with this key, or null.
  static const Node* get(const Node& map, std::string_view key) {
    for (const auto& [k, v] : map.entries) {
      if (k->is_scalar() && k->text == key) return v.get();
    }
    return nullptr;
  }

  std::optional<std::string> string(const Node& n, const std::string& path) {
    if (!n.is_scalar()) {
      mismatch(n, path, "a string");
      return std::nullopt;
    }
    return n.text;
  }

  std::optional<uint64_t> integer(const Node& n, const std::string& path, uint64_t min, uint64_t max) {
    const char* what = min >= 1 ? "a positive integer" : "a non-negative integer";
    const bool digits = n.is_scalar() && !n.text.empty() &&
                        std::all_of(n.text.begin(), n.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
      mismatch(n, path, what);
      return std::nullopt;
    }
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(n.text.data(), n.text.data() + n.text.size(), value);
    if (ec == std::errc::result_out_of_range || (ec == std::errc() && value > max)) {
      error(n, at_path(path) + "must be at most " + std::to_string(max) + ", found " + n.text);
      return std::nullopt;
    }
    if (ec != std::errc() || end != n.text.data() + n.text.size() || value < min) {
      mismatch(n, path, what);
      return std::nullopt;
    }
    return value;
  }

  std::optional<double> number(const Node& n, const std::string& path) {
    double value = 0;
    const NumberStatus status = n.is_scalar() ? parse_number(n.text, &value) : NumberStatus::kNotANumber;
    if (status == NumberStatus::kNotFinite) {
      mismatch(n, path, "a finite number");
      return std::nullopt;
    }
    if (status != NumberStatus::kOk) {
      mismatch(n, path, "a number");
      return std::nullopt;
    }
    return value;
  }

  // A percentage: a number or "80%"; returned in percent (80, not 0.8).
  // open_low excludes 0, open_high excludes 100.
  std::optional<double> percentage(const Node& n, const std::string& path, bool open_low = false,
                                   bool open_high = false) {
    double value = 0;
    NumberStatus status = NumberStatus::kNotANumber;
    if (n.is_scalar()) {
      std::string_view text = n.text;
      if (!text.empty() && text.back() == '%') text = trim(text.substr(0, text.size() - 1));
      status = parse_number(text, &value);
    }
    if (status != NumberStatus::kOk) {
      mismatch(n, path, status == NumberStatus::kNotFinite ? "a finite percentage"
                                                           : "a percentage, e.g. 80 or '80%'");
      return std::nullopt;
    }
    const bool low_ok = open_low ? value > 0 : value >= 0;
    const bool high_ok = open_high ? value < 100 : value <= 100;
    if (!low_ok || !high_ok) {
      const std::string range = open_low || open_high
                                    ? "greater than 0 and less than 100"  // the only open range we use
                                    : "between 0 and 100";
      error(n, at_path(path) + "percentage must be " + range + ", found " + n.text);
      return std::nullopt;
    }
    return value;
  }

  // Numbers are shown bare ("found 0"), durations and sizes quoted ("found '0s'").
  bool check_sign(const Node& n, const std::string& path, double value, Sign sign, bool is_number = false) {
    const std::string found = is_number ? n.text : describe(n);
    if (sign == Sign::kPositive && !(value > 0)) {
      error(n, at_path(path) + "must be positive, found " + found);
      return false;
    }
    if (sign == Sign::kNonNegative && value < 0) {
      error(n, at_path(path) + "must not be negative, found " + found);
      return false;
    }
    return true;
  }

  std::optional<sim::Duration> duration(const Node& n, const std::string& path, Sign sign) {
    if (!n.is_scalar()) {
      mismatch(n, path, kDurationExpected);
      return std::nullopt;
    }
    const std::string range = sign == Sign::kAny ? "between -1000h and 1000h" : "at most 1000h";
    std::string reason;
    const std::optional<sim::Duration> d = sim::parse_duration(n.text, &reason);
    if (!d) {
      if (reason == "overflows 64-bit nanoseconds") {
        error(n, at_path(path) + "must be " + range + ", found " + describe(n));
      } else if (reason == "not a whole number of nanoseconds") {
        error(n, at_path(path) + "must be a whole number of nanoseconds, found " + describe(n));
      } else if (reason.rfind("unknown unit", 0) == 0) {
        error(n, at_path(path) + "expected " + kDurationExpected + "; found " + describe(n) + " (" +
                     reason + ")");
      } else {
        mismatch(n, path, kDurationExpected);
      }
      return std::nullopt;
    }
    if (!check_sign(n, path, static_cast<double>(d->ns()), sign)) return std::nullopt;
    if (d->ns() > kDurationMaxNs || d->ns() < -kDurationMaxNs) {
      error(n, at_path(path) + "must be " + range + ", found " + describe(n));
      return std::nullopt;
    }
    return d;
  }

  // A size in bytes: a number and a unit B, KB (1024 B) or MB (1024 KB).
  std::optional<double> size_bytes(const Node& n, const std::string& path, Sign sign) {
    std::optional<double> bytes;
    if (n.is_scalar()) {
      std::string_view text = n.text;
      double unit = 0;
      if (text.size() >= 2 && text.substr(text.size() - 2) == "KB") {
        unit = 1024;
        text.remove_suffix(2);
      } else if (text.size() >= 2 && text.substr(text.size() - 2) == "MB") {
        unit = 1024 * 1024;
        text.remove_suffix(2);
      } else if (!text.empty() && text.back() == 'B') {
        unit = 1;
        text.remove_suffix(1);
      }
      double value = 0;
      if (unit > 0 && parse_number(text, &value) == NumberStatus::kOk && std::isfinite(value * unit)) {
        bytes = value * unit;
      }
    }
    if (!bytes) {
      mismatch(n, path, kSizeExpected);
      return std::nullopt;
    }
    if (!check_sign(n, path, *bytes, sign)) return std::nullopt;
    return bytes;
  }

  // A duration in ns or a size in bytes, as a double.
  std::optional<double> quantity(const Node& n, const std::string& path, Quantity q, Sign sign) {
    if (q == Quantity::kSize) return size_bytes(n, path, sign);
    const std::optional<sim::Duration> d = duration(n, path, sign);
    if (!d) return std::nullopt;
    return static_cast<double>(d->ns());
  }

  // A scalar (constant) or a map naming exactly one distribution kind.
  // extra_keys are other keys the caller accepts beside the kinds (for the
  // suggestions only).
  std::optional<sim::Distribution> distribution(const Node& n, const std::string& path, Quantity q,
                                                const std::vector<std::string>& extra_keys = {}) {
    const Sign constant_sign = q == Quantity::kSize ? Sign::kPositive : Sign::kNonNegative;
    if (n.is_scalar()) {
      const std::optional<double> v = quantity(n, path, q, constant_sign);
      if (!v) return std::nullopt;
      return sim::Distribution::constant(*v);
    }
    std::vector<std::string> allowed = kDistributionKinds;
    allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
    const std::string kinds = "one of " + quoted_list(kDistributionKinds);
    if (!n.is_map()) {
      mismatch(n, path, q == Quantity::kSize ? "a size, e.g. '1KB', or a map naming a distribution"
                                             : "a duration, e.g. '35ms', or a map naming a distribution");
      return std::nullopt;
    }
    if (n.entries.empty()) {
      error(n, at_path(path) + "expected a distribution (" + kinds + "), found an empty map");
      return std::nullopt;
    }
    check_map(n, path, &allowed);
    const Node* kind_key = nullptr;
    const Node* params = nullptr;
    for (const auto& [key, value] : n.entries) {
      if (!key->is_scalar() ||
          std::find(kDistributionKinds.begin(), kDistributionKinds.end(), key->text) == kDistributionKinds.end()) {
        continue;
      }
      if (kind_key == nullptr) {
        kind_key = key.get();
        params = value.get();
      } else if (key->text != kind_key->text) {
        error(*key, at_path(path) + "expected exactly one distribution, found '" + kind_key->text + "' and '" +
                        key->text + "'");
        return std::nullopt;
      }
    }
    if (kind_key == nullptr) {
      if (std::none_of(n.entries.begin(), n.entries.end(), [](const auto& e) { return e.first->is_scalar(); })) {
        error(n, at_path(path) + "expected a distribution (" + kinds + ")");
      }
      return std::nullopt;
    }
    return distribution_params(kind_key->text, *params, join(path, kind_key->text), q);
  }

  std::optional<sim::Distribution> distribution_params(const std::string& kind, const Node& p,
                                                       const std::string& path, Quantity q) {
    const Sign constant_sign = q == Quantity::kSize ? Sign::kPositive : Sign::kNonNegative;
    if (kind == "constant") {
      const std::optional<double> v = quantity(p, path, q, constant_sign);
      if (!v) return std::nullopt;
      return sim::Distribution::constant(*v);
    }
    if (kind == "empirical") return empirical(p, path, q);
    static const std::map<std::string, std::vector<std::string>> kParams = {
        {"uniform", {"min", "max"}},     {"normal", {"mean", "stddev"}},   {"lognormal", {"median", "p99"}},
        {"exponential", {"mean"}},       {"pareto", {"scale", "shape"}},
    };
    const std::vector<std::string>& names = kParams.at(kind);
    if (!check_map(p, path, &names, names)) return std::nullopt;
    auto param = [&](const std::string& name, Sign sign) -> std::optional<double> {
      const Node* v = get(p, name);
      if (v == nullptr) return std::nullopt;
      return quantity(*v, join(path, name), q, sign);
    };
    if (kind == "uniform") {
      const std::optional<double> min = param("min", Sign::kNonNegative);
      const std::optional<double> max = param("max", Sign::kNonNegative);
      if (!min || !max) return std::nullopt;
      if (*min > *max) {
        error(p, at_path(path) + "min must not exceed max, found min " + describe(*get(p, "min")) + " and max " +
                     describe(*get(p, "max")));
        return std::nullopt;
      }
      return sim::Distribution::uniform(*min, *max);
    }
    if (kind == "normal") {
      const std::optional<double> mean = param("mean", Sign::kPositive);
      const std::optional<double> stddev = param("stddev", Sign::kNonNegative);
      if (!mean || !stddev) return std::nullopt;
      return sim::Distribution::normal(*mean, *stddev);
    }
    if (kind == "lognormal") {
      const std::optional<double> median = param("median", Sign::kPositive);
      const std::optional<double> p99 = param("p99", Sign::kPositive);
      if (!median || !p99) return std::nullopt;
      if (!(*p99 > *median)) {
        error(p, at_path(path) + "p99 must be greater than median, found median " + describe(*get(p, "median")) +
                     " and p99 " + describe(*get(p, "p99")));
        return std::nullopt;
      }
      return sim::Distribution::lognormal_median_p99(*median, *p99);
    }
    if (kind == "exponential") {
      const std::optional<double> mean = param("mean", Sign::kPositive);
      if (!mean) return std::nullopt;
      return sim::Distribution::exponential(*mean);
    }
    // pareto
    const std::optional<double> scale = param("scale", Sign::kPositive);
    std::optional<double> shape;
    if (const Node* s = get(p, "shape")) {
      shape = number(*s, join(path, "shape"));
      if (shape && !check_sign(*s, join(path, "shape"), *shape, Sign::kPositive, true)) shape.reset();
    }
    if (!scale || !shape) return std::nullopt;
    return sim::Distribution::pareto(*scale, *shape);
  }

  // {percentile: value, ...}: percentiles from 0 to 100 strictly increasing
  // in file order, values non-decreasing.
  std::optional<sim::Distribution> empirical(const Node& p, const std::string& path, Quantity q) {
    if (!check_map(p, path, nullptr, {}, "a map of percentile to value, e.g. {0: 30ms, 50: 40ms, 100: 90ms}")) {
      return std::nullopt;
    }
    std::vector<std::pair<double, double>> points;
    bool ok = true;
    const Node* previous_value = nullptr;
    const Node* previous_key = nullptr;
    for (const auto& [key, value] : p.entries) {
      if (!key->is_scalar()) {
        ok = false;  // reported by check_map
        continue;
      }
      const std::optional<double> percentile = percentage(*key, path);
      const std::optional<double> v = quantity(*value, join(path, key->text), q, Sign::kNonNegative);
      if (!percentile || !v) {
        ok = false;
        continue;
      }
      if (!points.empty() && !(*percentile > points.back().first)) {
        error(*key, at_path(path) + "percentiles must be strictly increasing, found " + key->text + " after " +
                        previous_key->text);
        ok = false;
      } else if (!points.empty() && *v < points.back().second) {
        error(*value, at_path(path) + "values must not decrease, found " + describe(*value) + " at " +
                          key->text + " after " + describe(*previous_value) + " at " + previous_key->text);
        ok = false;
      }
      points.emplace_back(*percentile, *v);
      previous_key = key.get();
      previous_value = value.get();
    }
    if (!ok) return std::nullopt;
    if (points.empty() || points.front().first != 0 || points.back().first != 100) {
      error(p, at_path(path) + "percentiles must start at 0 and end at 100");
      return std::nullopt;
    }
    return sim::Distribution::empirical(std::move(points));
  }

  // A latency: a duration (constant), a distribution, or {base, jitter}.
  std::optional<sim::LatencyModel> latency(const Node& n, const std::string& path) {
    if (n.is_scalar()) {
      const std::optional<sim::Duration> d = duration(n, path, Sign::kNonNegative);
      if (!d) return std::nullopt;
      return sim::LatencyModel::fixed(*d);
    }
    if (n.is_map() && (get(n, "base") != nullptr || get(n, "jitter") != nullptr)) {
      static const std::vector<std::string> kKeys = {"base", "jitter"};
      check_map(n, path, &kKeys);
      bool ok = true;
      sim::Duration base;
      if (const Node* b = get(n, "base")) {
        const std::optional<sim::Duration> d = duration(*b, join(path, "base"), Sign::kNonNegative);
        ok = d.has_value();
        if (d) base = *d;
      }
      std::optional<sim::Distribution> jitter;
      if (const Node* j = get(n, "jitter")) {
        jitter = distribution(*j, join(path, "jitter"), Quantity::kDuration);
        ok = ok && jitter.has_value();
      }
      if (!ok) return std::nullopt;
      return sim::LatencyModel(base, std::move(jitter));
    }
    if (n.is_map() && n.entries.size() == 1) {
      if (const Node* c = get(n, "constant")) {
        const std::optional<sim::Duration> d = duration(*c, join(path, "constant"), Sign::kNonNegative);
        if (!d) return std::nullopt;
        return sim::LatencyModel::fixed(*d);
      }
    }
    std::optional<sim::Distribution> d = distribution(n, path, Quantity::kDuration, {"base", "jitter"});
    if (!d) return std::nullopt;
    return sim::LatencyModel(sim::Duration::zero(), std::move(d));
  }

  // ---- Sections ----

  std::optional<Scenario> scenario(const Node& root, const std::string& stem) {
    static const std::vector<std::string> kKeys = {"name",    "description", "seed",  "duration", "regions",
                                                   "network", "replication", "table", "workload"};
    Scenario s;
    s.file = file_;
    s.name = stem;
    if (!check_map(root, "", &kKeys, {"duration", "regions"},
                   "a map of scenario keys (at least 'duration' and 'regions')")) {
      return std::nullopt;
    }
    if (const Node* n = get(root, "name")) {
      if (auto v = string(*n, "name")) s.name = *v;
    }
    if (const Node* n = get(root, "description")) {
      if (auto v = string(*n, "description")) s.description = *v;
    }
    if (const Node* n = get(root, "seed")) {
      if (auto v = integer(*n, "seed", 0, std::numeric_limits<uint64_t>::max())) s.seed = *v;
    }
    if (const Node* n = get(root, "duration")) {
      if (auto v = duration(*n, "duration", Sign::kPositive)) s.duration = *v;
    }
    if (const Node* n = get(root, "regions")) regions(*n, &s);
    latencies(get(root, "network"), &s);
    if (const Node* n = get(root, "replication")) replication(*n, &s.replication);
    if (const Node* n = get(root, "table")) table(*n, &s.table);
    s.workload.resize(s.regions.size());
    if (const Node* n = get(root, "workload")) workload(*n, &s);
    return s;
  }

  void regions(const Node& n, Scenario* s) {
    if (!n.is_sequence()) {
      mismatch(n, "regions", "a sequence");
      return;
    }
    static const std::vector<std::string> kKeys = {"name", "clock"};
    static const std::vector<std::string> kClockKeys = {"offset", "drift_ppm"};
    for (size_t i = 0; i < n.items.size(); ++i) {
      const Node& item = *n.items[i];
      const std::string path = index("regions", i);
      RegionConfig region;
      const Node* name_node = &item;
      std::string name_path = path;
      if (item.is_map()) {
        check_map(item, path, &kKeys, {"name"});
        name_node = get(item, "name");
        name_path = join(path, "name");
        if (const Node* clock = get(item, "clock"); clock != nullptr && check_map(*clock, join(path, "clock"), &kClockKeys)) {
          const std::string clock_path = join(path, "clock");
          if (const Node* v = get(*clock, "offset")) {
            if (auto d = duration(*v, join(clock_path, "offset"), Sign::kAny)) region.clock.offset = *d;
          }
          if (const Node* v = get(*clock, "drift_ppm")) {
            if (auto d = number(*v, join(clock_path, "drift_ppm"))) {
              if (std::fabs(*d) > kDriftPpmMax) {
                error(*v, join(clock_path, "drift_ppm") + ": must be between -1000000 and 1000000, found " + v->text);
              } else {
                region.clock.drift_ppm = *d;
              }
            }
          }
        }
      } else if (!item.is_scalar()) {
        mismatch(item, path, "a region name or a map with 'name'");
        continue;
      }
      if (name_node == nullptr) continue;
      if (name_node->is_scalar()) declared_.push_back(name_node->text);
      if (!name_node->is_scalar() || !is_region_name(name_node->text)) {
        mismatch(*name_node, name_path, "a region name (letters, digits, '-' and '_')");
        continue;
      }
      region.name = name_node->text;
      const auto first = std::find_if(s->regions.begin(), s->regions.end(),
                                      [&](const RegionConfig& r) { return r.name == region.name; });
      if (first != s->regions.end()) {
        error(*name_node, name_path + ": duplicate region '" + region.name + "' (first at " +
                              region_paths_[static_cast<size_t>(first - s->regions.begin())] + ")");
        continue;
      }
      s->regions.push_back(region);
      region_nodes_.push_back(name_node);
      region_paths_.push_back(path);
      region_names_.push_back(region.name);
    }
    if (n.items.size() < 2) {
      error(n, fmt::format("regions: expected at least 2 regions, found {}", n.items.size()));
    }
  }

  // The index of a region named by n, or nullopt (reported unless the name
  // was declared in `regions` and already reported there).
  std::optional<size_t> region_ref(const Node& n, const std::string& path) {
    if (!n.is_scalar()) {
      mismatch(n, path, "a region name");
      return std::nullopt;
    }
    const auto it = std::find(region_names_.begin(), region_names_.end(), n.text);
    if (it != region_names_.end()) return static_cast<size_t>(it - region_names_.begin());
    if (std::find(declared_.begin(), declared_.end(), n.text) == declared_.end()) {
      error(n, at_path(path) + "region '" + n.text + "' is not in regions" + did_you_mean(n.text, region_names_));
    }
    return std::nullopt;
  }

  void latencies(const Node* network, Scenario* s) {
    const size_t count = s->regions.size();
    std::vector<std::optional<sim::LatencyModel>> matrix(count * count);
    std::vector<std::string> given_by(count * count);  // path of the link that set a pair
    if (network != nullptr) links(*network, count, &matrix, &given_by);

    // Fill the catalogue defaults; report pairs nobody can fill.
    std::vector<bool> reported(count, false);
    for (size_t i = 0; i < count; ++i) {
      for (size_t j = i + 1; j < count; ++j) {
        const bool forward = !given_by[i * count + j].empty();
        const bool backward = !given_by[j * count + i].empty();
        if (forward && backward) continue;
        const std::string& a = region_names_[i];
        const std::string& b = region_names_[j];
        if (const std::optional<sim::Duration> rtt = catalogue_rtt(a, b)) {
          const sim::LatencyModel one_way = sim::LatencyModel::fixed(*rtt / 2);
          if (!forward) matrix[i * count + j] = one_way;
          if (!backward) matrix[j * count + i] = one_way;
          continue;
        }
        const auto& catalogue = catalogue_region_names();
        const bool a_known = std::find(catalogue.begin(), catalogue.end(), a) != catalogue.end();
        const bool b_known = std::find(catalogue.begin(), catalogue.end(), b) != catalogue.end();
        if (a_known && b_known) {
          error(*region_nodes_[j], "no latency for '" + a + "' <-> '" + b +
                                       "': the built-in catalogue has no measurement for this pair; "
                                       "give one in network.links");
          continue;
        }
        for (const size_t r : {i, j}) {
          if ((r == i ? a_known : b_known) || reported[r]) continue;
          reported[r] = true;
          const std::string& self = region_names_[r];
          const std::string& other = r == i ? b : a;
          std::string pair = "'" + self + "' <-> '" + other + "'";
          if (forward != backward) {
            const bool missing_from_self = (r == i) ? !forward : !backward;
            pair = missing_from_self ? "'" + self + "' -> '" + other + "'" : "'" + other + "' -> '" + self + "'";
          }
          error(*region_nodes_[r], "unknown region '" + self + "': not in the built-in catalogue and no latency given for " +
                                       pair + did_you_mean(self, catalogue));
        }
      }
    }
    s->one_way_latency.assign(count * count, sim::LatencyModel());
    for (size_t k = 0; k < matrix.size(); ++k) {
      if (matrix[k]) s->one_way_latency[k] = *matrix[k];
    }
  }

  void links(const Node& network, size_t count, std::vector<std::optional<sim::LatencyModel>>* matrix,
             std::vector<std::string>* given_by) {
    static const std::vector<std::string> kNetworkKeys = {"links"};
    static const std::vector<std::string> kLinkKeys = {"between", "from", "to", "latency"};
    if (!check_map(network, "network", &kNetworkKeys)) return;
    const Node* list = get(network, "links");
    if (list == nullptr) return;
    if (!list->is_sequence()) {
      mismatch(*list, "network.links", "a sequence");
      return;
    }
    for (size_t k = 0; k < list->items.size(); ++k) {
      const Node& link = *list->items[k];
      const std::string path = index("network.links", k);
      if (!check_map(link, path, &kLinkKeys, {"latency"})) continue;
      const Node* between = get(link, "between");
      const Node* from = get(link, "from");
      const Node* to = get(link, "to");
      std::vector<std::pair<size_t, size_t>> pairs;  // directed
      bool regions_ok = true;
      if (between != nullptr && (from != nullptr || to != nullptr)) {
        error(link, path + ": expected either 'between' or 'from' and 'to', not both");
        regions_ok = false;
      } else if (between != nullptr) {
        const std::string bpath = join(path, "between");
        if (!between->is_sequence()) {
          mismatch(*between, bpath, "a sequence of two region names");
          regions_ok = false;
        } else if (between->items.size() != 2) {
          error(*between, fmt::format("{}: expected two region names, found {}", bpath, between->items.size()));
          regions_ok = false;
        } else {
          const std::optional<size_t> a = region_ref(*between->items[0], index(bpath, 0));
          const std::optional<size_t> b = region_ref(*between->items[1], index(bpath, 1));
          if (a && b && *a == *b) {
            error(*between, bpath + ": expected two different regions, found '" + region_names_[*a] + "' twice");
          } else if (a && b) {
            pairs = {{*a, *b}, {*b, *a}};
          }
          regions_ok = a && b;
        }
      } else if (from != nullptr || to != nullptr) {
        if (from == nullptr) error(link, "missing required key 'from' in " + path);
        if (to == nullptr) error(link, "missing required key 'to' in " + path);
        std::optional<size_t> a;
        std::optional<size_t> b;
        if (from != nullptr) a = region_ref(*from, join(path, "from"));
        if (to != nullptr) b = region_ref(*to, join(path, "to"));
        if (a && b && *a == *b) {
          error(link, path + ": expected two different regions, found '" + region_names_[*a] +
                          "' as both 'from' and 'to'");
        } else if (a && b) {
          pairs = {{*a, *b}};
        }
        regions_ok = a && b;
      } else {
        error(link, "missing required key 'between' (or 'from' and 'to') in " + path);
        regions_ok = false;
      }
      std::optional<sim::LatencyModel> model;
      if (const Node* l = get(link, "latency")) model = latency(*l, join(path, "latency"));
      if (!regions_ok) continue;
      for (const auto& [a, b] : pairs) {
        std::string& owner = (*given_by)[a * count + b];
        if (!owner.empty()) {
          error(link, path + ": latency for '" + region_names_[a] + "' -> '" + region_names_[b] +
                          "' already given by " + owner);
          break;
        }
      }
      for (const auto& [a, b] : pairs) {
        std::string& owner = (*given_by)[a * count + b];
        if (owner.empty()) {
          owner = path;  // set even when the latency was bad: no follow-on "no latency" error
          (*matrix)[a * count + b] = model;
        }
      }
    }
  }

  void replication(const Node& n, ReplicationConfig* r) {
    static const std::vector<std::string> kKeys = {"poll_interval", "batch_size", "apply_time"};
    if (!check_map(n, "replication", &kKeys)) return;
    if (const Node* v = get(n, "poll_interval")) {
      if (auto d = duration(*v, "replication.poll_interval", Sign::kNonNegative)) r->poll_interval = *d;
    }
    if (const Node* v = get(n, "batch_size")) {
      if (auto b = integer(*v, "replication.batch_size", 1, std::numeric_limits<uint32_t>::max())) {
        r->batch_size = static_cast<uint32_t>(*b);
      }
    }
    if (const Node* v = get(n, "apply_time")) {
      if (auto l = latency(*v, "replication.apply_time")) r->apply_time = *l;
    }
  }

  void table(const Node& n, TableConfig* t) {
    static const std::vector<std::string> kKeys = {"keys", "key_distribution", "item_size"};
    if (!check_map(n, "table", &kKeys)) return;
    if (const Node* v = get(n, "keys")) {
      if (auto k = integer(*v, "table.keys", 1, kKeyCountMax)) t->key_count = *k;
    }
    if (const Node* v = get(n, "key_distribution")) key_distribution(*v, &t->key_distribution);
    if (const Node* v = get(n, "item_size")) {
      if (auto d = distribution(*v, "table.item_size", Quantity::kSize)) t->item_size_bytes = *d;
    }
  }

  void key_distribution(const Node& n, KeyDistribution* k) {
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

  void workload(const Node& n, Scenario* s) {
    if (!check_map(n, "workload", nullptr, {}, "a map of region name to client groups")) return;
    for (const auto& [key, groups] : n.entries) {
      if (!key->is_scalar()) continue;  // reported by check_map
      const std::string path = join("workload", key->text);
      const std::optional<size_t> region = region_ref(*key, "workload");
      if (!groups->is_sequence()) {
        mismatch(*groups, path, "a sequence of client groups");
        continue;
      }
      for (size_t i = 0; i < groups->items.size(); ++i) {
        std::optional<ClientGroupConfig> group = client_group(*groups->items[i], index(path, i));
        if (!group || !region) continue;
        if (group->name.empty()) group->name = key->text + "/" + std::to_string(i);
        std::vector<ClientGroupConfig>& list = s->workload[*region];
        const bool clash = std::any_of(list.begin(), list.end(),
                                       [&](const ClientGroupConfig& g) { return g.name == group->name; });
        if (clash) {
          error(*groups->items[i], index(path, i) + ": duplicate client group name '" + group->name + "' in " + path);
          continue;
        }
        list.push_back(std::move(*group));
      }
    }
  }

  std::optional<ClientGroupConfig> client_group(const Node& n, const std::string& path) {
    static const std::vector<std::string> kKeys = {"name", "rate", "arrivals", "mix"};
    if (!check_map(n, path, &kKeys, {"rate"}, "a client group map with at least 'rate'")) return std::nullopt;
    ClientGroupConfig g;
    bool ok = true;
    if (const Node* v = get(n, "name")) {
      const std::optional<std::string> name = string(*v, join(path, "name"));
      if (name && name->empty()) {
        error(*v, join(path, "name") + ": must not be empty");
        ok = false;
      } else if (name) {
        g.name = *name;
      } else {
        ok = false;
      }
    }
    if (const Node* v = get(n, "rate")) {
      const std::string rpath = join(path, "rate");
      const std::optional<double> rate = number(*v, rpath);
      if (!rate) {
        ok = false;
      } else if (!(*rate > 0)) {
        error(*v, rpath + ": must be positive, found " + v->text);
        ok = false;
      } else if (*rate > kRateMax) {
        error(*v, rpath + ": must be at most 10000000 requests per second, found " + v->text);
        ok = false;
      } else {
        g.rate_per_second = *rate;
      }
    }
    if (const Node* v = get(n, "arrivals")) {
      static const std::vector<std::string> kArrivals = {"poisson", "constant"};
      if (v->is_scalar() && v->text == "poisson") {
        g.arrivals = Arrivals::kPoisson;
      } else if (v->is_scalar() && v->text == "constant") {
        g.arrivals = Arrivals::kConstant;
      } else {
        error(*v, join(path, "arrivals") + ": expected 'poisson' or 'constant', found " + describe(*v) +
                      (v->is_scalar() ? did_you_mean(v->text, kArrivals) : ""));
        ok = false;
      }
    }
    if (const Node* v = get(n, "mix")) {
      const std::optional<OperationMix> m = mix(*v, join(path, "mix"));
      if (m) {
        g.mix = *m;
      } else {
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return g;
  }

  std::optional<OperationMix> mix(const Node& n, const std::string& path) {
    static const std::vector<std::string> kKeys = {"put", "update", "delete", "get"};
    if (!check_map(n, path, &kKeys, {}, "a map of operation to percentage, e.g. {put: 80, get: 20}")) {
      return std::nullopt;
    }
    OperationMix m{0, 0, 0, 0};
    double* fields[] = {&m.put_percent, &m.update_percent, &m.delete_percent, &m.get_percent};
    bool ok = true;
    for (size_t i = 0; i < kKeys.size(); ++i) {
      if (const Node* v = get(n, kKeys[i])) {
        const std::optional<double> p = percentage(*v, join(path, kKeys[i]));
        if (p) {
          *fields[i] = *p;
        } else {
          ok = false;
        }
      }
    }
    // An unknown key is most likely a misspelt one: its error says enough.
    const bool all_known = std::all_of(n.entries.begin(), n.entries.end(), [](const auto& e) {
      return e.first->is_scalar() && std::find(kKeys.begin(), kKeys.end(), e.first->text) != kKeys.end();
    });
    if (!ok || !all_known) return std::nullopt;
    const double sum = m.put_percent + m.update_percent + m.delete_percent + m.get_percent;
    if (std::fabs(sum - 100) > 1e-9) {
      error(n, fmt::format("{}: percentages must sum to 100, found {}", path, sum));
      return std::nullopt;
    }
    return m;
  }

 private:
  std::string file_;
  std::vector<Diagnostic>* out_;
  std::vector<std::string> declared_;           // every scalar name under `regions`, valid or not
  std::vector<std::string> region_names_;       // valid, unique, in order: index = region index
  std::vector<const Node*> region_nodes_;       // the name node of each valid region
  std::vector<std::string> region_paths_;       // "regions[i]" of each valid region
};

void sort_diagnostics(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
}

}  // namespace

std::optional<Override> parse_override(std::string_view text) {
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  const std::string_view path = trim(text.substr(0, eq));
  if (path.empty()) return std::nullopt;
  for (const std::string& segment : split_path(path)) {
    if (segment.empty()) return std::nullopt;
  }
  return Override{std::string(path), std::string(text.substr(eq + 1))};
}

LoadResult load_scenario_text(std::string_view yaml, const std::string& file_name,
                              const std::vector<Override>& overrides) {
  LoadResult result;
  std::vector<Diagnostic>& out = result.diagnostics;
  NodePtr root;
  if (!check_tabs(yaml, file_name, &out) || !parse_yaml(yaml, file_name, "", &root, &out)) {
    sort_diagnostics(&out);
    return result;
  }
  if (root == nullptr || root->is_null()) {
    if (overrides.empty()) {
      out.push_back(diagnostic_at(file_name, "", 0, 0,
                                  "empty scenario: expected a map with at least 'duration' and 'regions'"));
      return result;
    }
    root = std::make_shared<Node>();
    root->kind = Node::Kind::kMap;
    root->line = 0;
    root->column = 0;
  }
  for (const Override& o : overrides) apply_override(o, &root, &out);
  Checker checker(file_name, &out);
  std::optional<Scenario> scenario = checker.scenario(*root, std::filesystem::path(file_name).stem().string());
  sort_diagnostics(&out);
  if (out.empty()) result.scenario = std::move(scenario);
  return result;
}

LoadResult load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  auto cannot_read = [&](const std::string& reason) {
    LoadResult result;
    result.diagnostics.push_back(Diagnostic{path, 0, 0, "cannot read: " + reason});
    return result;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return cannot_read("Is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code open_error(errno, std::generic_category());
    return cannot_read(errno != 0 ? open_error.message() : "cannot open");
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return cannot_read("read error");
  return load_scenario_text(text.str(), path, overrides);
}

}  // namespace model
