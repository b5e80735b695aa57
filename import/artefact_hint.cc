#include "import/artefact_hint.h"

#include <array>

#include "import/artefact_reader.h"

namespace importer {

namespace {

struct Telltale {
  std::string_view kind;
  std::array<std::string_view, 2> keys;  // either key at the top level; "" for none
  std::string_view looks_like;
};

constexpr Telltale kTelltales[] = {
    {"describe-table", {"Table", "GlobalTableDescription"}, "describe-table output"},
    {"cloudformation", {"Resources", "AWSTemplateFormatVersion"}, "a CloudFormation template"},
    {"terraform", {"format_version", ""}, "the output of terraform show -json"},
};

}  // namespace

std::string other_artefact_hint(const load::Node& root, std::string_view kind) {
  if (!root.is_map()) return "";
  for (const Telltale& t : kTelltales) {
    if (t.kind == kind) continue;
    for (std::string_view key : t.keys) {
      if (!key.empty() && ArtefactReader::get(root, key) != nullptr) {
        return " (this looks like " + std::string(t.looks_like) + ": gtsim import " + std::string(t.kind) +
               " reads it)";
      }
    }
  }
  return "";
}

}  // namespace importer
