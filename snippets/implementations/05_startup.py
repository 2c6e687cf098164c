# Times each interpreter command it is given: start, run a one-line program, and exit.
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The page passes [[label, command...], ...] as one JSON argument; run alone, it
# times this interpreter.
default = [["this Python", sys.executable]]
commands = json.loads(sys.argv[1]) if len(sys.argv) > 1 else default
rows = []
with tempfile.TemporaryDirectory() as tmp:
    program = Path(tmp, "program.py")
    program.write_text("pass\n")
    for label, *argv in commands:
        shown = " ".join("/".join(Path(a).parts[-3:]) for a in argv) + " program.py"
        times, spent, error = [], 0.0, None
        # 3 to 10 runs: fewer for slow starters
        while len(times) < 10 and (len(times) < 3 or spent < 2.0):
            start = time.perf_counter()
            # a file, not a pipe: Node.js flushes files at exit
            with open(Path(tmp, "output.txt"), "w+b") as out:
                done = subprocess.run([*argv, str(program)], cwd=tmp,
                                      stdin=subprocess.DEVNULL, stdout=out, stderr=out)
                out.seek(0)
                output = out.read()
            if done.returncode:
                lines = output.decode(errors="replace").splitlines()
                error_text = r"\w*Error: .*|insufficient memory.*"
                # skip lines of minified JavaScript
                said = [m[0] for line in lines if len(line) < 400
                        for m in [re.search(error_text, line)] if m]
                message = said[0] if said else "no error message"
                error = f"exit {done.returncode}: {message}"
                break
            times.append(time.perf_counter() - start)
            spent += times[-1]
        if error:
            rows.append({"label": label, "command": shown, "error": error})
            print(f"{shown}: did not run ({error})")
            continue
        row = {"label": label, "command": shown, "runs": len(times),
               "median": statistics.median(times),
               "min": min(times), "max": max(times)}
        rows.append(row)
        print(f"{shown:<50} {len(times):>2} runs: "
              f"median {row['median'] * 1000:7.1f} ms "
              f"(min {row['min'] * 1000:.1f}, max {row['max'] * 1000:.1f})")
if out := os.environ.get("EVIDENCE_DATA"):
    with open(out, "w") as f:
        json.dump({"rows": rows}, f)
