"""The desktop entry and the icon in the user's menu (``losslab --install-desktop``).

Plain files under the XDG data folder ($XDG_DATA_HOME, default ~/.local/share), no Qt and no
display needed: ``applications/losslab.desktop`` from resources/losslab.desktop with Exec and
TryExec pointing at the program now running (absolute), and the icon as
``icons/hicolor/scalable/apps/losslab.svg``. Each file is written atomically.
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from model.jsonfile import write_text_atomic

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
MAIN_PY = Path(__file__).resolve().parent.parent / "main.py"
DESKTOP_FILE = "losslab.desktop"
ICON_FILE = "losslab.svg"
APPLICATIONS = Path("applications")
ICONS = Path("icons", "hicolor", "scalable", "apps")

# The Desktop Entry Specification's reserved characters: an argument holding one is quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class DesktopError(Exception):
    """The entry could not be installed or removed; the message is one line."""


def xdg_data_home(data_home: Path | None = None) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share where it is unset or not absolute (the spec says to
    ignore a relative one)."""
    if data_home is not None:
        return Path(data_home)
    env = os.environ.get("XDG_DATA_HOME", "")
    if env and os.path.isabs(env):
        return Path(env)
    return Path.home() / ".local" / "share"


def launch_command(argv0: str | None = None) -> list[str]:
    """The absolute command that starts this LossLab: the ``losslab`` console script that is
    running, or the Python running main.py, or ``losslab`` on PATH, or this checkout's main.py."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    program = Path(argv0)
    if program.name == "losslab" and program.is_file():
        return [str(program.absolute())]
    if program.name == "main.py" and program.is_file():
        return [sys.executable, str(program.resolve())]
    found = shutil.which("losslab")
    if found:
        return [str(Path(found).absolute())]
    return [sys.executable, str(MAIN_PY)]


def _quote(arg: str) -> str:
    """One Exec argument, quoted as the Desktop Entry Specification says."""
    if "%" in arg:
        arg = arg.replace("%", "%%")  # a literal percent sign, not a field code
    if any(c in _RESERVED for c in arg):
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        arg = f'"{escaped}"'
    return arg


def _string(value: str) -> str:
    """A value of type string: backslashes escaped (the quoting above is inside it)."""
    return value.replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """resources/losslab.desktop with Exec and TryExec set to ``command``."""
    for arg in command:
        if any(unicodedata.category(c) == "Cc" for c in arg):
            raise DesktopError(f"cannot put {arg!r} in a desktop entry (a control character)")
    template = (RESOURCES / DESKTOP_FILE).read_text("utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + _string(" ".join(_quote(a) for a in command))
        elif line.startswith("TryExec="):
            line = "TryExec=" + _string(command[0])
        lines.append(line)
    return "\n".join(lines) + "\n"


def installed_paths(data_home: Path | None = None) -> list[Path]:
    home = xdg_data_home(data_home)
    return [home / APPLICATIONS / DESKTOP_FILE, home / ICONS / ICON_FILE]


def install_desktop(data_home: Path | None = None, argv0: str | None = None) -> list[Path]:
    """Write the desktop entry and the icon; returns the files written."""
    entry_path, icon_path = installed_paths(data_home)
    entry = desktop_entry(launch_command(argv0))
    try:
        icon = (RESOURCES / ICON_FILE).read_text("utf-8")
        written = []
        for path, text in ((entry_path, entry), (icon_path, icon)):
            path.parent.mkdir(parents=True, exist_ok=True)
            written.append(write_text_atomic(path, text, mode=0o644))
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        raise DesktopError(f"cannot install the desktop entry: {where}{exc.strerror}") from None
    return written


def uninstall_desktop(data_home: Path | None = None) -> list[Path]:
    """Remove the desktop entry and the icon; returns the files removed (none: not installed)."""
    removed = []
    for path in installed_paths(data_home):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopError(f"cannot remove {path}: {exc.strerror}") from None
        removed.append(path)
    return removed


def run_desktop_command(install: bool) -> int:
    """The command line's --install-desktop / --uninstall-desktop: 0, or 2 with one line."""
    try:
        paths = install_desktop() if install else uninstall_desktop()
    except DesktopError as exc:
        print(f"losslab: error: {exc}", file=sys.stderr)
        return 2
    if install:
        for path in paths:
            print(f"wrote {path}")
    elif paths:
        for path in paths:
            print(f"removed {path}")
    else:
        print(f"nothing to remove: no LossLab desktop entry under {xdg_data_home()}")
    return 0
