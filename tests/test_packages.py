"""What a snippet's inline metadata may ask for: exact pins, one per Python version where one pin cannot serve all."""

from __future__ import annotations

import pytest

from evidence import packages

BLOCK = '''# /// script
# dependencies = [{deps}]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
'''


def test_a_pin_may_carry_an_environment_marker():
    deps = """"numpy==2.4.6; python_version < '3.15'", "numpy==2.5.5; python_version >= '3.15'\""""
    found = packages.dependencies(BLOCK.format(deps=deps))
    assert found[:2] == ("numpy==2.4.6; python_version < '3.15'", "numpy==2.5.5; python_version >= '3.15'")
    assert found[2] == "--exclude-newer=2026-11-20T00:00:00Z"


@pytest.mark.parametrize("loose", ['"numpy"', '"numpy>=2"', """"numpy>=2; python_version < '3.15'\""""])
def test_a_requirement_that_is_not_an_exact_pin_is_refused(loose):
    with pytest.raises(ValueError, match="must be pinned"):
        packages.dependencies(BLOCK.format(deps=loose))
