#!/usr/bin/env bash
# assess of 20,000 units (30 inputs, 5 ratings each) stays under 400 MB of peak resident
# memory: the report set streams (HTML and JSON one unit at a time, the xlsx in constant
# memory mode). Peak memory, not time: a timing belongs in a benchmark.
#   memory.sh SAFEASSESS SAFEASSESS_BENCH
set -u
bin=$1 bench=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bench" --units 20000 --dir "$work/in" --keep --skip-json > /dev/null || { echo "FAIL: generating the data"; exit 1; }
/usr/bin/python3 - "$bin" "$work" <<'PY'
import resource, subprocess, sys
bin, work = sys.argv[1:]
subprocess.run([bin, "assess", work + "/in/manifest.yaml", "-o", work + "/out"], check=True, stdout=subprocess.DEVNULL)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"assess of 20,000 units: peak {peak_mb:.0f} MB")
assert peak_mb < 400, f"peak {peak_mb:.0f} MB, expected under 400 MB"
PY
