// read_table_description: the `Table` object `aws dynamodb describe-table`
// prints (API_TableDescription), into a TableDraft (docs/import.md,
// "describe-table"):
//
//   TableName                          name
//   TableArn's region, Replicas        regions, the table's own region first
//   GlobalTableVersion                 version
//   BillingModeSummary.BillingMode     capacity mode (absent: provisioned)
//   ProvisionedThroughput              write_units, read_units
//   Replicas[].ProvisionedThroughputOverride.ReadCapacityUnits   a replica's read_units
//   OnDemandThroughput, Replicas[].OnDemandThroughputOverride     max_*_units
//   WarmThroughput                     warm_*_units
//   GlobalSecondaryIndexes[].IndexName indexes
//   ItemCount, TableSizeBytes          keys, mean item size, prepopulated
//
// Everything else is filed as not imported with its reason, including
// replicas in a status that is not serving. MultiRegionConsistency and
// GlobalTableWitnesses give MRSC (import/strong_draft.h settles it). Reports wrong types and ranges with their
// place. Determinism: a pure function of the tree.
#pragma once

#include "import/artefact_reader.h"
#include "import/table_draft.h"

namespace importer {

// n is the value of the top-level key `Table`; path is "Table".
void read_table_description(ArtefactReader* reader, const Node& n, TableDraft* draft);

// One ReplicaDescription (an item of Table.Replicas, or of describe-global-
// table's ReplicationGroup) at path: a replica of the draft unless its
// status says it is not serving. REQUIRES: the draft's billing is known.
void read_replica_description(ArtefactReader* reader, const Node& item, const std::string& path, TableDraft* draft);

// The region of an ARN "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE", or
// empty when it has none or is not an ARN.
std::string arn_region(const std::string& arn);

}  // namespace importer
