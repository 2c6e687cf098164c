#!/usr/bin/env bash
# Installs Debian's binary build of one CPython release (python3.14 from sid, say) into a private root, with its own C library.
#
# Usage: scripts/install_debian_python.sh RELEASE PREFIX
# For a release whose source package Debian's mirror does not serve, install_cpython.sh falls back to this. The
# binary packages come from a private APT configuration (sources list, state, an empty dpkg status and cache in a
# temporary folder), so apt resolves their whole dependency closure, C library included, without touching /etc/apt or
# the machine's packages. They are unpacked with dpkg-deb into PREFIX/root, and patchelf points the interpreter at
# that root's loader and libraries: a sid build needs a newer glibc than this machine's. PREFIX/bin/pythonRELEASE links
# to it; CPython finds its standard library from the real path, so it runs from the cache like a build of our own.
# The build is Debian's (its configure options are in sysconfig's CONFIG_ARGS), not one made here.
set -euo pipefail

release=$1 prefix=$2
suite=sid
packages=("python$release" "python$release-venv" "libpython$release-dev")  # -dev: the internal headers pages read

work=$(mktemp -d)
staging=$(mktemp -d -p "$(dirname "$prefix")" ".$(basename "$prefix").XXXXXX")  # renamed into place at the end
trap 'rm -rf "$work" "$staging"' EXIT
mkdir -p "$work/state/lists/partial" "$work/state/dpkg" "$work/cache/archives/partial" "$work/sources.list.d"
touch "$work/state/dpkg/status"  # an empty system: apt downloads every dependency, the C library too
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
  >"$work/sources.list"
apt_private=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/sources.list.d"
             -o "Dir::State=$work/state" -o "Dir::State::status=$work/state/dpkg/status" -o "Dir::Cache=$work/cache"
             -o "Acquire::Languages=none" -o "APT::Install-Recommends=false" -o "Debug::NoLocking=true")
if [ "$(id -u)" = 0 ]; then apt_private+=(-o "APT::Sandbox::User=root"); fi

echo "CPython $release: unpacking Debian $suite's binary packages (${packages[*]}) with their dependencies"
apt-get "${apt_private[@]}" update -qq
apt-get "${apt_private[@]}" install --download-only -y -qq "${packages[@]}" >/dev/null
for deb in "$work"/cache/archives/*.deb; do
  dpkg-deb -x "$deb" "$staging/root"
done

root="$prefix/root"  # the final path: the loader is named by absolute path in the binary
python="$staging/root/usr/bin/python$release"
patchelf --set-interpreter "$root/usr/lib64/ld-linux-x86-64.so.2" --force-rpath \
  --set-rpath "$root/usr/lib/x86_64-linux-gnu" "$python"
# ensurepip installs pip from the wheels directory Debian configured (WHEEL_PKG_DIR, /usr/share/python-wheels); the
# wheels are unpacked under the root, so sysconfig is told where they are now.
sed -i "s|'/usr/share/python-wheels/'|'$root/usr/share/python-wheels/'|" \
  "$staging/root/usr/lib/python$release"/_sysconfigdata_*.py
# Debian's Python.h includes a multiarch pyconfig.h that its compiler finds under /usr/include; an extension
# compiled against the unpacked root finds it only beside Python.h, so it is put there.
multiarch="$staging/root/usr/include/$(uname -m)-linux-gnu/python$release/pyconfig.h"
if [ -f "$multiarch" ]; then cp "$multiarch" "$staging/root/usr/include/python$release/pyconfig.h"; fi
mkdir -p "$staging/bin"
ln -s "../root/usr/bin/python$release" "$staging/bin/python$release"

rm -rf "$prefix"
mv "$staging" "$prefix"
# Debian compiles the standard library's bytecode when the package is installed (py3compile, run by the package's
# postinst), which unpacking skips. Without it every import would compile from source inside the snippets' read-only
# sandbox, and every start-up and import time on this build would include the compiler.
"$prefix/bin/python$release" -m compileall -q -j0 "$prefix/root/usr/lib/python$release" >/dev/null \
  || echo "CPython $release: some standard-library files did not compile (see compileall)" >&2
