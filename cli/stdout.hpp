#pragma once
// Standard output whose every write is checked: `safeassess score ... > /dev/full` must
// fail with exit 2, not report success (README "Safety").

#include <streambuf>
#include <string>

#include "io/fd_stream.hpp"

namespace safeassess::cli {

// Takes over std::cout, writing to file descriptor 1 through a checked buffer, until it is
// destroyed. Construct one in main().
class CheckedStdout {
 public:
  CheckedStdout();
  ~CheckedStdout();
  CheckedStdout(const CheckedStdout&) = delete;
  CheckedStdout& operator=(const CheckedStdout&) = delete;

  // Flushes what is buffered. Returns "" when every write so far reached standard output,
  // else "cannot write standard output: REASON" (REASON as strerror gives it).
  [[nodiscard]] std::string finish();

 private:
  io::FdStreambuf m_buffer{1};
  std::streambuf* m_previous = nullptr;
};

}  // namespace safeassess::cli
