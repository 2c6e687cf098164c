#!/usr/bin/env bash
# Builds CPython releases and variants (3.14, 3.14t, 3.14-jit, ...) from Debian's source packages, once, into the user cache.
# Runs on Debian and on Debian derivatives with apt (Ubuntu, where the deploy workflow builds the JIT variant).
#
# Usage: scripts/install_cpython.sh NAME...   where NAME is RELEASE[t|-jit|-tailcall], e.g. 3.15t or 3.14-jit.
#   3.14      the default build (GIL, specializing interpreter)
#   3.14t     free-threaded: --disable-gil
#   3.14-jit  the experimental JIT compiled in but off until PYTHON_JIT=1: --enable-experimental-jit=yes-off
#             (needs LLVM 19 for 3.14; 3.15's JIT wants LLVM 21, which Debian bookworm does not have)
#   3.14-tailcall  the tail-calling interpreter: --with-tail-call-interp, compiled with clang-19
# Each is upstream CPython as the source package ships it (Debian's patches are not applied), built without PGO or
# LTO (a build here takes minutes, not the half hour those cost), and installed to ~/.cache/hidden-layers/python-NAME,
# where scripts/evidence/registry.py finds it. The source comes from a deb-src entry in a private APT configuration
# (its own sources list, state and cache in a temporary folder): /etc/apt and the machine's package lists are never
# touched. A later run finds a build that works and does nothing. A failed build leaves nothing installed and keeps
# its log at ~/.cache/hidden-layers/python-NAME.build.log.
# Where the mirror lists a source package but does not serve its files (python3.14 and python3.15 from sid, seen on
# 2026-12-06), the default build is Debian's own binary package instead (install_debian_python.sh), and the -jit
# variant is that build when Debian compiled the JIT into it; the free-threaded variants are then not to be had.
set -euo pipefail

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/hidden-layers"
# The compiler, xz for the source tarball, and the development files of the standard-library modules the snippets
# use: zlib, hashlib and ssl, ctypes, bz2, lzma, sqlite3.
BUILD_DEPS=(build-essential pkg-config xz-utils zlib1g-dev libssl-dev libffi-dev libbz2-dev liblzma-dev libsqlite3-dev)
LLVM_DEPS=(clang-19 llvm-19 lld-19)  # the JIT's stencils and the tail-calling interpreter are built with LLVM 19

suite_of() {  # the Debian suite whose pythonX.Y source package is that series
  case "$1" in
    3.13) echo trixie ;;
    3.14|3.15) echo sid ;;
    *) echo "install_cpython.sh: no Debian suite known for CPython $1" >&2; return 1 ;;
  esac
}

configure_args() {  # NAME -> the configure options of its variant
  case "$1" in
    *-jit) echo --enable-experimental-jit=yes-off ;;  # before *t: "3.14-jit" ends in t too
    *-tailcall) echo --with-tail-call-interp ;;
    *t) echo --disable-gil ;;
    *) echo "" ;;
  esac
}

check_variant() {  # does the interpreter $2 run, and is it the variant NAME $1?
  local check
  case "$1" in
    *-jit) check='import sys; assert sys._jit.is_available()' ;;  # before *t, as above
    *-tailcall) check='import sysconfig; assert "--with-tail-call-interp" in sysconfig.get_config_var("CONFIG_ARGS")' ;;
    *t) check='import sysconfig; assert sysconfig.get_config_var("Py_GIL_DISABLED") == 1' ;;
    *) check='import sysconfig; assert not sysconfig.get_config_var("Py_GIL_DISABLED")' ;;
  esac
  [ -x "$2" ] && "$2" -c "$check" 2>/dev/null
}

binary_of() {  # NAME -> the interpreter's path under its prefix
  local release=${1%%-*}
  echo "$CACHE/python-$1/bin/python${release}"
}

apt_install() {  # install missing Debian packages, quietly
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo; sudo=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

fetch_source() {  # RELEASE DEST: unpack the upstream tarball of Debian's pythonRELEASE source package into DEST
  local release=$1 dest=$2 suite work
  suite=$(suite_of "$release")
  work=$(mktemp -d)
  mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/apt/sources.list.d" "$dest"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
    >"$work/apt/sources.list"
  local apt_private=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o "Dir::Etc::SourceParts=$work/apt/sources.list.d"
                     -o "Dir::State=$work/apt" -o "Dir::Cache=$work/apt/cache" -o "Acquire::Languages=none")
  # As root, apt would hand downloads to its _apt user, who cannot write to our private folder.
  if [ "$(id -u)" = 0 ]; then apt_private+=(-o "APT::Sandbox::User=root"); fi
  echo "CPython $release: fetching the python$release source package from Debian $suite"
  apt-get "${apt_private[@]}" update -qq
  # --download-only: apt checks the files against the signed index; the upstream tarball is then unpacked as it is.
  (cd "$work" && apt-get "${apt_private[@]}" source --download-only -qq "python$release")
  local orig
  for orig in "$work"/python"$release"_*.orig.tar.{xz,gz,bz2}; do  # the upstream tarball, not the .asc beside it
    [ -f "$orig" ] && tar -xf "$orig" -C "$dest" --strip-components=1 && break
  done
  rm -rf "$work"
  [ -f "$dest/configure" ] || { echo "CPython $release: no upstream source in the package" >&2; return 1; }
}

