#!/usr/bin/env bash
# A parse error as long as a shell glob makes it (thousands of arguments, a 30 000-character
# value) is said in Chinese like a short one: exit 2 and the message, never a crash (the
# Chinese form is not matched with std::regex, which recurses per character). CLI11 lists
# unexpected arguments last first.
#   many_args.sh SAFEASSESS
set -uo pipefail
bin=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
err=$("$bin" --lang zh score examples/county-2024/manifest.yaml $(seq -f 'extra%05g' 5000) 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] || fail "5000 extra arguments: exit $rc, expected 2"
[[ $err == "多余的参数：extra05000 extra04999 "* ]] || fail "5000 extra arguments: ${err:0:200}"
long=$(printf 'x%.0s' $(seq 30000))
err=$("$bin" --lang zh score examples/county-2024/manifest.yaml -f "$long" 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] || fail "a 30 000-character value: exit $rc, expected 2"
[[ $err == "--format：\"xxxx"* ]] || fail "a 30 000-character value: ${err:0:200}"
echo "long parse errors: ok"
