#pragma once
// Standard output whose every write is checked: `safeassess score ... > /dev/full` must
// fail with exit 2, not report success (README "Safety").

#include <streambuf>
#include <string>

namespace safeassess::cli {

// A buffer for std::cout that writes to file descriptor 1 and remembers the first failure.
// Construct one in main(); it takes over std::cout until destroyed.
class CheckedStdout : public std::streambuf {
 public:
  CheckedStdout();
  ~CheckedStdout() override;
  CheckedStdout(const CheckedStdout&) = delete;
  CheckedStdout& operator=(const CheckedStdout&) = delete;

  // Flushes what is buffered. Returns "" when every write so far reached standard output,
  // else "cannot write standard output: REASON" (REASON as strerror gives it).
  [[nodiscard]] std::string finish();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool drain();
  bool write_out(const char* s, std::size_t n);

  static constexpr std::size_t k_size = 64 * 1024;
  char m_buffer[k_size];
  std::streambuf* m_previous = nullptr;
  int m_error = 0;  // the first errno, 0 while all is well
};

}  // namespace safeassess::cli
