# mkdocs-gen-files script: publishes every snippet, and the modules snippets import, under /snippets/ for download.
from pathlib import Path

import mkdocs_gen_files

ROOT = Path(__file__).resolve().parents[1]

for path in sorted((ROOT / "snippets").rglob("*.py")):
    rel = path.relative_to(ROOT).as_posix()
    with mkdocs_gen_files.open(rel, "w") as out:
        out.write(path.read_text())
