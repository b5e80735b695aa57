// Billing usage: what one region's DynamoDB bill is made of, as the run
// counts it. reports/cost_breakdown.h prices it with model/pricing.h.
//
// Request units are counted as the capacity model charges them
// (docs/model.md, Capacity and throttling: 1 unit per KB written, rounded
// up per item; 1 per 4 KB strongly consistent read, half eventually
// consistent, double transactional), only for requests the replica
// admitted (a throttled or failed attempt is not billed) and only while the
// replica was on demand (provisioned capacity is billed by the hour held
// instead). A TTL delete costs nothing where it is made and a replicated
// write everywhere else, as the capacity model already charges it.
//
// Invariants: `capacity` is in time order, its first record at 0, no two
// at one instant; units are 0 while the region has no replica or is on
// demand.
//
// Determinism: integer counts of the run's own values.
#pragma once

#include <cstdint>
#include <vector>

namespace model {

// The provisioned capacity a region held from `at_ns` until the next record.
struct CapacityHeld {
  int64_t at_ns = 0;
  bool replica = false;       // a replica exists there (being backfilled included)
  int64_t write_units = 0;    // provisioned WCU; 0 on demand or without a replica
  int64_t read_units = 0;     // provisioned RCU
};

struct BilledUsage {
  // On-demand request units x 1000.
  int64_t local_write_milli = 0;       // its clients' writes
  int64_t replicated_write_milli = 0;  // other regions' writes applied here (their TTL deletes included)
  int64_t read_milli = 0;              // its clients' gets and queries
  std::vector<CapacityHeld> capacity;  // every change, in time order
  uint64_t stored_bytes = 0;           // item bytes its replica holds at the end (0 without one)
  uint64_t replicated_out_bytes = 0;   // item bytes of its writes applied in other regions
};

}  // namespace model
