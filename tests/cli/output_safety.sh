#!/usr/bin/env bash
# What -o will and will not replace (README "Safety"): a report set never replaces a folder
# that is not ours, never an input or a folder that holds one (however it is spelled), and
# a killed run's temporaries are cleared by the next run. Every refusal exits 2 and leaves
# every file byte-identical.
#   output_safety.sh SAFEASSESS    (run from the source directory)
set -u
bin=$(realpath "$1")
work=$(mktemp -d) before=$(mktemp)
trap 'rm -rf "$work" "$before"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cp -r examples/chain-2024 "$work/in"
# Every entry (folders and symlinks too, with their kind and target) and every file's bytes.
snapshot() {
  (cd "$work" && find . -path ./out -prune -o -printf '%y %p %l\n' | LC_ALL=C sort \
    && find . -path ./out -prune -o -type f -print | LC_ALL=C sort | xargs sha256sum)
}
snapshot > "$before"

# refuse EXPECTED_STDERR COMMAND...: exit 2, that message, no file changed.
refuse() {
  local want=$1; shift
  "$@" > "$work/stdout" 2> "$work/stderr"
  local rc=$?
  rm -f "$work/stdout"
  [ $rc = 2 ] || fail "$*: exit $rc, expected 2"
  [ "$(cat "$work/stderr")" = "$want" ] || fail "$*: stderr was: $(cat "$work/stderr")"
  rm -f "$work/stderr"
  snapshot | cmp -s - "$before" || fail "$*: changed a file"
}
m="$work/in/manifest.yaml"
holds="it holds the input $m; choose a folder outside the inputs"
refuse "safeassess: error: cannot write the report set to $work/in: $holds" "$bin" assess "$m" -o "$work/in"
refuse "safeassess: error: cannot write the report set to $work/in/: $holds" "$bin" assess "$m" -o "$work/in/"
refuse "safeassess: error: cannot write the report set to $work: $holds" "$bin" assess "$m" -o "$work"
refuse "safeassess: error: cannot write the report set to $work/in/report: it lies inside $work/in, the folder of the input $m; choose a folder outside the inputs" \
  "$bin" assess "$m" -o "$work/in/report"
ln -s in "$work/link"
snapshot > "$before"
refuse "safeassess: error: cannot write the report set to $work/link: $holds" "$bin" assess "$m" -o "$work/link"
(cd "$work/in" && refuse "safeassess: error: cannot write the report set to .: it holds the input manifest.yaml; choose a folder outside the inputs" \
  "$bin" assess manifest.yaml -o .) || exit 1
(cd "$work/in" && refuse "safeassess: error: cannot write the report set to ..: it holds the input manifest.yaml; choose a folder outside the inputs" \
  "$bin" assess manifest.yaml -o ..) || exit 1
refuse "safeassess: error: cannot write to $work/in/indicators.csv: it is the input $work/in/indicators.csv; choose another file" \
  "$bin" score "$m" -f csv -o "$work/in/indicators.csv"

# A folder of the user's, and a file where the folder should be: refused, untouched.
mkdir "$work/mine" && echo "years of work" > "$work/mine/thesis.docx"
snapshot > "$before"
refuse "safeassess: error: $work/mine exists and is not a safeassess report set: choose another folder, or remove it yourself" \
  "$bin" assess "$m" -o "$work/mine"

# A report set of ours is replaced whole; a killed run's temporaries go, nothing else does.
"$bin" assess "$m" -o "$work/out" > /dev/null || fail "first assess"
[ "$(head -1 "$work/out/.safeassess-report")" = "safeassess report set" ] || fail "no marker"
mkdir "$work/.safeassess-tmp-99999999-0000abcd" && cp "$work/out/.safeassess-report" "$work/.safeassess-tmp-99999999-0000abcd/"
echo half > "$work/.safeassess-tmp-99999999-00001234"
mkdir "$work/.safeassess-tmp-99999999-0000cafe" && echo notes > "$work/.safeassess-tmp-99999999-0000cafe/notes.txt"
# A writer in another pid namespace looks dead by its pid, but holds its temporary's lock.
mkdir "$work/.safeassess-tmp-99999998-0000f00d" && cp "$work/out/.safeassess-report" "$work/.safeassess-tmp-99999998-0000f00d/"
flock "$work/.safeassess-tmp-99999998-0000f00d" sleep 30 &
holder=$!
for _ in $(seq 50); do flock -n "$work/.safeassess-tmp-99999998-0000f00d" true 2> /dev/null || break; sleep 0.05; done
touch "$work/out/stale.txt"
"$bin" assess "$m" -o "$work/out/" > /dev/null || fail "second assess"
[ -d "$work/.safeassess-tmp-99999998-0000f00d" ] || fail "removed a temporary whose writer holds its lock"
kill $holder 2> /dev/null; wait $holder 2> /dev/null
rm -rf "$work/.safeassess-tmp-99999998-0000f00d"
[ -e "$work/out/stale.txt" ] && fail "the previous set was not replaced whole"
left=$(cd "$work" && ls -A | grep safeassess-tmp | tr '\n' ' ')
[ "$left" = ".safeassess-tmp-99999999-0000cafe " ] || fail "temporaries left: $left"

# A name of NAME_MAX bytes works: the temporaries beside it stay short.
long=$(printf 'r%.0s' $(seq 255))
"$bin" assess "$m" -o "$work/$long" > /dev/null || fail "a 255-byte report folder name"
"$bin" score "$m" -o "$work/$long.txt" 2> /dev/null && fail "a 259-byte file name was accepted"
"$bin" score "$m" -o "$work/${long:4}.txt" || fail "a 255-byte file name"
echo "ok"
