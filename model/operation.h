// Operation: what a client request does to an item.
//
// Puts and updates both write a whole new item version (the replicated unit
// is the item image, docs/sources.md, Conflicts); an update of a
// missing item creates it, as UpdateItem does. A delete writes a tombstone so
// that an older put arriving later cannot resurrect the item. A query reads
// the item through a global secondary index the group names.
#pragma once

#include <cstdint>
#include <string_view>

namespace model {

enum class Operation : uint8_t { kPut = 0, kUpdate = 1, kDelete = 2, kGet = 3, kQuery = 4 };

inline constexpr int kOperationCount = 5;

constexpr std::string_view operation_name(Operation op) {
  switch (op) {
    case Operation::kPut: return "put";
    case Operation::kUpdate: return "update";
    case Operation::kDelete: return "delete";
    case Operation::kGet: return "get";
    case Operation::kQuery: return "query";
  }
  return "?";
}

// "puts", "updates", "deletes", "gets", "queries": report field names.
constexpr std::string_view operation_plural(Operation op) {
  switch (op) {
    case Operation::kPut: return "puts";
    case Operation::kUpdate: return "updates";
    case Operation::kDelete: return "deletes";
    case Operation::kGet: return "gets";
    case Operation::kQuery: return "queries";
  }
  return "?";
}

constexpr bool is_write(Operation op) { return op <= Operation::kDelete; }
constexpr bool is_read(Operation op) { return op >= Operation::kGet; }

}  // namespace model
