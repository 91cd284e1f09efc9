#!/usr/bin/env bash
# The layering of lib/ (ARCHITECTURE.md), checked from the #include lines: a folder may
# include its own layer's headers or those of a layer below, never one above; folders of
# the same layer may include each other's headers only one way (no circle of any length).
# cli/ sits on top. Exit 1, naming every offending include, when the rule is broken.
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
score duty hazard risk chain
assessment
report
cli
'

files=$( (find lib -name '*.hpp' -o -name '*.cpp'; find cli -name '*.hpp' -o -name '*.cpp') | LC_ALL=C sort)
# "file folder included-folder included-path" for every #include "folder/name.hpp".
edges=$(for f in $files; do
  from=${f#lib/}; from=${from%%/*}
  [[ $f == cli/* ]] && from=cli
  grep -oE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z_]+/[a-z_0-9]+\.hpp"' "$f" |
    sed -E 's/.*"([a-z_]+)\/(.*)"/\1 \1\/\2/' |
    while read -r to path; do echo "$f $from $to $path"; done
done)

awk -v layers="$layers" '
BEGIN {
  n = split(layers, lines, "\n"); rank = 0
  for (i = 1; i <= n; i++) {
    if (lines[i] == "") continue
    m = split(lines[i], names, " ")
    for (j = 1; j <= m; j++) layer[names[j]] = rank
    rank++
  }
  bad = 0
}
{
  file = $1; from = $2; to = $3; path = $4
  if (!(from in layer)) { printf "%s: folder \"%s\" has no layer; add it to tests/layers.sh and ARCHITECTURE.md\n", file, from; bad = 1; next }
  if (!(to in layer)) { printf "%s: includes \"%s\" of folder \"%s\", which has no layer\n", file, path, to; bad = 1; next }
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
    reach[p[1], p[2]] = 1; folders[p[1]]; folders[p[2]]
  }
  for (m in folders) for (a in folders) if ((a, m) in reach) for (b in folders) if ((m, b) in reach) reach[a, b] = 1
  for (e = 1; e <= edges; e++) {
    split(order[e], p, SUBSEP); a = p[1]; b = p[2]
    if (layer[a] == layer[b] && (b, a) in reach) {
      printf "circle: %s/ and %s/ reach each other (%s)\n", a, b, edge[a, b]; bad = 1
    }
  }
  exit bad
}' <<<"$edges"
