#!/usr/bin/env bash
# The layering of lib/ (ARCHITECTURE.md), checked from the #include lines: a folder may
# include its own layer's headers or those of a layer below, never one above; folders of
# the same layer may include each other's headers only one way (no circle of any length).
# cli/ sits on top. Every folder of lib/ must have a layer. Exit 1, naming every offending
# include, when the rule is broken.
#
#   bash tests/layers.sh [SOURCE_DIR]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

# Bottom to top. Folders on one line share a layer.
layers='
core
io
model
load
score duty hazard risk chain accident task targeting
assessment
report
cli
'

# Every folder of lib/, so that one whose files include only their own headers is still
# given a place.
folders=$(find lib -mindepth 1 -maxdepth 1 -type d | sed 's#^lib/##' | LC_ALL=C sort)

files=$( (find lib cli -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' -o -name '*.hh' \
  -o -name '*.cc' -o -name '*.ipp' -o -name '*.inc' \)) | LC_ALL=C sort)

# "file folder included-folder include-as-written" for every include of a header of lib/:
# "x/y.hpp" or <x/y.hpp> (lib/ is an include directory), or a path relative to the file.
edges=$(for f in $files; do
  from=${f#lib/}
  from=${from%%/*}
  [[ $f == cli/* ]] && from=cli
  dir=$(dirname "$f")
  { grep -oE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"][^">]+[">]' "$f" || true; } |
    sed -E 's/.*[<"]([^">]+)[">]/\1/' |
    while read -r path; do
      target=""
      if [[ -f "lib/$path" ]]; then
        target=lib/$path
      elif [[ -f "$dir/$path" ]]; then
        target=$(realpath -m --relative-to=. "$dir/$path")
      fi
      [[ $target == lib/*/* ]] || continue
      to=${target#lib/}
      echo "$f $from ${to%%/*} $path"
    done
done)

awk -v layers="$layers" -v folders="$folders" '
BEGIN {
  n = split(layers, lines, "\n"); rank = 0
  for (i = 1; i <= n; i++) {
    if (lines[i] == "") continue
    m = split(lines[i], names, " ")
    for (j = 1; j <= m; j++) layer[names[j]] = rank
    rank++
  }
  bad = 0
  n = split(folders, all, "\n")
  for (i = 1; i <= n; i++)
    if (all[i] != "" && !(all[i] in layer)) {
      printf "lib/%s/: folder \"%s\" has no layer; add it to tests/layers.sh and ARCHITECTURE.md\n", all[i], all[i]
      bad = 1
    }
}
NF == 4 {
  file = $1; from = $2; to = $3; path = $4
  if (!(from in layer) || !(to in layer)) next  # reported above
  if (to == from) next
  if (layer[to] > layer[from]) {
    printf "%s: %s/ includes \"%s\" from %s/, a layer above it\n", file, from, path, to; bad = 1
  }
  if (!((from, to) in edge)) { edge[from, to] = file " includes \"" path "\""; order[++edges] = from SUBSEP to }
}
END {
  # A circle among folders of one layer: some edge a -> b with b reaching a. (A circle
  # through another layer has an include running up, reported above.)
  for (k in edge) {
    split(k, p, SUBSEP)
    if (layer[p[1]] != layer[p[2]]) continue
    reach[p[1], p[2]] = 1; inner[p[1]]; inner[p[2]]
  }
  for (m in inner) for (a in inner) if ((a, m) in reach) for (b in inner) if ((m, b) in reach) reach[a, b] = 1
  for (e = 1; e <= edges; e++) {
    split(order[e], p, SUBSEP); a = p[1]; b = p[2]
    if (layer[a] == layer[b] && (b, a) in reach) {
      printf "circle: %s/ and %s/ reach each other (%s)\n", a, b, edge[a, b]; bad = 1
    }
  }
  exit bad
}' <<<"$edges"
