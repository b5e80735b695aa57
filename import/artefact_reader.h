// ArtefactReader: typed reads from an artefact's tree for the importers,
// on top of the scenario loader's value checker (load/scenario_values.h),
// so a wrong type or range is reported the same way: "FILE:LINE:COLUMN:
// error: Table.Replicas[0].RegionName: expected a region name (letters,
// digits, '-' and '_'), found '5'".
//
// It also accounts for every key of a map an importer reads: rest() files
// each key the importer did not take under the draft's not_imported, with
// the reason its rule gives, or as unknown (with the nearest known key), so
// nothing the artefact holds is dropped in silence.
// Never throws. Determinism: a pure function of the tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/table_draft.h"
#include "load/capacity_section.h"
#include "load/scenario_values.h"

namespace importer {

// The most capacity units an imported setting may have: the scenario's own limit.
inline constexpr int64_t kUnitsMax = load::CapacityChecker::kUnitsMax;

using load::Node;

// An AWS region name as the artefacts spell it: lowercase letters, digits
// and '-', a letter first, a digit last, at least one '-' ("us-east-1",
// "us-gov-west-1"), at most 64 characters. Such a name is a valid scenario
// region name and a plain YAML scalar.
bool is_aws_region_name(std::string_view name);
inline constexpr const char* kRegionExpected = "an AWS region name, e.g. 'us-east-1'";

// How an importer treats one key of a map: kRead (empty reason) when it
// reads the key itself; otherwise the reason the key is not imported.
struct KeyRule {
  std::string_view key;
  std::string_view reason;  // empty: read by the importer
};

class ArtefactReader : public load::ValueChecker {
 public:
  ArtefactReader(std::string file, std::vector<model::Diagnostic>* out) : ValueChecker(std::move(file), out) {}

  Source source(const std::string& path) const { return Source{file(), path, ""}; }

  // A map (duplicate keys reported); false, reported, when n is something else.
  bool map(const Node& n, const std::string& path);
  // A sequence; false, reported, when n is something else.
  bool sequence(const Node& n, const std::string& path);
  // A scalar's text; a map or sequence is reported.
  std::optional<std::string> text(const Node& n, const std::string& path);
  // An integer in [min, max]; "-1" is accepted when allow_minus_one (AWS's "not set").
  std::optional<int64_t> count(const Node& n, const std::string& path, int64_t min, int64_t max,
                               bool allow_minus_one = false);
  // An AWS region name (is_aws_region_name).
  std::optional<std::string> region(const Node& n, const std::string& path);
  // true/false, and CloudFormation's True/False.
  std::optional<bool> flag(const Node& n, const std::string& path);

  // Every key of map n not read by the importer, filed in draft->not_imported.
  // With skip_unset, a key whose value is null or an empty list or map (how
  // terraform writes an attribute nobody set) is passed over.
  void rest(const Node& n, const std::string& path, const std::vector<KeyRule>& rules, TableDraft* draft,
            bool skip_unset = false) const;
};

}  // namespace importer
