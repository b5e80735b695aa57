#include "model/simulation.h"

#include "model/world.h"

namespace model {

Simulation::Simulation(const Scenario& scenario) : world_(std::make_unique<World>(scenario)) {}
Simulation::~Simulation() = default;

void Simulation::add_scripted_write(size_t region, sim::Instant at, uint64_t key, Operation op) {
  world_->add_scripted_write(region, at, key, op);
}

void Simulation::set_observer(Observer* observer) { world_->observer_ = observer; }

RunResult Simulation::run(const RunLimits& limits) { return world_->run(limits); }

Simulation::ItemFootprint Simulation::item_footprint() const {
  const ReplicaItems& items = world_->items();
  return ItemFootprint{items.touched(), items.bytes(), items.dense()};
}

std::optional<WriteSummary> Simulation::stored(size_t region, uint64_t key) const {
  return world_->stored(region, key);
}

}  // namespace model