binary_fallback() {  # NAME RELEASE PREFIX PYTHON STARTED: no source served; Debian's binary build, where it is the variant
  local name=$1 release=$2 prefix=$3 python=$4 started=$5
  case "$name" in
    *-jit)  # Debian configures its default build with the JIT compiled in and off: that build is the JIT variant
      local default; default=$(binary_of "$release")
      if check_variant "$name" "$default"; then
        echo "CPython $name: $default has the JIT compiled in (PYTHON_JIT=1 switches it on); no separate build"
        return 0
      fi ;;
    *-*|*t)
      echo "CPython $name: no source package served, and Debian ships no binary of this variant" >&2
      return 1 ;;
    *)
      [ "$(uname -m)" = x86_64 ] || { echo "CPython $name: Debian's binary fallback is set up for x86_64 only" >&2; return 1; }
      echo "CPython $name: no source package served; taking Debian's binary build instead"
      apt_install patchelf
      mkdir -p "$CACHE"
      "$(dirname "$0")/install_debian_python.sh" "$release" "$prefix"
      check_variant "$name" "$python" || { echo "$python is not the $name build it was asked to be" >&2; return 1; }
      "$python" -c 'import bz2, ctypes, hashlib, lzma, multiprocessing, sqlite3, ssl, zlib' \
        || { echo "$python lacks a standard-library module the snippets use" >&2; return 1; }
      echo "CPython $name: $("$python" -VV | head -1) (Debian's binary package) at $python," \
           "installed in $((SECONDS - started)) s" ;;
  esac
}

build() {  # NAME: configure, compile and install one variant atomically
  local name=$1 release=${1%%[t-]*} prefix python started=$SECONDS
  release=${release%t}
  prefix="$CACHE/python-$name"
  python=$(binary_of "$name")
  local found
  local others=("$(command -v "python${name%%-*}" || true)")  # a setup-python or system one will do
  if [[ $name == *-* ]]; then others=(); fi  # PATH has no JIT or tail-calling variant...
  if [[ $name == *-jit ]]; then others=("$(binary_of "$release")"); fi  # ...but the default build may have the JIT
  for found in "$python" "${others[@]}"; do
    [ -n "$found" ] || continue
    if check_variant "$name" "$found"; then
      echo "CPython $name: $found (already there)"
      return 0
    fi
  done
  local args cc=() log="$CACHE/python-$name.build.log" src="$sources/$release"
  read -r -a args <<<"$(configure_args "$name")"
  if [ ! -f "$src/configure" ] && ! fetch_source "$release" "$src"; then
    rm -rf "$src"
    binary_fallback "$name" "$release" "$prefix" "$python" "$started"
    return
  fi
  case "$name" in
    *-jit|*-tailcall)
      apt_install "${LLVM_DEPS[@]}"
      export PATH="/usr/lib/llvm-19/bin:$PATH"  # where the JIT's build script looks for clang and llvm-readobj
      if [[ $name == *-tailcall ]]; then cc=(CC=clang-19); fi
      ;;
  esac
  local tree staging
  tree=$(mktemp -d)
  mkdir -p "$CACHE"
  staging=$(mktemp -d -p "$CACHE" ".python-$name.XXXXXX")  # beside the prefix, so the final move is a rename
  cp -a "$src/." "$tree"
  echo "CPython $name: building $(sed -n 's/^#define PY_VERSION[[:space:]]*"\(.*\)"/\1/p' "$tree/Include/patchlevel.h")" \
       "with '${args[*]:-no options}' into $prefix (a few minutes)"
  if ! (cd "$tree" && ./configure "${cc[@]}" "${args[@]}" --prefix="$prefix" --with-ensurepip=no \
          && make -j"$(nproc)" && make install DESTDIR="$staging") >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -rf "$tree" "$staging"
    echo "CPython $name: the build failed (last lines above, whole log at $log)" >&2
    return 1
  fi
  # Installed under a staging root first, so an interrupted build never leaves a half-installed interpreter behind.
  rm -rf "$prefix"
  mv "$staging$prefix" "$prefix"
  rm -rf "$tree" "$staging" "$log"
  check_variant "$name" "$python" || { echo "$python is not the $name build it was asked to be" >&2; return 1; }
  "$python" -c 'import bz2, ctypes, hashlib, lzma, multiprocessing, sqlite3, ssl, zlib' \
    || { echo "$python lacks a standard-library module the snippets use" >&2; return 1; }
  echo "CPython $name: $("$python" -VV | head -1) at $python, built in $((SECONDS - started)) s"
}

[ $# -gt 0 ] || { echo "usage: $0 NAME... (for instance 3.14 3.14t 3.15 3.14-jit)" >&2; exit 2; }
if ! command -v apt-get >/dev/null; then
  echo "no apt-get here: no CPython built for $*; install them yourself" \
       "(actions/setup-python, or uv python install, with those versions)" >&2
  exit 0
fi
# Debian's keyring verifies the source package; Debian has it, and Ubuntu (the deploy workflow's runner) installs it.
apt_install "${BUILD_DEPS[@]}" debian-archive-keyring
sources=$(mktemp -d)  # one unpacked source per release, shared by its variants
trap 'rm -rf "$sources"' EXIT
for name in "$@"; do
  build "$name"
done
