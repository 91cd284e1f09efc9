#include "core/error.hpp"

#include <fmt/format.h>

namespace safeassess {

std::string Location::to_string() const {
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string Diagnostic::to_string() const {
  return fmt::format("{}: {}", where.to_string(), message);
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.to_string();
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : Error(join_messages(diagnostics)), m_diagnostics(std::move(diagnostics)) {}

InputError::InputError(Location where, std::string message)
    : InputError(std::vector<Diagnostic>{Diagnostic{std::move(where), std::move(message)}}) {}

void Diagnostics::error(Location where, std::string message) {
  m_items.push_back(Diagnostic{std::move(where), std::move(message)});
}

void Diagnostics::append(const std::vector<Diagnostic>& more) {
  m_items.insert(m_items.end(), more.begin(), more.end());
}

void Diagnostics::throw_if_any() const {
  if (!m_items.empty()) throw InputError(m_items);
}

}  // namespace safeassess
