"""The bytecode page's tables, from its declared runs (docs/bytecode.md's front matter)."""

from __future__ import annotations


def _opnames(names) -> str:
    # Each name formatted on its own, so it stays text (str.join would see the raw strings).
    return " ".join(f"{name}" for name in names)


def magic_table(versions) -> str:
    """Per CPython version found: its magic number, importlib's entry for it, its cache tag, and whether a
    comprehension is compiled into its own code object."""
    rows = ["| Python | magic number | importlib history entry | cache tag | `[x for x in y]` |",
            "|---|---|---|---|---|"]
    for row in versions.data["rows"]:
        comprehension = "own code object" if row["comprehension_code"] else "inlined"
        rows.append(f"| {row['version']} | {row['magic']} | {row['history']} | `{row['cache_tag']}` | "
                    f"{comprehension} |")
    return "\n".join(rows)


def adaptive_table(versions) -> str:
    """Per CPython version found: what `return a + b` compiles to, and what warm-up specialised in it."""
    rows = ["| Python | `return a + b` compiles to | after 2000 calls, `dis` with `adaptive=True` shows |",
            "|---|---|---|"]
    for row in versions.data["rows"]:
        spec = row["specialised"]
        spec = "no adaptive interpreter" if spec is None else f"`{_opnames(spec)}`" if spec else "no change"
        rows.append(f"| {row['version']} | `{_opnames(row['add'])}` | {spec} |")
    return "\n".join(rows)
