# Prints the fingerprint of the interpreter running it as JSON; Python 2.7 syntax so every interpreter can run it.
import json
import sys

try:
    import platform
except ImportError:  # MicroPython builds may lack it
    platform = None


def ask(name, default=None):
    """platform.<name>() where this interpreter has it, otherwise `default` (MicroPython's platform is small)."""
    try:
        return getattr(platform, name)() or default
    except Exception:
        return default


def config_var(name):
    try:
        import sysconfig
        return sysconfig.get_config_var(name)
    except Exception:
        return None


def jit(question):
    jit = getattr(sys, "_jit", None)  # CPython 3.14 and newer: is_available(), is_enabled()
    return None if jit is None else bool(getattr(jit, question)())


def debian_build():
    try:  # Debian's patched sysconfig adds its own install scheme
        import sysconfig
        return "deb_system" in sysconfig.get_scheme_names()
    except Exception:
        return None


def free_threaded_build():
    try:
        import sysconfig
        value = sysconfig.get_config_var("Py_GIL_DISABLED")
    except Exception:
        return None
    return None if value is None else bool(value)


impl = getattr(sys, "implementation", None)
name = getattr(impl, "name", None) or (ask("python_implementation") or "unknown").lower()
version = ask("python_version") or ".".join(str(n) for n in sys.version_info[:3])
print(json.dumps({
    "implementation": ask("python_implementation") or {"micropython": "MicroPython"}.get(name, name),
    "name": name,
    "version": version,
    "implementation_version": ".".join(str(n) for n in tuple(getattr(impl, "version", ()))[:3]) or None,
    "cache_tag": getattr(impl, "cache_tag", None),
    "build": " ".join(ask("python_build", ())) or None,
    "compiler": ask("python_compiler"),
    "free_threaded_build": free_threaded_build(),
    "config_args": config_var("CONFIG_ARGS"),
    "jit_available": jit("is_available"),
    "jit_enabled": jit("is_enabled"),
    "debian_build": debian_build(),
    "gil_enabled": sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else None,
    "executable": getattr(sys, "executable", None),
    "sys_platform": sys.platform,
    "platform": ask("platform"),
    "machine": ask("machine"),
}))
