// The JSON report of a run: every figure of RunResult, keys in a fixed order,
// times in integer nanoseconds (names end in _ns), schema in
// docs/report-schema.md; the keys of the region, pair, conflict and
// convergence sections are their tables' in reports/report_fields.h. A pure function of the result: the same scenario and
// seed give the same bytes. Run statistics that depend on the machine (wall
// time, events per second) are never part of it.
#pragma once

#include <string>
#include <string_view>

#include "model/run_result.h"

namespace reports {

inline constexpr int kJsonSchemaVersion = 1;

std::string json_report(const model::RunResult& result);

}  // namespace reports
