"""``make serve`` learns of edits in ``briefs/`` and ``seeds/`` from the system's file events.

MkDocs' server polls what it watches: every half second it lists and ``stat``-s every
file under each watched folder, in a thread of the process that builds. With 10,000
briefs and their articles a poll took 0.25 s of CPU; with 100,000, seconds: the thread
was never idle, held the interpreter's lock against the rebuild, and saw an edit seconds
after it was saved. So the plugin watches those two folders with watchdog's observer for
the system's own events (inotify on Linux, FSEvents on macOS), which costs nothing while
nothing changes, and MkDocs polls one small file instead: the *signal* file,
rewritten on every change (:class:`FileEvents`).

The events also say which files changed, so the next build reads those again and takes
the rest as they were (:meth:`newsbrief.archive.collection.BriefCache.expect_changes`)
instead of a ``stat`` of every brief and article. The watch starts before the first build
reads the archive, so an edit saved while it builds is read by the next. Where the
events cannot tell (a folder created, moved or deleted, with the files in it), the next
build looks at every file, as it does where the system's events are not to be had (then
MkDocs polls the folders).
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = logging.getLogger("mkdocs.plugins.newsbrief")

WRITES = {
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    EVENT_TYPE_CLOSED,  # closed after writing; reading, as a build does, is not a change
}
SIGNAL_FILE = "changed"


class FileEvents:
    """The files changed under some folders since the changes were last taken."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._changed: set[str] = set()
        self._everything = True  # until the first build has looked at every file
        self._observer: BaseObserver | None = None
        self._signal_dir: Path | None = None
        self.tried = False  # to start

    @property
    def signal_dir(self) -> Path | None:
        """The folder of the signal file, for MkDocs' server to watch; None when not
        watching."""
        return self._signal_dir

    def start(self, folders: Iterable[Path]) -> bool:
        """Watch ``folders`` (and all below them); False where the system's events are
        not to be had (then nothing is watched)."""
        self.tried = True
        observer = Observer()
        handler = _Recorder(self)
        try:
            for folder in folders:
                observer.schedule(handler, str(folder), recursive=True)
            observer.start()
        except OSError as error:  # no inotify, or too few watches left (fs.inotify.*)
            log.info("newsbrief: polling briefs/ and seeds/ for changes: %s", error)
            return False
        self._observer = observer
        self._signal_dir = Path(tempfile.mkdtemp(prefix="newsbrief-serve-"))
        self._signal()
        return True

    def take(self) -> set[str] | None:
        """The paths changed since the last call, and forget them; None when it cannot
        tell (not watching, or a folder changed): then every file may have changed."""
        with self._lock:
            changed, everything = self._changed, self._everything
            self._changed, self._everything = set(), self._observer is None
        return None if everything else changed

    def record(self, event: FileSystemEvent) -> None:
        if event.event_type not in WRITES:
            return
        if event.is_directory and event.event_type == EVENT_TYPE_MODIFIED:
            return  # a file added to or removed from it: that file has an event of its own
        with self._lock:
            if event.is_directory:
                self._everything = True  # its files came or went with it, unnamed
            else:
                self._changed.add(_text(event.src_path))
                if event.dest_path:
                    self._changed.add(_text(event.dest_path))
        self._signal()

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()
            self._observer = None
        if self._signal_dir is not None:
            (self._signal_dir / SIGNAL_FILE).unlink(missing_ok=True)
            self._signal_dir.rmdir()
            self._signal_dir = None

    def _signal(self) -> None:
        """Rewrite the signal file (a new size or time each time) for MkDocs' poll to see."""
        if self._signal_dir is not None:
            (self._signal_dir / SIGNAL_FILE).write_text(str(time.time_ns()), "utf-8")


class _Recorder(FileSystemEventHandler):
    def __init__(self, events: FileEvents) -> None:
        self.events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.record(event)


def _text(path: str | bytes) -> str:
    return path.decode() if isinstance(path, bytes) else path
