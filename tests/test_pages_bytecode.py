"""The bytecode page's own code, in milliseconds: its tables, from data shaped as its snippets write it
(bytecode/11_versions.py for the version tables, bytecode/08_specialization.py for the builds)."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest
import recorded_pages

from evidence import text
from pages import bytecode


def _row(version, magic, tag, comprehension_code, add, specialised, *, against=None, added=(), removed=(),
         source="importlib/_bootstrap_external.py", tokenize_c=True):
    return {"version": version, "minor": int(version.split(".")[1]), "magic": magic, "cache_tag": tag,
            "history": f"{version.rsplit('.', 1)[0]}b1 {magic} (a change)", "history_source": source,
            "add": add, "specialised": specialised, "comprehension_code": comprehension_code,
            "dict_set_code": [comprehension_code] * 2, "genexp_code": True, "tokenize_c": tokenize_c,
            "free_threaded": False, "header_16": True, "against": against, "added": list(added),
            "removed": list(removed), "instructions": 100}


ROWS = [
    _row("3.10.14", 3439, "cpython-310", True, ["LOAD_FAST", "LOAD_FAST", "BINARY_ADD", "RETURN_VALUE"], None,
         tokenize_c=False),
    _row("3.11.9", 3495, "cpython-311", True, ["RESUME", "LOAD_FAST", "LOAD_FAST", "BINARY_OP", "RETURN_VALUE"],
         ["BINARY_OP_ADD_INT", "LOAD_FAST__LOAD_FAST"], against="3.10.14", added=["RESUME"],
         removed=["BINARY_ADD"], tokenize_c=False),
    _row("3.12.4", 3531, "cpython-312", False, ["RESUME", "LOAD_FAST", "LOAD_FAST", "BINARY_OP", "RETURN_VALUE"], [],
         against="3.11.9", source="Include/internal/pycore_magic_number.h"),
]


def _versions(rows=ROWS):
    # As the page gets it: every string of the data is Text, shown through a token until the HTML is restored.
    return SimpleNamespace(data=text.wrap({"rows": rows, "found": "3.10, 3.11, 3.12"}))


def _shown(markdown: str) -> list[str]:
    return text.restore(markdown).splitlines()


def test_the_magic_table_has_one_row_per_version_with_its_number_history_and_tag():
    lines = _shown(bytecode.magic_table(_versions()))
    assert lines[0] == "| Python | magic number | history entry for it | history read from | cache tag |"
    assert lines[1] == "|---|---|---|---|---|"
    assert lines[2:] == [
        "| 3.10.14 | 3439 | 3.10b1 3439 (a change) | `importlib/_bootstrap_external.py` | `cpython-310` |",
        "| 3.11.9 | 3495 | 3.11b1 3495 (a change) | `importlib/_bootstrap_external.py` | `cpython-311` |",
        "| 3.12.4 | 3531 | 3.12b1 3531 (a change) | `Include/internal/pycore_magic_number.h` | `cpython-312` |"]


def test_the_compiler_table_shows_comprehensions_generator_expressions_and_the_tokenizer():
    lines = _shown(bytecode.compiler_table(_versions()))
    assert lines[0] == "| Python | `[x for x in y]` | `(x for x in y)` | `tokenize.generate_tokens` |"
    assert lines[2:] == ["| 3.10.14 | own code object | own code object | pure Python |",
                         "| 3.11.9 | own code object | own code object | pure Python |",
                         "| 3.12.4 | inlined | own code object | wraps the C tokenizer |"]


def test_the_adaptive_table_tells_no_interpreter_from_no_change_and_lists_what_changed():
    lines = _shown(bytecode.adaptive_table(_versions()))
    assert lines[0] == "| Python | `return a + b` compiles to | after 2000 calls, `dis` with `adaptive=True` shows |"
    assert lines[2:] == [
        "| 3.10.14 | `LOAD_FAST LOAD_FAST BINARY_ADD RETURN_VALUE` | no adaptive interpreter |",
        "| 3.11.9 | `RESUME LOAD_FAST LOAD_FAST BINARY_OP RETURN_VALUE` | `BINARY_OP_ADD_INT LOAD_FAST__LOAD_FAST` |",
        "| 3.12.4 | `RESUME LOAD_FAST LOAD_FAST BINARY_OP RETURN_VALUE` | no change |"]


def test_the_opcode_changes_list_each_version_against_the_one_before():
    assert _shown(bytecode.opcode_changes(_versions())) == [
        "- **3.10.14**: 100 instructions, where the table starts.",
        "- **3.11.9** (100 instructions), against 3.10.14: 1 added: `RESUME`; 1 removed: `BINARY_ADD`.",
        "- **3.12.4** (100 instructions), against 3.11.9: 0 added: none; 0 removed: none."]


def _build(label, version, free_threaded, specialised, changed):
    return SimpleNamespace(label=text.Text(label), data=text.wrap(
        {"version": version, "free_threaded": free_threaded, "specialised": specialised, "changed": changed}))


BUILDS = [_build("CPython 3.13.0", "3.13.0", False, ["LOAD_ATTR_INSTANCE_VALUE"], 9),
          _build("CPython 3.13.5t", "3.13.5", True, [], 0),
          _build("CPython 3.14.10", "3.14.10", False, ["BINARY_OP_ADD_INT"], 9)]


def test_the_specialization_table_marks_free_threaded_builds():
    lines = _shown(bytecode.specialization_table(BUILDS))
    assert lines[2:] == ["| CPython 3.13.0 | no | 9 | `LOAD_ATTR_INSTANCE_VALUE` |",
                         "| CPython 3.13.5t | yes | 0 | none |",
                         "| CPython 3.14.10 | no | 9 | `BINARY_OP_ADD_INT` |"]
    split = bytecode.free_threaded_specialization(BUILDS)
    assert [text.restore(f"{x}") for x in split["off"]] == ["CPython 3.13.5t"] and split["on_free"] == []


def test_a_free_threaded_build_after_3_13_that_does_not_specialise_fails_the_page():
    with pytest.raises(AssertionError, match=r"only 3\.13's free-threaded build"):
        bytecode.free_threaded_specialization([_build("CPython 3.14.0t", "3.14.0", True, [], 0)])


def test_values_stay_text_in_the_tables():
    odd = [_row("3.13.0", 3571, "a|b", False, ["<op>"], ["__x__"], against="3.12.4", added=["*y*"])]
    markdown = (bytecode.magic_table(_versions(odd)) + bytecode.adaptive_table(_versions(odd))
                + bytecode.opcode_changes(_versions(odd)))
    assert "a|b" not in markdown and "<op>" not in markdown and "__x__" not in markdown, "each value is a token"
    assert "*y*" not in markdown
    restored = text.restore(markdown)
    assert "`a|b`" in restored and "`&lt;op&gt;`" in restored and "`__x__`" in restored and "`*y*`" in restored


# The same functions on the runs a real build recorded (tests/recorded/bytecode.json, `make record`): every expected
# value below is derived from the recorded data, so the tests hold on whatever machine recorded it.




def test_recorded_magic_table_has_each_versions_number_history_and_tag(recorded):
    """A row per recorded CPython version, in order, with its own magic number, history entry, source and tag."""
    rows = recorded["versions"].data["rows"]
    lines = _shown(bytecode.magic_table(recorded["versions"]))
    assert len(lines) == 2 + len(rows)
    assert [recorded_pages.cells(line) for line in lines[2:]] == [
        [f"{r['version']!s}", f"{r['magic']}", f"{r['history']!s}", f"`{r['history_source']!s}`",
         f"`{r['cache_tag']!s}`"] for r in rows]


def test_recorded_compiler_and_adaptive_tables_follow_each_versions_data(recorded):
    """The compiler and adaptive tables give each recorded version its own comprehension, tokenizer and opcodes."""
    rows = recorded["versions"].data["rows"]
    compiler = _shown(bytecode.compiler_table(recorded["versions"]))
    assert [recorded_pages.cells(line) for line in compiler[2:]] == [
        [f"{r['version']!s}", "own code object" if r["comprehension_code"] else "inlined",
         "own code object" if r["genexp_code"] else "inlined",
         "wraps the C tokenizer" if r["tokenize_c"] else "pure Python"] for r in rows]
    adaptive = _shown(bytecode.adaptive_table(recorded["versions"]))
    assert len(adaptive) == 2 + len(rows)
    for line, r in zip(adaptive[2:], rows, strict=True):
        version, add, spec = recorded_pages.cells(line)
        assert (version, add) == (f"{r['version']!s}", "`" + " ".join(map(str, r["add"])) + "`")
        assert spec == ("no adaptive interpreter" if r["specialised"] is None else
                        "`" + " ".join(map(str, r["specialised"])) + "`" if r["specialised"] else "no change")


def test_recorded_opcode_changes_list_every_added_and_removed_instruction(recorded):
    """An item per recorded version: the first starts the table, each later one names what it added and removed."""
    rows = recorded["versions"].data["rows"]
    items = [html.unescape(item) for item in _shown(bytecode.opcode_changes(recorded["versions"]))]
    assert len(items) == len(rows)
    for item, r in zip(items, rows, strict=True):
        if r["against"] is None:
            assert item == f"- **{r['version']!s}**: {r['instructions']} instructions, where the table starts."
            continue
        assert item.startswith(f"- **{r['version']!s}** ({r['instructions']} instructions), against "
                               f"{r['against']!s}: {len(r['added'])} added: ")
        added, removed = re.fullmatch(r".*?added: (.*); \d+ removed: (.*)\.", item).groups()
        assert added == (" ".join(f"`{n!s}`" for n in r["added"]) or "none")
        assert removed == (" ".join(f"`{n!s}`" for n in r["removed"]) or "none")


def test_recorded_specialization_table_and_claim_cover_every_build(recorded):
    """Every build that ran the specialisation snippet has its row, and the page's claim about them holds."""
    builds = recorded["spec_builds"]
    lines = _shown(bytecode.specialization_table(builds))
    assert [recorded_pages.cells(line) for line in lines[2:]] == [
        [f"{run.label!s}", "yes" if run.data["free_threaded"] else "no", f"{run.data['changed']}",
         " ".join(f"`{n!s}`" for n in run.data["specialised"]) or "none"] for run in builds]
    split = bytecode.free_threaded_specialization(builds)  # its claim holds on the recorded runs
    assert split["on"] == [run.label for run in builds if run.data["specialised"]]
    assert split["off"] == [run.label for run in builds if not run.data["specialised"]]
    assert split["on_free"] == [label for label in split["on"]
                                if next(r for r in builds if r.label == label).data["free_threaded"]]
