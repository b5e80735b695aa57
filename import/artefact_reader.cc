#include "import/artefact_reader.h"

#include <algorithm>
#include <charconv>

namespace importer {

bool is_aws_region_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.find('-') == std::string_view::npos) return false;
  if (name.front() < 'a' || name.front() > 'z' || name.back() < '0' || name.back() > '9') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string Source::to_string() const { return file + ": " + path + (via.empty() ? "" : " (" + via + ")"); }

bool ArtefactReader::map(const Node& n, const std::string& path) { return check_map(n, path, nullptr); }

bool ArtefactReader::sequence(const Node& n, const std::string& path) {
  if (n.is_sequence()) return true;
  mismatch(n, path, "a sequence");
  return false;
}

std::optional<std::string> ArtefactReader::text(const Node& n, const std::string& path) {
  if (n.is_scalar()) return n.text;
  mismatch(n, path, "a string");
  return std::nullopt;
}

std::optional<int64_t> ArtefactReader::count(const Node& n, const std::string& path, int64_t min, int64_t max,
                                             bool allow_minus_one) {
  if (allow_minus_one && n.is_scalar() && n.text == "-1") return -1;
  const std::optional<uint64_t> value =
      integer(n, path, static_cast<uint64_t>(min), static_cast<uint64_t>(max));
  if (!value) return std::nullopt;
  return static_cast<int64_t>(*value);
}

std::optional<std::string> ArtefactReader::region(const Node& n, const std::string& path) {
  if (n.is_scalar() && is_aws_region_name(n.text)) return n.text;
  mismatch(n, path, kRegionExpected);
  return std::nullopt;
}

std::optional<bool> ArtefactReader::flag(const Node& n, const std::string& path) {
  if (n.is_scalar() && (n.text == "true" || n.text == "True")) return true;
  if (n.is_scalar() && (n.text == "false" || n.text == "False")) return false;
  mismatch(n, path, "true or false");
  return std::nullopt;
}

void ArtefactReader::rest(const Node& n, const std::string& path, const std::vector<KeyRule>& rules,
                          TableDraft* draft, bool skip_unset) const {
  if (!n.is_map()) return;
  std::vector<std::string> known;
  for (const KeyRule& rule : rules) known.emplace_back(rule.key);
  for (const auto& entry : n.entries) {
    const load::NodePtr& key = entry.first;
    const load::NodePtr& value = entry.second;
    if (!key->is_scalar()) continue;  // reported by map()
    if (skip_unset && (value->is_null() || (value->is_sequence() && value->items.empty()) ||
                       (value->is_map() && value->entries.empty()))) {
      continue;
    }
    const std::string where = load::join(path, key->text);
    const auto rule = std::find_if(rules.begin(), rules.end(), [&](const KeyRule& r) { return r.key == key->text; });
    if (rule == rules.end()) {
      draft->skip(source(where), "unknown to gtsim import" + load::did_you_mean(key->text, known));
    } else if (!rule->reason.empty()) {
      draft->skip(source(where), std::string(rule->reason));
    }
  }
}

}  // namespace importer
