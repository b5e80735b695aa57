// The timeline's actions: the one table of the keys a timeline event may
// have besides `at` (scenarios/README.md, "Timeline"). Each row gives the
// action's key, the primitive event it reads (model::TimelineKind; some
// actions expand into more: a pause is a cut and a later restore), the
// shape of its value as messages word it, whether settings_sync copies it
// to every other region, and its reader (load/timeline_section.h). The key
// list of an event map, the actions named in "expected one action"
// messages, the suggestions for a misspelt action and the synchronized rule
// all come from this table: an action is added by adding its enumerator,
// its row and its reader.
//
// Only the loader knows actions: the world and the reports see the
// primitive events (model/scenario.h), never an action's name.
//
// Invariant: one row per TimelineAction, in enum order (checked at compile
// time). Determinism: constant data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario.h"

namespace load {

enum class TimelineAction : uint8_t {
  kOutage, kDisableRegion, kKmsInaccessible, kRecover, kShiftTraffic, kSetCapacity,
  kPartition, kIsolate, kHeal, kDegradeLink, kPauseReplication,
  kClockStep, kClockDrift,
  kCreateIndex, kDeleteIndex, kEnableTtl, kDisableTtl,
  kAddReplica, kRemoveReplica,
  kCount,  // not an action: how many there are
};

// The key an outage (disable_region, kms_inaccessible) may have beside its
// action: the traffic shift that follows.
inline constexpr std::string_view kFailoverKey = "failover";

class TimelineChecker;
struct ActionInput;

struct TimelineActionRow {
  using Reader = std::optional<model::TimelineEvent> (TimelineChecker::*)(const ActionInput&);

  TimelineAction action;
  std::string_view name;     // its key in an event map
  model::TimelineKind kind;  // the event it reads
  std::string_view example;  // its value, as messages say it; "" for a region name
  bool synchronized;         // an administrative change: settings_sync copies it
  Reader reader;
};

// Every row, in TimelineAction order.
std::span<const TimelineActionRow> timeline_actions();

const TimelineActionRow& timeline_action(TimelineAction action);

// Every action's name, in table order.
const std::vector<std::string>& timeline_action_names();

// The keys an event map may have: `at`, then every action's name, with
// kFailoverKey right after the outage actions'.
const std::vector<std::string>& timeline_event_keys();

}  // namespace load
