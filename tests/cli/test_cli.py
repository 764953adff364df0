"""The command line as a whole: ``main(argv)``, its version and its usage error."""

from __future__ import annotations

import pytest

from newsbrief.cli import main


def test_version_and_usage(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("newsbrief 0.1.0")
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
