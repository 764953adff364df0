"""``newsbrief schema``, run as a user would run it."""

from __future__ import annotations

from pathlib import Path

from newsbrief.archive.schema import json_schema_text
from tests.conftest import REPO


def test_schema_write_then_verify(tmp_path: Path, run) -> None:
    code, _, _ = run(["--root", str(tmp_path), "schema", "--verify"])
    assert code == 1
    assert run(["--root", str(tmp_path), "schema", "--write"])[:2] == (
        0,
        "wrote schemas/brief.schema.json\n",
    )
    assert (tmp_path / "schemas/brief.schema.json").read_text() == json_schema_text()
    assert run(["--root", str(tmp_path), "schema", "--verify"])[0] == 0
    assert run(["schema"])[1] == json_schema_text()


def test_repository_schema_file_is_verified_current(run) -> None:
    assert run(["--root", str(REPO), "schema", "--verify"])[0] == 0
