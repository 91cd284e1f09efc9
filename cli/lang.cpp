#include "lang.hpp"

#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace safeassess::cli {

i18n::Lang choose_language(int argc, const char* const* argv) {
  bool ok = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--") break;
    std::string_view value;
    if (arg == "--lang" && i + 1 < argc)
      value = argv[i + 1];
    else if (arg.starts_with("--lang="))
      value = arg.substr(7);
    else
      continue;
    const auto lang = i18n::parse(value, ok);
    if (ok) return lang;
  }
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (!value || !*value) continue;
    const auto lang = i18n::parse(value, ok);
    return ok ? lang : i18n::Lang::En;
  }
  return i18n::Lang::En;
}

std::string catalog_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& dir :
         {exe.parent_path() / "locale", exe.parent_path().parent_path() / "share" / "locale"})
      if (fs::exists(dir / "zh_CN" / "LC_MESSAGES" / "safeassess.mo", ec)) return dir.string();
  }
  return SAFEASSESS_LOCALEDIR;
}

}  // namespace safeassess::cli
