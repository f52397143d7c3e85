"""Refresh the Chinese translation: lupdate, then lrelease.

    python resources/translations/update.py          # after changing strings in the code
    python resources/translations/update.py --check  # exit 1 if the .ts or .qm is stale

pyside6-lupdate collects every ``tr("…")`` (empty context) and ``QT_TRANSLATE_NOOP`` string of
gui/, main.py and model/ into losslab_zh_CN.ts, keeping the translations it already has and
dropping the strings the code no longer has; new strings come in marked unfinished. Translate
those (Qt Linguist, or any text editor), then run this again: pyside6-lrelease compiles the .ts
into the losslab_zh_CN.qm the app loads.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "losslab_zh_CN.ts"
QM = HERE / "losslab_zh_CN.qm"
SOURCES = ("gui", "main.py", "model")
# No source locations: line numbers would change the file on every edit of the code (and make
# merges conflict); Linguist shows the source text, and a search of the code finds its place.
LUPDATE_OPTIONS = (
    *("-silent", "-extensions", "py", "-locations", "none", "-no-obsolete"),
    *("-source-language", "en", "-target-language", "zh_CN"),
)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (a venv's bin/), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (it ships the tool)")
    return found


def lupdate(ts: Path) -> None:
    """Merge the code's strings into ``ts`` (a new file if there is none)."""
    cmd = [tool("pyside6-lupdate"), *LUPDATE_OPTIONS, *SOURCES, "-ts", str(ts)]
    subprocess.run(cmd, cwd=ROOT, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args()
    if not args.check:
        lupdate(TS)
        lrelease(TS, QM)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        ts, qm = Path(tmp) / TS.name, Path(tmp) / QM.name
        shutil.copyfile(TS, ts)
        lupdate(ts)
        lrelease(TS, qm)
        stale = [p.name for p, new in ((TS, ts), (QM, qm)) if p.read_bytes() != new.read_bytes()]
    if stale:
        print(f"stale: {', '.join(stale)}; run {Path(__file__).name}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
