#!/usr/bin/env bash
# End-to-end check of one safeassess run: exit code, stdout and stderr against golden files.
#   check.sh EXPECTED_RC STDOUT_GOLDEN|- STDERR_GOLDEN|- -- COMMAND [ARGS...]
# "-" skips that comparison. Run from the source directory (CTest sets it), so that paths
# in the output are the same on every machine. UPDATE_GOLDEN=1 rewrites the golden files.
set -u
expected_rc=$1 out_golden=$2 err_golden=$3
shift 3
[ "$1" = "--" ] && shift
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$@" >"$out" 2>"$err"
rc=$?
status=0
if [ "$rc" != "$expected_rc" ]; then
  echo "exit code $rc, expected $expected_rc"; echo "--- stderr:"; head -20 "$err"; status=1
fi
compare() {  # golden actual label
  [ "$1" = "-" ] && return 0
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$2" "$1"; return 0; fi
  if ! diff -u "$1" "$2" > /dev/null; then
    echo "$3 differs from $1:"; diff -u "$1" "$2" | head -40; status=1
  fi
}
compare "$out_golden" "$out" stdout
compare "$err_golden" "$err" stderr
exit $status
