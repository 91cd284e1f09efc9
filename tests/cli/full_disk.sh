#!/usr/bin/env bash
# A full disk while a report set is written: exit 2, the message names the file and says
# the disk is full, and the previous set is left as it was. Needs a small tmpfs mounted in
# a mount namespace of its own (root); exits 77 (skipped) where that is not allowed.
#   full_disk.sh SAFEASSESS    (run from the source directory)
set -u
bin=$(realpath "$1")
if [ "${SAFEASSESS_IN_NS:-}" != 1 ]; then
  command -v unshare > /dev/null || { echo "SKIP: no unshare"; exit 77; }
  SAFEASSESS_IN_NS=1 unshare -m bash "$0" "$@"
  rc=$?
  [ $rc = 77 ] || exit $rc
  echo "SKIP: cannot mount a tmpfs here (not root?)"; exit 77
fi
disk=$(mktemp -d) keep=$(mktemp -d)
trap 'umount "$disk" 2> /dev/null; rm -rf "$disk" "$keep"' EXIT
mount -t tmpfs -o size=700k tmpfs "$disk" 2> /dev/null || exit 77
fail() { echo "FAIL: $*"; exit 1; }
m=examples/chain-2024/manifest.yaml
"$bin" assess $m -o "$disk/r" > /dev/null || fail "the first set does not fit in 700k"
cp -a "$disk/r" "$keep/r"
# Fill the disk so that a second set cannot be staged beside the first.
head -c 250k /dev/zero > "$disk/filler" 2> /dev/null
err=$("$bin" assess $m -o "$disk/r" 2>&1 > /dev/null)
rc=$?
[ $rc = 2 ] || fail "exit $rc, expected 2"
[[ "$err" =~ ^safeassess:\ error:\ cannot\ write\ $disk/r/[a-z./-]+:\ No\ space\ left\ on\ device$ ]] || fail "stderr: $err"
diff -r "$keep/r" "$disk/r" > /dev/null || fail "the previous set changed"
left=$(ls -A "$disk" | grep -c safeassess-tmp)
[ "$left" = 0 ] || fail "a temporary was left: $(ls -A "$disk")"
# -o FILE on a full disk: the previous file stays.
echo previous > "$disk/score.txt"
head -c 200k /dev/zero >> "$disk/filler" 2> /dev/null
err=$("$bin" score examples/county-2024/manifest.yaml -f json -o "$disk/score.txt" 2>&1)
[ $? = 2 ] && [ "$err" = "safeassess: error: cannot write $disk/score.txt: No space left on device" ] || fail "-o FILE: $err"
[ "$(cat "$disk/score.txt")" = previous ] || fail "the previous file changed"
echo "ok"
