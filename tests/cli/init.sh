#!/usr/bin/env bash
# init → fill → score, end to end: the template of the county ruleset, pre-filled with the
# example's units, filled in with openpyxl from the example's CSV files the way an evaluator
# types into Excel, scores byte-identically to the example. The template's headers, notes and
# data validation are checked, validate lists every empty cell at once, the CSV form reads its
# note row as a note, and init never writes into a folder that holds something.
#   init.sh SAFEASSESS    (run from the source directory)
set -euo pipefail
bin=$1
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" init "$work/t" --ruleset county-annual --units examples/county-2024/units.csv --period 2024 > "$work/out.txt" \
  || fail "init exited $?"
grep -q "assessment.xlsx, manifest.yaml for ruleset county-annual (3 tables)" "$work/out.txt" || fail "init said: $(cat "$work/out.txt")"

# The empty template: every problem at once, named by sheet and cell.
set +e
"$bin" validate "$work/t/manifest.yaml" > "$work/v.txt"
rc=$?
set -e
[ "$rc" = 2 ] || fail "validate of the empty template exited $rc"
grep -q "assessment.xlsx#指标!B3: column B \"生产安全事故起数（本年）\": empty cell for unit \"C01\"" "$work/v.txt" \
  || fail "validate: $(head -3 "$work/v.txt")"
[ "$(grep -c 'empty cell' "$work/v.txt")" = 336 ] || fail "expected 14 units x 24 inputs empty cells: $(tail -1 "$work/v.txt")"

"$py" - "$work/t/assessment.xlsx" examples/county-2024 <<'PY' || fail "template or filling"
import csv, sys, openpyxl
path, example = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(path)
assert wb.sheetnames == ["单位", "指标", "专家评分"], wb.sheetnames
units, data, ratings = wb["单位"], wb["指标"], wb["专家评分"]
assert [c.value for c in units[1]][:2] == ["单位编号", "单位名称"]
assert units["A3"].value == "C01" and units["B3"].value == "青山县" and units.max_row == 16
assert str(data["A2"].value).startswith("# "), data["A2"].value
# Each input column: its Chinese name above, its id first in the note.
ids = {}
for c in range(2, data.max_column + 1):
    note = data.cell(2, c).value
    ids[note.split(":")[0]] = c
assert data.cell(1, ids["accidents_cur"]).value == "生产安全事故起数（本年）"
assert "是 or 否" in data.cell(2, ids["duty_lists_complete"]).value or "是" in data.cell(2, ids["duty_lists_complete"]).value
# Data validation: yes/no as a list, counts whole and at least 0, percentages 0..100.
rules = {str(v.sqref): v for v in data.data_validations.dataValidation}
def at(col):
    letter = openpyxl.utils.get_column_letter(col)
    return next(v for ref, v in rules.items() if ref.startswith(letter + "3:"))
assert at(ids["duty_lists_complete"]).type == "list" and '"是,否"' in at(ids["duty_lists_complete"]).formula1
assert at(ids["accidents_cur"]).type == "whole" and at(ids["accidents_cur"]).operator == "greaterThanOrEqual"
v = at(ids["major_hazard_rectified_pct"])
# A percentage typed as 98.5% is the number 0.985: the range is in the note, not in a check.
assert v.type == "decimal" and "0 to 100" in data.cell(2, ids["major_hazard_rectified_pct"]).value
# Fill in: numbers as numbers, percentages with %, as typed into Excel.
rows = {data.cell(r, 1).value: r for r in range(3, data.max_row + 1)}
for rec in csv.DictReader(open(example + "/indicators.csv", encoding="utf-8-sig")):
    r = rows[rec["unit"]]
    for k, v in rec.items():
        if k == "unit":
            continue
        cell = data.cell(r, ids[k])
        if v.endswith("%"):  # 98.5% typed into Excel: the number 0.985, shown as a percentage
            cell.value, cell.number_format = float(v[:-1]) / 100, "0.0%"
            continue
        try:
            cell.value = int(v) if v.isdigit() else float(v)
        except ValueError:
            cell.value = v
r = 3
for rec in csv.DictReader(open(example + "/ratings.csv", encoding="utf-8-sig")):
    ratings.cell(r, 1).value, ratings.cell(r, 2).value = rec["unit"], rec["item"]
    ratings.cell(r, 3).value, ratings.cell(r, 4).value = rec["rater"], float(rec["rating"])
    r += 1
wb.save(path)
PY
# The example's manifest excludes the missing rating of C09; so does the evaluator here.
echo "missing: exclude" >> "$work/t/manifest.yaml"
"$bin" validate "$work/t/manifest.yaml" > /dev/null || fail "validate of the filled template: $("$bin" validate "$work/t/manifest.yaml" | tail -3)"
"$bin" score "$work/t/manifest.yaml" -f csv > "$work/score.csv" || fail "score exited $?"
diff -u tests/golden/county-2024.csv "$work/score.csv" || fail "the filled template scores differently from the example"

# CSV templates: the note row under the header is read as a note.
"$bin" init "$work/c" --ruleset builtin:shuozhou --csv --period 2024 > /dev/null || fail "init --csv"
for f in units.csv indicators.csv manifest.yaml; do [ -s "$work/c/$f" ] || fail "init --csv: no $f"; done
[ -e "$work/c/ratings.csv" ] && fail "init --csv: a ratings table for a ruleset without ratings"
sed -n 2p "$work/c/indicators.csv" | grep -Eq '^"?# ' || fail "the CSV note row"
printf 'S01,甲县\r\n' >> "$work/c/units.csv"
set +e
"$bin" validate "$work/c/manifest.yaml" > "$work/vc.txt"
set -e
grep -q 'indicators.csv: unit "S01" (units file line 3) has no row' "$work/vc.txt" || fail "validate --csv: $(head -3 "$work/vc.txt")"
grep -q 'indicators.csv:2:' "$work/vc.txt" && fail "the note row was read as data"

# Never into a folder that holds something.
set +e
"$bin" init "$work/t" --ruleset county-annual > /dev/null 2> "$work/err.txt"
rc=$?
set -e
[ "$rc" = 2 ] || fail "init into a filled folder exited $rc"
grep -q "already exists and is not an empty folder" "$work/err.txt" || fail "init: $(cat "$work/err.txt")"
"$bin" score "$work/t/manifest.yaml" -f csv | cmp -s - tests/golden/county-2024.csv || fail "the filled workbook was touched"
echo "init: ok"
