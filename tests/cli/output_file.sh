#!/usr/bin/env bash
# -o FILE is atomic: a successful run writes exactly what stdout would have shown, and a
# failed run leaves an existing FILE untouched and creates no stray temporary file.
#   output_file.sh SAFEASSESS GOOD_MANIFEST BAD_MANIFEST
set -u
bin=$1 good=$2 bad=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$bin" score "$good" -f json > "$dir/stdout.json" || fail "score to stdout"
"$bin" score "$good" -f json -o "$dir/report.json" > "$dir/nothing" || fail "score -o"
cmp -s "$dir/stdout.json" "$dir/report.json" || fail "-o output differs from stdout"
[ -s "$dir/nothing" ] && fail "-o also printed to stdout"
echo "previous report" > "$dir/keep.json"
"$bin" score "$bad" -f json -o "$dir/keep.json" 2> /dev/null
rc=$?
[ "$rc" = 2 ] || fail "bad input exit code $rc, expected 2"
[ "$(cat "$dir/keep.json")" = "previous report" ] || fail "a failed run changed the previous report"
"$bin" score "$bad" -f json -o "$dir/new.json" 2> /dev/null
[ -e "$dir/new.json" ] && fail "a failed run created its output file"
leftovers=$(ls -A "$dir" | grep -c tmp)
[ "$leftovers" = 0 ] || fail "temporary files left behind: $(ls -A "$dir")"
# A device is written, never replaced (renaming over /dev/null as root would destroy it).
"$bin" score "$good" -f csv -o /dev/null || fail "-o /dev/null"
[ -c /dev/null ] || fail "/dev/null is no longer a character device"
# -o /dev/stdout appended to a file: written to the descriptor, the file is not replaced.
echo "first line" > "$dir/log.txt"
inode=$(stat -c %i "$dir/log.txt")
"$bin" score "$good" -f csv -o /dev/stdout >> "$dir/log.txt" || fail "-o /dev/stdout"
[ "$(stat -c %i "$dir/log.txt")" = "$inode" ] || fail "-o /dev/stdout replaced the file behind it"
[ "$(head -1 "$dir/log.txt")" = "first line" ] || fail "-o /dev/stdout overwrote what the file held"
[ "$(wc -l < "$dir/log.txt")" -gt 10 ] || fail "-o /dev/stdout wrote nothing"
# -o /dev/stdin names the file behind standard input: never replaced.
echo "keep" > "$dir/in.txt"
"$bin" score "$good" -o /dev/stdin < "$dir/in.txt" 2> /dev/null && fail "-o /dev/stdin succeeded"
[ "$(cat "$dir/in.txt")" = keep ] || fail "-o /dev/stdin replaced the file behind it"
echo "ok"
