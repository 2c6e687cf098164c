"""The engine's settings: defaults a page can override per call, and the environment variables that change them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Project:
    """The project being built: its root holds mkdocs.yml and snippets/ (set by the hooks from the config path)."""

    root: Path = ROOT

    @classmethod
    def use(cls, root: Path) -> None:
        cls.root = Path(root).resolve()

    @classmethod
    def snippets(cls) -> Path:
        return cls.root / "snippets"


def _cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hidden-layers"


@dataclass(frozen=True)
class Setting:
    """One documented knob of the engine, shown on the "How this site works" page."""

    name: str
    value: object
    env: str | None
    meaning: str


@dataclass(frozen=True)
class Settings:
    """What every snippet run gets unless the page asks otherwise."""

    timeout: float = 60.0
    output_cap: int = 512 * 1024
    # The newest CPython release on the machine (the build's own at least): the Python readers run, where it is here.
    python: str | None = "newest-cpython"
    cache_dir: Path = field(default_factory=_cache_home)
    fresh: bool = False
    fresh_timing: bool = False  # EVIDENCE_FRESH=timing: only timing runs ignore the cache (the soak uses it)
    memory_limit: int = 4 * 2**30
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    confine: bool = True  # EVIDENCE_CONFINE=off runs snippets outside the sandbox (sandbox.py), as the page says

    @classmethod
    def from_environment(cls) -> Settings:
        env = os.environ
        return cls(
            timeout=float(env.get("EVIDENCE_TIMEOUT", cls.timeout)),
            output_cap=int(env.get("EVIDENCE_OUTPUT_CAP", cls.output_cap)),
            python=env.get("EVIDENCE_PYTHON") or cls.python,
            cache_dir=Path(env["EVIDENCE_CACHE_DIR"]) if env.get("EVIDENCE_CACHE_DIR") else _cache_home(),
            fresh=env.get("EVIDENCE_FRESH", "") not in ("", "0", "false", "timing"),
            fresh_timing=env.get("EVIDENCE_FRESH", "") == "timing",
            memory_limit=int(env.get("EVIDENCE_MEMORY_LIMIT", cls.memory_limit)),
            workers=int(env.get("EVIDENCE_WORKERS") or os.cpu_count() or 1),
            confine=env.get("EVIDENCE_CONFINE", "on").lower() not in ("off", "0", "false", "no"),
        )

    def describe(self) -> list[Setting]:
        return [
            Setting("timeout", f"{self.timeout:g} s", "EVIDENCE_TIMEOUT",
                    "Wall-clock limit for one snippet; its whole process group is killed when it runs out."),
            Setting("output cap", f"{self.output_cap // 1024} KiB", "EVIDENCE_OUTPUT_CAP",
                    "Most bytes a snippet may write to stdout and stderr together before it is killed."),
            Setting("memory limit", f"{self.memory_limit // 2**20} MiB", "EVIDENCE_MEMORY_LIMIT",
                    "Resident memory a snippet and its children may use together before they are killed (0: none)."),
            Setting("interpreter", self.python or "the one running the build", "EVIDENCE_PYTHON",  # newest-cpython:
                    "The Python that produces the evidence unless a page names another."),
            Setting("cache folder", str(self.cache_dir).replace(str(Path.home()), "~"), "EVIDENCE_CACHE_DIR",
                    "Where the isolated environments and cached results live, outside the repository."),
            Setting("fresh", "yes" if self.fresh else "timing runs only" if self.fresh_timing else "no",
                    "EVIDENCE_FRESH", "Run every snippet anew instead of reusing cached results (the deploy build "
                    "always does); `timing` runs only the timing-sensitive ones anew."),
            Setting("confinement", "on" if self.confine else "off", "EVIDENCE_CONFINE",
                    "Snippets see the whole filesystem read-only except their run folder, and only loopback "
                    "(bubblewrap); `off` runs them unconfined, and a build that cannot confine them says so."),
            Setting("parallel runs", str(self.workers), "EVIDENCE_WORKERS",
                    "Snippets run at once before pages render; timing-sensitive ones then run alone."),
        ]
