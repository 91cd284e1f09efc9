#include "io/file.hpp"

#include "core/i18n.hpp"
#include "io/fd_stream.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <optional>
#include <ostream>
#include <random>
#include <utility>

namespace safeassess::io {

namespace {

// What a path that is not a regular file is, for the message.
const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return _("a folder");
  if (S_ISFIFO(mode)) return _("a named pipe");
  if (S_ISCHR(mode) || S_ISBLK(mode)) return _("a device");
  if (S_ISSOCK(mode)) return _("a socket");
  return _("not a regular file");
}

}  // namespace

std::string read_file(const std::filesystem::path& path, const std::string& display,
                      const Location& cited_from) {
  const Location where = cited_from.file.empty() ? Location{display} : cited_from;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT && errno != ENOTDIR)
      throw InputError(where, trf("cannot open \"{}\": {}", display, std::strerror(errno)));
    const std::string msg = cited_from.file.empty() ? std::string(_("file not found; check the path"))
                                                    : trf("file \"{}\" not found; check the path (it is "
                                                          "relative to the file that names it)",
                                                          display);
    throw InputError(where, msg);
  }
  // Only regular files: a pipe or a device could block for ever or never end.
  if (!S_ISREG(st.st_mode))
    throw InputError(where, trf("\"{}\" is {}, expected a regular file", display, kind_of(st.st_mode)));
  // O_NONBLOCK: if the path was swapped for a pipe since the stat, opening it does not block.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw InputError(where, trf("cannot open \"{}\": {}", display, std::strerror(errno)));
  std::string bytes;
  try {
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
      throw InputError(where, trf("\"{}\" is {}, expected a regular file", display, kind_of(st.st_mode)));
    if (static_cast<std::uint64_t>(st.st_size) > k_max_input_bytes)
      throw InputError(where, trf("\"{}\" has {} bytes; safeassess reads input files of up to {} GiB: "
                                  "split it (by region, say)",
                                  display, st.st_size, k_max_input_bytes >> 30));
    bytes.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    // One byte more than its size: a file still being written is refused, not half read.
    char extra = 0;
    for (;;) {
      const bool past = got == bytes.size();
      const ssize_t n = past ? ::read(fd, &extra, 1) : ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw InputError(where, trf("cannot read \"{}\": {}", display, std::strerror(errno)));
      }
      if (n == 0) break;
      if (past)
        throw InputError(where, trf("\"{}\" grew while it was read; wait until it is written whole, "
                                    "then run again",
                                    display));
      got += static_cast<std::size_t>(n);
    }
    if (got != bytes.size())
      throw InputError(where, trf("\"{}\" shrank while it was read; wait until it is written whole, "
                                  "then run again",
                                  display));
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return bytes;
}

// Writing safely (DESIGN.md "Writing safely"): every output goes to a temporary of ours
// beside its target and replaces it in one rename; a report folder is swapped in with
// renameat2(RENAME_EXCHANGE). Temporaries carry the writer's pid, so that a later run can
// tell a killed writer's leftovers from a running writer's work.

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_temp_prefix = ".safeassess-tmp-";

std::string system_reason(int err) {
  return std::strerror(err);
}

// A new temporary name of ours: short, whatever the target's name.
std::string temporary_name() {
  std::random_device rd;
  return fmt::format("{}{}-{:08x}", k_temp_prefix, ::getpid(), rd());
}

// The pid in a name of our pattern, or 0 when the name is not ours.
long temporary_pid(std::string_view name) {
  if (name.substr(0, k_temp_prefix.size()) != k_temp_prefix) return 0;
  name.remove_prefix(k_temp_prefix.size());
  const auto dash = name.find('-');
  if (dash == 0 || dash == std::string_view::npos || name.size() - dash - 1 != 8) return 0;
  long pid = 0;
  for (char c : name.substr(0, dash)) {
    if (c < '0' || c > '9' || pid > 100000000) return 0;
    pid = pid * 10 + (c - '0');
  }
  for (char c : name.substr(dash + 1))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return 0;
  return pid;
}

