"""The bytecode page's own code, in milliseconds: its tables, from data shaped as bytecode/11_versions.py writes it."""

from __future__ import annotations

from types import SimpleNamespace

from evidence import text
from pages import bytecode


def _row(version, magic, tag, comprehension_code, add, specialised):
    return {"version": version, "magic": magic, "cache_tag": tag, "history": version.rsplit(".", 1)[0] + "a1",
            "add": add, "specialised": specialised, "comprehension_code": comprehension_code, "header_16": True}


ROWS = [
    _row("3.10.14", 3439, "cpython-310", True, ["LOAD_FAST", "LOAD_FAST", "BINARY_ADD", "RETURN_VALUE"], None),
    _row("3.11.9", 3495, "cpython-311", True, ["RESUME", "LOAD_FAST", "LOAD_FAST", "BINARY_OP", "RETURN_VALUE"],
         ["BINARY_OP_ADD_INT", "LOAD_FAST__LOAD_FAST"]),
    _row("3.12.4", 3531, "cpython-312", False, ["RESUME", "LOAD_FAST", "LOAD_FAST", "BINARY_OP", "RETURN_VALUE"], []),
]


def _versions(rows=ROWS):
    # As the page gets it: every string of the data is Text, shown through a token until the HTML is restored.
    return SimpleNamespace(data=text.wrap({"rows": rows, "found": "3.10, 3.11, 3.12", "missing": "3.8, 3.9, 3.13"}))


def _shown(markdown: str) -> list[str]:
    return text.restore(markdown).splitlines()


def test_the_magic_table_has_one_row_per_version_with_its_number_tag_and_comprehension():
    lines = _shown(bytecode.magic_table(_versions()))
    assert lines[0] == "| Python | magic number | importlib history entry | cache tag | `[x for x in y]` |"
    assert lines[1] == "|---|---|---|---|---|"
    assert lines[2:] == ["| 3.10.14 | 3439 | 3.10a1 | `cpython-310` | own code object |",
                         "| 3.11.9 | 3495 | 3.11a1 | `cpython-311` | own code object |",
                         "| 3.12.4 | 3531 | 3.12a1 | `cpython-312` | inlined |"]


def test_the_adaptive_table_tells_no_interpreter_from_no_change_and_lists_what_changed():
    lines = _shown(bytecode.adaptive_table(_versions()))
    assert lines[0] == "| Python | `return a + b` compiles to | after 2000 calls, `dis` with `adaptive=True` shows |"
    assert lines[2:] == [
        "| 3.10.14 | `LOAD_FAST LOAD_FAST BINARY_ADD RETURN_VALUE` | no adaptive interpreter |",
        "| 3.11.9 | `RESUME LOAD_FAST LOAD_FAST BINARY_OP RETURN_VALUE` | `BINARY_OP_ADD_INT LOAD_FAST__LOAD_FAST` |",
        "| 3.12.4 | `RESUME LOAD_FAST LOAD_FAST BINARY_OP RETURN_VALUE` | no change |"]


def test_values_stay_text_in_the_tables():
    odd = [_row("3.13.0", 3571, "a|b", False, ["<op>"], ["__x__"])]
    markdown = bytecode.magic_table(_versions(odd)) + bytecode.adaptive_table(_versions(odd))
    assert "a|b" not in markdown and "<op>" not in markdown and "__x__" not in markdown, "each value is a token"
    restored = text.restore(markdown)
    assert "`a|b`" in restored and "`&lt;op&gt;`" in restored and "`__x__`" in restored
