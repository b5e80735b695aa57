// The MRSC owner on its own (model/strong_consistency.h): the ranking of
// participants by round trip, the availability state machine (quorum lost,
// regained, caught up) and the conflict windows, driven by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/strong_consistency.h"
#include "tests/model/test_worlds.h"

namespace {

using model::StrongConsistency;
using Refusal = model::StrongConsistency::Refusal;
using gtsim_test::at_ms;
using gtsim_test::ms;

// us-east-1, us-east-2, us-west-2 with the catalogue's round trips (ms).
double us_rtt_ns(size_t a, size_t b) {
  const double rtt[3][3] = {{0, 14, 64}, {14, 0, 52}, {64, 52, 0}};
  return rtt[a][b] * 1e6;
}

model::Scenario us_table(bool witness) {
  model::Scenario scenario =
      gtsim_test::make_world({"us-east-1", "us-east-2", "us-west-2"}, sim::LatencyModel::fixed(ms(10)), 8);
  scenario.consistency.mode = model::MultiRegionConsistency::kStrong;
  if (witness) {
    scenario.consistency.has_witness = true;
    scenario.consistency.witness = 1;  // us-east-2
    scenario.regions[1].replica = false;
  }
  return scenario;
}

// Every link up, every region serving; `cut` names one undirected link down.
struct Reach {
  size_t cut_a = 9, cut_b = 9;
  std::vector<bool> serves = {true, true, true};
  bool operator()(size_t a, size_t b) const {
    return serves[b] && !((a == cut_a && b == cut_b) || (a == cut_b && b == cut_a));
  }
};

}  // namespace

TEST_CASE("MRSC owner: each region's quorum peer is its nearest reachable participant, the witness included") {
  const model::Scenario three = us_table(false);
  StrongConsistency replicas(three, {"us-east-1", "us-east-2", "us-west-2"});
  replicas.rank(us_rtt_ns);
  CHECK(replicas.by_distance(0) == std::vector<size_t>{1, 2});
  CHECK(replicas.by_distance(2) == std::vector<size_t>{1, 0});  // 52 ms before 64 ms
  Reach reach;
  auto serves = [&](size_t r) { return reach.serves[r]; };
  replicas.refresh(at_ms(0), 0, reach, serves, [](size_t) { return 0; });
  CHECK(replicas.peer(0) == 1);
  CHECK(replicas.peer(2) == 1);
  CHECK(replicas.refusal(0) == Refusal::kNone);
  // us-east-1 <-> us-east-2 cut: us-east-1 falls back to us-west-2.
  reach.cut_a = 0;
  reach.cut_b = 1;
  replicas.refresh(at_ms(5), 0, reach, serves, [](size_t) { return 0; });
  CHECK(replicas.peer(0) == 2);
  CHECK(replicas.peer(1) == 2);

  // With us-east-2 the witness, it is still us-east-1's nearest participant.
  const model::Scenario witness = us_table(true);
  StrongConsistency with_witness(witness, {"us-east-1", "us-east-2", "us-west-2"});
  CHECK(with_witness.is_witness(1));
  with_witness.rank(us_rtt_ns);
  with_witness.refresh(at_ms(0), 0, Reach{}, [](size_t) { return true; }, [](size_t) { return 0; });
  CHECK(with_witness.peer(0) == 1);
  CHECK(with_witness.peer(2) == 1);
  // Equal round trips: the name decides.
  StrongConsistency tied(three, {"us-east-1", "us-east-2", "us-west-2"});
  tied.rank([](size_t, size_t) { return 1e6; });
  CHECK(tied.by_distance(1) == std::vector<size_t>{0, 2});
}

TEST_CASE("MRSC owner: a region without a peer refuses; regained, it catches up on the writes bound for it first") {
  const model::Scenario three = us_table(false);
  StrongConsistency mrsc(three, {"us-east-1", "us-east-2", "us-west-2"});
  mrsc.rank(us_rtt_ns);
  Reach reach;
  auto serves = [&](size_t r) { return reach.serves[r]; };
  int64_t inbound = 0;
  auto bound = [&](size_t) { return inbound; };
  mrsc.refresh(at_ms(0), 0, reach, serves, bound);
  // us-west-2 loses both links (isolated).
  auto isolated_reach = [&](size_t a, size_t b) { return a != 2 && b != 2; };
  mrsc.refresh(at_ms(1000), 10, isolated_reach, serves, bound);
  CHECK(mrsc.refusal(2) == Refusal::kNoQuorum);
  CHECK(mrsc.refusal(0) == Refusal::kNone);  // us-east-1 and us-east-2 still reach each other
  CHECK(mrsc.peer(0) == 1);
  // Healed with 3 writes bound for it; they are writes 40, 41 and 45 (ids below 50).
  inbound = 3;
  mrsc.refresh(at_ms(3000), 50, Reach{}, serves, bound);
  CHECK(mrsc.refusal(2) == Refusal::kCatchingUp);
  mrsc.settled(2, 41, at_ms(3010));
  mrsc.settled(2, 52, at_ms(3011));  // committed after the heal: not waited for
  mrsc.settled(0, 40, at_ms(3012));  // another region's arrival
  mrsc.settled(2, 40, at_ms(3020));
  CHECK(mrsc.refusal(2) == Refusal::kCatchingUp);
  mrsc.settled(2, 45, at_ms(3030));
  CHECK(mrsc.refusal(2) == Refusal::kNone);
  mrsc.refused(2, Refusal::kNoQuorum);
  mrsc.refused(2, Refusal::kCatchingUp);
  mrsc.refused(2, Refusal::kCatchingUp);

  const model::StrongConsistencyResult result = mrsc.result(at_ms(5000));
  REQUIRE(result.episodes.size() == 1);
  CHECK(result.episodes[0].region == "us-west-2");
  CHECK(result.episodes[0].lost_ns == at_ms(1000).ns());
  CHECK(result.episodes[0].regained_ns == at_ms(3000).ns());
  CHECK(result.episodes[0].caught_up_ns == at_ms(3030).ns());
  CHECK(result.episodes[0].catch_up_writes == 3);
  CHECK(result.regions[2].without_quorum_ns == ms(2000).ns());
  CHECK(result.regions[2].catching_up_ns == ms(30).ns());
  CHECK(result.regions[2].no_quorum_errors == 1);
  CHECK(result.regions[2].catching_up_errors == 2);
  CHECK(result.regions[0].without_quorum_ns == 0);
}

