#pragma once
// An output stream buffer on a file descriptor whose every write is checked: the first
// failure (ENOSPC, EPIPE, EIO ...) is kept, so that the writer of a report can say why it
// did not reach its file or standard output instead of reporting success.

#include <streambuf>

namespace safeassess::io {

class FdStreambuf : public std::streambuf {
 public:
  // Writes to `fd`, which it does not own (it never closes it).
  explicit FdStreambuf(int fd);
  FdStreambuf(const FdStreambuf&) = delete;
  FdStreambuf& operator=(const FdStreambuf&) = delete;

  // Writes out what is buffered. Returns the first errno of any write so far, 0 when
  // every byte reached the descriptor. After a failure later bytes are dropped.
  int drain();
  [[nodiscard]] int error() const { return m_error; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool write_out(const char* s, std::size_t n);

  static constexpr std::size_t k_size = 64 * 1024;
  int m_fd;
  int m_error = 0;
  char m_buffer[k_size];
};

}  // namespace safeassess::io
