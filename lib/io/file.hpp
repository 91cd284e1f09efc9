#pragma once
// Reading input files, and writing output files and report folders so that nothing of the
// user's is ever lost: an output replaces only what is ours, never an input, and only whole.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace safeassess::io {

// The whole file as bytes. Throws InputError at `cited_from` (the place that named the
// file, e.g. a manifest line) when it cannot be read; `display` is the path as the user
// should see it.
[[nodiscard]] std::string read_file(const std::filesystem::path& path, const std::string& display,
                                    const Location& cited_from = {});

// The largest input file read_file takes (a whole province's ledger is about 1 GB).
inline constexpr std::uint64_t k_max_input_bytes = std::uint64_t{4} << 30;

// The marker file every report set carries; a folder is replaced only when it has one.
inline constexpr const char* k_report_marker = ".safeassess-report";

// Writes `path` so that it either holds everything `write` produced or is left as it
// was: the content goes to a temporary file of ours beside it (a short name, whatever the
// length of `path`), which is synced and then renamed over `path`. A symlink is followed:
// the file it points at is replaced. A path that exists and is not a regular file
// (/dev/null, a pipe) is written directly. `inputs` are the files the run read: `path` may
// not be one of them. Throws UsageError for a refused target, Error on I/O failure naming
// `path` and the system's reason; whatever `write` throws propagates after the temporary
// file is removed.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write,
                           const std::vector<std::filesystem::path>& inputs = {});

// The folder a report set is filled in before it is put in place. Paths are relative to
// the report set; messages name them under the target, as the user will find them.
class StagingFolder {
 public:
  StagingFolder(std::filesystem::path staging, std::string shown)
      : m_staging(std::move(staging)), m_shown(std::move(shown)) {}
  // Writes `text` to `relative` (creating its folders), checks every write and syncs it.
  void write(const std::string& relative, std::string_view text) const;
  // The same, streaming what `writer` writes (a report of any size is never held whole).
  void write(const std::string& relative, const std::function<void(std::ostream&)>& writer) const;
  // Where a library that writes files itself should write `relative`; call `adopt` after.
  [[nodiscard]] std::filesystem::path path(const std::string& relative) const;
  // Syncs a file another library wrote at path(relative); throws when it is missing.
  void adopt(const std::string& relative) const;
  // `relative` as the user sees it: under the target folder.
  [[nodiscard]] std::string shown(const std::string& relative) const;

 private:
  std::filesystem::path m_staging;
  std::string m_shown;
};

// Writes a report set to `dir` so that it either holds everything `fill` wrote or is left
// as it was. `fill` writes into a new folder of ours beside `dir` (which already carries
// the marker); the finished set is swapped in with one atomic exchange
// (renameat2 RENAME_EXCHANGE), so there is never a moment with no report set at `dir`, and
// the previous set is removed after. Before anything is written:
// - `dir` is resolved (".", "..", a trailing slash, symlinks);
// - `dir` may not be an input, hold an input, or lie inside the folder of an input;
// - an existing `dir` is replaced only when it carries k_report_marker;
// - stale temporaries of ours left beside `dir` by a killed run are removed.
// Throws UsageError for a refused target, Error on I/O failure (naming the file and the
// system's reason: "No space left on device"); whatever `fill` throws propagates after the
// new folder is removed.
void write_directory_atomically(const std::filesystem::path& dir,
                                const std::vector<std::filesystem::path>& inputs,
                                const std::function<void(const StagingFolder& staging)>& fill);

// Removes the temporaries of ours in `folder` whose writing process is gone: files and
// folders named `.safeassess-tmp-PID-XXXXXXXX` (a folder only when it carries our marker
// or is empty). Nothing else is touched. Returns how many were removed.
std::size_t remove_stale_temporaries(const std::filesystem::path& folder);

}  // namespace safeassess::io
