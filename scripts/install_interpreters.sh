#!/usr/bin/env bash
# Installs what snippets run in and under: bubblewrap (their sandbox) and the extra implementations this platform
# offers: PyPy and Jython from apt, CPython builds from Debian's source packages (see install_cpython.sh), Pyodide
# and MicroPython from npm.
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

# The free-threaded 3.13 the GIL page needs; a build that fails here fails the install.
scripts/install_cpython.sh 3.13t
# The current releases and their builds. Debian's mirror lists python3.14 and python3.15 (sid) but answered 404 for
# their source files (2026-12-04 and 2026-12-06), so the default builds come from Debian's binary packages, 3.14-jit
# is that 3.14 (built with the JIT in, off), and 3.14t and 3.15t are tried, reported and left out: the registry lists
# them as not run until a build succeeds.
for name in 3.14 3.14t 3.15 3.15t 3.14-jit; do
  scripts/install_cpython.sh "$name" || echo "CPython $name: not installed (see the lines above)" >&2
done

if command -v npm >/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "no npm here: Pyodide and MicroPython will be listed as not run" >&2
fi