bool process_gone(long pid) {
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

// An exclusive flock on a temporary of ours, held by its writer for as long as it works:
// a writer in another pid namespace (a container) or on another host looks gone by its
// pid, but its lock says it is not.
class TempLock {
 public:
  // Takes the lock on `path` without waiting; nullopt when another process holds it.
  static std::optional<TempLock> take(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return std::nullopt;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return std::nullopt;
    }
    return TempLock(fd);
  }
  TempLock(TempLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  TempLock& operator=(TempLock&&) = delete;
  TempLock(const TempLock&) = delete;
  ~TempLock() {
    if (m_fd >= 0) ::close(m_fd);
  }

 private:
  explicit TempLock(int fd) : m_fd(fd) {}
  int m_fd;
};

// The parent of an absolute, resolved path.
fs::path parent_of(const fs::path& p) {
  return p.has_relative_path() ? p.parent_path() : p;
}

// `p` made absolute with ".", "..", symlinks and trailing slashes resolved as far as it
// exists.
fs::path resolve(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = p;
  fs::path r = fs::weakly_canonical(abs, ec);
  if (ec) r = abs.lexically_normal();
  if (!r.has_filename() && r.has_relative_path()) r = r.parent_path();
  return r;
}

// Whether `inner` is `outer` or lies inside it (both resolved).
bool within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

void sync_fd_or_throw(int fd, const std::string& shown) {
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
    throw Error(trf("cannot write {}: {}", shown, system_reason(errno)));
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the data is in place; a folder we cannot open cannot be synced
  (void)::fsync(fd);
  ::close(fd);
}

// Creates `path` (which must not exist), writes what `writer` writes through a checked
// buffer, syncs and closes it. Throws Error naming `shown` with the system's reason.
void write_new_file(const fs::path& path, const std::function<void(std::ostream&)>& writer,
                    const std::string& shown, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) throw Error(trf("cannot write {}: {}", shown, system_reason(errno)));
  (void)::flock(fd, LOCK_EX | LOCK_NB);  // a temporary of ours is not stale while written (TempLock)
  try {
    FdStreambuf buffer(fd);
    std::ostream out(&buffer);
    writer(out);
    if (const int err = buffer.drain(); err != 0)
      throw Error(trf("cannot write {}: {}", shown, system_reason(err)));
    sync_fd_or_throw(fd, shown);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw Error(trf("cannot write {}: {}", shown, system_reason(errno)));
}

// The open descriptor of this process that `path` names, through any chain of symlinks:
// /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N, /proc/PID/fd/N. Writing to it
// directly keeps `-o /dev/stdout >> log` appending to the log instead of replacing it.
std::optional<int> descriptor_behind(fs::path path) {
  const std::string self = fmt::format("/proc/{}/fd/", ::getpid());
  for (int hop = 0; hop < 40; ++hop) {
    const std::string s = fs::absolute(path).lexically_normal().string();
    if (s == "/dev/stdin") return 0;  // read-only: writing fails, the file behind it is never replaced
    if (s == "/dev/stdout") return 1;
    if (s == "/dev/stderr") return 2;
    for (const auto& prefix : {std::string("/dev/fd/"), std::string("/proc/self/fd/"), self}) {
      if (!s.starts_with(prefix)) continue;
      const std::string_view n = std::string_view(s).substr(prefix.size());
      int fd = 0;
      const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), fd);
      if (ec == std::errc() && end == n.data() + n.size() && !n.empty()) return fd;
    }
    std::error_code ec;
    if (!fs::is_symlink(path, ec)) return std::nullopt;
    const fs::path target = fs::read_symlink(path, ec);
    if (ec) return std::nullopt;
    path = target.is_absolute() ? target : path.parent_path() / target;
  }
  return std::nullopt;
}

// Refuses an output that is an input, holds one, or (for a folder) lies inside the folder
// of one (`folder`: the output is a report folder).
void refuse_inputs(const fs::path& target, const std::string& shown, const std::vector<fs::path>& inputs,
                   bool folder) {
  for (const auto& input : inputs) {
    const fs::path in = resolve(input);
    std::error_code ec;
    const bool same = in == target || fs::equivalent(in, target, ec);
    const std::string in_shown = input.lexically_normal().string();
    if (same)
      throw UsageError(
          folder ? trf("cannot write to {}: it is the input {}; choose another folder", shown, in_shown)
                 : trf("cannot write to {}: it is the input {}; choose another file", shown, in_shown));
    if (!folder) continue;
    if (within(in, target))
      throw UsageError(
          trf("cannot write the report set to {}: it holds the input {}; choose a folder outside the inputs",
              shown, in_shown));
    if (within(target, parent_of(in)))
      throw UsageError(trf(
          "cannot write the report set to {}: it lies inside {}, the folder of the input {}; choose a folder "
          "outside the inputs",
          shown,
          parent_of(input.lexically_normal()).empty() ? "." : parent_of(input.lexically_normal()).string(),
          in_shown));
  }
}

