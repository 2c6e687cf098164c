"""Social cards built offline: the plugin's cache lives outside the repository and gets Roboto from a package.

Material's social plugin draws each card with Pillow, and downloads the font family from Google Fonts unless its
cache already holds `fonts/<family>/<style>.ttf`. This hook points the cache at the engine's cache folder (so a
build leaves the working tree untouched) and fills it with the TrueType files of the locked `font-roboto` package.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import font_roboto
from material.plugins.social.plugin import SocialPlugin
from mkdocs.plugins import event_priority

from evidence.settings import Settings

# The styles the default card layout uses, as the plugin names them, and the files that provide them.
STYLES = {"Regular": "Roboto-Regular.ttf", "Bold": "Roboto-Bold.ttf"}


def install_fonts(cache_dir: Path) -> None:
    family = cache_dir / "fonts" / "Roboto"
    family.mkdir(parents=True, exist_ok=True)
    for style, name in STYLES.items():
        source, target = Path(font_roboto.font_directory) / name, family / f"{style}.ttf"
        if not target.is_file() or target.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, target)


@event_priority(100)  # before the social plugin resolves its cache folder
def on_config(config, **_):
    for plugin in config.plugins.values():
        if isinstance(plugin, SocialPlugin) and plugin.config.enabled:
            cache_dir = Settings.from_environment().cache_dir / "social"
            plugin.config.cache_dir = str(cache_dir)
            plugin.config.cards_layout_dir = str(Path(config.config_file_path).parent / "overrides" / "layouts")
            install_fonts(cache_dir)
    return config


@event_priority(100)  # before the social plugin starts drawing the page's card from its metadata
def on_page_markdown(markdown, page, **_):
    # The card shows the page's own heading ("The GIL: one thread at a time, and when that stops being true"), not
    # the short title the navigation gives it ("The GIL"); the heading is the Markdown's first level-1 line.
    if heading := re.search(r"(?m)^# (.+)$", markdown):
        page.meta.setdefault("card_title", heading[1].replace("`", ""))
    return markdown
