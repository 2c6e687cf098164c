# CPython compiles a whole file before running it: a SyntaxError on line 3 stops line 1.
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROGRAMS = {
    "syntax_error.py": 'print("line 1 ran")\nx = 1\nprint("line 3" +)\n',
    "name_error.py": 'print("line 1 ran")\nx = 1\nprint(undefined_name)\n',
}

ran_first_line = {}
with tempfile.TemporaryDirectory() as tmp:
    for name, text in PROGRAMS.items():
        Path(tmp, name).write_text(text)
        print(f"--- {name}")
        for number, line in enumerate(text.splitlines(), 1):
            print(f"{number}  {line}")
        try:
            compile(text, name, "exec")
            print("compile(): a code object, no error")
        except SyntaxError as error:
            print(f"compile(): SyntaxError on line {error.lineno}, before anything ran")
        run = subprocess.run([sys.executable, name], cwd=tmp, capture_output=True,
                             text=True, env={"PATH": os.environ.get("PATH", "")})
        print(f"$ python {name}\n  stdout: {run.stdout.strip()!r}\n"
              f"  stderr ends: {run.stderr.splitlines()[-1]}\n")
        ran_first_line[name] = "line 1 ran" in run.stdout

assert not ran_first_line["syntax_error.py"], \
    "claim: a SyntaxError anywhere prevents the whole file from running"
assert ran_first_line["name_error.py"], \
    "claim: a NameError is raised while running, after line 1 ran"