bool carries_marker(const fs::path& folder) {
  struct stat st {};
  return ::lstat((folder / k_report_marker).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string marker_text() {
  return trf("safeassess report set\nversion {}\n", SAFEASSESS_VERSION);
}

// renameat2 with `flags`; returns 0 or the errno.
int rename2(const fs::path& from, const fs::path& to, unsigned flags) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags) == 0) return 0;
  return errno;
}

}  // namespace

std::size_t remove_stale_temporaries(const fs::path& folder) {
  std::size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const long pid = temporary_pid(name);
    if (pid == 0 || !process_gone(pid)) continue;
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    const auto lock = TempLock::take(it->path());
    if (!lock) continue;  // its writer is still at work
    std::error_code rm;
    if (S_ISREG(st.st_mode)) {
      removed += fs::remove(it->path(), rm) ? 1 : 0;
    } else if (S_ISDIR(st.st_mode)) {
      if (carries_marker(it->path()) || fs::is_empty(it->path(), rm))
        removed += fs::remove_all(it->path(), rm) ? 1 : 0;
    }
  }
  return removed;
}

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write,
                           const std::vector<fs::path>& inputs) {
  const std::string shown = path.string();
  if (const auto fd = descriptor_behind(path)) {
    FdStreambuf buffer(*fd);
    std::ostream out(&buffer);
    write(out);
    if (const int err = buffer.drain(); err != 0)
      throw Error(trf("cannot write {}: {}", shown, system_reason(err)));
    return;
  }
  if (!shown.empty() && shown.back() == '/')
    throw UsageError(trf("{} ends with \"/\", which names a folder; give a file name for -o", shown));
  if (struct stat link{}; ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    struct stat to {};
    if (::stat(path.c_str(), &to) != 0)
      throw UsageError(
          trf("{} is a symlink to something that does not exist; remove the link or give "
              "another file name",
              shown));
  }
  const fs::path target = resolve(path);
  refuse_inputs(target, shown, inputs, false);
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) throw UsageError(trf("{} is a folder; give a file name for -o", shown));
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or a pipe (-o /dev/null, -o /dev/stdout): renaming over it would replace
    // the device node itself, so write to it directly.
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw Error(trf("cannot write {}: {}", shown, system_reason(errno)));
    FdStreambuf buffer(fd);
    std::ostream out(&buffer);
    try {
      write(out);
    } catch (...) {
      ::close(fd);
      throw;
    }
    const int err = buffer.drain();
    if (::close(fd) != 0 || err != 0)
      throw Error(trf("cannot write {}: {}", shown, system_reason(err ? err : errno)));
    return;
  }
  const fs::path dir = parent_of(target);
  remove_stale_temporaries(dir);
  const fs::path tmp = dir / temporary_name();
  try {
    write_new_file(tmp, write, shown, exists ? (st.st_mode & 07777) : 0666);
    if (::rename(tmp.c_str(), target.c_str()) != 0)
      throw Error(trf("cannot write {}: {}", shown, system_reason(errno)));
  } catch (...) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    throw;
  }
  sync_folder(dir);
}

