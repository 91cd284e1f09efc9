#include "io/file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace safeassess::io {

std::string read_file(const std::filesystem::path& path, const std::string& display,
                      const Location& cited_from) {
  const Location where = cited_from.file.empty() ? Location{display} : cited_from;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    const std::string msg = cited_from.file.empty() ? "file not found; check the path"
                                                    : fmt::format(
                                                          "file \"{}\" not found; check the path (it is "
                                                          "relative to the file that names it)",
                                                          display);
    throw InputError(where, msg);
  }
  if (std::filesystem::is_directory(path, ec))
    throw InputError(where, fmt::format("\"{}\" is a directory, expected a file", display));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(where, fmt::format("cannot open \"{}\": {}", display, std::strerror(errno)));
  std::string bytes;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0) bytes.resize(static_cast<std::size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in && !in.eof())
    throw InputError(where, fmt::format("cannot read \"{}\": {}", display, std::strerror(errno)));
  return bytes;
}

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write) {
  std::error_code status_ec;
  const auto st = std::filesystem::status(path, status_ec);
  if (!status_ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) {
    // A device or a pipe (-o /dev/null, -o /dev/stdout): renaming over it would replace
    // the device node itself, so write to it directly.
    std::ofstream out(path, std::ios::binary);
    if (!out) throw Error(fmt::format("cannot write \"{}\": {}", path.string(), std::strerror(errno)));
    write(out);
    out.flush();
    if (!out) throw Error(fmt::format("cannot write \"{}\": {}", path.string(), std::strerror(errno)));
    return;
  }
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::random_device rd;
  const auto tmp = dir / fmt::format(".{}.tmp-{:08x}", path.filename().string(), rd());
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw Error(fmt::format("cannot write \"{}\": {}", path.string(), std::strerror(errno)));
      write(out);
      out.flush();
      if (!out) throw Error(fmt::format("cannot write \"{}\": {}", path.string(), std::strerror(errno)));
    }
    // fsync so that a crash after the rename cannot leave an empty file behind.
    if (FILE* f = std::fopen(tmp.c_str(), "rb")) {
      ::fsync(fileno(f));
      std::fclose(f);
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) throw Error(fmt::format("cannot write \"{}\": {}", path.string(), ec.message()));
  } catch (...) {
    std::error_code ignore;
    std::filesystem::remove(tmp, ignore);
    throw;
  }
}

void write_directory_atomically(const std::filesystem::path& dir,
                                const std::function<void(const std::filesystem::path& staging)>& fill) {
  namespace fs = std::filesystem;
  const fs::path target =
      dir.lexically_normal().has_filename() ? dir.lexically_normal() : dir.lexically_normal().parent_path();
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string base = target.filename().string();
  const std::string tag = std::to_string(::getpid());
  const fs::path staging = parent / fmt::format(".{}.new-{}", base, tag);
  const fs::path old = parent / fmt::format(".{}.old-{}", base, tag);
  std::error_code ec;
  if (fs::exists(target, ec) && !fs::is_directory(target, ec))
    throw Error(
        fmt::format("{} exists and is not a folder; give a folder for the report set", target.string()));
  fs::remove_all(staging, ec);
  if (!fs::create_directories(staging, ec) || ec)
    throw Error(fmt::format("cannot create {}: {}", staging.string(), ec.message()));
  try {
    fill(staging);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
  const bool had = fs::exists(target, ec);
  if (had) {
    fs::rename(target, old, ec);
    if (ec) {
      fs::remove_all(staging, ec);
      throw Error(fmt::format("cannot move the previous {} aside: {}", target.string(), ec.message()));
    }
  }
  fs::rename(staging, target, ec);
  if (ec) {
    const std::string why = ec.message();
    if (had) fs::rename(old, target, ec);
    fs::remove_all(staging, ec);
    throw Error(fmt::format("cannot put the report folder in place at {}: {}", target.string(), why));
  }
  if (had) fs::remove_all(old, ec);
}

}  // namespace safeassess::io
