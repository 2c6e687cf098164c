# Compares -X importtime with 3.14's -X importtime=2, which also prints cached imports.
import json
import os
import subprocess
import sys

# run alone on an older Python: say so and stop; 12_versions.py covers those
if sys.version_info < (3, 14):
    print("-X importtime=2 is new in Python 3.14; "
          f"this is {sys.version.split()[0]}, where it means -X importtime")
    sys.exit(0)

# os imports modules already loaded; colorsys, then colorsys again
CODE = "import os, colorsys\nimport colorsys"
ENV = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in


def lines(level):
    """The -X importtime lines of the program (after start-up), as (self, cumulative,
    indented name)."""
    mark = "import sys; sys.stderr.write('--- startup done ---\\n')\n"
    # -S: no site, so no .pth file runs; -X importtime writes to stderr
    err = subprocess.run([sys.executable, "-S", "-X", level, "-c", mark + CODE],
                         env=ENV, capture_output=True, text=True,
                         check=True).stderr.split("--- startup done ---\n", 1)[1]
    return [tuple(part.strip() if i < 2 else part.rstrip() for i, part in
                  enumerate(line.removeprefix("import time:").split("|")))
            for line in err.splitlines()]


plain, two = lines("importtime"), lines("importtime=2")
print(f"python{sys.version_info[0]}.{sys.version_info[1]} -S -X importtime=2 "
      f"-c {CODE!r}, after start-up:")
print("  self [us] | cumulative | module")
for own, cumulative, name in two:
    print(f"  {own:>9} | {cumulative:>10} |{name}")
cached = [name.strip() for own, cumulative, name in two if own == "cached"]
timed = [name.strip() for own, cumulative, name in two if own != "cached"]
print(f"-X importtime printed {len(plain)} lines; "
      f"-X importtime=2 the same {len(timed)} timed ones and {len(cached)} "
      f"marked cached: {', '.join(sorted(set(cached)))}")

assert sorted(timed) == sorted(name.strip() for _, _, name in plain), \
    "claim: the timed lines are the same modules"
assert cached and all(own == cumulative == "cached"
                      for own, cumulative, _ in two if own == "cached"), \
    "claim: an import of a module already loaded prints 'cached' in both columns"
assert cached.count("colorsys") == 1 and timed.count("colorsys") == 1, \
    "claim: the second import shows as cached"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"plain": len(plain), "timed": len(timed),
                   "cached": sorted(set(cached)), "cached_lines": len(cached),
                   "python": sys.version.split()[0]}, f)
