// TableDraft: what an importer learnt about one global table from the
// user's artefacts, each value with its Source (file and path inside it),
// before it becomes a scenario (import/scenario_writer.h).
//
// Invariants once an importer returns a draft: region names are valid
// scenario region names (load/region_section's rule), unique, at least
// two of them, the table's own region first when the artefact says which it
// is; every count is within the scenario schema's range for its key; index
// names are valid scenario index names, unique. What the artefact holds and
// the scenario cannot is in not_imported, never dropped in silence.
// Determinism: plain data, filled in file order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace importer {

// Where a value came from: "table.json" and "Table.ItemCount"; for a
// CloudFormation value also how it was resolved ("!Ref ReplicaRegion:
// Parameters.ReplicaRegion.Default").
struct Source {
  std::string file;
  std::string path;
  std::string via;  // empty unless an intrinsic function or a parameter gave the value

  std::string to_string() const;  // "table.json: Table.ItemCount" (+ " (via)")
};

struct NotImported {
  Source source;
  std::string reason;  // why the scenario cannot hold it, or what was done instead
};

struct Count {
  int64_t value = 0;
  Source source;
};

// Target tracking auto scaling of one capacity dimension.
struct Scaling {
  int64_t min_units = 0;
  int64_t max_units = 0;
  double target_percent = 70.0;
  Source source;
};

enum class Billing { kOnDemand, kProvisioned };

struct ReplicaDraft {
  std::string region;
  Source source;
  std::optional<Count> read_units;      // provisioned: this replica's own read capacity
  std::optional<Scaling> read_scaling;  // provisioned: this replica's read auto scaling
  std::optional<Count> max_read_units;  // on demand: this replica's maximum read request units
};

struct IndexDraft {
  std::string name;
  Source source;
};

struct TtlDraft {
  bool enabled = false;
  std::string attribute;  // the item attribute holding the expiry, when given
  Source source;
};

// A client group whose rate is a CloudWatch series (import/cloudwatch_traffic.h).
struct TrafficDraft {
  std::string region;
  std::string group;   // "writers" or "readers"
  std::string op;      // "put" or "get"
  std::string file;    // as the scenario refers to it
  std::string metric;  // the series' name in the file
  std::string period;  // "1m" or "5m"
  Source source;
};

// The witness region of a multi-Region strongly consistent table (two
// replicas and a witness).
struct WitnessDraft {
  std::string region;
  Source source;
};

struct TableDraft {
  std::string kind;                  // the import kind: "describe-table", ...
  std::vector<std::string> files;    // the input files, as given
  std::vector<std::string> inputs;   // each input file with what it was read as
  std::string name;
  Source name_source;
  std::string version = "2019.11.21";
  std::optional<Source> version_source;  // none: the artefact does not say (assumed)
  Billing billing = Billing::kOnDemand;
  Source billing_source;
  // Provisioned, the same in every replica (version 2019.11.21) or the
  // described replica's (2017.11.29).
  std::optional<Count> write_units;
  std::optional<Count> read_units;
  std::optional<Scaling> write_scaling;
  std::optional<Scaling> read_scaling;   // for a replica that has none of its own
  // On demand.
  std::optional<Count> warm_write_units;
  std::optional<Count> warm_read_units;
  std::optional<Count> max_write_units;
  std::optional<Count> max_read_units;
  std::vector<ReplicaDraft> replicas;
  std::vector<IndexDraft> indexes;
  std::optional<TtlDraft> ttl;
  std::optional<Source> strong;           // where the artefact says STRONG (MRSC); none: MREC
  std::optional<WitnessDraft> witness;    // an MRSC table's witness (import/strong_draft.h settles both)
  std::optional<Count> item_count;        // approximate, as DynamoDB reports it
  std::optional<Count> table_size_bytes;  // approximate, as DynamoDB reports it
  std::vector<TrafficDraft> traffic;      // empty: the writer assumes a light load
  int64_t traffic_seconds = 0;            // the shortest series' span, when traffic is not empty
  std::vector<NotImported> not_imported;
  std::vector<std::string> assumptions;   // what the importer assumed beyond the scenario's keys
  std::vector<std::string> warnings;      // what makes the scenario differ from the table in kind

  void skip(Source source, std::string reason) { not_imported.push_back({std::move(source), std::move(reason)}); }
  // Appends a replica, or files a region listed twice as not imported.
  // Returns the replica (the first one of that region).
  ReplicaDraft& add_replica(const std::string& region, const Source& source);
  ReplicaDraft* replica(const std::string& region);
  // The replicas' regions, then the witness's: every region of the scenario.
  std::vector<std::string> regions() const;
  // Sets the witness, or files a second one as not imported (a table has one).
  void add_witness(const std::string& region, const Source& source);
};

// Why the draft's regions cannot make a scenario ("needs at least two
// regions, found 1: 'us-east-1'"), or empty.
std::string region_count_problem(const TableDraft& draft);

// The scenario's limit on regions.
inline constexpr size_t kRegionsMax = 64;

}  // namespace importer
