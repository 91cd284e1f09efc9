#!/usr/bin/env bash
# End-to-end test of `safeassess assess`: the report set is complete, deterministic and
# written atomically; report.json validates against schemas/report.schema.json, junit.xml
# against schemas/junit.xsd; the xlsx reads back with openpyxl and agrees with the JSON;
# the HTML renders in headless Chromium (every unit section and chart measured, a
# screenshot kept in ARTIFACTS); hostile names are escaped in every format.
#   assess.sh SAFEASSESS ARTIFACTS    (run from the source directory)
set -euo pipefail
bin=$1
artifacts=$2
mkdir -p "$artifacts"
# Debian's interpreter, with the Debian packages the set-up installs (python3-jsonschema,
# python3-openpyxl), whatever other python3 is first on PATH.
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
manifest=examples/chain-2024/manifest.yaml
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The report set, twice: byte-identical.
"$bin" assess "$manifest" -o "$work/a" 2> "$work/a.err" || fail "assess exited $?"
[ -s "$work/a.err" ] && fail "assess wrote to stderr when it is not a terminal: $(cat "$work/a.err")"
"$bin" assess "$manifest" -o "$work/b" > /dev/null
diff -r "$work/a" "$work/b" > /dev/null || fail "two runs differ"
for f in report.html report.md report.json report.xlsx junit.xml csv/ranking.csv csv/indicators.csv \
         csv/gaps.csv csv/duties.csv csv/hazards.csv csv/risks.csv csv/attribution.csv csv/gates.csv; do
  [ -s "$work/a/$f" ] || fail "missing or empty $f"
done
grep -q '<script' "$work/a/report.html" && fail "report.html has a script"
grep -Eq '(src|href)="(https?:)?//' "$work/a/report.html" && fail "report.html loads something from the network"

# 2. --timestamp: only the stamps differ.
"$bin" assess "$manifest" -o "$work/t" --timestamp > /dev/null
"$py" - "$work/a/report.json" "$work/t/report.json" <<'PY' || fail "--timestamp"
import json, sys
a, t = (json.load(open(p)) for p in sys.argv[1:])
assert a["tool"]["timestamp"] is None, a["tool"]
assert isinstance(t["tool"]["timestamp"], str) and t["tool"]["timestamp"].endswith("Z"), t["tool"]
t["tool"]["timestamp"] = None
assert a == t, "reports differ beyond the timestamp"
PY

# 3. JSON against the project's schema; JUnit against the JUnit schema, and as junitparser reads it.
"$py" - "$work/a/report.json" schemas/report.schema.json <<'PY' || fail "report.json does not validate"
import json, sys, jsonschema
report, schema = (json.load(open(p)) for p in sys.argv[1:])
jsonschema.Draft7Validator.check_schema(schema)
jsonschema.validate(report, schema)
assert len(report["units"]) == 3 and report["chain"] is not None and report["duties"] is not None
assert report["risks"] is not None and len(report["risks"]["points"]) == 7
PY
xmllint --noout --schema schemas/junit.xsd "$work/a/junit.xml" 2> "$work/xmllint.err" || fail "junit.xml: $(cat "$work/xmllint.err")"
# The other examples: no chain (county), a ledger without a chain (hazards), excluded ratings.
for ex in county-2024 hazards-2024; do
  "$bin" assess examples/$ex/manifest.yaml -o "$work/$ex" > /dev/null || fail "assess $ex"
  "$py" - "$work/$ex/report.json" schemas/report.schema.json <<'PY' || fail "$ex: report.json does not validate"
import json, sys, jsonschema
report, schema = (json.load(open(p)) for p in sys.argv[1:])
jsonschema.validate(report, schema)
assert report["chain"] is None and report["duties"] is None and len(report["units"]) == 14
PY
  xmllint --noout --schema schemas/junit.xsd "$work/$ex/junit.xml" 2> /dev/null || fail "$ex: junit.xml"
done

# 3b. Row accounting: every table's rows read (counted here with Python's csv module) are
# used or excluded with a reason; the hazards example has a hazard found after its as-of day.
for ex in a county-2024 hazards-2024; do
  "$py" - "$work/$ex/report.json" <<'PY' || fail "$ex: row accounting"
