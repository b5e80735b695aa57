// Reading a scenario's `expect:` lines ("PATH OP VALUE") into Expectations
// (model/expectation.h).
//
// Parsing checks only the shape of each line: whether the path names a
// figure depends on the regions, so reports/expectation_check.h checks it
// once the scenario is loaded. Never throws: every malformed line is a
// Diagnostic at its place.
//
// Determinism: pure functions of the tree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/yaml_tree.h"
#include "model/diagnostic.h"
#include "model/expectation.h"

namespace load {

// Reads the `expect:` node (a sequence of "PATH OP VALUE" strings). Every
// malformed line becomes a Diagnostic in *out; well-formed ones are returned.
std::vector<model::Expectation> parse_expectations(const Node& node, const std::string& file,
                                                   std::vector<model::Diagnostic>* out);

// One line "PATH OP VALUE"; nullopt and *error if malformed: what was
// expected and what was found, said once ("expected ..., found '1%'").
std::optional<model::Expectation> parse_expectation(std::string_view text, std::string* error);

}  // namespace load
