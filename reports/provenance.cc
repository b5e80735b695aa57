#include "reports/provenance.h"

#include <fmt/format.h>

#include "sim/time.h"

namespace reports {
namespace {

std::string scaling(const char* unit, int64_t units, const model::AutoScalingConfig& a) {
  if (!a.enabled) return fmt::format("{} {}", units, unit);
  return fmt::format("{} {} (auto scaling {}-{} at {:g}%)", units, unit, a.min_units, a.max_units, a.target_percent);
}

std::string capacity_text(const model::CapacityConfig& c) {
  if (c.mode == model::CapacityMode::kOnDemand) {
    return fmt::format("on demand: {} WRU, {} RRU at once, at most {}, {}", c.on_demand_write_units,
                       c.on_demand_read_units, c.table_max_write_units, c.table_max_read_units);
  }
  return fmt::format("provisioned {}, {}; burst {} s", scaling("WCU", c.write_units, c.write_scaling),
                     scaling("RCU", c.read_units, c.read_scaling), c.burst_seconds);
}

// A client group's rate (requests per second at the start).
double group_rate(const model::ClientGroupConfig& group) { return group.rate_per_second; }

std::string clients_text(const std::vector<model::ClientGroupConfig>& groups) {
  if (groups.empty()) return "none";
  double total = 0;
  std::string each;
  for (const model::ClientGroupConfig& g : groups) {
    total += group_rate(g);
    each += fmt::format("{}{} {:g}/s", each.empty() ? "" : ", ", g.name, group_rate(g));
  }
  return fmt::format("{:g} requests/s: {}", total, each);
}

bool needs_quotes(const std::string& arg) {
  if (arg.empty()) return true;
  for (const char c : arg) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-_./=:,@+%").find(c) != std::string_view::npos;
    if (!plain) return true;
  }
  return false;
}

}  // namespace

std::string Provenance::short_line() const {
  std::string out = gtsim.empty() ? std::string("gtsim") : gtsim;
  out += " · " + scenario_name;
  if (!scenario_hash.empty()) out += " (" + scenario_hash + ")";
  if (!seeds.empty()) out += " · seed " + seeds;
  return out;
}

Provenance provenance_of(const model::Scenario& scenario) {
  Provenance p;
  p.scenario_file = scenario.file;
  p.scenario_name = scenario.name;
  p.description = scenario.description;
  p.seeds = std::to_string(scenario.seed);
  p.duration = sim::format_duration(scenario.duration);
  p.version = scenario.version == model::GlobalTablesVersion::k2019_11_21 ? "2019.11.21" : "2017.11.29";
  p.replication = fmt::format("poll every {}, batches of {}, apply {}",
                              sim::format_duration(scenario.replication.poll_interval),
                              scenario.replication.batch_size,
                              sim::format_duration(scenario.replication.apply_time.base()));
  for (size_t r = 0; r < scenario.regions.size(); ++r) {
    const model::RegionConfig& region = scenario.regions[r];
    RegionSettings settings{region.name, region.replica ? capacity_text(region.capacity) : "no replica at the start",
                            clients_text(r < scenario.workload.size() ? scenario.workload[r]
                                                                      : std::vector<model::ClientGroupConfig>{})};
    p.regions.push_back(std::move(settings));
  }
  return p;
}

std::string command_line(int argc, const char* const* argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (needs_quotes(arg)) {
      std::string quoted = "'";
      for (const char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      arg = quoted + "'";
    }
    out += (i == 0 ? "" : " ") + arg;
  }
  return out;
}

}  // namespace reports
