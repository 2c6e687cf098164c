# Asks an interpreter if it has a GIL, what switches it, and its default start method.
import json
import multiprocessing
import os
import subprocess
import sys
import sysconfig

ASK = ("import sys; print(getattr(sys, '_is_gil_enabled', "
       "lambda: 'no sys._is_gil_enabled')())")


def child(options, extra_env):
    """Start a fresh interpreter with `options` and report what it said, or the error it
    stopped with."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(extra_env)
    done = subprocess.run([sys.executable, *options, "-c", ASK], env=env,
                          capture_output=True, text=True)
    lines = (done.stdout + done.stderr).strip().splitlines()
    said = next((line for line in lines if line.startswith("Fatal Python error")),
                lines[-1] if lines else "")
    return {"exit": done.returncode, "said": said.replace("Fatal Python error: ", "")}


version = sys.version.split()[0]
# 1 on a free-threaded build, else 0 or None (< 3.13)
disabled = sysconfig.get_config_var("Py_GIL_DISABLED")
enabled = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else None  # 3.13+
found = {
    "version": version, "py_gil_disabled": disabled, "is_gil_enabled": enabled,
    "switch_interval": sys.getswitchinterval(), "platform": sys.platform,
    "start_method": multiprocessing.get_start_method(),
    "all_methods": multiprocessing.get_all_start_methods(),
    "x_gil_0": child(["-X", "gil=0"], {}), "x_gil_1": child(["-X", "gil=1"], {}),
    "env_gil_0": child([], {"PYTHON_GIL": "0"}),
}
print(f"Python {version} on {sys.platform}")
print(f"sysconfig.get_config_var('Py_GIL_DISABLED') = {disabled!r}")
print("sys._is_gil_enabled() = "
      f"{'(not in this version)' if enabled is None else enabled}")
print(f"sys.getswitchinterval() = {found['switch_interval']} s")
print(f"multiprocessing.get_start_method() = {found['start_method']!r} "
      f"of {found['all_methods']}")
for label, key in (("-X gil=0", "x_gil_0"), ("-X gil=1", "x_gil_1"),
                   ("PYTHON_GIL=0", "env_gil_0")):
    print(f"python {label}: exit {found[key]['exit']}, {found[key]['said']}")
if disabled:
    assert enabled is False, \
        "claim: a free-threaded build runs without the GIL by default"
    assert found["x_gil_1"]["said"] == "True", \
        "claim: -X gil=1 turns the GIL back on in a free-threaded build"
elif enabled is not None:
    assert found["x_gil_0"]["exit"] != 0, \
        "claim: a default build refuses to run without its GIL"
if sys.platform == "linux":
    expected = "forkserver" if sys.version_info >= (3, 14) else "fork"
    assert found["start_method"] == expected, \
        "claim: Linux starts processes with fork until 3.13, forkserver after"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(found, f)
