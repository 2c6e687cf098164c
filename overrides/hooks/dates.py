"""Page dates only from a full git history: a shallow clone or a tree without git shows no date instead of a wrong one.

The git-revision-date-localized plugin reads each page's last commit. In a shallow clone every page would get the
date of the one commit fetched, and on CI the plugin warns about it, which fails a strict build; without git it
would print the build date as if it were an edit. This hook switches the plugin off in both cases, with a note.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.dates")
PLUGIN = "git-revision-date-localized"


def history(root: Path) -> str | None:
    """Why `root` has no usable history, or None when it has one."""
    try:
        done = subprocess.run(["git", "rev-parse", "--is-inside-work-tree", "--is-shallow-repository"], cwd=root,
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "git is not installed"
    if done.returncode != 0:
        return "the project is not a git work tree"
    if done.stdout.split()[-1:] == ["true"]:
        return "the clone is shallow (fetch the full history for page dates)"
    return None


@event_priority(100)  # before the plugin reads its configuration
def on_config(config, **_):
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None and plugin.config.get("enabled"):
        reason = history(Path(config.config_file_path).parent)
        if reason:
            log.info("page dates are off: %s", reason)
            plugin.config["enabled"] = False
    return config
