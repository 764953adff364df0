"""What the command-line tests share: ``newsbrief`` run as a user would run it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsbrief.cli import main

Run = Callable[[list[str]], tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``newsbrief`` with the arguments given, through ``main(argv)``; the exit code,
    stdout and stderr."""

    def run_(argv: list[str]) -> tuple[int, str, str]:
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run_
