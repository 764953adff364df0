"""Build a synthetic archive and print a digest of every file of the built site.

Two builds that print the same digest wrote the same bytes: this is how a change that
should leave the site as it was (moving code, say) is shown to, at any size.

    python benchmarks/site_digest.py [--briefs 400] [--keep FOLDER]

It builds with the ``mkdocs`` beside the Python that runs it, so running this script
with another checkout's virtual environment digests that checkout's site from the same
synthetic archive. ``--keep FOLDER`` keeps the built site there, to compare with
``diff -r``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import synthetic  # beside this script, which Python puts on the path


def site_digest(site: Path) -> tuple[int, str]:
    """The number of files under ``site`` and one SHA-256 over their paths and bytes."""
    digest = hashlib.sha256()
    files = sorted(path for path in site.rglob("*") if path.is_file())
    for path in files:
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return len(files), digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=400, help="how many briefs (default 400)")
    parser.add_argument("--keep", type=Path, help="keep the built site in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsbrief-digest-") as folder:
        project = Path(folder) / "project"
        synthetic.make_project(project, args.briefs)
        mkdocs = Path(sys.executable).parent / "mkdocs"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([mkdocs, "build", "--strict", "--quiet"], cwd=project, env=env, check=True)
        count, digest = site_digest(project / "site")
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(project / "site", args.keep)
    print(f"{args.briefs} briefs: {count} files, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
