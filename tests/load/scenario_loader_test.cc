#include "load/scenario_loader.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/load/load_errors.h"

namespace load {
namespace {

using gtsim_test::kMinimal;
using gtsim_test::Lines;
using gtsim_test::load_ok;
using gtsim_test::load_refused;
using model::Arrivals;
using model::ClientGroupConfig;
using model::Diagnostic;
using model::KeyDistributionKind;
using model::Scenario;
using sim::Distribution;
using sim::Duration;

TEST_CASE("Diagnostic: prints file:line:column, or the file alone at line 0") {
  CHECK(Diagnostic{"s.yaml", 3, 7, "oops"}.to_string() == "s.yaml:3:7: error: oops");
  CHECK(Diagnostic{"--set a=1", 0, 0, "oops"}.to_string() == "--set a=1: error: oops");
}

// ---- Good inputs ----

TEST_CASE("scenario_loader: minimal scenario takes every default (two catalogue regions)") {
  const Scenario s = load_ok(kMinimal, {}, "dir/s.yaml");
  CHECK(s.file == "dir/s.yaml");
  CHECK(s.name == "s");
  CHECK(s.description.empty());
  CHECK(s.seed == 1);
  CHECK(s.duration == Duration::minutes(10));
  REQUIRE(s.region_count() == 2);
  CHECK(s.regions[0].name == "us-east-1");
  CHECK(s.regions[1].name == "eu-west-1");
  CHECK(s.regions[1].clock.offset == Duration::zero());
  CHECK(s.regions[1].clock.drift_ppm == 0.0);
  // Catalogue RTT 70ms (CloudPing 2024-04-19), one way = 35ms, constant.
  CHECK(s.latency(0, 1).base() == Duration::milliseconds(35));
  CHECK(s.latency(1, 0).base() == Duration::milliseconds(35));
  CHECK(s.latency(0, 1).is_constant());
  CHECK(s.replication.poll_interval == Duration::milliseconds(500));
  CHECK(s.replication.batch_size == 1000);
  CHECK(s.replication.apply_time.base() == Duration::milliseconds(100));
  CHECK(s.table.key_count == 1000);
  CHECK(s.table.key_distribution.kind == KeyDistributionKind::kUniform);
  CHECK(s.table.item_size_bytes.mean() == 1024.0);
  REQUIRE(s.workload.size() == 2);
  CHECK(s.workload[0].empty());
  CHECK(s.workload[1].empty());
}

TEST_CASE("scenario_loader: every key of the schema (full scenario)") {
  const Scenario s = load_ok(R"(
name: full
description: "every key"
seed: 18446744073709551615
duration: 1h30m
regions:
  - us-east-1
  - name: r1
    clock: {offset: -20ms, drift_ppm: 15}
  - r2
network:
  links:
    - between: [us-east-1, r1]
      latency: 35ms
    - from: us-east-1
      to: r2
      latency: {base: 40ms, jitter: {exponential: {mean: 5ms}}}
    - {from: r2, to: us-east-1, latency: {constant: 41ms}}
    - {between: [r1, r2], latency: {uniform: {min: 1ms, max: 3ms}}}
replication:
  poll_interval: 0s
  batch_size: 7
  apply_time: 0s
table:
  keys: 100000000
  key_distribution: {zipf: {exponent: 1.1}}
  item_size: 2KB
workload:
  us-east-1:
    - name: writers
      rate: 1000
      arrivals: constant
      mix: {put: 80, update: "10%", delete: 5, get: 5}
    - rate: 0.5
  r2: []
)");
  CHECK(s.name == "full");
  CHECK(s.description == "every key");
  CHECK(s.seed == 18446744073709551615ULL);
  CHECK(s.duration == Duration::minutes(90));
  REQUIRE(s.region_count() == 3);
  CHECK(s.regions[1].name == "r1");
  CHECK(s.regions[1].clock.offset == -Duration::milliseconds(20));
  CHECK(s.regions[1].clock.drift_ppm == 15.0);
  // `between` sets both directions.
  CHECK(s.latency(0, 1).base() == Duration::milliseconds(35));
  CHECK(s.latency(1, 0).base() == Duration::milliseconds(35));
  // `from`/`to` sets one direction only.
  CHECK(s.latency(0, 2).base() == Duration::milliseconds(40));
  REQUIRE(s.latency(0, 2).jitter_ns().has_value());
  CHECK(s.latency(0, 2).jitter_ns()->kind() == Distribution::Kind::kExponential);
  CHECK(s.latency(0, 2).mean_ns() == 45e6);
  CHECK(s.latency(2, 0).base() == Duration::milliseconds(41));
  CHECK(s.latency(2, 0).is_constant());
  CHECK(s.latency(1, 2).base() == Duration::zero());
  CHECK(s.latency(1, 2).jitter_ns()->kind() == Distribution::Kind::kUniform);
  CHECK(s.latency(2, 1).mean_ns() == 2e6);
  CHECK(s.replication.poll_interval == Duration::zero());
  CHECK(s.replication.batch_size == 7);
  CHECK(s.replication.apply_time.base() == Duration::zero());
  CHECK(s.replication.apply_time.is_constant());
  CHECK(s.table.key_count == 100000000);
  CHECK(s.table.key_distribution.kind == KeyDistributionKind::kZipf);
  CHECK(s.table.key_distribution.zipf_exponent == 1.1);
  CHECK(s.table.item_size_bytes.mean() == 2048.0);
  REQUIRE(s.workload[0].size() == 2);
  const ClientGroupConfig& writers = s.workload[0][0];
  CHECK(writers.name == "writers");
  CHECK(writers.rate_per_second == 1000.0);
  CHECK(writers.arrivals == Arrivals::kConstant);
  CHECK(writers.mix.put_percent == 80.0);
  CHECK(writers.mix.update_percent == 10.0);
  CHECK(writers.mix.delete_percent == 5.0);
  CHECK(writers.mix.get_percent == 5.0);
  const ClientGroupConfig& unnamed = s.workload[0][1];
  CHECK(unnamed.name == "1");
  CHECK(unnamed.arrivals == Arrivals::kPoisson);
  CHECK(unnamed.mix.put_percent == 100.0);
  CHECK(unnamed.mix.get_percent == 0.0);
  CHECK(s.workload[1].empty());
  CHECK(s.workload[2].empty());
}

TEST_CASE("scenario_loader: every distribution kind (latency in ns)") {
  const Scenario s = load_ok(kMinimal + R"(
network:
  links:
    - {from: us-east-1, to: eu-west-1, latency: {normal: {mean: 30ms, stddev: 0s}}}
    - {from: eu-west-1, to: us-east-1, latency: {lognormal: {median: 30ms, p99: 60ms}}}
replication:
  apply_time: {pareto: {scale: 1ms, shape: 2}}
table:
  item_size: {empirical: {0: 100B, 50: 1KB, "100%": 1MB}}
)");
  CHECK(s.latency(0, 1).jitter_ns()->kind() == Distribution::Kind::kNormal);
  CHECK(s.latency(0, 1).mean_ns() == 30e6);
  CHECK(s.latency(1, 0).jitter_ns()->kind() == Distribution::Kind::kLognormal);
  CHECK(s.latency(1, 0).quantile_ns(0.5) == Approx(30e6));
  CHECK(s.latency(1, 0).quantile_ns(0.99) == Approx(60e6));
  CHECK(s.replication.apply_time.jitter_ns()->kind() == Distribution::Kind::kPareto);
  CHECK(s.replication.apply_time.mean_ns() == Approx(2e6));
  CHECK(s.table.item_size_bytes.kind() == Distribution::Kind::kEmpirical);
  CHECK(s.table.item_size_bytes.quantile(0.5) == Approx(1024.0));
  CHECK(s.table.item_size_bytes.quantile(1.0) == Approx(1048576.0));
}

TEST_CASE("scenario_loader: empirical latency and hotspot keys") {
  const Scenario s = load_ok(kMinimal + R"(
network:
  links:
    - between: [us-east-1, eu-west-1]
      latency: {empirical: {0: 30ms, 50: 40ms, 99: 60ms, 100: 90ms}}
table:
  key_distribution: {hotspot: {traffic: 90%, keys: 10}}
  item_size: {uniform: {min: 1KB, max: 3KB}}
)");
  CHECK(s.latency(0, 1).quantile_ns(0.5) == Approx(40e6));
  CHECK(s.latency(1, 0).quantile_ns(0.99) == Approx(60e6));
  CHECK(s.table.key_distribution.kind == KeyDistributionKind::kHotspot);
  CHECK(s.table.key_distribution.hotspot_traffic == Approx(0.9));
  CHECK(s.table.key_distribution.hotspot_keys == Approx(0.1));
  CHECK(s.table.item_size_bytes.mean() == 2048.0);
}

TEST_CASE("scenario_loader: catalogue RTT/2 fills pairs without a link (three regions)") {
  const Scenario s = load_ok(
      "duration: 1m\nregions: [us-east-1, ap-northeast-1, custom]\n"
      "network:\n  links:\n"
      "    - {between: [custom, us-east-1], latency: 1ms}\n"
      "    - {between: [custom, ap-northeast-1], latency: 2ms}\n");
  CHECK(s.latency(0, 1).base() == Duration::microseconds(83500));  // RTT 167ms
  CHECK(s.latency(1, 0).base() == Duration::microseconds(83500));
  CHECK(s.latency(2, 0).base() == Duration::milliseconds(1));
  CHECK(s.latency(1, 2).base() == Duration::milliseconds(2));
}

TEST_CASE("scenario_loader: overrides change, create and index (--set)") {
  const Scenario s = load_ok(kMinimal + "workload:\n  us-east-1:\n    - rate: 10\n",
                             {{"workload.us-east-1.0.rate", "500"},
                              {"table.keys", "5000"},
                              {"replication.poll_interval", "0s"},
                              {"network.links", "[{from: us-east-1, to: eu-west-1, latency: 1ms}]"},
                              {"workload.us-east-1.0.mix", "{put: 50, get: 50}"}});
  CHECK(s.workload[0][0].rate_per_second == 500.0);
  CHECK(s.workload[0][0].mix.get_percent == 50.0);
  CHECK(s.table.key_count == 5000);
  CHECK(s.replication.poll_interval == Duration::zero());
  CHECK(s.latency(0, 1).base() == Duration::milliseconds(1));
  CHECK(s.latency(1, 0).base() == Duration::milliseconds(35));
}

TEST_CASE("scenario_loader: overrides name client groups and regions by name as well as by index (--set)") {
  const std::string yaml = kMinimal +
                           "workload:\n  us-east-1:\n    - {name: readers, rate: 10, mix: {get: 100}}\n"
                           "    - {name: writers, rate: 20}\n";
  const Scenario s = load_ok(yaml, {{"workload.us-east-1.writers.rate", "500"},
                                    {"workload.us-east-1.readers.rate", "7"},
                                    {"regions.eu-west-1.clock.offset", "-30ms"},
                                    {"regions.us-east-1.capacity", "{mode: on_demand, warm_read_units: 20000}"}});
  CHECK(s.workload[0][0].rate_per_second == 7.0);
  CHECK(s.workload[0][1].rate_per_second == 500.0);
  CHECK(s.regions[1].name == "eu-west-1");
  CHECK(s.regions[1].clock.offset == Duration::milliseconds(-30));
  CHECK(s.regions[0].capacity.on_demand_read_units == 20000);
  // The same by index: the index wins for a segment that is a number.
  const Scenario by_index = load_ok(yaml, {{"workload.us-east-1.1.rate", "500"}});
  CHECK(by_index.workload[0][1].rate_per_second == 500.0);
  // A region given as a map is named by its `name:` too.
  const Scenario mapped = load_ok("duration: 1m\nregions:\n  - us-east-1\n  - {name: eu-west-1, replica: true}\n",
                                  {{"regions.eu-west-1.clock.drift_ppm", "20"}});
  CHECK(mapped.regions[1].clock.drift_ppm == 20.0);
  // A name that is not there gets the nearest one.
  CHECK(load_refused(yaml, {{"workload.us-east-1.writer.rate", "500"}}) ==
        Lines{"--set workload.us-east-1.writer.rate=500: error: cannot set 'workload.us-east-1.writer.rate': "
              "'workload.us-east-1' has no item named 'writer'; did you mean 'writers'?"});
  CHECK(load_refused(yaml, {{"regions.eu-west-2.clock.offset", "1ms"}}) ==
        Lines{"--set regions.eu-west-2.clock.offset=1ms: error: cannot set 'regions.eu-west-2.clock.offset': "
              "'regions' has no item named 'eu-west-2'; did you mean 'eu-west-1'?"});
}

TEST_CASE("scenario_loader: an override replaces a whole sequence (--set regions=a list)") {
  const Scenario s = load_ok(kMinimal, {{"regions", "[us-east-2, eu-west-1]"}});
  REQUIRE(s.region_count() == 2);
  CHECK(s.regions[0].name == "us-east-2");
  CHECK(s.latency(0, 1).base() == Duration::milliseconds(40));  // RTT 80ms
}

TEST_CASE("scenario_loader: overrides complete an empty file") {
  const Scenario s = load_ok("", {{"duration", "5m"}, {"regions", "[us-east-1, us-east-2]"}});
  CHECK(s.duration == Duration::minutes(5));
  CHECK(s.latency(0, 1).base() == Duration::milliseconds(7));
}

TEST_CASE("scenario_loader: overrides on a good file (--set)") {
  const Scenario s = load_ok(kMinimal + "workload:\n  us-east-1:\n    - rate: 10\n",
                             {{"workload.us-east-1.0.rate", "500"}, {"seed", "7"}, {"seed", "8"}});
  CHECK(s.workload[0][0].rate_per_second == 500.0);
  CHECK(s.seed == 8);  // the later override wins
}

TEST_CASE("scenario_loader: parse_override splits at the first '='") {
  const std::optional<Override> o = parse_override("network.links.0.latency={base: 1ms, x: a=b}");
  REQUIRE(o.has_value());
  CHECK(o->path == "network.links.0.latency");
  CHECK(o->value == "{base: 1ms, x: a=b}");
  CHECK(parse_override(" seed =5")->path == "seed");
  CHECK(parse_override("seed=")->value.empty());
  CHECK_FALSE(parse_override("seed").has_value());
  CHECK_FALSE(parse_override("=5").has_value());
  CHECK_FALSE(parse_override("a..b=5").has_value());
  CHECK_FALSE(parse_override("a.=5").has_value());
}

// ---- Bad inputs: each asserts the exact diagnostics ----

TEST_CASE("scenario_loader: empty file") {
  CHECK(load_refused("") ==
        Lines{"s.yaml:1:1: error: empty scenario: expected a map with at least 'duration' and 'regions'"});
  CHECK(load_refused("# only a comment\n") ==
        Lines{"s.yaml:1:1: error: empty scenario: expected a map with at least 'duration' and 'regions'"});
}

TEST_CASE("scenario_loader: broken YAML reports yaml-cpp's mark and message") {
  CHECK(load_refused("regions: [us-east-1\n") ==
        Lines{"s.yaml:2:1: error: invalid YAML: end of sequence flow not found"});
  CHECK(load_refused("a: b: c\n") == Lines{"s.yaml:1:5: error: invalid YAML: illegal map value"});
}

TEST_CASE("scenario_loader: tabs in indentation") {
  CHECK(load_refused("duration: 1m\nregions:\n\t- us-east-1\n  \t- eu-west-1\n") ==
        Lines{"s.yaml:3:1: error: tab character in indentation; indent YAML with spaces",
              "s.yaml:4:3: error: tab character in indentation; indent YAML with spaces"});
}

TEST_CASE("scenario_loader: two documents") {
  CHECK(load_refused(kMinimal + "---\nseed: 2\n") ==
        Lines{"s.yaml:3:1: error: expected one YAML document, found a second one"});
}

TEST_CASE("scenario_loader: top level is not a map") {
  CHECK(load_refused("- us-east-1\n") ==
        Lines{"s.yaml:1:1: error: expected a map of scenario keys (at least 'duration' and 'regions'), found a sequence"});
}

TEST_CASE("scenario_loader: missing required keys") {
  CHECK(load_refused("seed: 3\n") == Lines{"s.yaml:1:1: error: missing required key 'duration' at the top level",
                                           "s.yaml:1:1: error: missing required key 'regions' at the top level"});
}

TEST_CASE("scenario_loader: all problems of a file, sorted by position") {
  CHECK(load_refused("duration: 150\nregions: {a: 1}\nseed: -5\nseed: 3\ndurtion: 1m\n") ==
        Lines{"s.yaml:1:11: error: duration: expected a duration with a unit (ns, us, ms, s, m, h), e.g. '150ms'; found '150'",
              "s.yaml:2:10: error: regions: expected a sequence, found a map",
              "s.yaml:3:7: error: seed: expected a non-negative integer, found '-5'",
              "s.yaml:4:1: error: duplicate key 'seed' (first at line 3)",
              "s.yaml:5:1: error: unknown key 'durtion' at the top level; did you mean 'duration'?"});
}

TEST_CASE("scenario_loader: unknown key without a near word lists the valid ones") {
  CHECK(load_refused(kMinimal + "table: {colour: red}\n") ==
        Lines{"s.yaml:3:9: error: unknown key 'colour' in table; expected one of 'keys', 'key_distribution', "
              "'item_size', 'prepopulated', 'capacity', 'indexes', 'ttl', 'service_latency', "
              "'multi_region_consistency', 'witness', 'write_conflict_window'"});
}

TEST_CASE("scenario_loader: durations must be positive, bounded and whole") {
  CHECK(load_refused("duration: 0s\nregions: [us-east-1, eu-west-1]\n") ==
        Lines{"s.yaml:1:11: error: duration: must be positive, found '0s'"});
  CHECK(load_refused("duration: 1001h\nregions: [us-east-1, eu-west-1]\n") ==
        Lines{"s.yaml:1:11: error: duration: must be at most 1000h, found '1001h'"});
  CHECK(load_refused("duration: 99999999999999h\nregions: [us-east-1, eu-west-1]\n") ==
        Lines{"s.yaml:1:11: error: duration: must be at most 1000h, found '99999999999999h'"});
  CHECK(load_refused("duration: 10sec\nregions: [us-east-1, eu-west-1]\n") ==
        Lines{"s.yaml:1:11: error: duration: expected a duration with a unit (ns, us, ms, s, m, h), e.g. '150ms'; "
              "found '10sec' (unknown unit 'sec')"});
  CHECK(load_refused("duration:\nregions: [us-east-1, eu-west-1]\n") ==
        Lines{"s.yaml:1:1: error: duration: expected a duration with a unit (ns, us, ms, s, m, h), e.g. '150ms'; "
              "found an empty value"});
}

TEST_CASE("scenario_loader: unknown region without a latency suggests a catalogue name") {
  CHECK(load_refused("duration: 1m\nregions: [us-esat-1, eu-west-1]\n") ==
        Lines{"s.yaml:2:11: error: unknown region 'us-esat-1': not an AWS region gtsim knows, and no latency given "
              "for 'us-esat-1' <-> 'eu-west-1'; did you mean 'us-east-1'?"});
}

TEST_CASE("scenario_loader: a real AWS region outside the catalogue is named as such, never misspelt") {
  CHECK(load_refused("duration: 1m\nregions: [us-east-1, af-south-1, me-south-1]\n") ==
        Lines{"s.yaml:2:22: error: 'af-south-1' is an AWS region with no built-in latencies; give them under "
              "network.links (none given for 'af-south-1' <-> 'us-east-1')",
              "s.yaml:2:34: error: 'me-south-1' is an AWS region with no built-in latencies; give them under "
              "network.links (none given for 'me-south-1' <-> 'us-east-1')"});
  // Given its links, it loads like any other region.
  const Scenario s = load_ok("duration: 1m\nregions: [us-east-1, af-south-1]\nnetwork:\n  links:\n"
                             "    - {between: [us-east-1, af-south-1], latency: 115ms}\n");
  CHECK(s.one_way_latency[1].base() == Duration::milliseconds(115));
}

TEST_CASE("scenario_loader: regions the issue found missing are in the catalogue now") {
  for (const char* region : {"us-west-1", "ca-central-1", "eu-north-1", "ap-south-1", "ap-east-1"}) {
    const Scenario s = load_ok(std::string("duration: 1m\nregions: [us-east-1, ") + region + "]\n");
    CHECK(s.one_way_latency[1].base() > Duration::milliseconds(0));
  }
}

TEST_CASE("scenario_loader: a one-way link leaves the other direction missing") {
  CHECK(load_refused("duration: 1m\nregions: [a, b]\nnetwork:\n  links:\n    - {from: a, to: b, latency: 5ms}\n") ==
        Lines{"s.yaml:2:11: error: unknown region 'a': not an AWS region gtsim knows, and no latency given for 'b' -> 'a'",
              "s.yaml:2:14: error: unknown region 'b': not an AWS region gtsim knows, and no latency given for 'b' -> 'a'"});
}

TEST_CASE("scenario_loader: regions: count, names, duplicates, clocks") {
  CHECK(load_refused("duration: 1m\nregions: [us-east-1]\n") ==
        Lines{"s.yaml:2:10: error: regions: expected at least 2 regions, found 1"});
  CHECK(load_refused("duration: 1m\nregions:\n  - us-east-1\n  - us-east-1\n  - {name: 'eu west'}\n  - [x]\n"
                     "  - {name: eu-west-1, clock: {offset: 5, drift_ppm: 2e6, skew: 1}}\n") ==
        Lines{"s.yaml:4:5: error: regions[1]: duplicate region 'us-east-1' (first at regions[0])",
              "s.yaml:5:12: error: regions[2].name: expected a region name (letters, digits, '-' and '_'), found 'eu west'",
              "s.yaml:6:5: error: regions[3]: expected a region name or a map with 'name', found a sequence",
              "s.yaml:7:39: error: regions[4].clock.offset: expected a duration with a unit (ns, us, ms, s, m, h), "
              "e.g. '150ms'; found '5'",
              "s.yaml:7:53: error: regions[4].clock.drift_ppm: must be between -1000000 and 1000000, found 2e6",
              "s.yaml:7:58: error: unknown key 'skew' in regions[4].clock; expected one of 'offset', 'drift_ppm'"});
}

TEST_CASE("scenario_loader: links: misspelt key, unknown region, shape errors") {
  CHECK(load_refused(kMinimal +
                     "network:\n  links:\n"
                     "    - between: [us-east-1, eu-west-1]\n      latnecy: 35ms\n"
                     "    - {from: us-east-1, to: eu-wset-1, latency: 1ms}\n"
                     "    - {between: [us-east-1], latency: 1ms}\n"
                     "    - {latency: 1ms}\n"
                     "    - {between: [us-east-1, eu-west-1], from: us-east-1, latency: 1ms}\n"
                     "    - {between: [eu-west-1, eu-west-1], latency: 1ms}\n") ==
        Lines{"s.yaml:5:7: error: missing required key 'latency' in network.links[0]",
              "s.yaml:6:7: error: unknown key 'latnecy' in network.links[0]; did you mean 'latency'?",
              "s.yaml:7:29: error: network.links[1].to: region 'eu-wset-1' is not in regions; did you mean 'eu-west-1'?",
              "s.yaml:8:17: error: network.links[2].between: expected two region names, found 1",
              "s.yaml:9:7: error: missing required key 'between' (or 'from' and 'to') in network.links[3]",
              "s.yaml:10:7: error: network.links[4]: expected either 'between' or 'from' and 'to', not both",
              "s.yaml:11:17: error: network.links[5].between: expected two different regions, found 'eu-west-1' twice"});
}

TEST_CASE("scenario_loader: a pair given twice") {
  CHECK(load_refused(kMinimal +
                     "network:\n  links:\n"
                     "    - {between: [us-east-1, eu-west-1], latency: 1ms}\n"
                     "    - {from: eu-west-1, to: us-east-1, latency: 2ms}\n") ==
        Lines{"s.yaml:6:7: error: network.links[1]: latency for 'eu-west-1' -> 'us-east-1' already given by "
              "network.links[0]"});
}

TEST_CASE("scenario_loader: distribution parameters") {
  CHECK(load_refused(kMinimal +
                     "network:\n  links:\n"
                     "    - {from: us-east-1, to: eu-west-1, latency: {uniform: {min: 50ms, max: 40ms}}}\n"
                     "    - {from: eu-west-1, to: us-east-1, latency: {lognormal: {median: 40ms}, "
                     "normal: {mean: 1ms, stddev: 1ms}}}\n"
                     "replication:\n"
                     "  apply_time: {base: -1ms, jiter: 5ms}\n"
                     "table:\n"
                     "  item_size: {exponential: {mean: 0B}}\n") ==
        Lines{"s.yaml:5:59: error: network.links[0].latency.uniform: min must not exceed max, found min '50ms' and max '40ms'",
              "s.yaml:6:77: error: network.links[1].latency: expected exactly one distribution, found 'lognormal' and 'normal'",
              "s.yaml:8:22: error: replication.apply_time.base: must not be negative, found '-1ms'",
              "s.yaml:8:28: error: unknown key 'jiter' in replication.apply_time; did you mean 'jitter'?",
              "s.yaml:10:35: error: table.item_size.exponential.mean: must be positive, found '0B'"});
}

TEST_CASE("scenario_loader: empirical tables") {
  CHECK(load_refused(kMinimal +
                     "replication:\n  apply_time: {empirical: {0: 30ms, 90: 40ms, 50: 45ms, 100: 20ms}}\n"
                     "table:\n  item_size: {empirical: {10: 1KB, 100: 2KB}}\n") ==
        Lines{"s.yaml:4:47: error: replication.apply_time.empirical: percentiles must be strictly increasing, found 50 after 90",
              "s.yaml:4:62: error: replication.apply_time.empirical: values must not decrease, found '20ms' at 100 after "
              "'45ms' at 50",
              "s.yaml:6:26: error: table.item_size.empirical: percentiles must start at 0 and end at 100"});
}

TEST_CASE("scenario_loader: table values") {
  CHECK(load_refused(kMinimal + "table:\n  keys: -5\n  key_distribution: zipff\n  item_size: 1024\n") ==
        Lines{"s.yaml:4:9: error: table.keys: expected a positive integer, found '-5'",
              "s.yaml:5:21: error: table.key_distribution: expected 'uniform', {zipf: {exponent: E}} or "
              "{hotspot: {traffic: T, keys: K}}, found 'zipff'; did you mean 'zipf'?",
              "s.yaml:6:14: error: table.item_size: expected a size with a unit (B, KB, MB), e.g. '1KB'; found '1024'"});
  CHECK(load_refused(kMinimal +
                     "table: {keys: 10000000001, key_distribution: {hotspot: {traffic: 90%, keys: 0}}}\n") ==
        Lines{"s.yaml:3:15: error: table.keys: must be at most 10000000000, found 10000000001",
              "s.yaml:3:77: error: table.key_distribution.hotspot.keys: percentage must be greater than 0 and less than "
              "100, found 0"});
}

TEST_CASE("scenario_loader: numbers must be finite and in range") {
  CHECK(load_refused(kMinimal + "seed: 18446744073709551616\nworkload:\n  us-east-1:\n"
                                       "    - {rate: .nan}\n    - {rate: 0}\n    - {rate: 2e7}\n    - {rate: 1e999}\n") ==
        Lines{"s.yaml:3:7: error: seed: must be at most 18446744073709551615, found 18446744073709551616",
              "s.yaml:6:14: error: workload.us-east-1[0].rate: expected a finite number, found '.nan'",
              "s.yaml:7:14: error: workload.us-east-1[1].rate: must be positive, found 0",
              "s.yaml:8:14: error: workload.us-east-1[2].rate: must be at most 10000000 requests per second, found 2e7",
              "s.yaml:9:14: error: workload.us-east-1[3].rate: expected a finite number, found '1e999'"});
}

TEST_CASE("scenario_loader: workload regions, arrivals and mix") {
  CHECK(load_refused(kMinimal +
                     "workload:\n"
                     "  us-esat-1: []\n"
                     "  us-east-1:\n"
                     "    - rate: 10\n      arrivals: poison\n"
                     "    - rate: 10\n      mix: {put: 120, get: 5}\n"
                     "    - rate: 10\n      mix: {put: 80, get: 10}\n"
                     "    - {name: w, rate: 1}\n    - {name: w, rate: 1}\n"
                     "  eu-west-1: {rate: 5}\n") ==
        Lines{"s.yaml:4:3: error: workload: region 'us-esat-1' is not in regions; did you mean 'us-east-1'?",
              "s.yaml:7:17: error: workload.us-east-1[0].arrivals: expected 'poisson' or 'constant', found 'poison'; "
              "did you mean 'poisson'?",
              "s.yaml:9:18: error: workload.us-east-1[1].mix.put: percentage must be between 0 and 100, found 120",
              "s.yaml:11:12: error: workload.us-east-1[2].mix: the percentages of put, update, delete, get and query "
              "must sum to 100, found 90",
              "s.yaml:13:7: error: workload.us-east-1[4]: duplicate client group name 'w' in workload.us-east-1",
              "s.yaml:14:14: error: workload.eu-west-1: expected a sequence of client groups, found a map"});
}

TEST_CASE("scenario_loader: alias and non-scalar keys do not crash") {
  CHECK(load_refused("x: &a [1, 2]\ny: &b [*a, *a, *a]\n? [k]\n: 1\n") ==
        Lines{"s.yaml:1:1: error: unknown key 'x' at the top level; expected one of 'name', 'description', 'seed', "
              "'duration', 'regions', 'network', 'replication', 'table', 'retry', 'workload', 'timeline', 'expect', "
              "'settings_sync', 'version', 'pricing'",
              "s.yaml:1:1: error: missing required key 'duration' at the top level",
              "s.yaml:1:1: error: missing required key 'regions' at the top level",
              "s.yaml:2:1: error: unknown key 'y' at the top level; expected one of 'name', 'description', 'seed', "
              "'duration', 'regions', 'network', 'replication', 'table', 'retry', 'workload', 'timeline', 'expect', "
              "'settings_sync', 'version', 'pricing'",
              "s.yaml:3:3: error: expected a key name, found a sequence"});
}

TEST_CASE("scenario_loader: diagnostics about overridden nodes name the --set") {
  CHECK(load_refused(kMinimal, {{"table.kyes", "5"}}) ==
        Lines{"--set table.kyes=5: error: unknown key 'kyes' in table; did you mean 'keys'?"});
  CHECK(load_refused(kMinimal, {{"table.keys", "0"}, {"duration", "[1m"}}) ==
        Lines{"--set duration=[1m: error: invalid YAML: end of sequence flow not found",
              "--set table.keys=0: error: table.keys: expected a positive integer, found '0'"});
  CHECK(load_refused(kMinimal, {{"regions.5", "x"}, {"regions.x", "x"}, {"duration.x", "1"}}) ==
        Lines{"--set regions.5=x: error: cannot set 'regions.5': 'regions' has 2 items, found index 5",
              "--set regions.x=x: error: cannot set 'regions.x': 'regions' has no item named 'x' (an item is named by "
              "its index or its name)",
              "--set duration.x=1: error: cannot set 'duration.x': 'duration' is a scalar, not a map or a sequence"});
}

TEST_CASE("scenario_loader: unreadable files") {
  LoadResult missing = load_scenario_file("/nonexistent/s.yaml");
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].to_string() == "/nonexistent/s.yaml: error: cannot read: No such file or directory");
  LoadResult directory = load_scenario_file("/");
  REQUIRE(directory.diagnostics.size() == 1);
  CHECK(directory.diagnostics[0].to_string() == "/: error: cannot read: Is a directory");
}

}  // namespace
}  // namespace load
