"""The "How this site works" page's tables and its confinement sentence, from the engine's own state."""

from __future__ import annotations

from evidence import report, runner, sandbox
from evidence.settings import Settings


def confinement() -> dict:
    """Whether this build's snippets ran confined, and if not, why."""
    settings = Settings.from_environment()
    if runner.confined(settings):
        return {"confined": True, "why": ""}
    return {"confined": False, "why": "EVIDENCE_CONFINE was off" if not settings.confine else sandbox.unavailable()}


def settings_table() -> str:
    return report.settings_table()


def registry_table() -> str:
    return report.registry_table()


def interpreter_table() -> str:
    return report.interpreter_table()
