"""The bytecode page's tables, from its declared runs (docs/bytecode.md's front matter)."""

from __future__ import annotations


def _opnames(names) -> str:
    # Each name formatted on its own, so it stays text (str.join would see the raw strings).
    return " ".join(f"{name}" for name in names)


def _spans(names) -> str:
    return " ".join(f"`{name}`" for name in names)


def magic_table(versions) -> str:
    """Per CPython version found: its magic number, the history's entry for it and the file that holds the history,
    and its cache tag."""
    rows = ["| Python | magic number | history entry for it | history read from | cache tag |",
            "|---|---|---|---|---|"]
    for row in versions.data["rows"]:
        rows.append(f"| {row['version']} | {row['magic']} | {row['history']} | `{row['history_source']}` | "
                    f"`{row['cache_tag']}` |")
    return "\n".join(rows)


def compiler_table(versions) -> str:
    """Per CPython version found: whether a list comprehension and a generator expression get their own code
    object, and which tokenizer the `tokenize` module runs."""
    rows = ["| Python | `[x for x in y]` | `(x for x in y)` | `tokenize.generate_tokens` |", "|---|---|---|---|"]
    for row in versions.data["rows"]:
        lists, genexps = ("own code object" if row[key] else "inlined" for key in ("comprehension_code",
                                                                                    "genexp_code"))
        tokenizer = "wraps the C tokenizer" if row["tokenize_c"] else "pure Python"
        rows.append(f"| {row['version']} | {lists} | {genexps} | {tokenizer} |")
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


def opcode_changes(versions) -> str:
    """Per CPython version found after the first: the instructions `dis.opmap` gained and lost against the version
    before it in the table, as a list (the names are too many for a table cell)."""
    items = []
    for row in versions.data["rows"]:
        if row["against"] is None:
            items.append(f"- **{row['version']}**: {row['instructions']} instructions, where the table starts.")
            continue
        added = _spans(row["added"]) if row["added"] else "none"
        removed = _spans(row["removed"]) if row["removed"] else "none"
        items.append(f"- **{row['version']}** ({row['instructions']} instructions), against {row['against']}: "
                     f"{len(row['added'])} added: {added}; {len(row['removed'])} removed: {removed}.")
    return "\n".join(items)


def specialization_table(builds) -> str:
    """Per build that ran the specialisation snippet: free-threaded or not, and what warm-up changed."""
    rows = ["| Interpreter | free-threaded build | instructions changed by warm-up | specialised forms |",
            "|---|---|---|---|"]
    for run in builds:
        d = run.data
        forms = _spans(d["specialised"]) if d["specialised"] else "none"
        rows.append(f"| {run.label} | {'yes' if d['free_threaded'] else 'no'} | {d['changed']} | {forms} |")
    return "\n".join(rows)


def free_threaded_specialization(builds) -> dict:
    """The specialisation runs split by build, asserting what the page says: the free-threaded 3.13 build rewrote
    nothing, every other build that ran specialised something."""
    free = [r for r in builds if r.data["free_threaded"]]
    off = [r for r in free if not r.data["specialised"]]
    on = [r for r in builds if r.data["specialised"]]
    assert all(r.data["version"].startswith("3.13") for r in off), "claim: only 3.13's free-threaded build is off"
    assert len(on) + len(off) == len(builds), "claim: every build either specialised or is 3.13t"
    return {"off": [r.label for r in off], "on_free": [r.label for r in free if r.data["specialised"]],
            "on": [r.label for r in on]}
