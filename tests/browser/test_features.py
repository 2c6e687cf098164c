"""What a reader does: search, switch linked tabs, copy code, change colour scheme, follow a heading link, get lost."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

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


def test_linked_content_tabs_switch_together_and_stay_switched(context, site):
    path = _page_with(site, 'class="tabbed-set')
    page = context.new_page()
    page.goto(path)
    labels = page.locator(".tabbed-labels > label")
    texts = labels.all_inner_texts()
    shared = next((t for t in dict.fromkeys(texts) if texts.count(t) > 1 and t.strip()), None)
    if shared is None:
        pytest.skip(f"{path}: no tab label appears in two tab sets")
    same = page.locator(".tabbed-labels > label", has_text=re.compile(rf"^{re.escape(shared)}$"))
    same.first.click()

    def selected() -> list[bool]:
        return same.evaluate_all("ls => ls.map(l => document.getElementById(l.htmlFor).checked)")

    assert all(selected()), f"every {shared!r} tab is selected once one is clicked"
    page.reload()
    page.wait_for_load_state("networkidle")
    assert all(selected()), f"{shared!r} stays selected after a reload"


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


def test_colour_scheme_toggle_cycles_and_is_remembered(context, site):
    page = context.new_page()
    page.goto("")

    def scheme() -> str:
        return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")

    assert scheme() == "default", "follows the system (light in this browser) at first"
    seen = [scheme()]
    for _ in range(3):  # automatic -> light -> dark -> automatic
        page.locator("form[data-md-component=palette] label:visible").click()
        seen.append(scheme())
        if seen[-1] == "slate":
            break
    assert "slate" in seen, seen
    page.reload()
    assert scheme() == "slate", "the chosen scheme survives a reload"


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
