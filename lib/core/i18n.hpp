#pragma once
// Messages in the user's language: GNU gettext, domain "safeassess", English msgids with the
// Chinese forms in po/zh_CN.po (README "Languages"). The CLI chooses the language (--lang, or
// the locale) and where the catalogs are; the library only looks messages up.
//
//   _("text")                         a message
//   trf("{} of {} rows", n, total)    a message with arguments (fmt syntax; a translation may
//                                     reorder them as {1} {0})
//   N_("text")                        marks a message looked up later with _(variable)

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace safeassess::i18n {

enum class Lang { En, Zh };

// Switches every later lookup to `lang`, with the compiled catalogs under `catalog_dir`
// (holding zh_CN/LC_MESSAGES/safeassess.mo). English needs no catalog.
void use(Lang lang, const std::string& catalog_dir);

[[nodiscard]] Lang current();

// The language a name or locale stands for: zh, zh_CN, zh_CN.UTF-8 → Zh; en, en_US, C, POSIX,
// C.UTF-8 → En. Anything else is En with `ok` set to false.
[[nodiscard]] Lang parse(std::string_view name, bool& ok);

// The translation of `msgid`, or msgid itself (English, or no translation).
[[nodiscard]] const char* tr(const char* msgid);

}  // namespace safeassess::i18n

namespace safeassess {

// The translation of `msgid` formatted with `args`. A translation that fmt cannot format
// (tests/i18n_check.py refuses those, but a catalog could be edited after) falls back to the
// English message rather than throwing.
template <class... Args>
[[nodiscard]] std::string trf(const char* msgid, const Args&... args) {
  const char* text = i18n::tr(msgid);
  if (text != msgid) {
    try {
      return fmt::format(fmt::runtime(text), args...);
    } catch (const fmt::format_error&) {
    }
  }
  return fmt::format(fmt::runtime(msgid), args...);
}

}  // namespace safeassess

#define _(msgid) ::safeassess::i18n::tr(msgid)
#define N_(msgid) msgid
