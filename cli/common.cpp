#include "common.hpp"

#include <fmt/format.h>

#include <iostream>

#include "io/file.hpp"

namespace safeassess::cli {

void emit(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  io::write_file_atomically(path, write);
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  // A file of a million bad rows would drown the terminal: show the first 200.
  constexpr std::size_t k_shown = 200;
  for (std::size_t i = 0; i < diagnostics.size() && i < k_shown; ++i)
    std::cerr << diagnostics[i].to_string() << '\n';
  if (diagnostics.size() > k_shown)
    std::cerr << fmt::format("... and {} more problems\n", diagnostics.size() - k_shown);
  std::cerr << fmt::format("safeassess: {} problem{} found; no output was written\n", diagnostics.size(),
                           diagnostics.size() == 1 ? "" : "s");
}

}  // namespace safeassess::cli
