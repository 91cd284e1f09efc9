#!/usr/bin/env bash
# Every write is checked, standard output included: a full device makes every subcommand,
# in every format, exit 2 with the system's reason (README "Safety").
#   write_errors.sh SAFEASSESS    (run from the source directory)
set -u
bin=$1
fail() { echo "FAIL: $*"; exit 1; }
want="safeassess: error: cannot write standard output: No space left on device"
CM=examples/chain-2024/manifest.yaml EX=examples/county-2024/manifest.yaml HZ=examples/hazards-2024
while IFS= read -r args; do
  [ -n "$args" ] || continue
  # shellcheck disable=SC2086
  err=$("$bin" $args 2>&1 > /dev/full)
  rc=$?
  [ $rc = 2 ] || fail "$args > /dev/full: exit $rc, expected 2"
  [ "$(printf "%s\n" "$err" | tail -1)" = "$want" ] || fail "$args > /dev/full: stderr was: $err"
done <<LIST
score $EX
score $EX -f json
score $EX -f csv
score $EX -f md
score $EX --explain C08
score $EX --fail-below 60
validate builtin:county-annual $EX
validate builtin:county-annual -f json
rulesets
--help
score --help
--version
judge $HZ/findings.csv
judge $HZ/findings.csv -f json
hazards $HZ/manifest.yaml -f csv
risk $HZ/risks.csv -f md
duties $CM
trace $CM -f dot
trace $CM --points T1 -f json
LIST
err=$("$bin" score $EX -o /dev/full 2>&1)
[ $? = 2 ] && [ "$err" = "safeassess: error: cannot write /dev/full: No space left on device" ] || fail "-o /dev/full: $err"
# An empty value is refused, not taken for "not given".
for opt in "score $EX --explain" "hazards $HZ/manifest.yaml --as-of" "trace $CM --from" "trace $CM --points"; do
  # shellcheck disable=SC2086
  err=$("$bin" $opt '' 2>&1 > /dev/null)
  [ $? = 2 ] || fail "$opt '': not exit 2"
  [ "$(printf '%s\n' "$err" | head -1)" = "${opt##* }: an empty value names nothing" ] || fail "$opt '': $err"
done
echo "ok"
