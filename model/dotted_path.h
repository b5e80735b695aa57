// Dotted paths: the one spelling of a place in a scenario (`--set
// workload.us-east-1.0.rate=50`) and of a figure in a report
// (`lag.us-east-1->eu-west-1.p99_ns`): segments joined by '.', a sequence
// index written as a number.
//
// Determinism: pure functions of their arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace model {

// "a.b.0" -> {"a", "b", "0"}; empty segments are kept.
std::vector<std::string> split_path(std::string_view path);

}  // namespace model