import csv, json, sys
report = json.load(open(sys.argv[1]))
seen = 0
for f in report["assessment"]["files"]:
    acc = f["accounting"]
    if not f["path"].endswith(".csv"):
        assert acc is None, f
        continue
    with open(f["path"], encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.reader(fh) if any(c.strip() for c in r)]
    assert acc["read"] == len(rows) - 1, (f["path"], acc, len(rows) - 1)
    assert acc["read"] == acc["used"] + sum(x["rows"] for x in acc["excluded"]), f
    seen += 1
assert seen >= 3, seen
if report["hazards"] is not None:
    acc = report["hazards"]["ledger"]["accounting"]
    assert acc["read"] == acc["used"] + sum(x["rows"] for x in acc["excluded"]), acc
PY
done

# 4. Gates: exit 1, failures in JUnit for exactly the tripped unit/gate pairs.
set +e
"$bin" assess "$manifest" -o "$work/g" --fail-on veto,overdue-major,red-task,escalation --fail-below 50 2> "$work/g.err"
rc=$?
set -e
[ $rc = 1 ] || fail "gates: exit $rc, expected 1"
xmllint --noout --schema schemas/junit.xsd "$work/g/junit.xml" 2> /dev/null || fail "gated junit.xml does not validate"
"$py" - "$work/g/junit.xml" "$work/g/report.json" <<'PY' || fail "junit failures"
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
failed = sorted((c.get("classname").split()[0], c.get("name")) for c in root.iter("testcase") if c.find("failure") is not None)
report = json.load(open(sys.argv[2]))
tripped = sorted((g["unit"], g["gate"]) for g in report["gates"] if g["tripped"])
assert failed == tripped, (failed, tripped)
# Red tasks as of 2024-12-31: K03 and K02 (T1), K04 (T2), K08 (T3), each with a step due;
# T1's hazards YH-T1-002/003 and T3's YH-T3-002 have hazard steps due too.
assert failed == [("T1", "escalation"), ("T1", "fail-below 50"), ("T1", "overdue-major"), ("T1", "red-task"),
                  ("T1", "veto"), ("T2", "escalation"), ("T2", "red-task"), ("T3", "escalation"),
                  ("T3", "red-task")], failed
assert root.get("failures") == "9"
PY
grep -q "gate veto tripped by 1 unit: T1 青石镇" "$work/g.err" || fail "gate message: $(cat "$work/g.err")"
grep -q "gate red-task tripped by 3 units: T2 河口镇, T3 龙泉乡, T1 青石镇" "$work/g.err" ||
  fail "task gate message: $(cat "$work/g.err")"

# 5. Atomic: a failing run leaves the previous report folder as it was.
cp -r "$work/a" "$work/keep"
set +e
"$bin" assess tests/cli/data/records-bad/manifest.yaml -o "$work/a" 2> /dev/null
rc=$?
set -e
[ $rc = 2 ] || fail "bad input: exit $rc, expected 2"
diff -r "$work/a" "$work/keep" > /dev/null || fail "a failed run changed the previous report"
ls -A "$work" | grep -q 'safeassess-tmp' && fail "a temporary folder was left behind"

# 6. The xlsx, read back: the sheets an evaluator opens, and the numbers of the JSON.
"$py" - "$work/a/report.xlsx" "$work/a/report.json" <<'PY' || fail "xlsx"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["Ranking", "Indicators", "Chain gaps", "Duties", "Hazards", "Risks", "Tasks"], wb.sheetnames
report = json.load(open(sys.argv[2]))
rows = list(wb["Ranking"].iter_rows(min_row=2, values_only=True))
assert [(r[1], r[3], r[4]) for r in rows] == [(u["id"], u["total"], u["grade"]) for u in report["units"]], rows
detail = list(wb["Indicators"].iter_rows(min_row=2, values_only=True))
assert len(detail) == sum(len(u["indicators"]) for u in report["units"])
gaps = list(wb["Chain gaps"].iter_rows(min_row=2, values_only=True))
assert [g[1] for g in gaps] == [g["kind"] for g in report["chain"]["gaps"]]
risks = list(wb["Risks"].iter_rows(min_row=2, values_only=True))
assert [(r[0], r[1], r[3]) for r in risks] == [(p["unit"], p["id"], p["score"]) for p in report["risks"]["points"]], risks
PY

