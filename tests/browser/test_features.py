"""What a reader does: search, open one source, pick a tab, copy code, change the scheme, follow a link, get lost."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import WIDTHS

# A search term and the page it must find, for pages that exist in this build.
SEARCHES = {"GIL": "gil/", "pyc": "bytecode/", "wheel": "pip/"}


@pytest.mark.parametrize("term", list(SEARCHES))
def test_search_finds_the_page_about_it(context, site, term):
    target = SEARCHES[term]
    if not site.exists(target):
        pytest.skip(f"no {target} page in this build yet")
    page = context.new_page()
    page.goto("")
    query = page.locator("input.md-search__input")
    query.click()  # on a phone a header button opens the search first; at desktop width the field is in the header
    # The index loads in a web worker: wait until the result list stops saying it is initialising.
    page.wait_for_function("() => !/initializ/i.test(document.querySelector('.md-search-result__meta').textContent)")
    query.press_sequentially(term)  # the theme searches on keyup, so type it
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    # Read every link in one call: the theme keeps rendering results while we look, so nth(i) can go stale.
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))")
    hits = [i for i, href in enumerate(hrefs) if urlsplit(href).path == urlsplit(site.url + target).path]
    assert hits, hrefs
    # Highlighting: following a result that carries the term (?h=...) marks it on the page it opens.
    marked = [i for i in hits if parse_qs(urlsplit(hrefs[i]).query).get("h")]
    assert marked, [hrefs[i] for i in hits]
    results.nth(marked[0]).click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(site.url + target)
    assert page.locator("article mark[data-md-highlight]").count() > 0


def _page_with(site, selector_in_html: str) -> str:
    for path in site.pages:
        if selector_in_html in (site.root / path / "index.html").read_text():
            return path
    pytest.skip(f"no page of this build contains {selector_in_html!r}")


def _most(site, needle: str) -> str:
    """The page of this build whose HTML holds `needle` most often."""
    counts = {path: (site.root / path / "index.html").read_text().count(needle) for path in site.pages}
    return max(counts, key=counts.get)


_TAB_STATE = "() => [...document.querySelectorAll('.tabbed-set')].map(s => s.querySelector('input:checked')?.id)"
_OPEN = "() => [...document.querySelectorAll('details.source')].map(d => d.open)"


def test_opening_one_blocks_source_changes_no_other_block_here_or_elsewhere(context, site):
    path = _most(site, '<details class="source"')
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    sources = page.locator("details.source")
    assert sources.count() >= 3, f"{path}: expected several evidence blocks"
    outputs = page.locator(".highlight span.filename", has_text=re.compile(r"^Output · "))
    assert outputs.count() >= 2
    assert not any(page.evaluate(_OPEN)), "every snippet's source starts folded"
    assert all(outputs.nth(i).is_visible() for i in range(outputs.count())), "every output is shown, unclicked"

    sources.nth(1).locator("summary").click()
    assert page.evaluate(_OPEN) == [i == 1 for i in range(sources.count())], "only the clicked block opened"
    assert sources.nth(1).locator("pre").first.is_visible()
    assert all(outputs.nth(i).is_visible() for i in range(outputs.count())), "opening a source hides no output"

    # Interpreter tabs: picking one in a set changes that set alone.
    sets = page.locator(".tabbed-set")
    other = _most(site, 'class="tabbed-set') if sets.count() < 2 else path
    page.goto(other, wait_until="networkidle")
    sets = page.locator(".tabbed-set")
    before = page.evaluate(_TAB_STATE)
    first = sets.first.locator(".tabbed-labels > label")
    assert first.count() >= 2, f"{other}: the first tab set has one tab"
    first.nth(1).click()
    after = page.evaluate(_TAB_STATE)
    assert after[0] != before[0] and after[1:] == before[1:], (before, after)

    # Nothing is remembered: the same page opened afresh, and every other page, start with every source folded and
    # the first tabs chosen. A new tab shares localStorage but not the form state Chromium restores on a reload.
    page = context.new_page()
    page.goto(other, wait_until="networkidle")
    assert page.evaluate(_TAB_STATE) == before
    for elsewhere in site.pages:
        page.goto(elsewhere, wait_until="networkidle")
        assert not any(page.evaluate(_OPEN)), elsewhere
        checked_first = page.evaluate(
            "() => [...document.querySelectorAll('.tabbed-set')].map(s => s.querySelector('input').checked)")
        assert all(checked_first), elsewhere


_WIDE_SOURCES = """() => {
    for (const d of document.querySelectorAll('details.source')) d.open = true;
    return [...document.querySelectorAll('details.source pre > code')]
        .filter(code => code.scrollWidth > code.clientWidth + 1)
        .map(code => code.textContent.split('\\n').reduce((a, line) => line.length > a.length ? line : a, ''));
}"""


def test_no_snippet_source_scrolls_sideways_at_desktop_width(context, site):
    """At 1280 px every source listing fits its column: snippets keep to 88 columns (snippets/ruff.toml)."""
    page = context.new_page()
    wide = {}
    for path in site.pages:
        page.goto(path, wait_until="networkidle")
        if found := page.evaluate(_WIDE_SOURCES):
            wide[path] = found
    assert not wide, f"source listings that scroll sideways, by page, with their longest line: {wide}"


def test_copy_button_copies_the_code(context, site):
    path = _page_with(site, "<pre><span></span><code>")
    page = context.new_page()
    page.goto(path)
    block = page.locator("div.highlight:visible").first
    block.scroll_into_view_if_needed()
    block.hover()
    block.locator("button[data-md-type=copy], button.md-clipboard").first.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    shown = block.locator("code").inner_text()
    assert copied.strip() and copied.strip() == shown.strip()


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_first_click_on_the_scheme_toggle_changes_the_scheme_and_it_is_remembered(browser, site, system):
    context = browser.new_context(base_url=site.url, color_scheme=system)
    page = context.new_page()
    page.goto("")

    def scheme() -> str:
        return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")

    first = scheme()
    assert first == {"light": "default", "dark": "slate"}[system], "follows the system at first"
    page.locator("form[data-md-component=palette] label:visible").click()
    assert scheme() != first, "the first click shows the other scheme"
    chosen = scheme()
    page.reload()
    assert scheme() == chosen, "the chosen scheme survives a reload"
    context.close()


def test_heading_link_scrolls_to_its_anchor(context, site):
    # The page with the most second-level headings, and one in its middle: there is text above it and below it.
    counts = {path: (site.root / path / "index.html").read_text().count("<h2 ") for path in site.pages}
    path = max(counts, key=counts.get)
    if counts[path] < 3:
        pytest.skip("no page with three or more second-level headings")
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    links = page.locator("article h2 > a.headerlink")
    link = links.nth(links.count() // 2)
    anchor = "#" + link.get_attribute("href").split("#")[1]  # instant navigation makes hrefs absolute
    link.click()
    page.wait_for_function("h => location.hash === h", arg=anchor)
    # The theme scrolls smoothly, so poll until the page has moved and the heading is on screen, below the sticky
    # header (on a loaded machine the smooth scroll can stop a little short, so no exact position is required).
    page.wait_for_function("""id => {
        const box = document.getElementById(id).getBoundingClientRect();
        const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
        return scrollY > 0 && box.top >= header - 1 && box.bottom <= innerHeight;
    }""", arg=anchor[1:], timeout=10_000)


def test_unknown_address_gets_the_404_page(context, site):
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and "404" not in m.text and errors.append(m.text))
    page.on("response", lambda r: r.status >= 400 and r.url != site.url + "no/such/page/" and errors.append(r.url))
    response = page.goto("no/such/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator("article a", has_text="How this site works").count() == 1
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") != "static", \
        "the theme's stylesheet loaded on a page at another depth"
    assert not errors, errors


def test_search_previews_show_no_source_listing(context, site):
    """Nearly every snippet imports tempfile and no page's prose says it: with the listings left out of the index,
    searching for it finds no preview with an import line in it."""
    page = context.new_page()
    page.goto("")
    query = page.locator("input.md-search__input")
    query.click()
    page.wait_for_function("() => !/initializ/i.test(document.querySelector('.md-search-result__meta').textContent)")
    query.press_sequentially("tempfile")
    page.wait_for_timeout(500)  # results render on keyup; none may come at all, which is the point
    previews = page.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.textContent)")
    assert not [p for p in previews if "import tempfile" in p], previews
    listing = re.compile(r"import</span>(<span[^>]*>\s*</span>)?\s*<span[^>]*>tempfile")  # as highlighted
    assert listing.search((site.root / "pip" / "index.html").read_text()), "the listings are on the pages"


_SMALL_CODE = """() => [...document.querySelectorAll('.md-typeset code')]
    .filter(code => code.getClientRects().length && parseFloat(getComputedStyle(code).fontSize) < 12)
    .map(code => getComputedStyle(code).fontSize + ' ' + code.textContent.slice(0, 40))"""


def test_no_visible_code_is_under_12_px_on_a_phone(browser, site):
    """Lighthouse counts text under 12 px as illegible: on phones the theme's code size (0.85em of 14 px) is raised."""
    ctx = browser.new_context(viewport={"width": WIDTHS["mobile"], "height": 844}, color_scheme="light")
    page = ctx.new_page()
    small = {}
    for path in site.pages:
        page.goto(site.url + path, wait_until="networkidle")
        if found := page.evaluate(_SMALL_CODE):
            small[path] = found[:3]
    ctx.close()
    assert not small, f"code under 12 px at {WIDTHS['mobile']} px, by page: {small}"
