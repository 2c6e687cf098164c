"""Each layer page opens with its verdict: the whole box, with numbers from this build, on the first screen."""

from __future__ import annotations

import re

import pytest

# The phone is a common one's viewport; the desktop height is a laptop's.
SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
LAYERS = ["implementations/", "bytecode/", "pip/", "c-speed/", "gil/", "imports/", "venvs/", "everywhere/"]


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_layer_page_shows_its_verdict_with_numbers_on_the_first_screen(browser, site, screen):
    width, height = SCREENS[screen]
    pages = [path for path in LAYERS if path in site.pages]
    if not pages:
        pytest.skip("no layer page in this build")
    ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme="light")
    problems = []
    for path in pages:
        page = ctx.new_page()
        page.goto(site.url + path)
        box = page.locator("article .admonition.abstract").first
        if box.count() == 0:
            problems.append(f"{path}: no verdict box")
            continue
        bottom = box.evaluate("e => e.getBoundingClientRect().bottom")
        said = box.inner_text()
        if bottom > height:
            problems.append(f"{path}: the verdict ends at {bottom:.0f} px, below the first screen ({height} px)")
        if not said.lower().startswith("the verdict") or not re.search(r"\d", said):
            problems.append(f"{path}: the verdict has no number from the build: {said[:80]!r}")
        # The theme makes links absolute once the page loads, so the link is matched by its end.
        if page.locator("article .admonition.abstract a[href$='#surprises']").count() != 1:
            problems.append(f"{path}: the verdict does not link to the myths")
        page.close()
    ctx.close()
    assert not problems, "\n".join(problems)
