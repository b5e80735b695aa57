// other_artefact_hint: what a file given to the wrong import kind looks
// like, added to that kind's refusal so the user learns which kind reads it:
// " (this looks like a CloudFormation template: gtsim import cloudformation
// reads it)". One table of each kind's telltale top-level keys serves every
// kind. Determinism: a pure function of the tree's top-level keys.
#pragma once

#include <string>
#include <string_view>

#include "load/scenario_values.h"

namespace importer {

// The hint for root read as `kind`: the first other kind whose telltale key
// root has, or "" when root looks like no other kind (or is not a map).
std::string other_artefact_hint(const load::Node& root, std::string_view kind);

}  // namespace importer
