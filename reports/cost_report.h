// The cost section of a run's reports, from reports/cost_breakdown.h: the
// JSON report's `cost` object (docs/report-schema.md), the terminal's
// table, the HTML report's table, `cost.csv`, and its figures under
// `cost.` (docs/report-paths.md), which figures_from_report reads back from
// the JSON exactly as flatten() gives them.
//
// Money is written exactly (dollars with six decimals) in the JSON and
// the CSV, and to the cent on the terminal and in the HTML; its figures
// are integers of micro-dollars (model/money.h).
//
// Determinism: pure functions of the result.
#pragma once

#include <string>
#include <vector>

#include "model/run_result.h"
#include "reports/cost_breakdown.h"
#include "reports/csv_report.h"
#include "reports/json_value.h"
#include "reports/json_writer.h"
#include "reports/metric_paths.h"

namespace reports {

// "cost": {...}, a member of the object open in `json`.
void write_cost_json(JsonWriter& json, const model::RunResult& result);

// The terminal's lines: the totals, then per region a month by component.
std::string cost_text(const model::RunResult& result);

// The HTML report's section: a table per region and component, and the prices' basis.
std::string cost_html(const model::RunResult& result);

// cost.csv: one row per region and component, then the regions' totals.
CsvFile cost_csv(const model::RunResult& result);

// The figures, in path order: cost.total_usd, cost.monthly_usd,
// cost.<component>_usd, cost.monthly.<component>_usd, then per region
// cost.regions.R.<component>_usd, .total_usd, .monthly_usd,
// .monthly.<component>_usd.
void append_cost_figures(const CostBreakdown& cost, std::vector<Figure>* figures);

// The same figures from a JSON report's `cost`; true, adding none, when the
// report has no cost section (made before it existed); false and *error
// when it is malformed.
bool cost_figures_from_report(const JsonValue& report, std::vector<Figure>* figures, std::string* error);

}  // namespace reports
