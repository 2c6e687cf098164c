# Prints the fingerprint of the interpreter running it as JSON; Python 2.7 syntax so every interpreter can run it.
import json
import os
import platform
import sys


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def gil_flags():
    try:
        import sysconfig
        disabled = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    except ImportError:
        disabled = False
    enabled = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else not disabled
    return disabled, enabled


impl = getattr(sys, "implementation", None)
free_threaded_build, gil_enabled = gil_flags()
print(json.dumps({
    "implementation": platform.python_implementation(),
    "name": impl.name if impl else platform.python_implementation().lower(),
    "version": platform.python_version(),
    "cache_tag": getattr(impl, "cache_tag", None),
    "build": " ".join(platform.python_build()),
    "compiler": platform.python_compiler(),
    "free_threaded_build": free_threaded_build,
    "gil_enabled": gil_enabled,
    "executable": sys.executable,
    "os": platform.system(),
    "platform": platform.platform(),
    "machine": platform.machine(),
    "cpu": cpu_model(),
    "cpu_count": os.cpu_count() if hasattr(os, "cpu_count") else None,
}))
