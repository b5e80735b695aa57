// The CSV time series of a run (`gtsim run --csv DIR`): one file per series
// family, one row per interval, one column per region or link, named
// after the CloudWatch metric where the service has one, so that a user can
// lay a file beside the real dashboard (docs/report-csv.md lists them).
//
// Per-second families start at time_s 0; per-minute ones (ReplicationLatency,
// ClientLatency) have a row per minute, time_s its start. Values are exact:
// integers, capacity units with one decimal, milliseconds with six.
// A pure function of the result: the same scenario and seed give the same bytes.
#pragma once

#include <string>
#include <vector>

#include "model/run_result.h"

namespace reports {

struct CsvFile {
  std::string name;     // "ConsumedWriteCapacityUnits.csv"
  std::string content;  // header line, then one line per interval
};

// Every file, in a fixed order.
std::vector<CsvFile> csv_report(const model::RunResult& result);

}  // namespace reports
