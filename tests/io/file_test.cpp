#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "io/file.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

// The names in `dir`, sorted.
std::set<std::string> names(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// A fresh folder of its own for one test case.
struct Scratch {
  fs::path dir;
  explicit Scratch(const std::string& name)
      : dir(fs::temp_directory_path() / ("safeassess-file-test-" + name)) {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
};

// What a UsageError or Error says ("" for none).
template <class F>
std::string error_of(F&& f) {
  return test::error_of<Error>(std::forward<F>(f));
}

void fill_report(const io::StagingFolder& s) {
  s.write("report.md", "new");
  s.write("csv/a.csv", "x\n");
}

// A pid no process can have (above the kernel's pid_max of 4194304).
constexpr const char* k_dead = "99999999";
}  // namespace

TEST_CASE("atomic writes replace the file only when the writer finishes") {
  Scratch s("atomic");
  const auto path = s.dir / "out.txt";
  io::write_file_atomically(path, [](std::ostream& o) { o << "first"; });
  CHECK(slurp(path) == "first");
  CHECK_THROWS_AS(io::write_file_atomically(path,
                                            [](std::ostream& o) {
                                              o << "half";
                                              throw std::runtime_error("writer failed");
                                            }),
                  std::runtime_error);
  CHECK(slurp(path) == "first");
  CHECK(names(s.dir) == std::set<std::string>{"out.txt"});
}

TEST_CASE("a single output file is never an input, follows a symlink and takes a name of any length") {
  Scratch s("single");
  spit(s.dir / "in.csv", "data");
  const std::vector<fs::path> inputs{s.dir / "in.csv"};
  CHECK(error_of([&] {
          io::write_file_atomically(
              s.dir / "in.csv", [](std::ostream& o) { o << "x"; }, inputs);
        }) == fmt::format("cannot write to {0}/in.csv: it is the input {0}/in.csv; choose another file",
                          s.dir.string()));
  fs::create_symlink(s.dir / "in.csv", s.dir / "link");
  CHECK_THROWS_AS(io::write_file_atomically(
                      s.dir / "link", [](std::ostream& o) { o << "x"; }, inputs),
                  UsageError);
  CHECK(slurp(s.dir / "in.csv") == "data");
  // A symlink to a file of ours: the file it points at is replaced, the link stays.
  spit(s.dir / "out.txt", "old");
  fs::create_symlink(s.dir / "out.txt", s.dir / "out-link");
  io::write_file_atomically(
      s.dir / "out-link", [](std::ostream& o) { o << "new"; }, inputs);
  CHECK(fs::is_symlink(s.dir / "out-link"));
  CHECK(slurp(s.dir / "out.txt") == "new");
  // 255 bytes is NAME_MAX: the temporary beside it must not be longer.
  const std::string longest(255, 'r');
  io::write_file_atomically(
      s.dir / longest, [](std::ostream& o) { o << "long"; }, inputs);
  CHECK(slurp(s.dir / longest) == "long");
  CHECK(error_of([&] { io::write_file_atomically(s.dir, [](std::ostream& o) { o << "x"; }); }) ==
        s.dir.string() + " is a folder; give a file name for -o");
  CHECK(error_of([] { io::write_file_atomically("/dev/full", [](std::ostream& o) { o << "x"; }); }) ==
        "cannot write /dev/full: No space left on device");
}

TEST_CASE("a report folder replaces only a folder of ours") {
  Scratch s("dir");
  const fs::path out = s.dir / "out";
  io::write_directory_atomically(out, {}, fill_report);
  CHECK(names(out) == std::set<std::string>{".safeassess-report", "csv", "report.md"});
  CHECK(slurp(out / ".safeassess-report") == "safeassess report set\nversion " SAFEASSESS_VERSION "\n");
  // Ours: replaced whole (the previous set's files are gone).
  spit(out / "stale.txt", "from before");
  io::write_directory_atomically(out / "", {},
                                 [](const io::StagingFolder& f) { f.write("report.md", "newer"); });
  CHECK(names(out) == std::set<std::string>{".safeassess-report", "report.md"});
  CHECK(slurp(out / "report.md") == "newer");
  CHECK(names(s.dir) == std::set<std::string>{"out"});
  // The user's, even an empty one: refused, untouched.
  spit(s.dir / "mine" / "thesis.docx", "years of work");
  fs::create_directories(s.dir / "empty");
  for (const auto* name : {"mine", "empty"})
    CHECK(error_of([&] { io::write_directory_atomically(s.dir / name, {}, fill_report); }) ==
          fmt::format(
              "{}/{} exists and is not a safeassess report set: choose another folder, or remove it yourself",
              s.dir.string(), name));
  CHECK(slurp(s.dir / "mine" / "thesis.docx") == "years of work");
  CHECK(fs::is_empty(s.dir / "empty"));
  // A marker that is a symlink or a folder is not ours.
  fs::create_symlink(s.dir / "mine" / "thesis.docx", s.dir / "empty" / ".safeassess-report");
  CHECK_THROWS_AS(io::write_directory_atomically(s.dir / "empty", {}, fill_report), UsageError);
  spit(s.dir / "file", "a file");
  CHECK(error_of([&] { io::write_directory_atomically(s.dir / "file", {}, fill_report); }) ==
        s.dir.string() + "/file exists and is not a folder; give a folder for the report set");
  CHECK(slurp(s.dir / "file") == "a file");
}

TEST_CASE("a report folder is never an input, never holds one and never lies in an input's folder") {
  Scratch s("inputs");
  const fs::path data = s.dir / "data";
  spit(data / "manifest.yaml", "m");
  spit(data / "sub" / "units.csv", "u");
  const std::vector<fs::path> inputs{data / "manifest.yaml", data / "sub" / "units.csv"};
  const std::string d = data.string();
  auto refused = [&](const fs::path& out) {
    return error_of([&] { io::write_directory_atomically(out, inputs, fill_report); });
  };
  CHECK(refused(data) ==
        fmt::format("cannot write the report set to {0}: it holds the input {0}/manifest.yaml; "
                    "choose a folder outside the inputs",
                    d));
  CHECK(refused(data / "") == fmt::format("cannot write the report set to {0}/: it holds the input "
                                          "{0}/manifest.yaml; choose a folder outside the inputs",
                                          d));
  CHECK(refused(s.dir) ==
        fmt::format("cannot write the report set to {}: it holds the input {}/manifest.yaml; "
                    "choose a folder outside the inputs",
                    s.dir.string(), d));
  CHECK(refused(data / "report") ==
        fmt::format("cannot write the report set to {0}/report: it lies inside {0}, the folder of the input "
                    "{0}/manifest.yaml; choose a folder outside the inputs",
                    d));
  CHECK(
      refused(data / "manifest.yaml") ==
      fmt::format(
          "cannot write to {0}/manifest.yaml: it is the input {0}/manifest.yaml; choose another folder", d));
  CHECK(refused(data / "sub" / ".." / ".") != "");
  fs::create_symlink(data, s.dir / "link");
  CHECK(refused(s.dir / "link") != "");
  // Even a folder of ours is refused when it holds an input.
  spit(data / ".safeassess-report", "safeassess report set\n");
  CHECK(refused(data) != "");
  CHECK(slurp(data / "manifest.yaml") == "m");
  CHECK(slurp(data / "sub" / "units.csv") == "u");
  CHECK(names(s.dir) == std::set<std::string>{"data", "link"});
  // Beside the inputs' folder is fine.
  io::write_directory_atomically(s.dir / "report", inputs, fill_report);
  CHECK(slurp(s.dir / "report" / "report.md") == "new");
}

TEST_CASE("a failed fill leaves the previous report set and no temporary") {
  Scratch s("fail");
  const fs::path out = s.dir / "out";
  io::write_directory_atomically(out, {}, fill_report);
  CHECK_THROWS_WITH(io::write_directory_atomically(out, {},
                                                   [](const io::StagingFolder& f) {
                                                     f.write("report.md", "half");
                                                     throw std::runtime_error("writer failed");
                                                   }),
                    "writer failed");
  CHECK(slurp(out / "report.md") == "new");
  CHECK(names(s.dir) == std::set<std::string>{"out"});
  // The name of a report set can take NAME_MAX bytes: the temporaries stay short.
  const std::string longest(255, 'r');
  io::write_directory_atomically(s.dir / longest, {}, fill_report);
  io::write_directory_atomically(s.dir / longest, {}, fill_report);
  CHECK(slurp(s.dir / longest / "report.md") == "new");
}

TEST_CASE("stale temporaries of a killed run are removed, and nothing else") {
  Scratch s("stale");
  const std::string dead = std::string(".safeassess-tmp-") + k_dead + "-";
  spit(s.dir / (dead + "0000abcd") / ".safeassess-report", "safeassess report set\n");  // a killed assess
  spit(s.dir / (dead + "0000abcd") / "report.html", "half");
  fs::create_directories(s.dir / (dead + "0000beef"));  // killed before the marker
  spit(s.dir / (dead + "00001234"), "half a file");     // a killed -o FILE
  spit(s.dir / (dead + "0000cafe") / "notes.txt", "not ours: no marker");
  spit(s.dir / ".safeassess-tmp-mine", "not our pattern");
  spit(s.dir / (dead + "0000abc"), "not our pattern: 7 hex digits");
  const std::string alive = ".safeassess-tmp-" + std::to_string(::getpid()) + "-00000001";
  spit(s.dir / alive / ".safeassess-report", "a running writer's");
  io::write_directory_atomically(s.dir / "out", {}, fill_report);
  CHECK(names(s.dir) ==
        std::set<std::string>{"out", dead + "0000cafe", ".safeassess-tmp-mine", dead + "0000abc", alive});
  spit(s.dir / (dead + "00005678"), "half a file");
  io::write_file_atomically(s.dir / "one.txt", [](std::ostream& o) { o << "1"; });
  CHECK(!fs::exists(s.dir / (dead + "00005678")));
  CHECK(io::remove_stale_temporaries(s.dir) == 0);
}

TEST_CASE("reading a missing file names the place that cited it") {
  CHECK(test::input_error([] {
          (void)io::read_file("/nonexistent/x.csv", "x.csv", Location{"m.yaml", 3, 8});
        }) ==
        "m.yaml:3:8: file \"x.csv\" not found; check the path (it is relative to the file that names it)");
}

TEST_CASE("only regular files are read: a pipe, a device or a folder is refused at once") {
  Scratch s("read");
  const auto fifo = s.dir / "pipe.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(test::input_error([&] { (void)io::read_file(fifo, "pipe.csv"); }) ==
        "pipe.csv: \"pipe.csv\" is a named pipe, expected a regular file");
  CHECK(test::input_error([&] {
          (void)io::read_file("/dev/zero", "/dev/zero", Location{"m.yaml", 4, 8});
        }) == "m.yaml:4:8: \"/dev/zero\" is a device, expected a regular file");
  CHECK(test::input_error([&] { (void)io::read_file(s.dir, "data"); }) ==
        "data: \"data\" is a folder, expected a regular file");
  // A file whose size says 0 but which gives bytes (as one still being written would).
  CHECK(test::input_error([&] { (void)io::read_file("/proc/self/status", "status"); }) ==
        "status: \"status\" grew while it was read; wait until it is written whole, then run again");
  spit(s.dir / "ok.csv", "a,b\n1,2\n");
  CHECK(io::read_file(s.dir / "ok.csv", "ok.csv") == "a,b\n1,2\n");
  spit(s.dir / "empty.csv", "");
  CHECK(io::read_file(s.dir / "empty.csv", "empty.csv").empty());
}

