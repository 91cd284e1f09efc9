#!/usr/bin/env bash
# The assess report set against golden files: every text file of the set, byte for byte
# (the workbook is checked by assess.sh; its bytes depend on libxlsxwriter's version).
# UPDATE_GOLDEN=1 rewrites the golden files.
#
# With --zh, the set in Chinese (--lang zh): its Markdown and HTML, against tests/golden/zh/assess/.
#
#   bash tests/cli/assess_golden.sh SAFEASSESS EXAMPLE [--no-html | --zh]
set -euo pipefail
bin=$1
example=$2
mode=${3:-}
golden=tests/golden/assess/$example
lang=()
if [[ $mode == --zh ]]; then
  golden=tests/golden/zh/assess/$example
  lang=(--lang zh)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" assess "examples/$example/manifest.yaml" -o "$work/set" "${lang[@]}" >"$work/stdout"
files=$(cd "$work/set" && find . -type f ! -name report.xlsx ! -name .safeassess-report | sed 's#^\./##' | LC_ALL=C sort)
[[ $mode == --no-html ]] && files=$(grep -v '^report.html$' <<<"$files")
[[ $mode == --zh ]] && files=$(grep -E '^report\.(md|html)$' <<<"$files")
if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then
  rm -rf "$golden"
  for f in $files; do
    mkdir -p "$(dirname "$golden/$f")"
    cp "$work/set/$f" "$golden/$f"
  done
  exit 0
fi
want=$(cd "$golden" && find . -type f | sed 's#^\./##' | LC_ALL=C sort)
if [[ "$files" != "$want" ]]; then
  echo "the report set has other files than $golden:"
  diff <(echo "$want") <(echo "$files") || true
  exit 1
fi
status=0
for f in $files; do
  if ! cmp -s "$golden/$f" "$work/set/$f"; then
    echo "$f differs from $golden/$f:"
    diff "$golden/$f" "$work/set/$f" | head -20 || true
    status=1
  fi
done
exit $status
