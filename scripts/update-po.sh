#!/usr/bin/env bash
# Extracts every message of lib/ and cli/ (_("..."), trf("...", ...), N_("...")) and merges
# them into each po/LANG.po: new messages arrive untranslated, removed ones are dropped,
# changed ones fuzzy. Translate them, then run the tests (tests/i18n_check.sh checks that
# every message is translated with the same {} arguments).
#   bash scripts/update-po.sh
set -euo pipefail
cd "$(dirname "$0")/.."
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT
mapfile -t sources < <(git ls-files 'lib/*.cpp' 'lib/*.hpp' 'cli/*.cpp' 'cli/*.hpp' | LC_ALL=C sort)
xgettext --language=C++ --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=trf:1 --sort-by-file \
  --no-wrap --package-name=safeassess --msgid-bugs-address=maintainers@safeassess.invalid \
  --add-comments=TRANSLATORS: -o "$pot" "${sources[@]}"
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-wrap --sort-by-file "$po" "$pot"
  msgattrib --no-obsolete --no-wrap --sort-by-file -o "$po" "$po"
done
