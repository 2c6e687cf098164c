# Starts a snippet in namespaces of its own (only loopback; the repository read-only), then execs it.
import ctypes
import fcntl
import os
import socket
import struct
import sys

CLONE_NEWUSER, CLONE_NEWNET, CLONE_NEWNS = 0x10000000, 0x40000000, 0x00020000
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 0x1, 0x20, 0x1000, 0x4000, 0x40000
# statvfs flags a remount inside a user namespace must keep (the kernel locks them), as mount(2) flags.
KEPT_FLAGS = {os.ST_NOSUID: 0x2, os.ST_NODEV: 0x4, os.ST_NOEXEC: 0x8, os.ST_NOATIME: 0x400,
              os.ST_NODIRATIME: 0x800, os.ST_RELATIME: 0x200000}

libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def enter_namespaces(flags: int) -> None:
    """Unshares `flags`; without root, inside a new user namespace that keeps the same user id."""
    uid, gid = os.getuid(), os.getgid()
    if os.geteuid() != 0:
        flags |= CLONE_NEWUSER
    _check(libc.unshare(flags), "unshare")
    if flags & CLONE_NEWUSER:  # keep the same user id inside, so snippets see who they really are
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as f:
                f.write(text)


def bring_up_loopback() -> None:
    """A new network namespace holds only a loopback interface, down; up, 127.0.0.1 works and nothing else."""
    with socket.socket() as s:
        current = struct.unpack("16sH", fcntl.ioctl(s, SIOCGIFFLAGS, struct.pack("16sH", b"lo", 0)))[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH", b"lo", current | IFF_UP))


def make_read_only(path: str) -> None:
    """Bind-mounts `path` onto itself read-only, in this mount namespace only: writes there fail with EROFS."""
    target = os.fsencode(path)
    _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
    _check(libc.mount(target, target, None, MS_BIND | MS_REC, None), f"mount --rbind {path}")
    kept = sum(flag for st, flag in KEPT_FLAGS.items() if os.statvfs(path).f_flag & st)
    _check(libc.mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | kept, None), f"remount {path} read-only")


def main(argv: list[str]) -> None:
    separator = argv.index("--")
    options, command = argv[:separator], argv[separator + 1 :]
    read_only = [options[i + 1] for i, option in enumerate(options) if option == "--read-only"]
    network = "--net" in options
    enter_namespaces((CLONE_NEWNET if network else 0) | (CLONE_NEWNS if read_only else 0))
    if network:
        bring_up_loopback()
    for path in read_only:
        make_read_only(path)
    if command:
        os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
