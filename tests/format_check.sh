#!/usr/bin/env bash
# Fails when a C++ source differs from what .clang-format asks for. Run from the source
# directory; fix with: clang-format -i $(git ls-files '*.cpp' '*.hpp')
set -u
cd "$(dirname "$0")/.."
command -v clang-format > /dev/null || { echo "clang-format is not installed (scripts/setup.sh installs it)"; exit 1; }
files=$(find cli lib tests -name '*.cpp' -o -name '*.hpp' | sort)
clang-format --dry-run --Werror $files