# 7. The HTML in a real browser: every unit section and chart laid out with a size.
if command -v chromium > /dev/null; then browser=chromium; else fail "chromium is not installed (scripts/setup.sh installs it)"; fi
cp tests/cli/render_check.html "$work/a/render_check.html"
flags=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files
       --user-data-dir="$work/profile" --virtual-time-budget=10000)
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/a/render_check.html" > "$work/dom.html" 2> "$work/chromium.err" \
  || fail "chromium: $(tail -3 "$work/chromium.err")"
"$py" - "$work/dom.html" "$work/a/report.json" <<'PY' || fail "rendering"
import html, json, re, sys
dom = open(sys.argv[1]).read()
m = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
assert m and m.group(1) != "pending", "the check page did not run"
got = json.loads(html.unescape(m.group(1)))
report = json.load(open(sys.argv[2]))
ids = sorted("unit-" + u["id"] for u in report["units"])
assert sorted(u["id"] for u in got["units"]) == ids, got["units"]
assert all(u["height"] > 200 and u["rows"] >= 8 for u in got["units"]), got["units"]
charts = {c["id"]: c for c in got["charts"]}
expected = ["ranking-chart", "chain-diagram"] + ["categories-" + u["id"] for u in report["units"]]
assert sorted(charts) == sorted(expected), sorted(charts)
for c in got["charts"]:
    assert c["width"] > 100 and c["height"] > 50, c
assert charts["ranking-chart"]["bars"] == 3
assert all(charts["categories-" + u["id"]]["bars"] == 5 for u in report["units"])
assert charts["chain-diagram"]["nodes"] == 47, charts["chain-diagram"]
print(json.dumps(got, ensure_ascii=False))
PY
timeout 120 "$browser" "${flags[@]}" --window-size=1200,2400 --screenshot="$artifacts/report.png" \
  "file://$work/a/report.html" > /dev/null 2>&1 || fail "screenshot"
timeout 120 "$browser" "${flags[@]}" --window-size=390,1600 --screenshot="$artifacts/report-phone.png" \
  "file://$work/a/report.html" > /dev/null 2>&1 || fail "phone screenshot"
"$py" - "$artifacts/report.png" <<'PY' || fail "screenshot is blank"
import sys, zlib, struct
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50000, len(data)
PY

# 8. Hostile names: escaped in HTML, XML and Markdown; neutralised in CSV and xlsx.
"$bin" assess tests/cli/data/escape/manifest.yaml -o "$work/e" > /dev/null
grep -q '<script>alert' "$work/e/report.html" && fail "HTML: a name was not escaped"
grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "$work/e/report.html" || fail "HTML: escaped name missing"
grep -q '<title>转义&lt;测试&gt; &amp; &quot;引号&quot;</title>' "$work/e/report.html" || fail "HTML title"
xmllint --noout --schema schemas/junit.xsd "$work/e/junit.xml" 2> /dev/null || fail "junit.xml with hostile names"
grep -q '<script>' "$work/e/report.md" && fail "Markdown: a name was not escaped"
grep -q "\"'=HYPERLINK(" "$work/e/csv/ranking.csv" || fail "CSV: a formula was not neutralised"
grep -q "'-2+3 | 管道" "$work/e/csv/ranking.csv" || fail "CSV: a leading minus was not neutralised"
"$py" - "$work/e/report.xlsx" <<'PY' || fail "xlsx: a formula was not neutralised"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Ranking"]
names = [r[2] for r in ws.iter_rows(min_row=2, values_only=True)]
assert "'=HYPERLINK(\"http://evil.invalid\",\"click\")" in names, names
assert "'-2+3 | 管道" in names, names
assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
PY
echo "assess: all checks passed"
