#include "load/workload_section.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace load {

using model::Arrivals;
using model::ClientGroupConfig;
using model::OperationMix;
using model::ReadConsistency;
using model::RetryConfig;
using model::Scenario;
using model::SessionConfig;

namespace {

constexpr double kRateMax = kRatePerSecondMax;
// One request per 1,000,000 s (278h): below it the mean gap between requests
// (1e9 / rate ns) no longer fits in 64-bit nanoseconds with room for the
// exponential tail (found by fuzzing: 1e-300 made an arrival time overflow).
constexpr double kRateMin = 0.000001;
// The default fleet: one SDK client instance per 100 requests/s (docs/model.md).
constexpr double kRatePerInstance = 100;
constexpr uint64_t kInstancesMax = 100'000;

}  // namespace

void WorkloadChecker::default_retry(const Node& n) { retry(n, "retry", &default_retry_); }

void WorkloadChecker::workload(const Node& n, Scenario* s) {
  if (!check_map(n, "workload", nullptr, {}, "a map of region name to client groups")) return;
  for (const auto& [key, groups] : n.entries) {
    if (!key->is_scalar()) continue;  // reported by check_map
    const std::string path = join("workload", key->text);
    const std::optional<size_t> region = regions_->region_ref(*key, "workload");
    if (!groups->is_sequence()) {
      mismatch(*groups, path, "a sequence of client groups");
      continue;
    }
    for (size_t i = 0; i < groups->items.size(); ++i) {
      std::optional<ClientGroupConfig> group = client_group(*groups->items[i], index(path, i), s->duration);
      // Its `index` is resolved once the timeline's create_index names are known.
      GroupIndex pending{groups->items[i].get(), index(path, i), SIZE_MAX, SIZE_MAX};
      if (groups->items[i]->is_map()) group_indexes_.push_back(pending);
      if (!group || !region) continue;
      if (group->name.empty()) group->name = std::to_string(i);
      std::vector<ClientGroupConfig>& list = s->workload[*region];
      const bool clash = std::any_of(list.begin(), list.end(),
                                     [&](const ClientGroupConfig& g) { return g.name == group->name; });
      if (clash) {
        error(*groups->items[i], index(path, i) + ": duplicate client group name '" + group->name + "' in " + path);
        continue;
      }
      group_indexes_.back().region = *region;
      group_indexes_.back().position = list.size();
      list.push_back(std::move(*group));
    }
  }
}

