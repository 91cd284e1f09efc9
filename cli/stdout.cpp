#include "stdout.hpp"

#include <cstring>
#include <iostream>

#include "core/i18n.hpp"

namespace safeassess::cli {

CheckedStdout::CheckedStdout() : m_previous(std::cout.rdbuf(&m_buffer)) {}

CheckedStdout::~CheckedStdout() {
  m_buffer.drain();
  std::cout.rdbuf(m_previous);
}

std::string CheckedStdout::finish() {
  const int error = m_buffer.drain();
  if (error == 0) return {};
  return trf("cannot write standard output: {}", std::strerror(error));
}

}  // namespace safeassess::cli
