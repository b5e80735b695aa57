// sim/link.h: latency drawn from the link's own stream, parking while cut,
// resending oldest first on restore, and dropping what is parked.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/link.h"

namespace {

sim::Link<int> jittery_link() {
  return sim::Link<int>(sim::LatencyModel(sim::Duration::milliseconds(40), sim::Distribution::exponential(5e6)),
                        sim::Rng::stream(7, "network/a->b"));
}

}  // namespace

TEST_CASE("Link: a record arrives after base plus jitter, drawn from the link's own stream") {
  sim::Link<int> link = jittery_link();
  sim::Rng same = sim::Rng::stream(7, "network/a->b");
  const sim::LatencyModel model = link.latency();
  const sim::Instant now = sim::Instant::from_ns(1'000);
  for (int i = 0; i < 100; ++i) {
    const std::optional<sim::Instant> at = link.send(i, now);
    REQUIRE(at.has_value());
    CHECK(*at == now + model.sample(same));
    CHECK(*at >= now + sim::Duration::milliseconds(40));
  }
  CHECK(link.parked() == 0);
}

TEST_CASE("Link: while cut it parks what is sent and draws nothing, and restore resends oldest first") {
  sim::Link<int> link = jittery_link();
  sim::Link<int> twin = jittery_link();
  link.cut();
  CHECK(link.is_cut());
  for (int i = 0; i < 5; ++i) CHECK_FALSE(link.send(i, sim::Instant::zero()).has_value());
  link.park(5);  // found on the link by the receiver while cut
  CHECK(link.parked() == 6);

  std::vector<int> resent;
  std::vector<sim::Instant> arrivals;
  link.restore([&](int record) {
    resent.push_back(record);
    arrivals.push_back(*link.send(record, sim::Instant::zero()));
  });
  CHECK_FALSE(link.is_cut());
  CHECK(resent == std::vector<int>{0, 1, 2, 3, 4, 5});
  // The cut consumed no draws: the resends take the stream's first samples.
  for (const sim::Instant at : arrivals) CHECK(at == *twin.send(0, sim::Instant::zero()));
  link.restore([&](int) { FAIL("a link not cut has nothing to resend"); });
}

TEST_CASE("Link: drop_parked empties the link oldest first, and set_latency applies to later sends") {
  sim::Link<int> link = jittery_link();
  link.cut();
  for (int i = 0; i < 20; ++i) link.send(i, sim::Instant::zero());  // grows the parked ring
  std::vector<int> dropped;
  link.drop_parked([&](int record) { dropped.push_back(record); });
  CHECK(dropped.size() == 20);
  for (int i = 0; i < 20; ++i) CHECK(dropped[static_cast<size_t>(i)] == i);
  CHECK(link.parked() == 0);
  link.restore([](int) {});
  link.set_latency(sim::LatencyModel::fixed(sim::Duration::seconds(2)));
  CHECK(*link.send(0, sim::Instant::zero()) == sim::Instant::zero() + sim::Duration::seconds(2));
}
