// reports/output_file.h: staged files, all or none, never through a link.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "reports/output_file.h"
#include "tests/read_file.h"

namespace {

namespace fs = std::filesystem;

// A fresh directory under the system's temporary directory.
fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("gtsim-output-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

size_t entries(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("output set: nothing is in place before commit, everything after", "[output_file]") {
  const fs::path dir = fresh_dir("commit");
  reports::OutputSet set;
  REQUIRE(set.add((dir / "a.json").string(), "{}"));
  REQUIRE(set.add((dir / "b.csv").string(), "x\n"));
  CHECK(!fs::exists(dir / "a.json"));
  CHECK(entries(dir) == 2);  // the two private temporaries
  REQUIRE(set.commit());
  CHECK(gtsim_test::read_file(dir / "a.json") == "{}");
  CHECK(gtsim_test::read_file(dir / "b.csv") == "x\n");
  CHECK(entries(dir) == 2);
  fs::remove_all(dir);
}

TEST_CASE("output set: a file that cannot be staged removes every staged one", "[output_file]") {
  const fs::path dir = fresh_dir("fail");
  reports::OutputSet set;
  REQUIRE(set.add((dir / "a.json").string(), "{}"));
  CHECK(!set.add((dir / "missing" / "b.csv").string(), "x"));
  CHECK(set.error() == "cannot write '" + (dir / "missing" / "b.csv").string() + "': No such file or directory");
  CHECK(entries(dir) == 0);
  CHECK(set.size() == 0);
  fs::remove_all(dir);
}

TEST_CASE("output set: a directory is refused, abandon and the destructor remove what is staged", "[output_file]") {
  const fs::path dir = fresh_dir("abandon");
  {
    reports::OutputSet set;
    CHECK(!set.add(dir.string(), "x"));
    CHECK(set.error() == "cannot write '" + dir.string() + "': Is a directory");
    REQUIRE(set.add((dir / "a").string(), "x"));
    set.abandon();
    CHECK(entries(dir) == 0);
    REQUIRE(set.add((dir / "b").string(), "x"));
  }
  CHECK(entries(dir) == 0);
  fs::remove_all(dir);
}

TEST_CASE("output set: a link at the target is written through and stays a link", "[output_file]") {
  const fs::path dir = fresh_dir("link");
  { std::ofstream(dir / "target") << "old"; }
  fs::create_symlink(dir / "target", dir / "out");
  std::string error;
  REQUIRE(reports::write_file_atomically((dir / "out").string(), "new", &error));
  CHECK(fs::is_symlink(dir / "out"));
  CHECK(gtsim_test::read_file(dir / "target") == "new");
  CHECK(entries(dir) == 2);
  fs::remove_all(dir);
}

TEST_CASE("output set: an existing file keeps its permissions", "[output_file]") {
  const fs::path dir = fresh_dir("mode");
  { std::ofstream(dir / "out") << "old"; }
  ::chmod((dir / "out").c_str(), 0640);
  std::string error;
  REQUIRE(reports::write_file_atomically((dir / "out").string(), "new", &error));
  struct stat st;
  REQUIRE(::stat((dir / "out").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  fs::remove_all(dir);
}

TEST_CASE("output set: remove_staged_files unlinks every staged temporary", "[output_file]") {
  const fs::path dir = fresh_dir("signal");
  reports::OutputSet set;
  REQUIRE(set.add((dir / "a").string(), "x"));
  REQUIRE(set.add((dir / "b").string(), "y"));
  reports::remove_staged_files();
  CHECK(entries(dir) == 0);
  set.abandon();
  fs::remove_all(dir);
}
