// The reasons gtsim import gives for what a scenario cannot hold, shared by
// every import kind so that the same field reads the same way whatever the
// artefact (docs/import.md lists them).
#pragma once

#include <string_view>

namespace importer::words {

inline constexpr std::string_view kIdentity = "an identifier, a status or a timestamp: nothing to simulate";
inline constexpr std::string_view kKeySchema = "gtsim's items are numbered keys, not key attributes";
inline constexpr std::string_view kTableClass = "a table class changes prices only; a scenario has no key for it";
inline constexpr std::string_view kStream =
    "gtsim's replication stands for the stream a global table keeps; its view type changes nothing simulated";
inline constexpr std::string_view kEncryption = "encryption is not modelled";
inline constexpr std::string_view kIndexCapacity =
    "an index's own capacity is not modelled (docs/design.md, Not modelled)";
inline constexpr std::string_view kIndexShape = "gtsim's queries read an index by name; its keys and projection are not modelled";
inline constexpr std::string_view kLocalIndexes = "local secondary indexes are not modelled";
inline constexpr std::string_view kProtection = "deletion protection, backups and recovery change nothing simulated";
inline constexpr std::string_view kTags = "tags change nothing simulated";
inline constexpr std::string_view kOtherServices =
    "Kinesis streaming, Contributor Insights and resource policies are not modelled";
inline constexpr std::string_view kScaleTiming =
    "gtsim's auto scaling has its own alarm and update delays (scenarios/README.md, Capacity); cooldowns and "
    "scale-in settings are not imported";
inline constexpr std::string_view kWarmProvisioned =
    "warm throughput is imported for an on-demand table only; a provisioned replica serves its units";
inline constexpr std::string_view kOnDemandOfProvisioned = "on-demand maximums do not apply to a provisioned table";

inline constexpr std::string_view kResourceAttribute = "a resource attribute of CloudFormation's: nothing to simulate";

inline constexpr std::string_view kSeparateReplica =
    "a replica declared as its own resource is not imported: declare it as a replica block of the table, or add "
    "its region to the scenario";

}  // namespace importer::words
