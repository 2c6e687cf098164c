# Decodes wheel names, checks each against this interpreter's tags computed as pip does.
# /// script
# dependencies = ["pip==26.3"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import ensurepip
import json
import os
import re
import subprocess
import sys
import sysconfig
from importlib.metadata import version
from pathlib import Path

# pip vendors `packaging`, the library that defines wheel tags
from pip._vendor.packaging.tags import sys_tags
from pip._vendor.packaging.utils import parse_wheel_filename

# the wheels `python -m venv` installs pip from
BUNDLED = Path(ensurepip.__file__).parent / "_bundled"
env = {"PATH": os.environ["PATH"], "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1"}
debug = subprocess.run([sys.executable, "-m", "pip", "debug", "--verbose"], env=env,
                       capture_output=True, text=True)
count, listing = re.search(r"Compatible tags: (\d+)\n(.*)", debug.stdout, re.S).groups()
accepted = listing.split()  # most preferred first
extra = sorted(set(accepted) - {str(tag) for tag in sys_tags()})
print(f"pip {version('pip')} accepts {count} tags on this interpreter, "
      "most preferred first; the first five, the last:")
for i in [0, 1, 2, 3, 4, None, len(accepted) - 1]:
    print("     ..." if i is None else f"  {i + 1:4}  {accepted[i]}")
print(f"packaging.tags.sys_tags() yields {len(accepted) - len(extra)} of them; "
      f"pip adds {extra or 'none'}")
assert (int(count) == len(accepted)
        and set(accepted) >= {str(tag) for tag in sys_tags()}), "claim: pip's list"

cp = f"cp{sys.version_info[0]}{sys.version_info[1]}"
platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
names = ["blog-1.0-py3-none-any.whl",
         f"fastsum-1.0-{cp}-{cp}{sys.abiflags}-{platform}.whl",
         "numpy-2.1.0-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
         "oldthing-1.0-cp27-cp27mu-win_amd64.whl"]
rows = []
for name in names:
    project, number, build, tags = parse_wheel_filename(name)
    ranks = sorted(accepted.index(str(t)) + 1 for t in tags if str(t) in accepted)
    rows.append({"file": name, "name": project, "version": str(number),
                 "tags": [f"{t.interpreter} / {t.abi} / {t.platform}"
                          for t in sorted(tags, key=str)],
                 "rank": ranks[0] if ranks else None})
    print(f"\n{name}\n  name={project}  version={number}  build={build or '-'}")
    for t in sorted(tags, key=str):
        print(f"  python tag={t.interpreter}  abi tag={t.abi}  "
              f"platform tag={t.platform}")
    verdict = (f"yes, its best tag is number {ranks[0]} in the list" if ranks
               else "no tag matches")
    print(f"  installable here: {verdict}")

assert rows[0]["rank"] is not None and rows[3]["rank"] is None, \
    "claim: pure wheels fit, cp27/Windows ones do not"
assert rows[1]["rank"] < rows[0]["rank"], \
    "claim: pip prefers a wheel built for this interpreter over a pure one"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        bundled = sorted(p.name.split("-")[0] + " " + p.name.split("-")[1]
                         for p in BUNDLED.glob("*.whl"))
        json.dump({"count": len(accepted), "extra": extra, "pip": version("pip"),
                   "first": accepted[0], "bundled": bundled, "last": accepted[-1],
                   "rows": rows, "pure_rank": rows[0]["rank"]}, f)
