# mkdocs-gen-files script: publishes each snippet and imported module, plus a zip of each snippet with its modules.
import io
import zipfile
from pathlib import Path

import mkdocs_gen_files

from evidence.render import zip_name
from evidence.runner import companions

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = ROOT / "snippets"


def bundle(snippet: Path, modules: list[Path]) -> bytes:
    """The snippet and the modules it imports in one zip, with fixed dates: the same bytes on every build."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in [snippet, *modules]:
            archive.writestr(zipfile.ZipInfo(path.name, (2024, 1, 1, 0, 0, 0)), path.read_bytes())
    return buffer.getvalue()


for path in sorted(SNIPPETS.rglob("*.py")):
    rel = path.relative_to(ROOT).as_posix()
    with mkdocs_gen_files.open(rel, "w") as out:
        out.write(path.read_text())
    if modules := companions(path):
        with mkdocs_gen_files.open(f"snippets/{zip_name(path.relative_to(SNIPPETS).as_posix())}", "wb") as out:
            out.write(bundle(path, modules))
