#!/usr/bin/env bash
# sample's draw record (README "safeassess sample"): the same inputs and seed give a byte-identical
# draw; the bundled golden record verifies from a copy of the inputs in another directory;
# one byte changed in an input, in the seed or in the record makes --verify fail (exit 1)
# and say what changed.
#   targeting.sh SAFEASSESS
set -u
bin=$1
src=$(pwd)
record=$src/tests/golden/targeting/draw.json
seed=7f3a9c1e5b2d4086a1c3e5f7092b4d6e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
expect() {  # rc pattern command...: exit code and a line of stdout
  local rc=$1 pattern=$2
  shift 2
  out=$("$@" 2>&1)
  local got=$?
  [ "$got" = "$rc" ] || fail "exit $got, expected $rc: $*"$'\n'"$out"
  [ -z "$pattern" ] || grep -qF -- "$pattern" <<<"$out" || fail "no \"$pattern\" in the output of $*:"$'\n'"$out"
}

# Twice, byte for byte.
"$bin" sample examples/targeting-2024/manifest.yaml --seed $seed --date 2025-03-01 -f json -o "$tmp/a.json" || fail "run a"
"$bin" sample examples/targeting-2024/manifest.yaml --seed $seed --date 2025-03-01 -f json -o "$tmp/b.json" || fail "run b"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "two runs differ"
cmp -s "$tmp/a.json" "$record" || fail "the draw differs from the golden record"

# A copy of the inputs elsewhere verifies the golden record.
mkdir -p "$tmp/w/examples"
cp -r examples/chain-2024 examples/targeting-2024 "$tmp/w/examples/"
cd "$tmp/w" || exit 1
expect 0 "matches" "$bin" sample --verify "$record"

# One byte of an input.
cp examples/targeting-2024/enterprises.csv "$tmp/e.csv"
sed -i 's/^QY299,河口/QY299,江口/' examples/targeting-2024/enterprises.csv
cmp -s examples/targeting-2024/enterprises.csv "$tmp/e.csv" && fail "the edit did not change enterprises.csv"
expect 1 "input examples/targeting-2024/enterprises.csv (enterprises) has changed" "$bin" sample --verify "$record"
cp "$tmp/e.csv" examples/targeting-2024/enterprises.csv
cp examples/targeting-2024/inspectors.csv "$tmp/i.csv"
sed -i '2s/全部/全 部/' examples/targeting-2024/inspectors.csv
expect 1 "input examples/targeting-2024/inspectors.csv (inspectors) has changed" "$bin" sample --verify "$record"
cp "$tmp/i.csv" examples/targeting-2024/inspectors.csv
sed -i 's/{colour: yellow, rate: 50}/{colour: yellow, rate: 51}/' examples/chain-2024/township-ruleset.yaml
expect 1 "input examples/chain-2024/township-ruleset.yaml (ruleset) has changed" "$bin" sample --verify "$record"
expect 1 "\"rules\" differs from the draw recomputed" "$bin" sample --verify "$record"
cp "$src/examples/chain-2024/township-ruleset.yaml" examples/chain-2024/
expect 0 "matches" "$bin" sample --verify "$record"

# One byte of the record: a drawn enterprise, an inspector, the seed.
sed '0,/"QY001"/s//"QY003"/' "$record" > "$tmp/r1.json"
expect 1 "\"strata\" differs from the draw recomputed from the inputs" "$bin" sample --verify "$tmp/r1.json"
python3 - "$record" "$tmp/r2.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["teams"][0]["inspectors"][0] = "ZF99"
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False, indent=2)
PY
expect 1 "\"teams\" differs from the draw recomputed from the inputs" "$bin" sample --verify "$tmp/r2.json"
sed "s/\"seed\": \"$seed\"/\"seed\": \"${seed%e}f\"/" "$record" > "$tmp/r3.json"
expect 1 "seed_sha256 is not the SHA-256 of the seed" "$bin" sample --verify "$tmp/r3.json"
expect 1 "\"strata\" differs" "$bin" sample --verify "$tmp/r3.json"

