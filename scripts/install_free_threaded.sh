#!/usr/bin/env bash
# Builds a free-threaded CPython 3.13 (python3.13t) from Debian's python3.13 source package, once, into the user cache.
#
# Upstream CPython, as the source package ships it (Debian's patches are not applied), configured with
# --disable-gil and installed to ~/.cache/hidden-layers/python-3.13t, where scripts/evidence/registry.py finds it.
# The source comes from a deb-src entry for Debian trixie in a private APT configuration (its own sources list,
# state and cache in a temporary folder): /etc/apt and the machine's package lists are never touched.
# A later run finds the build and does nothing; so does a machine that already has a free-threaded python3.13t.
set -euo pipefail

VERSION=3.13
SUITE=trixie  # a Debian release whose python3.13 package is the 3.13 series
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/hidden-layers"
PREFIX="$CACHE/python-${VERSION}t"
PYTHON="$PREFIX/bin/python${VERSION}t"
# The compiler, xz for the source tarball, and the development files of the standard-library modules the snippets
# use: zlib, hashlib and ssl, ctypes, bz2, lzma.
BUILD_DEPS=(build-essential pkg-config xz-utils zlib1g-dev libssl-dev libffi-dev libbz2-dev liblzma-dev)

free_threaded() {  # does $1 run, and is it a free-threaded build?
  [ -x "$1" ] && "$1" -c 'import sys, sysconfig; sys.exit(sysconfig.get_config_var("Py_GIL_DISABLED") != 1)' \
    2>/dev/null
}

for found in "$PYTHON" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$VERSION".*t/bin/python"$VERSION"t \
             "$(command -v "python${VERSION}t" || true)"; do
  if free_threaded "$found"; then
    echo "free-threaded CPython $VERSION: $found (already there)"
    exit 0
  fi
done

if [ "$( (. /etc/os-release && echo "$ID") 2>/dev/null)" != debian ] || ! command -v apt-get >/dev/null; then
  echo "not Debian: no free-threaded CPython $VERSION built here; install python${VERSION}t yourself" \
       "(actions/setup-python or uv python install with ${VERSION}t)" >&2
  exit 0
fi

SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
missing=()
for package in "${BUILD_DEPS[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

started=$SECONDS
work=$(mktemp -d)
mkdir -p "$CACHE"
staging=$(mktemp -d -p "$CACHE" ".python-${VERSION}t.XXXXXX")  # beside the prefix, so the final move is a rename
trap 'rm -rf "$work" "$staging"' EXIT
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/apt/sources.list.d" "$work/src"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $SUITE main" \
  >"$work/apt/sources.list"
apt_private=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o "Dir::Etc::SourceParts=$work/apt/sources.list.d"
             -o "Dir::State=$work/apt" -o "Dir::Cache=$work/apt/cache" -o "Acquire::Languages=none")
# As root, apt would hand downloads to its _apt user, who cannot write to our private folder.
if [ "$(id -u)" = 0 ]; then apt_private+=(-o "APT::Sandbox::User=root"); fi

echo "free-threaded CPython $VERSION: fetching the python$VERSION source package from Debian $SUITE"
apt-get "${apt_private[@]}" update -qq
# --download-only: apt checks the files against the signed index; the upstream tarball is then unpacked as it is.
(cd "$work" && apt-get "${apt_private[@]}" source --download-only -qq "python$VERSION")
for orig in "$work"/python"$VERSION"_*.orig.tar.{xz,gz,bz2}; do  # the upstream tarball, not the .asc beside it
  [ -f "$orig" ] && tar -xf "$orig" -C "$work/src" --strip-components=1 && break
done

release=$(sed -n 's/^#define PY_VERSION[[:space:]]*"\(.*\)"/\1/p' "$work/src/Include/patchlevel.h")
echo "free-threaded CPython $VERSION: building $release with --disable-gil into $PREFIX (a few minutes)"
log="$work/build.log"
if ! (cd "$work/src" && ./configure --disable-gil --prefix="$PREFIX" --with-ensurepip=no \
        && make -j"$(nproc)" && make install DESTDIR="$staging") >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "free-threaded CPython $VERSION: the build failed (last lines above)" >&2
  exit 1
fi
# Installed under a staging root first, so an interrupted build never leaves a half-installed interpreter behind.
rm -rf "$PREFIX"
mv "$staging$PREFIX" "$PREFIX"

free_threaded "$PYTHON" || { echo "$PYTHON is not a free-threaded build" >&2; exit 1; }
"$PYTHON" -c 'import bz2, ctypes, hashlib, lzma, multiprocessing, ssl, zlib' \
  || { echo "$PYTHON lacks a standard-library module the snippets use" >&2; exit 1; }
echo "free-threaded CPython $VERSION: $("$PYTHON" -VV | head -1) at $PYTHON, built in $((SECONDS - started)) s"
