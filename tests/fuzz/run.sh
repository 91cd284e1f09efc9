#!/usr/bin/env bash
# Runs one fuzz target for SECONDS from its seed corpus; new inputs go to a scratch folder,
# never into the source tree. A crash leaves its input in ARTIFACTS (default: the scratch).
#   run.sh FUZZER SEED_DIR SECONDS
set -u
fuzzer=$1 seeds=$2 seconds=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="${ARTIFACTS:-$work}/" "$work/corpus" "$seeds" > "$work/log" 2>&1
rc=$?
tail -25 "$work/log"
exit $rc
