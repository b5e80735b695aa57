// Traffic from CloudWatch: the JSON that `aws cloudwatch get-metric-data`
// prints (load/cloudwatch_metric_data.h reads it), turned into client
// groups whose rate is a trace curve (scenarios/README.md, "Trace files"),
// for `gtsim import cloudwatch FILE...` and for `--traffic FILE` with any
// other kind (docs/import.md, "cloudwatch").
//
// Mapping: a series' Label (or, without one, its Id) is "REGION METRIC",
// REGION an AWS region name and METRIC ConsumedWriteCapacityUnits (a group
// `writers`, all puts) or ConsumedReadCapacityUnits (a group `readers`, all
// gets); one series per region and metric. The scenario refers to the file
// by its path relative to the --out file's directory (or the working
// directory) and to the series by its name, so a user can edit the file or
// the series and rerun. The period (1m or 5m) is the series' first step;
// the run lasts as long as the shortest series.
// Refused, at the file's line and column: what the reader refuses, a series
// named otherwise, a region or metric given twice, fewer than two points.
// Determinism: a pure function of the files' bytes and the names given.
#pragma once

#include <string>
#include <vector>

#include "import/import_request.h"
#include "import/table_draft.h"
#include "model/diagnostic.h"

namespace importer {

// Adds the files' series to draft->traffic (and the regions they name that
// the draft lacks, when add_regions); false after reporting into *out.
bool read_traffic(const std::vector<std::string>& files, const std::string& out_file, bool add_regions,
                  TableDraft* draft, std::vector<model::Diagnostic>* out);

// `gtsim import cloudwatch`: an on-demand table (assumed) in the regions the
// series name, with their traffic.
ImportOutcome import_cloudwatch(const ImportRequest& request);

}  // namespace importer
