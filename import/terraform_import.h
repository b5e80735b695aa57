// import_terraform: `gtsim import terraform SHOW.json [--resource ADDRESS]`
// (docs/import.md, "terraform"). The JSON `terraform show -json` prints for
// a plan (planned_values) or a state (values), its root module and child
// modules searched for aws_dynamodb_table resources with replica blocks:
//
//   the table's own region        values.region, else the region of
//                                 values.arn, else the aws provider's
//                                 region in the plan's configuration
//   replica[].region_name         the other regions
//   billing_mode (default PROVISIONED), read_capacity, write_capacity
//   aws_appautoscaling_target and _policy on "table/NAME"   auto scaling
//   on_demand_throughput, warm_throughput, global_secondary_index[].name,
//   ttl[].enabled
//   replica[].consistency_mode STRONG, global_table_witness[].region_name
//                                 MRSC and its witness (import/strong_draft.h)
//
// A file with several such tables needs --resource (a resource address,
// e.g. module.db.aws_dynamodb_table.this[0]). Attributes nobody set (null,
// empty blocks) are passed over; the rest that a scenario cannot hold are
// filed as not imported. Determinism: a pure function of the file's bytes.
#pragma once

#include "import/import_request.h"

namespace importer {

ImportOutcome import_terraform(const ImportRequest& request);

}  // namespace importer
