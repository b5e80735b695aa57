// import_cloudformation: `gtsim import cloudformation TEMPLATE [--param
// Name=Value]... [--resource LogicalId]` (docs/import.md, "cloudformation").
// One AWS::DynamoDB::GlobalTable resource of a template, YAML (short-form
// tags) or JSON, its intrinsic functions evaluated by import/cfn_template.h:
//
//   Replicas[].Region                          regions, in template order
//   Replicas[].ReadProvisionedThroughputSettings  a replica's read_units or
//                                              read auto scaling
//   Replicas[].ReadOnDemandThroughputSettings  a replica's max_read_units
//   BillingMode (default PROVISIONED)          capacity mode
//   WriteProvisionedThroughputSettings.WriteCapacityAutoScalingSettings
//                                              write auto scaling; write_units
//                                              its SeedCapacity, else MinCapacity
//   WriteOnDemandThroughputSettings, WarmThroughput   max and warm units
//   GlobalSecondaryIndexes[].IndexName         indexes
//   TimeToLiveSpecification.Enabled            ttl
//
// A template with several global tables needs --resource; a resource whose
// Condition is false is not one. MultiRegionConsistency and
// GlobalTableWitnesses[].Region give MRSC (import/strong_draft.h settles it).
// Determinism: a pure function of the template and the request.
#pragma once

#include "import/import_request.h"

namespace importer {

ImportOutcome import_cloudformation(const ImportRequest& request);

}  // namespace importer
