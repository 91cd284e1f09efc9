#pragma once
// Reading input files and writing output files atomically.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>

#include "core/error.hpp"

namespace safeassess::io {

// The whole file as bytes. Throws InputError at `cited_from` (the place that named the
// file, e.g. a manifest line) when it cannot be read; `display` is the path as the user
// should see it.
[[nodiscard]] std::string read_file(const std::filesystem::path& path, const std::string& display,
                                    const Location& cited_from = {});

// Writes `path` so that it either holds everything `write` produced or is left as it
// was: the content goes to a temporary file beside it, which replaces `path` only after
// `write` returned and the data reached the disk. A path that exists and is not a regular
// file (/dev/null, a pipe) is written directly. Throws Error on I/O failure; whatever
// `write` throws propagates after the temporary file is removed.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write);

// Fills a report folder so that `dir` either holds everything `fill` wrote or is left as
// it was: `fill` writes into a new folder beside `dir`, which takes the place of `dir`
// only after `fill` returned (a previous `dir` is moved aside, then removed). Throws Error
// on I/O failure; whatever `fill` throws propagates after the new folder is removed.
void write_directory_atomically(const std::filesystem::path& dir,
                                const std::function<void(const std::filesystem::path& staging)>& fill);

}  // namespace safeassess::io
