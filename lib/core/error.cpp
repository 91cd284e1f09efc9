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

InputError::InputError(std::vector<Diagnostic> diagnostics, std::size_t total)
    : Error(join_messages(diagnostics)), m_diagnostics(std::move(diagnostics)), m_total(total) {}

InputError::InputError(Location where, std::string message)
    : InputError(std::vector<Diagnostic>{Diagnostic{std::move(where), std::move(message)}}) {}

void Diagnostics::error(Location where, std::string message) {
  ++m_total;
  if (m_items.size() < k_kept) m_items.push_back(Diagnostic{std::move(where), std::move(message)});
}

void Diagnostics::append(const InputError& e) {
  for (const auto& d : e.diagnostics())
    if (m_items.size() < k_kept) m_items.push_back(d);
  m_total += e.total();
}

void Diagnostics::throw_if_any() const {
  if (m_total > 0) throw InputError(m_items, m_total);
}

}  // namespace safeassess
