"""The GitHub workflows pass actionlint and zizmor, and keep the policy those linters do not check."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.y*ml"))
# `uses: owner/repo[/path]@<40 hex> # vX.Y.Z`: a commit pin a reviewer can read as a version.
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$")
PRIVILEGED = {"pages": "write", "id-token": "write"}


def tool(name: str) -> str:
    """A linter from the project's environment (the `lint` dependency group), next to this interpreter."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `uv sync` (it is in the lint dependency group)")
    return found


def lint(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    doc = yaml.safe_load(path.read_text())
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as the boolean true
    return doc


def jobs(doc: dict) -> dict[str, dict]:
    return doc["jobs"]


def steps(doc: dict):
    for name, job in jobs(doc).items():
        for step in job.get("steps", []):
            yield name, step


def test_there_are_workflows() -> None:
    assert {p.name for p in FILES} >= {"ci.yml", "deploy.yml"}


def test_actionlint_passes() -> None:
    done = lint(tool("actionlint"), "-no-color", *map(str, FILES))
    assert done.returncode == 0, f"actionlint found problems:\n{done.stdout}{done.stderr}"


def test_zizmor_passes() -> None:
    done = lint(tool("zizmor"), "--offline", "--no-progress", "--color=never", ".github")
    assert done.returncode == 0, f"zizmor found problems:\n{done.stdout}{done.stderr}"


def test_linters_catch_a_broken_workflow(tmp_path: Path) -> None:
    """The two tests above would pass vacuously if the linters saw nothing: show them a workflow that is wrong."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
        "      - run: echo ${{ steps.nope.outputs.x }}\n"
    )
    assert lint(tool("actionlint"), "-no-color", str(bad), cwd=tmp_path).returncode != 0
    assert lint(tool("zizmor"), "--offline", "--no-progress", ".github", cwd=tmp_path).returncode != 0


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_default_deny_permissions(path: Path) -> None:
    doc = load(path)
    assert doc.get("permissions") == {}, "top level must be `permissions: {}`; grant per job"
    for name, job in jobs(doc).items():
        granted = job.get("permissions", {})
        assert isinstance(granted, dict), f"job {name}: permissions must be listed, not {granted!r}"
        privileged = {k for k, v in PRIVILEGED.items() if granted.get(k) == v}
        if (path.name, name) != ("deploy.yml", "deploy"):
            assert not privileged, f"job {name} grants {privileged}: only the Pages deploy job may"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_its_version(path: Path) -> None:
    lines = [m.group(1) for m in re.finditer(r"^\s*(?:-\s+)?uses:\s*(.+)$", path.read_text(), re.M)]
    used = [step["uses"] for _, step in steps(load(path)) if "uses" in step]
    assert len(lines) == len(used), "every `uses:` must sit on its own line, so its version comment can follow"
    for line in lines:
        assert line.startswith("./") or PINNED.match(line), f"not pinned to a SHA with a `# vX.Y.Z` comment: {line}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    for name, job in jobs(load(path)).items():
        assert isinstance(job.get("timeout-minutes"), int), f"job {name} has no timeout-minutes"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkout_keeps_no_credentials(path: Path) -> None:
    for name, step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"job {name}: persist-credentials"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_pull_request_target(path: Path) -> None:
    triggers = load(path)["on"]
    names = [triggers] if isinstance(triggers, str) else list(triggers)
    assert "pull_request_target" not in names
    assert "pull_request_target" not in path.read_text()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_builds_link_to_the_repository(path: Path) -> None:
    """Every `make build`/`make test` sees REPO_URL, set from the repository the workflow runs in."""
    doc = load(path)
    for name, step in steps(doc):
        if re.search(r"\bmake (build|test)\b", step.get("run", "")):
            env = {**doc.get("env", {}), **jobs(doc)[name].get("env", {}), **step.get("env", {})}
            assert env.get("REPO_URL") == "${{ github.server_url }}/${{ github.repository }}", f"job {name}"


def test_ci_gate_needs_every_other_job() -> None:
    ci = jobs(load(WORKFLOWS / "ci.yml"))
    gate = ci["all-green"]
    assert gate["if"] == "always()"
    assert set(gate["needs"]) == set(ci) - {"all-green"}
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in ci["build"]["steps"])


def test_deploy_is_serialised_and_publishes_what_it_built() -> None:
    doc = load(WORKFLOWS / "deploy.yml")
    assert doc["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "workflow_dispatch" in doc["on"] and doc["on"]["push"]["branches"] == ["main"]
    build, deploy = jobs(doc)["build"], jobs(doc)["deploy"]
    assert deploy["permissions"] == PRIVILEGED and deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    by_action = {s["uses"].split("@")[0]: s for s in build["steps"] if "uses" in s}
    assert by_action["actions/checkout"]["with"]["fetch-depth"] == 0, "page dates need the git history"
    assert by_action["actions/configure-pages"]["id"] == "pages"
    assert by_action["actions/upload-pages-artifact"]["with"]["path"] == "site"
    make = next(s for s in build["steps"] if s.get("run") == "make build")
    assert make["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"


def test_ci_audits_the_locked_dependencies() -> None:
    """A job runs `make audit`, which exports uv.lock with hashes and runs pip-audit on it, with no write access."""
    audit = jobs(load(WORKFLOWS / "ci.yml"))["audit"]
    assert audit["permissions"] == {"contents": "read"}
    assert any(re.search(r"\bmake audit\b", s.get("run", "")) for s in audit["steps"])
    recipe = re.search(r"^audit:.*?(?=^\S|\Z)", (ROOT / "Makefile").read_text(), re.M | re.S).group(0)
    assert re.search(r"\bexport --frozen\b.*--format requirements-txt", recipe.replace("\\\n", " "))
    assert "pip-audit --require-hashes --disable-pip" in recipe
