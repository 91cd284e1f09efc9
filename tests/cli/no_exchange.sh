#!/usr/bin/env bash
# Without renameat2 (LD_PRELOAD of no_exchange.so): a report set is still created and
# replaced whole, and a folder that is not ours is still refused and left untouched.
#   no_exchange.sh SAFEASSESS SHIM    (run from the source directory)
set -u
bin=$1 shim=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
m=examples/chain-2024/manifest.yaml
run() { LD_PRELOAD="$shim" "$bin" "$@"; }
run assess $m -o "$work/out" > /dev/null || fail "create"
touch "$work/out/stale.txt"
run assess $m -o "$work/out" --timestamp > /dev/null || fail "replace"
[ -e "$work/out/stale.txt" ] && fail "the previous set was not replaced whole"
grep -q '"timestamp": "' "$work/out/report.json" || fail "the new set is not in place"
mkdir "$work/mine" && echo "years of work" > "$work/mine/thesis.docx"
err=$(run assess $m -o "$work/mine" 2>&1 > /dev/null)
[ $? = 2 ] || fail "a user's folder: not exit 2"
[ "$err" = "safeassess: error: $work/mine exists and is not a safeassess report set: choose another folder, or remove it yourself" ] || fail "$err"
[ "$(cat "$work/mine/thesis.docx")" = "years of work" ] || fail "the user's file changed"
left=$(ls -A "$work" | grep -c safeassess-tmp)
[ "$left" = 0 ] || fail "temporaries left: $(ls -A "$work")"
echo "ok"
