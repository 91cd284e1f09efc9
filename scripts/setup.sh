#!/usr/bin/env bash
# Installs what safeassess needs from Debian 12 packages (when something is missing) and
# builds it into ./build. Used by both README quick-start commands and by CI.
#   bash scripts/setup.sh            # install (as root) if needed, configure, build
#   bash scripts/setup.sh --tests    # the same, plus what the test suite needs (a browser, ...)
# Environment: BUILD_DIR (default build), JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config        # compiler, CMake >= 3.25, pkg-config
  libcli11-dev libyaml-cpp-dev            # CLI parsing, YAML rulesets and manifests
  libboost-graph-dev                      # the responsibility chain graph
  doctest-dev                             # unit tests
  nlohmann-json3-dev libfmt-dev           # JSON reports, formatting
  libutf8proc-dev                         # display width of Chinese text
  libssl-dev                              # SHA-256 of inputs named in reports
  libxlsxwriter-dev                       # the xlsx report (libxlsxwriter, zlib)
  libzip-dev libexpat1-dev                # reading tables from .xlsx workbooks
  gettext                                 # msgfmt: the Chinese message catalog
)
if [ "${1:-}" = "--tests" ]; then
  packages+=(
    clang-format                          # the format check
    chromium fonts-noto-cjk               # the HTML report rendered in headless Chromium
    python3 python3-openpyxl              # the xlsx report read back
    libreoffice-calc-nogui poppler-utils  # the xlsx report opened and printed to PDF (soffice, pdftotext)
    man-db                                # the man page of the .deb rendered (dpkg-dev, in build-essential, builds it)
    python3-jsonschema                    # report.json against schemas/report.schema.json
    libxml2-utils                         # junit.xml against schemas/junit.xsd (xmllint)
    clang libclang-rt-14-dev              # the ASan + UBSan build and its libFuzzer targets
  )
elif [ -n "${1:-}" ]; then
  echo "usage: bash scripts/setup.sh [--tests]" >&2
  exit 2
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root, or: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$build_dir" -j "${JOBS:-$(nproc)}"
if [ "${1:-}" = "--tests" ]; then
  # The same suite under AddressSanitizer and UndefinedBehaviorSanitizer, built by clang so
  # that it also has the libFuzzer targets (README "Safety").
  cmake -S . -B "${ASAN_BUILD_DIR:-build-asan}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
    -DSAFEASSESS_SANITIZE=ON > /dev/null
  cmake --build "${ASAN_BUILD_DIR:-build-asan}" -j "${JOBS:-$(nproc)}"
fi
