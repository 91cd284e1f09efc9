#include "stdout.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

namespace safeassess::cli {

CheckedStdout::CheckedStdout() {
  setp(m_buffer, m_buffer + k_size);
  m_previous = std::cout.rdbuf(this);
}

CheckedStdout::~CheckedStdout() {
  drain();
  std::cout.rdbuf(m_previous);
}

bool CheckedStdout::write_out(const char* s, std::size_t n) {
  // After a failure the rest is dropped: the run ends with exit 2 anyway.
  while (n > 0 && m_error == 0) {
    const ssize_t w = ::write(1, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      m_error = errno;
      break;
    }
    s += w;
    n -= static_cast<std::size_t>(w);
  }
  return m_error == 0;
}

bool CheckedStdout::drain() {
  const auto n = static_cast<std::size_t>(pptr() - pbase());
  setp(m_buffer, m_buffer + k_size);
  return write_out(m_buffer, n);
}

CheckedStdout::int_type CheckedStdout::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize CheckedStdout::xsputn(const char* s, std::streamsize n) {
  const auto count = static_cast<std::size_t>(n);
  if (count <= static_cast<std::size_t>(epptr() - pptr())) {
    std::memcpy(pptr(), s, count);
    pbump(static_cast<int>(count));
    return n;
  }
  if (!drain() || !write_out(s, count)) return 0;
  return n;
}

int CheckedStdout::sync() {
  return drain() ? 0 : -1;
}

std::string CheckedStdout::finish() {
  drain();
  if (m_error == 0) return {};
  return std::string("cannot write standard output: ") + std::strerror(m_error);
}

}  // namespace safeassess::cli