std::optional<ClientGroupConfig> WorkloadChecker::client_group(const Node& n, const std::string& path,
                                                               sim::Duration run) {
  static const std::vector<std::string> kKeys = {"name",        "rate",          "arrivals", "mix",
                                                 "consistency", "transactional", "retry",    "sessions",
                                                 "index",       "instances"};
  if (!check_map(n, path, &kKeys, {"rate"}, "a client group map with at least 'rate'")) return std::nullopt;
  ClientGroupConfig g;
  g.retry = default_retry_;
  bool ok = group_modes(n, path, &g);
  if (const Node* v = get(n, "retry")) ok = retry(*v, join(path, "retry"), &g.retry) && ok;
  if (const Node* v = get(n, "sessions")) ok = sessions(*v, join(path, "sessions"), &g.sessions) && ok;
  if (const Node* v = get(n, "name")) {
    const std::optional<std::string> name = string(*v, join(path, "name"));
    if (name && name->empty()) {
      error(*v, join(path, "name") + ": must not be empty");
      ok = false;
    } else if (name && name->find('.') != std::string::npos) {
      // Its name is a segment of report paths (groups.REGION.GROUP.*).
      error(*v, join(path, "name") + ": must not contain '.' (it names the group in report paths), found '" +
                    *name + "'");
      ok = false;
    } else if (name) {
      g.name = *name;
    } else {
      ok = false;
    }
  }
  ok = group_rate(n, path, run, &g) && ok;
  if (const Node* v = get(n, "arrivals")) {
    static const std::vector<std::string> kArrivals = {"poisson", "constant"};
    if (v->is_scalar() && v->text == "poisson") {
      g.arrivals = Arrivals::kPoisson;
    } else if (v->is_scalar() && v->text == "constant") {
      g.arrivals = Arrivals::kConstant;
    } else {
      error(*v, join(path, "arrivals") + ": expected 'poisson' or 'constant', found " + describe(*v) +
                    (v->is_scalar() ? did_you_mean(v->text, kArrivals) : ""));
      ok = false;
    }
  }
  if (const Node* v = get(n, "mix")) {
    const std::optional<OperationMix> m = mix(*v, join(path, "mix"));
    if (m) {
      g.mix = *m;
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return g;
}

// `consistency` and `transactional`.
bool WorkloadChecker::group_modes(const Node& n, const std::string& path, ClientGroupConfig* g) {
  bool ok = true;
  if (const Node* v = get(n, "consistency")) {
    static const std::vector<std::string> kModes = {"eventual", "strong"};
    if (v->is_scalar() && (v->text == "eventual" || v->text == "strong")) {
      g->consistency = v->text == "strong" ? ReadConsistency::kStrong : ReadConsistency::kEventual;
    } else {
      error(*v, join(path, "consistency") + ": expected 'eventual' or 'strong', found " + describe(*v) +
                    (v->is_scalar() ? did_you_mean(v->text, kModes) : ""));
      ok = false;
    }
  }
  if (const Node* v = get(n, "transactional")) {
    if (v->is_scalar() && (v->text == "true" || v->text == "false")) {
      g->transactional = v->text == "true";
    } else {
      mismatch(*v, join(path, "transactional"), "true or false");
      ok = false;
    }
  }
  return ok;
}

// `rate`: requests per second, from kRateMin to kRateMax, or a curve; and
// `instances`, by default one client instance per 100 requests/s of the
// rate (of a curve, its peak during the run), rounded up.
bool WorkloadChecker::group_rate(const Node& n, const std::string& path, sim::Duration run, ClientGroupConfig* g) {
  bool ok = true;
  double peak = g->rate_per_second;
  if (const Node* v = get(n, "rate")) {
    const std::string rpath = join(path, "rate");
    if (v->is_map()) {
      std::optional<model::RateCurve> curve = curves_.curve(*v, rpath, run);
      if (curve) {
        const sim::Instant end = sim::Instant::zero() + run;
        g->rate_per_second = curve->integral(sim::Instant::zero(), end) / sim::to_seconds(run);
        peak = curve->peak(sim::Instant::zero(), end);
        g->rate_curve = std::move(*curve);
      } else {
        ok = false;
      }
    } else if (!v->is_scalar()) {
      mismatch(*v, rpath, "a number or a curve map, e.g. {points: {0h: 1000, 8h: 3000}}");
      ok = false;
    } else if (const std::optional<double> rate = number(*v, rpath); !rate) {
      ok = false;
    } else if (!(*rate > 0)) {
      error(*v, rpath + ": must be positive, found " + v->text);
      ok = false;
    } else if (*rate < kRateMin) {
      error(*v, rpath + ": must be at least 0.000001 requests per second, found " + v->text);
      ok = false;
    } else if (*rate > kRateMax) {
      error(*v, rpath + ": must be at most 10000000 requests per second, found " + v->text);
      ok = false;
    } else {
      g->rate_per_second = *rate;
      peak = *rate;
    }
  }
  g->instances = static_cast<uint32_t>(std::max(1.0, std::ceil(peak / kRatePerInstance)));
  if (const Node* v = get(n, "instances")) {
    if (auto k = integer(*v, join(path, "instances"), 1, kInstancesMax)) {
      g->instances = static_cast<uint32_t>(*k);
    } else {
      ok = false;
    }
  }
  return ok;
}

std::optional<OperationMix> WorkloadChecker::mix(const Node& n, const std::string& path) {
  static const std::vector<std::string> kKeys = {"put", "update", "delete", "get", "query"};
  if (!check_map(n, path, &kKeys, {}, "a map of operation to percentage, e.g. {put: 80, get: 20}")) {
    return std::nullopt;
  }
  OperationMix m{0, 0, 0, 0, 0};
  double* fields[] = {&m.put_percent, &m.update_percent, &m.delete_percent, &m.get_percent, &m.query_percent};
  bool ok = true;
  for (size_t i = 0; i < kKeys.size(); ++i) {
    if (const Node* v = get(n, kKeys[i])) {
      const std::optional<double> p = percentage(*v, join(path, kKeys[i]));
      if (p) {
        *fields[i] = *p;
      } else {
        ok = false;
      }
    }
  }
  // An unknown key is most likely a misspelt one: its error says enough.
  const bool all_known = std::all_of(n.entries.begin(), n.entries.end(), [](const auto& e) {
    return e.first->is_scalar() && std::find(kKeys.begin(), kKeys.end(), e.first->text) != kKeys.end();
  });
  if (!ok || !all_known) return std::nullopt;
  const double sum = m.put_percent + m.update_percent + m.delete_percent + m.get_percent + m.query_percent;
  if (std::fabs(sum - 100) > 1e-9) {
    error(n, fmt::format("{}: the percentages of put, update, delete, get and query must sum to 100, found {}",
                         path, sum));
    return std::nullopt;
  }
  return m;
}

void WorkloadChecker::group_indexes(Scenario* s) {
  for (const GroupIndex& g : group_indexes_) {
    ClientGroupConfig* group = g.region == SIZE_MAX ? nullptr : &s->workload[g.region][g.position];
    const Node* v = get(*g.node, "index");
    if (v == nullptr) {
      if (group != nullptr && group->mix.query_percent > 0) {
        error(*g.node, fmt::format("missing required key 'index' in {}: its mix has {}% queries, which read "
                                   "a global secondary index",
                                   g.path, group->mix.query_percent));
      }
      continue;
    }
    const std::string path = join(g.path, "index");
    if (!v->is_scalar()) {
      mismatch(*v, path, "an index name");
      continue;
    }
    const auto it = std::find(s->index_names.begin(), s->index_names.end(), v->text);
    if (it == s->index_names.end()) {
      error(*v, path + ": index '" + v->text + "' is not in table.indexes or created by a create_index" +
                    did_you_mean(v->text, s->index_names));
      continue;
    }
    if (group != nullptr) group->index = static_cast<size_t>(it - s->index_names.begin());
  }
}

bool WorkloadChecker::retry(const Node& n, const std::string& path, RetryConfig* r) {
  static const std::vector<std::string> kKeys = {"mode", "max_attempts", "base", "max_backoff", "quota"};
  if (!check_map(n, path, &kKeys, {}, "a retry map, e.g. {mode: standard, max_attempts: 3}")) return false;
  bool ok = true;
  if (const Node* v = get(n, "mode")) {
    static const std::vector<std::string> kModes = {"standard", "legacy"};
    if (v->is_scalar() && v->text == "standard") {
      // Keeps any other keys given; standard defaults are RetryConfig's.
    } else if (v->is_scalar() && v->text == "legacy") {
      *r = RetryConfig::legacy();
    } else {
      error(*v, join(path, "mode") + ": expected 'standard' or 'legacy', found " + describe(*v) +
                    (v->is_scalar() ? did_you_mean(v->text, kModes) : ""));
      ok = false;
    }
  }
  if (const Node* v = get(n, "max_attempts")) {
    if (auto a = integer(*v, join(path, "max_attempts"), 1, 100)) r->max_attempts = static_cast<int>(*a); else ok = false;
  }
  if (const Node* v = get(n, "base")) {
    if (auto d = duration(*v, join(path, "base"), Sign::kPositive)) r->base = *d; else ok = false;
  }
  if (const Node* v = get(n, "max_backoff")) {
    if (auto d = duration(*v, join(path, "max_backoff"), Sign::kPositive)) r->max_backoff = *d; else ok = false;
  }
  if (const Node* v = get(n, "quota")) {
    if (auto q = integer(*v, join(path, "quota"), 0, 1'000'000)) r->quota_tokens = static_cast<int64_t>(*q); else ok = false;
  }
  return ok;
}

bool WorkloadChecker::sessions(const Node& n, const std::string& path, SessionConfig* out) {
  static const std::vector<std::string> kKeys = {"redirect", "read_region", "delays"};
  if (!check_map(n, path, &kKeys, kKeys, "a map, e.g. {redirect: 20%, read_region: eu-west-1, delays: [0s, 1s]}") ||
      !has_all(n, {"redirect", "read_region", "delays"})) {
    return false;
  }
  SessionConfig config;
  config.enabled = true;
  const std::optional<double> redirect = percentage(*get(n, "redirect"), join(path, "redirect"));
  const std::optional<size_t> region = regions_->region_ref(*get(n, "read_region"), join(path, "read_region"));
  const Node& delays = *get(n, "delays");
  bool ok = redirect.has_value() && region.has_value();
  if (!delays.is_sequence() || delays.items.empty()) {
    mismatch(delays, join(path, "delays"), "a non-empty sequence of durations");
    ok = false;
  } else {
    for (size_t i = 0; i < delays.items.size(); ++i) {
      const std::optional<sim::Duration> d =
          duration(*delays.items[i], index(join(path, "delays"), i), Sign::kNonNegative);
      if (d) config.delays.push_back(*d); else ok = false;
    }
  }
  if (!ok) return false;
  config.redirect_percent = *redirect;
  config.read_region = *region;
  *out = config;
  return true;
}

}  // namespace load
