#!/usr/bin/env bash
# tests/layers.sh must fail, naming each include, on a copy of the tree with an include
# running up a layer, a circle between two engines and a folder without a layer.
set -euo pipefail
src=$(cd "${1:-$(dirname "$0")/..}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tests"
cp -r "$src/lib" "$src/cli" "$tmp/"
cp "$src/tests/layers.sh" "$tmp/tests/"
bash "$tmp/tests/layers.sh" "$tmp"  # the tree as it is passes

echo '#include "report/text_table.hpp"' >>"$tmp/lib/core/hash.cpp"
echo '#include "chain/graph.hpp"' >>"$tmp/lib/duty/compliance.cpp"
mkdir "$tmp/lib/extra"
echo '#include "core/text.hpp"' >"$tmp/lib/extra/x.cpp"
set +e
got=$(bash "$tmp/tests/layers.sh" "$tmp" 2>&1)
rc=$?
set -e
want='lib/core/hash.cpp: core/ includes "report/text_table.hpp" from report/, a layer above it
lib/extra/x.cpp: folder "extra" has no layer; add it to tests/layers.sh and ARCHITECTURE.md
circle: chain/ and duty/ reach each other (lib/chain/analysis.hpp includes "duty/compliance.hpp")
circle: duty/ and chain/ reach each other (lib/duty/compliance.cpp includes "chain/graph.hpp")'
if [[ $rc != 1 || "$got" != "$want" ]]; then
  echo "layers.sh: expected exit 1 and"
  echo "$want"
  echo "got exit $rc and"
  echo "$got"
  exit 1
fi
