"""The boundaries between the parts, as `make lint` checks them (import-linter's
contracts in pyproject.toml): a forbidden import fails the lint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """import-linter over the copy of the package in ``project``, with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(project / "scripts")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the package and its contracts, to break."""
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        REPO / "scripts/newsbrief",
        tmp_path / "scripts/newsbrief",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return tmp_path


def add_import(project: Path, module: str, line: str) -> None:
    path = project / "scripts" / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_package_keeps_every_contract(project: Path) -> None:
    result = lint_imports(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "newsbrief.site.feeds",
            "from newsbrief.mkdocs_adapter import plugin",
            "The site imports only the archive",
        ),
        ("newsbrief.site.listings", "import jinja2", "Only the MkDocs adapter imports"),
        ("newsbrief.archive.schema", "import newsbrief.site.content", "The archive imports no"),
        ("newsbrief.ingest.quotes", "from newsbrief.cli import main", "Ingest imports only"),
        ("newsbrief.archive.slugs", "import mkdocs.plugins", "Only the MkDocs adapter imports"),
    ],
)
def test_a_forbidden_import_fails_the_lint(
    project: Path, module: str, line: str, contract: str
) -> None:
    add_import(project, module, line)
    result = lint_imports(project)
    assert result.returncode == 1
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
    assert module in result.stdout


def test_no_module_name_is_used_twice() -> None:
    """Each module's name says what it is, once: ``entity_pages`` and ``entities`` are
    two things, not two ``entities``."""
    names = [p.stem for p in (REPO / "scripts/newsbrief").rglob("*.py") if p.stem != "__init__"]
    packages = [p.name for p in (REPO / "scripts/newsbrief").iterdir() if p.is_dir()]
    repeated = {name for name in names + packages if (names + packages).count(name) > 1}
    assert repeated - {"__pycache__"} == set()
