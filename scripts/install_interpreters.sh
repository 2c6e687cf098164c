#!/usr/bin/env bash
# Installs what snippets run in and under: bubblewrap (their sandbox) and the extra implementations this platform
# offers: PyPy and Jython from apt, a free-threaded CPython 3.13 built from Debian's source package (see
# install_free_threaded.sh), Pyodide and MicroPython from npm.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  missing=()
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  command -v pypy3 >/dev/null || missing+=(pypy3)
  command -v jython >/dev/null || missing+=(jython)
  if [ ${#missing[@]} -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
  fi
else
  echo "no apt-get here: install bubblewrap (the snippets' sandbox), PyPy and Jython yourself" >&2
fi

scripts/install_free_threaded.sh

if command -v npm >/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "no npm here: Pyodide and MicroPython will be listed as not run" >&2
fi
