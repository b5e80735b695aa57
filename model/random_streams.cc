#include "model/random_streams.h"

namespace model {
namespace {

std::string join(std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(a.size() + 1 + b.size());
  out.append(a).append("/").append(b);
  return out;
}

std::string link(std::string_view from, std::string_view to) {
  std::string out(from);
  out.append("->").append(to);
  return out;
}

std::string_view draw_word(WorkloadDraw draw) {
  switch (draw) {
    case WorkloadDraw::kArrivals: return "arrivals";
    case WorkloadDraw::kOps: return "ops";
    case WorkloadDraw::kKeys: return "keys";
    case WorkloadDraw::kSizes: return "sizes";
  }
  return "?";
}

}  // namespace

std::string workload_stream(std::string_view region, std::string_view group, WorkloadDraw draw) {
  return join(join(join("workload", region), group), draw_word(draw));
}

std::string routing_stream(std::string_view region, std::string_view group) {
  return join(join("routing", region), group);
}

std::string retry_stream(std::string_view region, std::string_view group) {
  return join(join("retry", region), group);
}

std::string sessions_stream(std::string_view region, std::string_view group) {
  return join(join("sessions", region), group);
}

std::string service_latency_stream(std::string_view region, std::string_view group) {
  return join(join("service-latency", region), group);
}

std::string client_network_stream(std::string_view region, std::string_view group) {
  return join(join("client-network", region), group);
}

std::string poll_phase_stream(std::string_view region) { return join(join("replication", region), "poll-phase"); }

std::string network_stream(std::string_view from, std::string_view to) { return join("network", link(from, to)); }

std::string apply_stream(std::string_view from, std::string_view to) {
  return join("replication/apply", link(from, to));
}

std::string ttl_stream(std::string_view region) { return join("ttl", region); }

std::string quorum_stream(std::string_view region, std::string_view group) {
  return group.empty() ? join("quorum", region) : join(join("quorum", region), group);
}

}  // namespace model
