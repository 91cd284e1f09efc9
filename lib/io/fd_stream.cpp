#include "io/fd_stream.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace safeassess::io {

FdStreambuf::FdStreambuf(int fd) : m_fd(fd) {
  setp(m_buffer, m_buffer + k_size);
}

bool FdStreambuf::write_out(const char* s, std::size_t n) {
  while (n > 0 && m_error == 0) {
    const ssize_t w = ::write(m_fd, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        // A non-blocking descriptor (a pipe set so by the reader): wait until it drains.
        pollfd p{m_fd, POLLOUT, 0};
        if (::poll(&p, 1, -1) >= 0 || errno == EINTR) continue;
      }
      m_error = errno;
      break;
    }
    s += w;
    n -= static_cast<std::size_t>(w);
  }
  return m_error == 0;
}

int FdStreambuf::drain() {
  const auto n = static_cast<std::size_t>(pptr() - pbase());
  setp(m_buffer, m_buffer + k_size);
  write_out(m_buffer, n);
  return m_error;
}

FdStreambuf::int_type FdStreambuf::overflow(int_type c) {
  if (drain() != 0) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize FdStreambuf::xsputn(const char* s, std::streamsize n) {
  const auto count = static_cast<std::size_t>(n);
  if (count <= static_cast<std::size_t>(epptr() - pptr())) {
    std::memcpy(pptr(), s, count);
    pbump(static_cast<int>(count));
    return n;
  }
  if (drain() != 0 || !write_out(s, count)) return 0;
  return n;
}

int FdStreambuf::sync() {
  return drain() == 0 ? 0 : -1;
}

}  // namespace safeassess::io