TEST_CASE("MRSC owner: nothing bound for a region that regains its peer: it serves at once; one still out at the end") {
  const model::Scenario three = us_table(false);
  StrongConsistency mrsc(three, {"us-east-1", "us-east-2", "us-west-2"});
  mrsc.rank(us_rtt_ns);
  std::vector<bool> up = {true, true, true};
  auto serves = [&](size_t r) { return static_cast<bool>(up[r]); };
  auto reaches = [&](size_t, size_t b) { return static_cast<bool>(up[b]); };
  auto none = [](size_t) { return 0; };
  mrsc.refresh(at_ms(0), 0, reaches, serves, none);
  up[1] = up[2] = false;  // both others down: us-east-1 has no quorum, nor have they
  mrsc.refresh(at_ms(100), 0, reaches, serves, none);
  CHECK(mrsc.refusal(0) == Refusal::kNoQuorum);
  up[2] = true;  // us-west-2 back: us-east-1 and us-west-2 have a quorum
  mrsc.refresh(at_ms(300), 0, reaches, serves, none);
  CHECK(mrsc.refusal(0) == Refusal::kNone);
  CHECK(mrsc.refusal(2) == Refusal::kNone);
  CHECK(mrsc.refusal(1) == Refusal::kNoQuorum);
  const model::StrongConsistencyResult result = mrsc.result(at_ms(1000));
  REQUIRE(result.episodes.size() == 3);
  CHECK(result.episodes[0].region == "us-east-1");
  CHECK(result.episodes[0].caught_up_ns == at_ms(300).ns());
  CHECK(result.episodes[1].region == "us-east-2");
  CHECK(result.episodes[1].regained_ns == -1);
  CHECK(result.regions[1].without_quorum_ns == ms(900).ns());  // to the end
  CHECK(result.regions[1].catching_up_ns == 0);
}

TEST_CASE("MRSC owner: a write keeps its item for its window against the other regions' writes, ends included") {
  model::Scenario three = us_table(false);
  StrongConsistency mrsc(three, {"us-east-1", "us-east-2", "us-west-2"});
  CHECK(mrsc.modifying(3, 0, at_ms(0)) == StrongConsistency::kNone);
  mrsc.modify(3, 0, at_ms(100), ms(14));  // us-east-1 writes key 3: [100 ms, 114 ms]
  CHECK(mrsc.modifying(3, 1, at_ms(100)) == 0);
  CHECK(mrsc.modifying(3, 2, at_ms(114)) == 0);
  CHECK(mrsc.modifying(3, 1, sim::Instant::from_ns(at_ms(114).ns() + 1)) == StrongConsistency::kNone);
  CHECK(mrsc.modifying(3, 0, at_ms(105)) == StrongConsistency::kNone);  // its own region: no conflict
  CHECK(mrsc.modifying(4, 1, at_ms(105)) == StrongConsistency::kNone);  // another item
  mrsc.modify(3, 0, at_ms(110), ms(14));  // the same region again: the window reaches 124 ms
  CHECK(mrsc.modifying(3, 1, at_ms(120)) == 0);
  mrsc.modify(3, 2, at_ms(200), ms(52));  // after it, us-west-2 takes the item
  CHECK(mrsc.modifying(3, 0, at_ms(252)) == 2);
  mrsc.conflicted(0, 2);
  mrsc.conflicted(0, 2);
  mrsc.conflict_error(0);
  const model::StrongConsistencyResult result = mrsc.result(at_ms(1000));
  CHECK(result.regions[0].write_conflicts == 2);
  CHECK(result.regions[0].conflict_errors == 1);
  REQUIRE(result.pairs.size() == 6);
  CHECK(result.pairs[1].from == "us-east-1");
  CHECK(result.pairs[1].to == "us-west-2");
  CHECK(result.pairs[1].write_conflicts == 2);
  CHECK(result.conflict_window_ns == -1);

  // A fixed window replaces the round trip.
  three.consistency.window_is_quorum = false;
  three.consistency.conflict_window = ms(50);
  StrongConsistency fixed(three, {"us-east-1", "us-east-2", "us-west-2"});
  fixed.modify(1, 1, at_ms(0), ms(14));
  CHECK(fixed.modifying(1, 0, at_ms(50)) == 1);
  CHECK(fixed.modifying(1, 0, at_ms(51)) == StrongConsistency::kNone);
  CHECK(fixed.result(at_ms(0)).conflict_window_ns == ms(50).ns());
}

TEST_CASE("MRSC owner: an eventually consistent table allocates nothing and reports nothing") {
  const model::Scenario mrec = gtsim_test::make_world({"us-east-1", "eu-west-1"}, sim::LatencyModel::fixed(ms(35)));
  const StrongConsistency none(mrec, {"us-east-1", "eu-west-1"});
  CHECK(!none.enabled());
  CHECK(!none.result(at_ms(0)).enabled);
}
