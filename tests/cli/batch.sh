#!/usr/bin/env bash
# safeassess batch over a list: every run gets its report set (the same files `assess` writes
# for its manifest) or its problems.txt; the index (HTML, xlsx, JSON) has every run's status
# and exit code; one failing run does not stop the others; the exit code is the worst; the
# batch folder is byte-identical on a second run. Then the whole examples/ folder.
#   batch.sh SAFEASSESS    (run from the source directory)
set -euo pipefail
bin=$1
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

set +e
"$bin" batch tests/cli/data/batch/list.txt -o "$work/b" --fail-on veto > "$work/out.txt" 2> "$work/err.txt"
rc=$?
set -e
[ "$rc" = 2 ] || fail "exit code $rc, expected 2 (the worst run: invalid input)"
[ -s "$work/err.txt" ] && fail "stderr: $(cat "$work/err.txt")"
diff -u tests/golden/batch.stdout <(sed "s#$work#OUT#g" "$work/out.txt") || fail "stdout"
for f in index.html index.json index.xlsx shuozhou/report.html shuozhou/report.xlsx county-2024/report.md \
         bad/problems.txt; do
  [ -s "$work/b/$f" ] || fail "missing $f"
done
[ -e "$work/b/bad/report.html" ] && fail "a refused run has a report"
grep -q "indicators.csv:3:3" "$work/b/bad/problems.txt" || fail "problems.txt lacks the bad cell"
# The run's report set is what assess writes for the same manifest.
"$bin" assess examples/county-2024/manifest.yaml -o "$work/single" --fail-on veto > /dev/null 2>&1 || true
for f in report.md report.json junit.xml csv/ranking.csv; do
  cmp -s "$work/single/$f" "$work/b/county-2024/$f" || fail "county-2024/$f differs from assess"
done
"$py" - "$work/b/index.json" "$work/b/index.xlsx" <<'PY' || fail "index"
import json, sys, openpyxl
j = json.load(open(sys.argv[1]))
assert j["exit_code"] == 2, j["exit_code"]
got = [(r["folder"], r["status"], r["exit_code"]) for r in j["runs"]]
assert got == [("shuozhou", "ok", 0), ("bad", "invalid-input", 2), ("county-2024", "gate-tripped", 1)], got
assert j["runs"][2]["gates_tripped"] == ["veto"] and j["runs"][2]["units"] == 14, j["runs"][2]
assert j["runs"][1]["problem_count"] == 5 and j["runs"][1]["problems"][0].startswith("tests/cli/data/bad/"), j["runs"][1]
ws = openpyxl.load_workbook(sys.argv[2]).active
rows = list(ws.iter_rows(min_row=2, values_only=True))
assert [(r[1], r[7]) for r in rows] == [("shuozhou", 0), ("bad", 2), ("county-2024", 1)], rows
assert ws.auto_filter.ref == "A1:J4", ws.auto_filter.ref
PY
grep -q 'href="county-2024/report.html"' "$work/b/index.html" || fail "index.html does not link the report"
grep -q 'href="bad/problems.txt"' "$work/b/index.html" || fail "index.html does not link the problems"
# Deterministic: a second batch gives the same bytes.
"$bin" batch tests/cli/data/batch/list.txt -o "$work/b2" --fail-on veto > /dev/null || true
diff -r "$work/b" "$work/b2" > /dev/null || fail "two batches differ"
# A failed batch folder is never half written: refused over an input.
set +e
"$bin" batch tests/cli/data/batch/list.txt -o examples/county-2024 > /dev/null 2>&1
[ $? = 2 ] || fail "a batch over an input folder was not refused"
set -e
# Every bundled example, in one go.
"$bin" batch examples -o "$work/all" > "$work/all.txt" || fail "batch examples exited $?"
[ "$(grep -c ': ok (exit code 0)' "$work/all.txt")" = "$(find examples -name manifest.yaml | wc -l)" ] \
  || fail "not every example ran: $(cat "$work/all.txt")"
echo "batch: $(wc -l < "$work/all.txt") lines"