# A record that is not one: clear errors (exit 2), never a crash.
printf '[1, 2]' > "$tmp/r4.json"
expect 2 "not a draw record" "$bin" sample --verify "$tmp/r4.json"
python3 - "$record" "$tmp/r5.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["inputs"][1] = "examples/chain-2024/units.csv"
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False, indent=2)
PY
expect 2 "the draw record's inputs[1] is not {role, path, sha256}" "$bin" sample --verify "$tmp/r5.json"
sed 's/"words": [0-9]*/"words": 1e400/' "$record" > "$tmp/r6.json"
expect 2 "a number in it is out of range" "$bin" sample --verify "$tmp/r6.json"
sed 's/"seed_sha256": "[0-9a-f]*"/"seed_sha256": 5/' "$record" > "$tmp/r7.json"
expect 2 "the draw record has no \"seed_sha256\" (a string)" "$bin" sample --verify "$tmp/r7.json"
# The commitment in capitals (as some tools print it) is the same commitment.
expect 0 "matches" "$bin" sample --verify "$record" --commitment A6202713FCB90251E93BF108377624F2AC1A7BAF16BB20CADF608A1FEA872B1D
# From another directory, the record's manifest is named.
(cd "$tmp" && "$bin" sample --verify "$record" > "$tmp/out.txt" 2>&1; echo $? > "$tmp/rc")
[ "$(cat "$tmp/rc")" = 2 ] || fail "verify from elsewhere: exit $(cat "$tmp/rc")"
grep -qF "name it: safeassess sample --verify" "$tmp/out.txt" || fail "verify from elsewhere: $(cat "$tmp/out.txt")"
# Options that would be ignored are refused.
expect 2 "drop -f and -o" "$bin" sample --verify "$record" -o "$tmp/x.txt"
expect 2 "takes --seed only" "$bin" sample --commit --seed $seed --date 2025-03-01
expect 2 "not UTF-8" "$bin" sample --commit --seed $'\xff'

# The announcement: a commitment to the secret, a beacon published later, the record verified
# against the commitment; another beacon in the record does not match.
commitment=$("$bin" sample --commit --seed mysecret)
"$bin" sample "$tmp/w/examples/targeting-2024/manifest.yaml" --seed mysecret --beacon 0312457 --date 2025-03-01 -f json \
  -o "$tmp/beacon.json" || fail "draw with a beacon"
expect 0 "matches" "$bin" sample --verify "$tmp/beacon.json" --commitment "$commitment"
sed 's/"beacon": "0312457"/"beacon": "0312458"/' "$tmp/beacon.json" > "$tmp/beacon2.json"
expect 1 "\"strata\" differs" "$bin" sample --verify "$tmp/beacon2.json" --commitment "$commitment"
cmp -s <(grep -v '"beacon"\|"seed' "$tmp/beacon.json") <(grep -v '"beacon"\|"seed' "$tmp/a.json") &&
  fail "a beacon did not change the draw"

# A principal that is another enterprise's post (a township secretary's) is refused.
sed -i 's/^QY002,青石砖厂一厂,T1,青石镇,砖瓦建材,一般,,/QY002,青石砖厂一厂,T1,青石镇,砖瓦建材,一般,p_chem_principal,/' \
  examples/targeting-2024/enterprises.csv
expect 2 "principal \"p_chem_principal\" is a post of e_chem 河口化工有限公司" "$bin" classify examples/targeting-2024/manifest.yaml
cp "$tmp/e.csv" examples/targeting-2024/enterprises.csv

# One byte of the seed draws other enterprises.
"$bin" sample examples/targeting-2024/manifest.yaml --seed "${seed%e}f" --date 2025-03-01 -f csv -o "$tmp/c.csv" || fail "run c"
"$bin" sample examples/targeting-2024/manifest.yaml --seed $seed --date 2025-03-01 -f csv -o "$tmp/d.csv" || fail "run d"
cmp -s "$tmp/c.csv" "$tmp/d.csv" && fail "a different seed gave the same draw"
exit $status