void StagingFolder::write(const std::string& relative, std::string_view text) const {
  write(relative,
        [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

void StagingFolder::write(const std::string& relative,
                          const std::function<void(std::ostream&)>& writer) const {
  const fs::path p = path(relative);
  // One level below the staging folder, never the staging folder itself: if it was
  // removed under us, writing fails instead of making a new one without the marker.
  if (p.parent_path() != m_staging && ::mkdir(p.parent_path().c_str(), 0777) != 0 && errno != EEXIST)
    throw Error(trf("cannot write {}: {}", shown(relative), system_reason(errno)));
  write_new_file(p, writer, shown(relative), 0666);
}

fs::path StagingFolder::path(const std::string& relative) const {
  return m_staging / relative;
}

void StagingFolder::adopt(const std::string& relative) const {
  const int fd = ::open(path(relative).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(trf("cannot write {}: {}", shown(relative), system_reason(errno)));
  try {
    sync_fd_or_throw(fd, shown(relative));
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

std::string StagingFolder::shown(const std::string& relative) const {
  return (fs::path(m_shown) / relative).lexically_normal().string();
}

void write_directory_atomically(const fs::path& dir, const std::vector<fs::path>& inputs,
                                const std::function<void(const StagingFolder& staging)>& fill) {
  const std::string shown = dir.string();
  const fs::path target = resolve(dir);
  if (!target.has_relative_path())
    throw UsageError(trf("cannot write the report set to {}: choose a folder of its own", shown));
  refuse_inputs(target, shown, inputs, true);
  const fs::path parent = parent_of(target);
  struct stat st {};
  const bool exists = ::lstat(target.c_str(), &st) == 0;
  if (exists && !S_ISDIR(st.st_mode))
    throw UsageError(trf("{} exists and is not a folder; give a folder for the report set", shown));
  const std::string refused = trf(
      "{} exists and is not a safeassess report set: choose another folder, or remove it yourself", shown);
  if (exists && !carries_marker(target)) throw UsageError(refused);
  {
    std::error_code ec;
    if (!fs::is_directory(parent, ec))
      throw Error(
          trf("cannot write the report set to {}: the folder {} does not exist", shown, parent.string()));
  }
  remove_stale_temporaries(parent);
  const fs::path staging = parent / temporary_name();
  if (::mkdir(staging.c_str(), 0777) != 0)
    throw Error(trf("cannot write the report set to {}: {}", shown, system_reason(errno)));
  auto discard = [&] {
    std::error_code ignore;
    fs::remove_all(staging, ignore);
  };
  const auto lock = TempLock::take(staging);
  try {
    if (!lock) throw Error(trf("cannot write the report set to {}: cannot lock {}", shown, staging.string()));
    const StagingFolder folder(staging, shown);
    folder.write(k_report_marker, marker_text());
    fill(folder);
    sync_folder(staging);
    if (!carries_marker(staging))
      throw Error(
          trf("cannot write the report set to {}: its temporary folder was removed while it was "
              "written; run again",
              shown));
  } catch (...) {
    discard();
    throw;
  }
  if (exists) {
    const int err = rename2(staging, target, RENAME_EXCHANGE);
    if (err == 0) {
      // `staging` now holds what was at the target. It carried the marker when checked; if
      // something else took its place since, put it back and delete nothing of it.
      if (!carries_marker(staging)) {
        if (rename2(staging, target, RENAME_EXCHANGE) != 0)
          throw Error(
              trf("{} was replaced while the report set was written; what was there is now at {}: "
                  "move it back yourself",
                  shown, staging.string()));
        discard();  // our new set, back at the temporary name
        throw UsageError(refused);
      }
      discard();  // the previous set: ours
    } else if (err == EINVAL || err == ENOSYS) {
      // A file system without the exchange (some network and FUSE mounts): move the
      // previous set aside, check it is ours, then put the new one in place.
      const fs::path aside = parent / temporary_name();
      if (::rename(target.c_str(), aside.c_str()) != 0) {
        const int e = errno;
        discard();
        throw Error(trf("cannot put the report set in place at {}: {}", shown, system_reason(e)));
      }
      if (!carries_marker(aside)) {
        if (::rename(aside.c_str(), target.c_str()) != 0)
          throw Error(
              trf("{} was replaced while the report set was written; what was there is now at {}: "
                  "move it back yourself",
                  shown, aside.string()));
        discard();
        throw UsageError(refused);
      }
      if (::rename(staging.c_str(), target.c_str()) != 0) {
        const int e = errno;
        (void)::rename(aside.c_str(), target.c_str());
        discard();
        throw Error(trf("cannot put the report set in place at {}: {}", shown, system_reason(e)));
      }
      std::error_code ignore;
      fs::remove_all(aside, ignore);  // the previous set: ours, checked above
    } else {
      discard();
      throw Error(trf("cannot put the report set in place at {}: {}", shown, system_reason(err)));
    }
  } else {
    int err = rename2(staging, target, RENAME_NOREPLACE);
    if (err == EINVAL || err == ENOSYS) err = ::rename(staging.c_str(), target.c_str()) == 0 ? 0 : errno;
    if (err != 0) {
      discard();
      if (err == EEXIST || err == ENOTEMPTY) throw UsageError(refused);
      throw Error(trf("cannot put the report set in place at {}: {}", shown, system_reason(err)));
    }
  }
  sync_folder(parent);
}

}  // namespace safeassess::io
