// The CSV time series of a run (`gtsim run --csv DIR`): one file per series
// family, one row per interval, one column per region or link, named
// after the CloudWatch metric where the service has one, so that a user can
// lay a file beside the real dashboard (docs/report-csv.md lists them).
//
// Each row is one point of its series: time_s its start, step_s the seconds
// it covers (model/series_resolution.h). Per-second families have a row per
// second for the first 3 hours, then per minute (counts summed, levels at
// their largest), per 5 minutes after 15 days; per-minute ones
// (ReplicationLatency, ClientLatency, ClientGroupLatency,
// SuccessfulRequestLatency) a row per minute, per 5 minutes after 15 days.
// Values are exact: integers, capacity units with
// one decimal, milliseconds with six; a latency cell is empty in a minute
// that served no request (no value, not 0).
// A pure function of the result: the same scenario and seed give the same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/run_result.h"

namespace reports {

struct CsvFile {
  std::string name;     // "ConsumedWriteCapacityUnits.csv"
  std::string content;  // header line, then one line per interval
};

// Every file, in a fixed order.
std::vector<CsvFile> csv_report(const model::RunResult& result);

// A CSV cell holding text (a header, a parameter's value): RFC 4180 quoted
// when it holds a comma, quote or line break; and a cell a spreadsheet
// would run as a formula (starting with =, +, -, @, a tab or a carriage
// return) gets a leading apostrophe, as OWASP advises, unless it is a plain
// decimal number such as -5 or -0.25.
std::string csv_cell(std::string_view text);

}  // namespace reports
