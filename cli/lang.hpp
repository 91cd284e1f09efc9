#pragma once
// Choosing the language of messages, help and reports before anything is printed: --lang
// zh|en wins, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: the first one set).

#include <string>

#include "core/i18n.hpp"

namespace safeassess::cli {

// Reads --lang from argv (either "--lang zh" or "--lang=zh") and the locale from the
// environment. An unknown --lang value is left to the option's own check.
[[nodiscard]] i18n::Lang choose_language(int argc, const char* const* argv);

// Where the compiled catalogs are: beside the binary in a build tree (locale/), under the
// install prefix relative to the binary (../share/locale), or where it was configured to go.
[[nodiscard]] std::string catalog_dir();

}  // namespace safeassess::cli
