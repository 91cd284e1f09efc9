#!/usr/bin/env bash
# The Debian package: built by CPack from this build folder, its Depends computed from the
# libraries the binary links, unpacked into a scratch root (dpkg -x, no container) and run
# from there: --version, one assessment, the man page (one section per subcommand) and the
# bash completion.
#   deb.sh BUILD_DIR    (run from the source directory)
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1 || fail "cpack: $(tail -5 "$work/cpack.log")"
deb=$(ls "$work"/pkg/safeassess_*_amd64.deb 2> /dev/null | head -1)
[ -n "$deb" ] || fail "cpack made no .deb: $(tail -5 "$work/cpack.log")"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libyaml-cpp0.7 libfmt9 libxlsxwriter4 libzip4 libexpat1 libutf8proc2 libssl3 libstdc++6; do
  grep -q "$lib" <<< "$depends" || fail "Depends lacks $lib: $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = safeassess ] || fail "package name"

dpkg -x "$deb" "$work/root"
bin="$work/root/usr/bin/safeassess"
[ -x "$bin" ] || fail "no /usr/bin/safeassess in the package"
"$bin" --version | grep -Eq '^safeassess [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version: $("$bin" --version)"
# One assessment, run by the installed binary from outside the source tree.
cp -r examples/county-2024 "$work/county"
(cd "$work" && "$bin" score county/manifest.yaml -f csv) > "$work/score.csv" || fail "score exited $?"
cmp -s "$work/score.csv" tests/golden/county-2024.csv || fail "the installed binary scores differently"
for f in usr/share/safeassess/rulesets/assessment/county-annual.yaml usr/share/doc/safeassess/README.md \
         usr/share/bash-completion/completions/safeassess usr/share/man/man1/safeassess.1; do
  [ -s "$work/root/$f" ] || fail "the package lacks /$f"
done

# The man page renders, with a section for every subcommand --help lists.
man_text=$(MANWIDTH=100 man -l "$work/root/usr/share/man/man1/safeassess.1" 2> "$work/man.err") || fail "man: $(cat "$work/man.err")"
for sub in assess score validate judge hazards risk duties trace batch init rulesets; do
  upper=$(tr a-z A-Z <<< "$sub")
  grep -q "^SAFEASSESS $upper" <<< "$man_text" || fail "the man page has no section SAFEASSESS $upper"
  "$bin" "$sub" --help | grep -q -- "--help" || fail "$sub --help"
done
grep -q -- "--explain" <<< "$man_text" || fail "the man page lacks score --explain"
# The Chinese man page (man -L zh_CN safeassess), from the same definitions.
zh_man=$(MANWIDTH=100 man -l "$work/root/usr/share/man/zh_CN/man1/safeassess.1" 2> "$work/man.err") \
  || fail "man (zh_CN): $(cat "$work/man.err")"
grep -q "^名称" <<< "$zh_man" && grep -q "^SAFEASSESS SCORE" <<< "$zh_man" && grep -q "对考核中的每个单位计分" <<< "$zh_man" \
  || fail "the Chinese man page is not Chinese, or lacks a subcommand"
# The catalog, where the installed binary finds it: Chinese messages from the scratch root.
zh_out=$(LANG=zh_CN.UTF-8 "$bin" scor 2>&1 || true)
grep -q "不是子命令" <<< "$zh_out" || fail "the installed binary does not speak Chinese: $zh_out"

# The completion offers subcommands and the options of the one typed.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _safeassess; echo "${COMPREPLY[*]}"' _ \
    "$work/root/usr/share/bash-completion/completions/safeassess" "$@"
}
[ "$(complete_words safeassess sc)" = "score" ] || fail "completion of 'sc': $(complete_words safeassess sc)"
grep -qw -- "--explain" <<< "$(complete_words safeassess score --ex)" || fail "completion of 'score --ex'"
grep -qw "json" <<< "$(complete_words safeassess score -f j)" || fail "completion of 'score -f j'"
echo "$(basename "$deb"): Depends: $depends"
