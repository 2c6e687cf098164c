"""The home page's own code: the eight facts of the post as the site's map of layers, from the surface down."""

from __future__ import annotations

import html
from dataclasses import dataclass

from evidence.page import BUILD
from evidence.render import url_from_page
from evidence.settings import Project


@dataclass(frozen=True)
class Layer:
    fact: int
    title: str
    claim: str
    page: str

    def exists(self) -> bool:
        return (Project.root / "docs" / self.page).is_file()


LAYERS = [
    Layer(8, "Python is everywhere", "APIs, data pipelines, ML, DevOps and cloud functions.", "everywhere.md"),
    Layer(7, "Virtual environments", "Each project sees its own packages; deploys are reproducible.", "venvs.md"),
    Layer(3, "pip and the package index", "Metadata first, then a resolved tree, then wheels or sdists.", "pip.md"),
    Layer(6, "Imports", "sys.path is searched, bytecode or source loaded, top-level code run.", "imports.md"),
    Layer(2, "Bytecode and .pyc", "Source is compiled to bytecode, cached in __pycache__, run by a VM.", "bytecode.md"),
    Layer(5, "The GIL", "One thread runs bytecode at a time in a GIL build.", "gil.md"),
    Layer(4, "The C underneath", "The fast parts are compiled code; Python steers.", "c-speed.md"),
    Layer(1, "Which Python?", "CPython, PyPy, Jython, IronPython and more run one language.", "implementations.md"),
]


def layer(fact: int) -> Layer:
    """The layer of fact number `fact` (1 to 8, the post's order)."""
    return next(found for found in LAYERS if found.fact == fact)


def layer_map() -> str:
    """The home page diagram: the layers as a stack under print("Hello World"), linked where a page exists."""
    page_url = BUILD.page_url  # raw HTML, which the build does not rewrite: links start from the page's URL
    rows = ['<li class="layer layer--code"><code>print("Hello World")</code></li>']
    for layer in LAYERS:
        title = html.escape(layer.title)
        if layer.exists():
            href = url_from_page(layer.page.removesuffix(".md") + "/", page_url)
            title = f'<a href="{href}">{title}</a>'
        else:
            title += ' <span class="layer__soon">(page not written yet)</span>'
        rows.append(f'<li class="layer"><span class="layer__fact">Fact {layer.fact}</span>'
                    f'<span class="layer__title">{title}</span>'
                    f'<span class="layer__claim">{html.escape(layer.claim)}</span></li>')
    return ('<ol class="layer-map" aria-label="The layers under one line of Python, from the surface down">'
            + "".join(rows) + "</ol>")
