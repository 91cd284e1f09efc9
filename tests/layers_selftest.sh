#!/usr/bin/env bash
# tests/layers.sh must fail, naming each include, on a copy of the tree with includes
# running up a layer (as "x/y.hpp", <x/y.hpp> and "../x/y.hpp"), a circle between two
# engines and folders without a layer (one of them including nothing of ours).
set -euo pipefail
src=$(cd "${1:-$(dirname "$0")/..}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tests"
cp -r "$src/lib" "$src/cli" "$tmp/"
cp "$src/tests/layers.sh" "$tmp/tests/"
# The tree as it is passes, also when the last file read includes nothing of ours.
echo 'int y;' >"$tmp/lib/score/zzz.hpp"
bash "$tmp/tests/layers.sh" "$tmp"

echo '#include "report/text_table.hpp"' >>"$tmp/lib/core/hash.cpp"
echo '#include <assessment/run.hpp>' >>"$tmp/lib/io/csv.cpp"
echo '#include "../report/escape.hpp"' >>"$tmp/lib/model/units.cpp"
echo '#include "chain/graph.hpp"' >>"$tmp/lib/duty/compliance.cpp"
mkdir "$tmp/lib/extra" "$tmp/lib/lonely"
echo '#include "core/text.hpp"' >"$tmp/lib/extra/x.cpp"
echo '#include <string>' >"$tmp/lib/lonely/y.hpp"
set +e
got=$(bash "$tmp/tests/layers.sh" "$tmp" 2>&1)
rc=$?
set -e
want='lib/extra/: folder "extra" has no layer; add it to tests/layers.sh and ARCHITECTURE.md
lib/lonely/: folder "lonely" has no layer; add it to tests/layers.sh and ARCHITECTURE.md
lib/core/hash.cpp: core/ includes "report/text_table.hpp" from report/, a layer above it
lib/io/csv.cpp: io/ includes "assessment/run.hpp" from assessment/, a layer above it
lib/model/units.cpp: model/ includes "../report/escape.hpp" from report/, a layer above it
circle: chain/ and duty/ reach each other (lib/chain/analysis.hpp includes "duty/compliance.hpp")
circle: duty/ and chain/ reach each other (lib/duty/compliance.cpp includes "chain/graph.hpp")'
if [[ $rc != 1 || "$got" != "$want" ]]; then
  echo "layers.sh: expected exit 1 and"
  echo "$want"
  echo "got exit $rc and"
  echo "$got"
  exit 1
fi
