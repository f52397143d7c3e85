"""``--install-desktop`` / ``--uninstall-desktop`` (PRODUCT.md F7), run as a user would.

Each run has no display, and HOME and XDG_DATA_HOME point into a temporary folder, so nothing
reaches the real user's menu; desktop-file-validate (desktop-file-utils) judges every entry.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from gui.desktop import desktop_entry, install_desktop, uninstall_desktop

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
TIMEOUT = 120
VALIDATE = shutil.which("desktop-file-validate")
ENTRY = Path("applications", "losslab.desktop")
ICON = Path("icons", "hicolor", "scalable", "apps", "losslab.svg")


def losslab(home: Path, data: Path | str | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home))
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_DATA_HOME"):
        env.pop(name, None)
    if data is not None:
        env["XDG_DATA_HOME"] = str(data)
    return subprocess.run(
        [sys.executable, str(MAIN), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if not p.is_dir()}


def validate(path: Path) -> None:
    assert VALIDATE is not None, (
        "desktop-file-validate is needed: apt-get install desktop-file-utils"
    )
    proc = subprocess.run([VALIDATE, str(path)], capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == "" and proc.stderr == "", proc.stdout + proc.stderr  # not even a hint


def entry_values(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def exec_argv(value: str) -> list[str]:
    """The Exec key's arguments, read as the Desktop Entry Specification says: first the string
    type's escapes, then arguments split at spaces, a double-quoted one taking a backslash
    before " ` $ and itself, and %% for a literal percent sign."""
    text = value.replace("\\\\", "\0").replace("\\s", " ").replace("\0", "\\")
    args: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == " ":
            i += 1
            continue
        arg = ""
        if text[i] == '"':
            i += 1
            while text[i] != '"':
                if text[i] == "\\" and text[i + 1] in '"`$\\':
                    i += 1
                arg += text[i]
                i += 1
            i += 1
        else:
            while i < len(text) and text[i] != " ":
                arg += text[i]
                i += 1
        args.append(arg.replace("%%", "%"))
    return args


def test_the_entry_in_resources_is_valid() -> None:
    validate(ROOT / "resources" / "losslab.desktop")


def test_install_writes_a_valid_entry_and_the_icon_and_nothing_else(tmp_path: Path) -> None:
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    proc = losslab(home, data, "--install-desktop")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.splitlines() == [f"wrote {data / ENTRY}", f"wrote {data / ICON}"]
    assert files_under(tmp_path) == {Path("data") / ENTRY, Path("data") / ICON}

    validate(data / ENTRY)
    values = entry_values(data / ENTRY)
    assert values["Type"] == "Application" and values["Name"] == "LossLab"
    assert values["Icon"] == ICON.stem
    argv = exec_argv(values["Exec"])
    assert argv == [sys.executable, str(MAIN)]  # the program that installed it, absolute
    assert values["TryExec"] == sys.executable
    assert (data / ICON).read_bytes() == (ROOT / "resources" / "losslab.svg").read_bytes()
    assert ET.parse(data / ICON).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert oct((data / ENTRY).stat().st_mode & 0o777) == oct(0o644)

    # The command in the entry starts this LossLab (here without a display: its report).
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    run = subprocess.run(
        [*argv, "--report", "json"], env=env, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert run.returncode == 0 and '"ce_unit": "nats"' in run.stdout, run.stderr

    again = losslab(home, data, "--install-desktop")  # installing twice replaces, no debris
    assert again.returncode == 0, again.stderr
    assert files_under(tmp_path) == {Path("data") / ENTRY, Path("data") / ICON}

    gone = losslab(home, data, "--uninstall-desktop")
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.splitlines() == [f"removed {data / ENTRY}", f"removed {data / ICON}"]
    assert files_under(tmp_path) == set()

    nothing = losslab(home, data, "--uninstall-desktop")
    assert nothing.returncode == 0 and nothing.stdout.startswith("nothing to remove")


def test_without_xdg_data_home_it_is_home_local_share(tmp_path: Path) -> None:
    for data in (None, "relative/data"):  # the spec says to ignore a relative XDG_DATA_HOME
        proc = losslab(tmp_path, data, "--install-desktop")
        assert proc.returncode == 0, proc.stderr
        share = Path(".local", "share")
        assert files_under(tmp_path) == {share / ENTRY, share / ICON}
        assert losslab(tmp_path, data, "--uninstall-desktop").returncode == 0
        assert files_under(tmp_path) == set()


def test_a_failure_is_one_line_and_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    proc = losslab(tmp_path, blocker / "data", "--install-desktop")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("losslab: error: cannot install"), proc.stderr
    both = losslab(tmp_path, tmp_path, "--install-desktop", "--uninstall-desktop")
    assert both.returncode == 2 and len(both.stderr.splitlines()) == 1
    assert files_under(tmp_path) == {Path("file")}


def test_awkward_paths_are_quoted_as_the_spec_says(tmp_path: Path) -> None:
    command = ['/opt/my apps/$HOME\\python "3"', "/srv/100% sure/main.py", "--plain"]
    path = tmp_path / "odd.desktop"
    path.write_text(desktop_entry(command), "utf-8")
    validate(path)
    assert exec_argv(entry_values(path)["Exec"]) == command


def test_in_process_install_and_uninstall(tmp_path: Path) -> None:
    written = install_desktop(tmp_path, argv0=str(MAIN))
    assert written == [tmp_path / ENTRY, tmp_path / ICON]
    assert uninstall_desktop(tmp_path) == written
    assert uninstall_desktop(tmp_path) == []
