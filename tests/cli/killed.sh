#!/usr/bin/env bash
# kill -9 in the middle of writing a report set (a --timestamp run, so that a torn or new set
# would differ from the old one): the previous set stays whole at its name,
# the killed run's temporary stays beside it, and the next run removes that temporary (and
# nothing else of the folder).
#   killed.sh SAFEASSESS SAFEASSESS_BENCH
set -u
bin=$1 bench=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$bench" --units 10000 --dir "$work/in" --keep --skip-json > /dev/null || fail "generating the data"
"$bin" assess "$work/in/manifest.yaml" -o "$work/out" > /dev/null || fail "the first run"
(cd "$work/out" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$work/before"
touch "$work/.safeassess-tmp-notes" "$work/keep.txt"
"$bin" assess "$work/in/manifest.yaml" -o "$work/out" --timestamp > /dev/null &
pid=$!
# Wait until the run has started writing its temporary folder, then kill it.
for _ in $(seq 200); do
  ls -A "$work" | grep -Eq '^\.safeassess-tmp-[0-9]+-[0-9a-f]{8}$' && break
  sleep 0.05
done
kill -9 $pid 2> /dev/null
wait $pid 2> /dev/null
left=$(ls -A "$work" | grep -Ec '^\.safeassess-tmp-[0-9]+-[0-9a-f]{8}$')
[ "$left" = 1 ] || fail "expected the killed run's temporary, found $left: $(ls -A "$work")"
(cd "$work/out" && find . -type f | LC_ALL=C sort | xargs sha256sum) | cmp -s - "$work/before" \
  || fail "the previous report set changed"
"$bin" score "$work/in/manifest.yaml" -f csv -o "$work/scores.csv" || fail "the next run"
left=$(ls -A "$work" | grep -Ec '^\.safeassess-tmp-[0-9]+-[0-9a-f]{8}$')
[ "$left" = 0 ] || fail "the stale temporary was not removed: $(ls -A "$work")"
[ -e "$work/.safeassess-tmp-notes" ] && [ -e "$work/keep.txt" ] || fail "removed something not ours"
echo "ok"
