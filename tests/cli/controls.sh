#!/usr/bin/env bash
# Nothing live, nothing raw: control characters (ESC, BEL, NUL, a lone CR, C1 CSI) and
# direction overrides (U+202E) in input names reach no output raw. Every subcommand and
# format, and every file of the report set, shows them written out (\x1b, \u202e); the
# xlsx stays a valid workbook, junit.xml valid XML.
#   controls.sh SAFEASSESS    (run from the source directory)
set -u
bin=$(realpath "$1")
src=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
head -3 tests/cli/data/escape/indicators.csv > "$work/indicators.csv"
# U+202E is E2 80 AE, C1 CSI (U+009B) is C2 9B.
printf 'id,name\nX1,"\x1b[31mred\x1b[0m \x07bell \xe2\x80\xaeevil\xe2\x80\xac\x00nul"\nX2,"cr\rhere \xc2\x9b2J"\nX3,"two\nlines"\n' > "$work/units.csv"
cat > "$work/manifest.yaml" <<YAML
assessment: {name: 控制字符, period: "2024"}
ruleset: $src/examples/chain-2024/township-ruleset.yaml
units: units.csv
indicators: indicators.csv
YAML
printf 'X3,3,3,0,0,100,100,100,100,100,100,100,0\n' >> "$work/indicators.csv"
# raw FILE: fails if FILE holds a raw control byte (other than tab, LF, CR) or C1/U+202E.
raw() { LC_ALL=C grep -qaP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\r(?!$)' "$1"; }
cd "$work"
for args in "score manifest.yaml" "score manifest.yaml -f json" "score manifest.yaml -f csv" "score manifest.yaml -f md" \
            "score manifest.yaml --explain X1" "score manifest.yaml --explain X1 -f json"; do
  # shellcheck disable=SC2086
  "$bin" $args > out 2> err || fail "$args: exit $?: $(cat err)"
  raw out && fail "$args: a raw control character reached stdout"
  grep -q 'X1' out || fail "$args: X1 missing"
done
"$bin" score manifest.yaml > out
grep -qF '\x1b[31mred\x1b[0m \x07bell \u202eevil\u202c\x00nul' out || fail "the name is not written out visibly: $(grep X1 out)"
grep -qF 'cr\x0dhere \u009b2J' out || fail "the lone CR and C1 CSI are not written out visibly: $(grep X2 out)"
grep -qF 'two\x0alines' out || fail "a line break in a name breaks the table: $(grep -A1 X3 out)"
"$bin" score manifest.yaml --explain $'X1\x1b[2J' > out 2> err
[ $? = 2 ] || fail "an unknown unit with ESC in its id: not exit 2"
raw err && fail "a raw control character reached stderr"
grep -qF 'X1\x1b[2J' err || fail "stderr does not show the id visibly: $(cat err)"
"$bin" assess manifest.yaml -o "$work/../controls-report.$$" > out || fail "assess"
trap 'rm -rf "$work" "$work/../controls-report.$$"' EXIT
for f in $(cd "$work/../controls-report.$$" && find . -type f ! -name '*.xlsx'); do
  raw "$work/../controls-report.$$/$f" && fail "assess: a raw control character in $f"
done
/usr/bin/python3 - "$work/../controls-report.$$" <<'PY' || fail "xlsx or junit.xml"
import sys, zipfile, re, xml.dom.minidom
d = sys.argv[1]
with zipfile.ZipFile(d + "/report.xlsx") as z:
    for n in z.namelist():
        if n.endswith(".xml"):
            data = z.read(n)
            xml.dom.minidom.parseString(data)  # well-formed
            assert not re.search(rb'[\x00-\x08\x0b\x0c\x0e-\x1f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]', data), n
import openpyxl
wb = openpyxl.load_workbook(d + "/report.xlsx")
names = [r[2] for r in wb["Ranking"].iter_rows(min_row=2, values_only=True)]
assert any("\\x1b[31mred" in str(n) for n in names), names
xml.dom.minidom.parse(d + "/junit.xml")
PY
# A file name is bytes: one that is not UTF-8 is written with U+FFFD, not an internal error.
cp "$src/examples/hazards-2024/risks.csv" "$work/"$'bad\xff.csv'
"$bin" risk "$work/"$'bad\xff.csv' -f json > out 2> err || fail "a non-UTF-8 file name: exit $?: $(cat err)"
/usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' out || fail "its JSON is not valid UTF-8"
echo "ok"
