"""Every page of the build loads cleanly, stays on 127.0.0.1, passes axe-core, and is photographed at two widths."""

from __future__ import annotations

import pytest

from .conftest import REPO_URL, WIDTHS

LOCAL_SCHEMES = ("data:", "blob:", "about:")


class Watch:
    """What one browser page did wrong while loading: console errors, script errors, failed or foreign requests."""

    def __init__(self, page, site):
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("request", lambda r: r.url.startswith((site.url, *LOCAL_SCHEMES))
                or self.problems.append(f"request leaves 127.0.0.1: {r.url}"))
        page.on("response", lambda r: r.status >= 400 and r.url.startswith(site.url)
                and self.problems.append(f"HTTP {r.status}: {r.url}"))


def test_every_page_loads_with_no_error_and_no_request_off_this_machine(browser, site):
    problems = []
    for scheme in ("light", "dark"):
        ctx = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900}, color_scheme=scheme)
        for path in site.pages:
            page = ctx.new_page()
            watch = Watch(page, site)
            response = page.goto(site.url + path, wait_until="networkidle")
            assert response is not None and response.ok, f"{path or '/'}: HTTP {response and response.status}"
            page.hover("body")
            page.wait_for_load_state("networkidle")
            problems += [f"{path or '/'} ({scheme}): {p}" for p in watch.problems]
            page.close()
        ctx.close()
    assert not problems, "\n".join(problems)


def test_every_page_has_a_social_card(site):
    for path in site.pages:
        html = (site.root / path / "index.html").read_text()
        card = site.root / "assets" / "images" / "social" / ((path.rstrip("/") or "index") + ".png")
        assert f'<meta property="og:image" content="{site.url}{card.relative_to(site.root).as_posix()}"' in html, path
        assert '<meta property="twitter:card" content="summary_large_image"' in html, path
        assert card.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", card


def test_no_serious_accessibility_violation_on_any_page(browser, site, axe_source):
    found = []
    for scheme in ("light", "dark"):  # colour contrast differs between the schemes
        for width in WIDTHS.values():
            ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            for path in site.pages:
                page = ctx.new_page()
                page.goto(site.url + path, wait_until="networkidle")
                # Check what a reader can reveal too: every tab of every tab set, and every collapsed block.
                page.add_style_tag(content=".md-typeset .tabbed-content > .tabbed-block { display: block !important }")
                page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
                page.add_script_tag(content=axe_source)
                violations = page.evaluate("""async () => {
                    const result = await axe.run(document, {resultTypes: ["violations"]});
                    const where = v => v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ");
                    return result.violations.filter(v => ["serious", "critical"].includes(v.impact))
                        .map(v => `${v.impact} ${v.id}: ${v.help} at ${where(v)}`);
                }""")
                found += [f"{path or '/'} ({scheme}, {width} px): {v}" for v in violations]
                page.close()
            ctx.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_every_page_at_desktop_and_phone_width(browser, site, screenshots, scheme):
    for name, width in WIDTHS.items():
        ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  device_scale_factor=1)
        for path in [*site.pages, "no-such-page/"]:
            page = ctx.new_page()
            page.goto(site.url + path, wait_until="networkidle")
            target = screenshots / f"{(path.rstrip('/') or 'home').replace('/', '-')}-{name}-{scheme}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 0
            page.close()
        ctx.close()


def test_every_page_offers_edit_and_view_source_links(context, site):
    page = context.new_page()
    for path in site.pages:
        page.goto(path)
        source = (path.rstrip("/") or "index") + ".md"
        edit = page.locator("a.md-content__button[rel=edit]")
        assert edit.get_attribute("href") == f"{REPO_URL}/edit/main/docs/{source}", path
        view = page.locator(f"a.md-content__button[href='{REPO_URL}/raw/main/docs/{source}']")
        assert view.count() == 1, path
