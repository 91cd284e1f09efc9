#!/usr/bin/env bash
# report.xlsx as an evaluator opens and prints it: read back with openpyxl (integer formats,
# column widths that fit, an autofilter and a print setup on every sheet), then opened by
# LibreOffice (so, likely, as WPS and Excel open it) and printed to PDF: one page per sheet for
# the 3-unit example, ranks as integers, nothing clipped, the header and page footer printed.
#   xlsx_print.sh SAFEASSESS ARTIFACTS    (run from the source directory)
set -euo pipefail
bin=$1
artifacts=$2
mkdir -p "$artifacts"
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v soffice > /dev/null || fail "soffice is not installed (scripts/setup.sh --tests installs libreoffice-calc-nogui)"
command -v pdftotext > /dev/null || fail "pdftotext is not installed (scripts/setup.sh --tests installs poppler-utils)"

# In Chinese, as an evaluator prints it (the English workbook is tests/cli/assess.sh's).
"$bin" assess examples/chain-2024/manifest.yaml -o "$work/set" --lang zh > /dev/null || fail "assess exited $?"

"$py" - "$work/set/report.xlsx" <<'PY' || fail "xlsx setup"
import sys, unicodedata, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(s))
for ws in wb.worksheets:
    assert ws.freeze_panes == "A2", (ws.title, ws.freeze_panes)
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), (ws.title, ws.auto_filter.ref)
    assert ws.page_setup.orientation == "landscape", ws.title
    # fitToWidth is 1 when absent (ECMA-376 18.3.1.63); 0 pages high means "as many as needed".
    assert int(ws.page_setup.fitToWidth or 1) == 1 and int(ws.page_setup.fitToHeight) == 0, ws.title
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert ws.print_title_rows in ("1:1", "$1:$1"), (ws.title, ws.print_title_rows)
    assert "某县2024年度乡镇安全生产责任制考核" in ws.oddHeader.center.text, ws.title
    assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text, ws.title
    # Every text cell fits its column (numbers are as wide as their format prints them).
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str):
                w = ws.column_dimensions[c.column_letter].width
                assert w >= min(width(c.value), 80), (ws.title, c.coordinate, c.value, w)
rank = wb["排名"]
for r in range(2, rank.max_row + 1):
    assert rank.cell(r, 1).number_format == "0", rank.cell(r, 1).number_format
    assert rank.cell(r, 4).number_format == "0.00", rank.cell(r, 4).number_format
assert wb["指标明细"].cell(2, 8).number_format == "0.0000"
for c in (6, 7, 8):
    assert wb["履职"].cell(2, c).number_format == "0", c
assert wb["隐患"].cell(2, 9).number_format == "0"
PY

# The workbook opened and printed by LibreOffice.
timeout 300 soffice -env:UserInstallation="file://$work/lo" --headless --convert-to pdf --outdir "$work" \
  "$work/set/report.xlsx" > "$work/soffice.log" 2>&1 || fail "soffice: $(cat "$work/soffice.log")"
[ -s "$work/report.pdf" ] || fail "soffice wrote no PDF: $(cat "$work/soffice.log")"
cp "$work/report.pdf" "$artifacts/report-xlsx.pdf"
pdftotext -layout "$work/report.pdf" "$work/report.txt"
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" = 7 ] || fail "the 3-unit example prints on $pages pages, expected 7 (one per sheet)"
for want in "第 1 页，共 7 页" "第 7 页，共 7 页" "某县2024年度乡镇安全生产责任制考核（责任链）" \
            "发生较大及以上生产安全事故" "major_hazard_rectification" "生产安全事故起数同比下降"; do
  grep -qF "$want" "$work/report.txt" || fail "the printed workbook lacks \"$want\""
done
# Ranks print as integers: "1 T2", never "1.00 T2".
grep -Eq '^ *1 +T2 ' "$work/report.txt" || fail "rank 1 does not print as an integer"
grep -Eq '[0-9]\.00 +T[0-9]' "$work/report.txt" && fail "a rank prints with decimals"
echo "report.xlsx prints on $pages pages"
