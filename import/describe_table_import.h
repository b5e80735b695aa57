// import_describe_table: `gtsim import describe-table FILE...` (docs/import.md,
// "describe-table"). Each file is told apart by its top-level key, in any
// order, at most one of each:
//
//   Table                        aws dynamodb describe-table
//   TableAutoScalingDescription  aws dynamodb describe-table-replica-auto-scaling
//                                (write and read auto scaling per replica)
//   TimeToLiveDescription        aws dynamodb describe-time-to-live
//   GlobalTableDescription       aws dynamodb describe-global-table (version
//                                2017.11.29: its ReplicationGroup gives the regions)
//
// A describe-table or a describe-global-table output is required; the
// others must be about the same table and its replicas. JSON or the AWS
// CLI's YAML output. Determinism: a pure function of the files' bytes.
#pragma once

#include "import/import_request.h"

namespace importer {

ImportOutcome import_describe_table(const ImportRequest& request);

}  // namespace importer
