#!/usr/bin/env bash
# Workbooks as LibreOffice writes them (its styles, its custom "General" format, its shared
# strings), not only as openpyxl does: the county example's CSV files opened and saved as
# .xlsx by LibreOffice headless score byte-identically to the CSV files.
#   libreoffice_workbook.sh SAFEASSESS    (run from the source directory)
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v soffice > /dev/null || fail "soffice is not installed (scripts/setup.sh --tests installs libreoffice-calc-nogui)"
cp examples/county-2024/*.csv "$work/"
# CSV filter options: comma-separated, "-quoted, UTF-8 (76), from line 1.
(cd "$work" && timeout 300 soffice -env:UserInstallation="file://$work/lo" --headless \
  --infilter="CSV:44,34,76,1" --convert-to xlsx units.csv indicators.csv ratings.csv > "$work/soffice.log" 2>&1) \
  || fail "soffice: $(cat "$work/soffice.log")"
for f in units indicators ratings; do [ -s "$work/$f.xlsx" ] || fail "soffice wrote no $f.xlsx: $(cat "$work/soffice.log")"; done
cat > "$work/manifest.yaml" <<'YAML'
assessment:
  name: 某市2024年度县（市、区）安全生产责任制考核
  period: "2024"
ruleset: builtin:county-annual
missing: exclude
units: units.xlsx
indicators: indicators.xlsx
ratings: ratings.xlsx
YAML
"$bin" score "$work/manifest.yaml" -f csv > "$work/score.csv" || fail "score exited $?: $("$bin" validate "$work/manifest.yaml" | head -5)"
diff -u tests/golden/county-2024.csv "$work/score.csv" || fail "LibreOffice's workbooks score differently from the CSV files"
echo "LibreOffice workbooks: identical"