TEST_CASE("a file larger than any input is refused before it is read") {
  Scratch s("huge");
  const auto p = s.dir / "huge.csv";
  spit(p, "");
  fs::resize_file(p, io::k_max_input_bytes + 1);  // sparse: no disk is used
  CHECK(test::input_error([&] { (void)io::read_file(p, "huge.csv"); }) ==
        "huge.csv: \"huge.csv\" has 4294967297 bytes; safeassess reads input files of up to 4 GiB: split it "
        "(by "
        "region, say)");
}

TEST_CASE("-o FILE never replaces a dangling symlink, and a trailing slash names no file") {
  Scratch s("odd-o");
  fs::create_symlink(s.dir / "nothere", s.dir / "dangling");
  CHECK(error_of([&] { io::write_file_atomically(s.dir / "dangling", [](std::ostream& o) { o << "x"; }); }) ==
        s.dir.string() +
            "/dangling is a symlink to something that does not exist; remove the link or give another "
            "file name");
  CHECK(fs::is_symlink(s.dir / "dangling"));
  spit(s.dir / "userfile", "precious");
  CHECK(error_of([&] {
          io::write_file_atomically((s.dir / "userfile").string() + "/", [](std::ostream& o) { o << "x"; });
        }) == s.dir.string() + "/userfile/ ends with \"/\", which names a folder; give a file name for -o");
  CHECK(slurp(s.dir / "userfile") == "precious");
}
