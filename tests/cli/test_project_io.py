"""Problems as the commands print them."""

from __future__ import annotations

from newsbrief.archive.problems import Problem
from newsbrief.cli.project_io import github_annotation


def test_annotation_escapes_what_github_reads_as_syntax() -> None:
    problem = Problem("briefs/a,b.md", 3, "quotes[0].text", "100% sure:\nno")
    assert github_annotation(problem) == (
        "::error file=briefs/a%2Cb.md,line=3,title=quotes[0].text::100%25 sure:%0Ano"
    )
