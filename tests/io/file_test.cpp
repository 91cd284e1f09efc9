#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/file.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("atomic writes replace the file only when the writer finishes") {
  const auto dir = std::filesystem::temp_directory_path() / "safeassess-file-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = dir / "out.txt";
  io::write_file_atomically(path, [](std::ostream& o) { o << "first"; });
  CHECK(slurp(path) == "first");
  CHECK_THROWS_AS(io::write_file_atomically(path,
                                            [](std::ostream& o) {
                                              o << "half";
                                              throw std::runtime_error("writer failed");
                                            }),
                  std::runtime_error);
  CHECK(slurp(path) == "first");
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("reading a missing file names the place that cited it") {
  CHECK(test::input_error([] {
          (void)io::read_file("/nonexistent/x.csv", "x.csv", Location{"m.yaml", 3, 8});
        }) ==
        "m.yaml:3:8: file \"x.csv\" not found; check the path (it is relative to the file that names it)");
}
