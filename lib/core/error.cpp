#include "core/error.hpp"

#include <fmt/format.h>

#include <cctype>

namespace safeassess {

std::size_t Location::sheet_mark(std::string_view f) {
  auto workbook = [](std::string_view s) {
    if (s.size() < 5) return false;
    std::string ext(s.substr(s.size() - 5));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".xlsx" || ext == ".xlsm";
  };
  for (auto hash = f.find('#'); hash != std::string_view::npos; hash = f.find('#', hash + 1))
    if (workbook(f.substr(0, hash))) return hash;
  return std::string_view::npos;
}

bool Location::is_sheet(std::string_view f) {
  return sheet_mark(f) != std::string_view::npos;
}

std::string Location::to_string() const {
  if (line > 0 && is_sheet(file)) {
    if (column <= 0) return fmt::format("{}!{}:{}", file, line, line);
    std::string letters;
    for (auto c = static_cast<unsigned long>(column); c > 0; c = (c - 1) / 26)
      letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return fmt::format("{}!{}{}", file, letters, line);
  }
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
