// Random streams: the name of every random stream the world draws from,
// built here and nowhere else.
//
// A stream is seeded by (root seed, name) (sim/random.h), so its name is part
// of every result: renaming a stream moves every figure that depends on it.
// The grammar, with <region> and <group> as the scenario spells them and
// <link> = <from>-><to>:
//
//   workload/<region>/<group>/arrivals   a client group's request arrivals
//   workload/<region>/<group>/ops        its operation mix
//   workload/<region>/<group>/keys       its key choice
//   workload/<region>/<group>/sizes      its item sizes
//   routing/<region>/<group>             where its requests go after a shift_traffic
//   retry/<region>/<group>               its retry backoff jitter
//   sessions/<region>/<group>            its sessions' redirects and delays
//   service-latency/<region>/<group>     the service's response time to its requests
//   client-network/<region>/<group>      its round trips to a region other than its home
//   replication/<region>/poll-phase      the phase of the region's stream polls
//   network/<link>                       the link's network latency
//   replication/apply/<link>             the apply time at the link's end
//   ttl/<region>                         the region's TTL process
//   quorum/<region>/<group>              round trips of its MRSC requests to their quorum peer
//   quorum/<region>                      ... of the region's scripted writes (tests)
//
// Invariants: each kind's names start with its own word; region names hold
// letters, digits, '-' and '_' and group names are unique in their region
// (load/), so the streams of one kind are distinct. The names are those the
// golden reports were made with: change none of them.
// Determinism: pure functions of their arguments.
#pragma once

#include <string>
#include <string_view>

namespace model {

enum class WorkloadDraw { kArrivals, kOps, kKeys, kSizes };

std::string workload_stream(std::string_view region, std::string_view group, WorkloadDraw draw);
std::string routing_stream(std::string_view region, std::string_view group);
std::string retry_stream(std::string_view region, std::string_view group);
std::string sessions_stream(std::string_view region, std::string_view group);
std::string service_latency_stream(std::string_view region, std::string_view group);
std::string client_network_stream(std::string_view region, std::string_view group);
std::string poll_phase_stream(std::string_view region);
std::string network_stream(std::string_view from, std::string_view to);
std::string apply_stream(std::string_view from, std::string_view to);
std::string ttl_stream(std::string_view region);
// An empty group names the region's scripted writes' stream.
std::string quorum_stream(std::string_view region, std::string_view group);

}  // namespace model
