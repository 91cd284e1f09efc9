#include "core/i18n.hpp"

#include <libintl.h>

#include <clocale>
#include <cstdlib>

namespace safeassess::i18n {
namespace {

constexpr const char* k_domain = "safeassess";
Lang g_lang = Lang::En;

}  // namespace

void use(Lang lang, const std::string& catalog_dir) {
  g_lang = lang;
  if (lang == Lang::En) return;
  // gettext picks the catalog from LANGUAGE, which it honours only when LC_MESSAGES is not
  // the "C" locale. C.UTF-8 is built into glibc, so this works on a machine with no Chinese
  // locale installed, and only LC_MESSAGES changes: numbers still print and parse the same.
  std::setlocale(LC_MESSAGES, "C.UTF-8");
  ::setenv("LANGUAGE", "zh_CN", 1);
  ::bindtextdomain(k_domain, catalog_dir.c_str());
  ::bind_textdomain_codeset(k_domain, "UTF-8");
}

Lang current() {
  return g_lang;
}

Lang parse(std::string_view name, bool& ok) {
  ok = true;
  if (name.starts_with("zh")) return Lang::Zh;
  if (name.starts_with("en") || name == "C" || name == "POSIX" || name.starts_with("C.")) return Lang::En;
  ok = false;
  return Lang::En;
}

const char* tr(const char* msgid) {
  if (g_lang == Lang::En || *msgid == '\0') return msgid;
  return ::dgettext(k_domain, msgid);
}

}  // namespace safeassess::i18n
