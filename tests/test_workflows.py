"""The contributor's tooling: GitHub workflows, pull-request template, pre-commit hook.

The workflows are validated against GitHub's workflow schema (SchemaStore's, vendored by
check-jsonschema) and by actionlint, and every command they run must be one the
project has: a make target, or a ``newsbrief`` command line the CLI accepts.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from newsbrief.cli import make_parser

from .conftest import REPO

WORKFLOWS = REPO / ".github/workflows"
ACTIONLINT = REPO / "tests/actionlint.mjs"  # actionlint itself comes from package.json


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def commands(data: dict) -> list[str]:
    """Each command line of the workflow's `run` steps, with ${VAR} left as VAR."""
    lines = (line for step in steps(data) for line in step.get("run", "").splitlines())
    return [re.sub(r'"\$(\w+)"', r"\1", line) for line in lines if line.strip()]


def make_variables() -> set[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Z_]+) \??=", makefile, re.MULTILINE))


def make_targets() -> set[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z-]+):", makefile, re.MULTILINE))


def test_workflows_are_valid_github_workflows() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [file.name for file in files] == ["publish.yml", "pull-request.yml"]
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    files = [str(file) for file in sorted(WORKFLOWS.glob("*.yml"))]
    done = subprocess.run(["node", str(ACTIONLINT), *files], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_actionlint_would_see_an_unsafe_workflow(tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    done = subprocess.run(["node", str(ACTIONLINT), str(unsafe)], capture_output=True, text=True)
    assert done.returncode == 1 and "potentially untrusted" in done.stdout


@pytest.mark.parametrize("name", ["publish.yml", "pull-request.yml"])
def test_workflows_run_only_what_the_project_has(name: str) -> None:
    for line in commands(workflow(name)):
        words = shlex.split(line)
        if words[0] == "make":
            settings = {w.split("=")[0] for w in words[1:] if "=" in w}
            assert settings <= make_variables(), line
            assert {w for w in words[1:] if "=" not in w} <= make_targets(), line
        elif words[0] == ".venv/bin/newsbrief":
            make_parser().parse_args(words[1:])  # exits on an unknown option
        else:
            assert words[0] == "apt-get", line  # Node for the checkers, in the container
    for step in steps(workflow(name)):
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


def test_pull_requests_get_annotated_checks_tests_and_the_built_site() -> None:
    data = workflow("pull-request.yml")
    assert "pull_request" in data["on"]
    assert data["permissions"] == {"contents": "read"}
    lines = commands(data)
    assert ".venv/bin/newsbrief check --changed BASE --format github" in lines
    assert {"make site", "make test"} <= set(lines)  # as .ci/run and the README
    uploads = [step for step in steps(data) if step.get("uses", "").startswith("actions/upload")]
    assert [step["with"]["path"] for step in uploads] == ["site/"]
    checkout = next(step for step in data["jobs"]["check"]["steps"] if "uses" in step)
    assert checkout["with"]["fetch-depth"] == 0  # --changed needs the base branch


def test_main_is_built_and_published_with_github_pages() -> None:
    data = workflow("publish.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    used = [step["uses"].split("@")[0] for step in steps(data) if "uses" in step]
    assert used[-4:] == [
        "actions/configure-pages",
        "actions/cache",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build = next(step for step in steps(data) if step.get("run", "").startswith("make site"))
    assert "NEWSBRIEF_SITE_URL" in build["env"]  # feeds need the published address
    assert shlex.split(build["run"], comments=True) == ["make", "site", "EXTRAS="]  # no ingest


@pytest.mark.parametrize("name", ["publish.yml", "pull-request.yml"])
def test_the_builds_restore_the_build_cache_where_the_plugin_keeps_it(name: str) -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    kept = config.plugins["newsbrief"].config.cache_dir  # type: ignore[attr-defined]
    used = [step.get("uses", step.get("run", "")) for step in steps(workflow(name))]
    cache = next(step for step in steps(workflow(name)) if "actions/cache" in step.get("uses", ""))
    assert cache["with"]["path"] == kept == ".cache/newsbrief"
    site = next(index for index, text in enumerate(used) if text.startswith("make site"))
    assert used.index(cache["uses"]) < site


def test_pre_commit_checks_the_briefs_being_committed() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert shlex.split(hook["entry"])[0] == ".venv/bin/newsbrief"
    make_parser().parse_args([*shlex.split(hook["entry"])[1:], "briefs/2025/05/04-a.md"])
    files = re.compile(hook["files"])
    assert files.match("briefs/2025/05/04-a.md") and files.match("briefs/tags.yml")
    assert not files.match("docs/about.md")


def test_the_pull_request_template_has_the_review_checklist() -> None:
    template = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "newsbrief check --changed" in template and "- [ ]" in template
    assert "CONTRIBUTING.md" in template and (REPO / "CONTRIBUTING.md").is_file()
