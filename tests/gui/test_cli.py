"""The command line of PRODUCT.md F8, run as a user would: ``python main.py ...`` in a subprocess.

Every run has no display at all (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM removed), which
proves --report and --export need none. Report numbers are checked against an independent
mpmath computation at 50 digits; exports are loaded back and looked at; every bad input of F8
must exit 2 with one "losslab: error:" line and no traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import mpmath
import numpy as np
import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
TIMEOUT = 120
RTOL = 1e-12


def headless_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


def run(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MAIN), *map(str, args)],
        cwd=ROOT,
        env={**headless_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def report_json(*args: str | Path) -> dict:
    proc = run("--report", "json", *args)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


# --- an independent reference: the textbook formulas at 50 digits -----------------------------
def reference(logits: list[float], p: int) -> dict:
    with mpmath.workdps(50):
        z = [mpmath.mpf(v) for v in logits]
        m = max(z)
        e = [mpmath.exp(v - m) for v in z]
        total = mpmath.fsum(e)
        s = [v / total for v in e]
        y = [1 if k == p else 0 for k in range(len(z))]
        d = [s[k] - y[k] for k in range(len(z))]
        inner = mpmath.fsum(d[k] * s[k] for k in range(len(z)))
        return {
            "probabilities": [float(v) for v in s],
            "ce": float(-mpmath.log(s[p])),
            "mse": float(mpmath.fsum(v * v for v in d)),
            "ce_grad": [float(v) for v in d],
            "mse_grad": [float(2 * s[j] * (d[j] - inner)) for j in range(len(z))],
            "mse_grad_article_p": float(-2 * s[p] * (1 - s[p]) ** 2),
        }


def assert_close(got: float, want: float, what: str) -> None:
    assert isinstance(got, float), f"{what}: {got!r} is not a float"
    assert abs(got - want) <= RTOL * abs(want), f"{what}: got {got!r}, want {want!r}"


def check_against_reference(r: dict, logits: list[float], p: int, classes: list[str]) -> None:
    assert r["classes"] == classes
    assert r["logits"] == logits
    assert r["target"] == p
    assert r["ce_unit"] == "nats"
    assert r["mse_reduction"] == "sum"
    ref = reference(logits, p)
    for key in ("probabilities", "ce_grad", "mse_grad"):
        assert len(r[key]) == len(logits), key
        for k, (got, want) in enumerate(zip(r[key], ref[key], strict=True)):
            assert_close(got, want, f"{key}[{k}]")
    for key in ("ce", "mse", "mse_grad_article_p"):
        assert_close(r[key], ref[key], key)


REPORT_KEYS = {
    "classes",
    "logits",
    "target",
    "probabilities",
    "ce",
    "mse",
    "ce_grad",
    "mse_grad",
    "mse_grad_article_p",
    "ce_unit",
    "mse_reduction",
}


# --- --report json ---------------------------------------------------------------------------
def test_report_json_default_state() -> None:
    r = report_json()
    assert REPORT_KEYS <= r.keys()
    check_against_reference(r, [-2.0, 1.0, 0.5], 0, ["cat", "tiger", "dog"])


def test_report_json_negative_first_logit_as_written() -> None:
    r = report_json("--logits", "-3,1,0.5", "--target", "0")
    # Three logits, like the default state: its class names stay.
    check_against_reference(r, [-3.0, 1.0, 0.5], 0, ["cat", "tiger", "dog"])


def test_report_json_other_k_names_the_classes() -> None:
    r = report_json("--logits", "-0.5,2,7.25,-1e-3,4", "--target", "4")
    check_against_reference(
        r, [-0.5, 2.0, 7.25, -1e-3, 4.0], 4, ["class 0", "class 1", "class 2", "class 3", "class 4"]
    )


def test_report_json_classes_logits_and_target() -> None:
    r = report_json("--classes", "a,b,c,d", "--logits", "1,2,3,4", "--target", "3")
    check_against_reference(r, [1.0, 2.0, 3.0, 4.0], 3, ["a", "b", "c", "d"])


def make_session(**changes: object) -> dict:
    session = {
        "format": "losslab-session",
        "version": 1,
        "classes": ["ant", "bee", "cow", "dog", "eel"],
        "logits": [0.25, -1.5, 3.0, 2.75, -7.0],
        "target": 3,
        "surface": {
            "mode": "competitor",
            "competitor": 2,
            "x_range": [-12, 12],
            "y_range": [-6, 8],
            "resolution": 101,
        },
        "ce_unit": "nats",
        "mse_reduction": "sum",
    }
    session.update(changes)
    return session


def test_report_json_from_session(tmp_path: Path) -> None:
    path = tmp_path / "s.losslab.json"
    path.write_text(json.dumps(make_session()), encoding="utf-8")
    r = report_json("--session", path)
    check_against_reference(
        r, [0.25, -1.5, 3.0, 2.75, -7.0], 3, ["ant", "bee", "cow", "dog", "eel"]
    )


def test_report_json_session_then_target_on_top(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(make_session()), encoding="utf-8")
    r = report_json("--session", path, "--target", "1")
    check_against_reference(
        r, [0.25, -1.5, 3.0, 2.75, -7.0], 1, ["ant", "bee", "cow", "dog", "eel"]
    )


# --- --report text ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "classes", "logits", "target"),
    [
        ((), ["cat", "tiger", "dog"], [-2.0, 1.0, 0.5], 0),
        (
            ("--classes", "alpha,beta,gamma,delta", "--logits", "-3,1,0.5,2", "--target", "2"),
            ["alpha", "beta", "gamma", "delta"],
            [-3.0, 1.0, 0.5, 2.0],
            2,
        ),
    ],
)
def test_report_text_is_a_readable_table(args, classes, logits, target) -> None:
    proc = run("--report", "text", *args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    ref = reference(logits, target)
    for k, name in enumerate(classes):
        rows = [line for line in lines if line.split() and line.split()[0].rstrip("*") == name]
        assert len(rows) == 1, f"no table row for class {name!r}:\n{proc.stdout}"
        cells = rows[0].split()
        assert float(cells[1]) == pytest.approx(logits[k], rel=1e-5)
        assert float(cells[2]) == pytest.approx(ref["probabilities"][k], rel=1e-5)
        assert rows[0].split()[0].endswith("*") == (k == target)
    ce = re.search(r"^CE\s*=\s*(\S+)\s+nats$", proc.stdout, re.MULTILINE)
    assert ce is not None, proc.stdout
    assert float(ce.group(1)) == pytest.approx(ref["ce"], rel=1e-9)
    mse = re.search(r"^MSE\s*=\s*(\S+)", proc.stdout, re.MULTILINE)
    assert mse is not None, proc.stdout
    assert float(mse.group(1)) == pytest.approx(ref["mse"], rel=1e-9)


# --- --export --------------------------------------------------------------------------------
def export(path: Path, *args: str) -> None:
    proc = run("--export", path, "--size", "1280x800", *args)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "losslab: error" not in proc.stderr
    assert proc.stdout == ""
    assert path.is_file()


@pytest.mark.parametrize("view", [(), ("--view", "overview"), ("--view", "surfaces")])
def test_export_png_at_the_requested_size(tmp_path: Path, view: tuple[str, ...]) -> None:
    path = tmp_path / "out.png"
    export(path, *view)
    image = QImage(str(path))
    assert not image.isNull(), "not a readable PNG"
    # The view's plots in a 1280x800 window: most of the window, none of its menus and controls
    w, h = image.width(), image.height()
    assert 0.5 * 1280 < w < 1280 and 0.6 * 800 < h < 800, (w, h)
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=w * h)
    colours = np.unique(pixels)
    assert colours.size > 200, f"only {colours.size} distinct colours: a blank export?"
    # No single colour (the background, the plots' and the gaps' between them) may cover
    # almost all of it.
    _, counts = np.unique(pixels, return_counts=True)
    assert counts.max() < 0.97 * pixels.size


SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("view", [(), ("--view", "surfaces")])
def test_export_svg_has_drawing_and_size(tmp_path: Path, view: tuple[str, ...]) -> None:
    path = tmp_path / "out.svg"
    export(path, *view)
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("width") and root.get("height")
    x, y, w, h = (float(v) for v in root.get("viewBox", "").split())
    assert (x, y) == (0, 0) and 0.5 * 1280 < w < 1280 and 0.6 * 800 < h < 800  # the plots
    paths = root.findall(f".//{SVG}path") + root.findall(f".//{SVG}polyline")
    images = root.findall(f".//{SVG}image")
    texts = root.findall(f".//{SVG}text")
    assert len(paths) > 20, f"{len(paths)} paths"
    assert texts, "no text (titles, axis labels) in the SVG"
    # The four surfaces are heatmaps: bitmaps at the grid's 201 x 201 resolution.
    heatmaps = [i for i in images if (i.get("width"), i.get("height")) == ("201", "201")]
    assert len(heatmaps) == (4 if view else 0), [(i.get("width"), i.get("height")) for i in images]


def test_export_svg_differs_between_views(tmp_path: Path) -> None:
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    export(a)
    export(b, "--view", "surfaces")
    assert a.read_bytes() != b.read_bytes()


# --- bad input: exit 2, one line, no traceback -------------------------------------------------
def assert_usage_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("losslab: error:"), proc.stderr
    assert len(lines[0]) > len("losslab: error: ") + 5, "the message says nothing"
    # Plain words, short: none of Python's advice to programmers, and a value of 5000 digits
    # is not quoted in full.
    assert "set_int_max_str_digits" not in lines[0] and "sys." not in lines[0]
    assert len(lines[0]) < 300, lines[0]
    assert proc.stdout == ""
    return lines[0]


BAD_ARGS = {
    "logits not numbers": (["--logits", "a,b"], "--logits"),
    "nan logit": (["--logits", "nan,1"], "nan"),
    "infinite logit": (["--logits", "inf,1"], "inf"),
    "logit beyond 1000": (["--logits", "1001,0"], "1001"),
    "negative logit beyond 1000": (["--logits", "-1001,0"], "-1001"),
    "K = 1": (["--logits", "1"], "--logits"),
    "K = 21": (["--logits", ",".join(str(i) for i in range(21))], "21"),
    "target out of range": (["--logits", "1,2,3", "--target", "5"], "5"),
    "negative target": (["--target", "-1"], "-1"),
    "target not a number": (["--target", "x"], "'x'"),
    "classes of the wrong length": (["--classes", "a,b", "--logits", "1,2,3"], "--classes"),
    "size too small": (["--size", "10x10"], "10x10"),
    "size not a size": (["--size", "big"], "big"),
    # one line, plain words, exit 2 (PRODUCT.md, "Reliability and bad input")
    "class name with a newline": (["--classes", "cat,ti\nger,dog"], "control character"),
    "class name with a tab": (["--classes", "cat,ti\tger,dog"], "control character"),
    # a byte that is not UTF-8 reaches sys.argv as a lone surrogate (surrogateescape)
    "class name with an undecodable byte": (["--classes", "ca\udcfft,b,c"], "lone surrogate"),
    "class name of 41 characters": (["--classes", "x" * 41 + ",b,c"], "longer than 40"),
    "empty class name": (["--classes", "a,,c"], "empty"),
    "empty session name": (["--session", ""], "--session"),
    "blank session name": (["--session=  "], "--session"),
    "negative size": (["--size", "-1280x800"], "negative"),
    "negative height": (["--size", "1280x-800"], "negative"),
    "size of 5000 digits": (["--size", "1" * 5000 + "x800"], "--size"),
    "full-width size": (["--size", "１６００x1000"], "--size"),
    "target of 5000 digits": (["--target", "1" * 5000], "--target"),
    "target with an underscore": (["--target", "1_0"], "'1_0'"),
    "full-width target": (["--target", "１"], "--target"),
    "logit with underscores": (["--logits", "1_000,2"], "'1_000'"),
    "full-width logit": (["--logits", "１,2"], "--logits"),
    "Arabic-Indic logits": (["--logits", "١,٢"], "--logits"),
    "logit of 5000 digits": (["--logits", "1" * 5000 + ",2"], "--logits"),
}


@pytest.mark.parametrize("mode", ["--report", "--export"])
@pytest.mark.parametrize("case", list(BAD_ARGS))
def test_bad_input_exits_2(tmp_path: Path, case: str, mode: str) -> None:
    """Each bad value alone, both with --report json and with --export out.png."""
    args, mentioned = BAD_ARGS[case]
    out = tmp_path / "out.png"
    args = [*args, *(["--report", "json"] if mode == "--report" else ["--export", str(out)])]
    message = assert_usage_error(run(*args))
    assert mentioned in message
    assert not out.exists()


@pytest.mark.parametrize("name", ["file.txt", "out.jpg", "no_extension"])
def test_export_to_another_format_exits_2(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    message = assert_usage_error(run("--export", path, "--size", "1280x800"))
    assert "--export" in message
    assert list(tmp_path.iterdir()) == []


def test_export_and_report_together_exits_2(tmp_path: Path) -> None:
    assert_usage_error(run("--export", tmp_path / "x.png", "--report", "json"))
    assert list(tmp_path.iterdir()) == []


BAD_SESSIONS = {
    "not JSON": b'{"format": "losslab-session", "version": 1, "logits": [1, 2',
    "not UTF-8": b"\xff\xfe\x00garbage",
    "another format": json.dumps(make_session(format="something-else")).encode(),
    "a newer version": json.dumps(make_session(version=2)).encode(),
    "NaN logit": json.dumps(make_session(logits=[float("nan"), 1, 2, 3, 4])).encode(),
    "K out of range": json.dumps(make_session(logits=[1.0], classes=["a"], target=0)).encode(),
    "target out of range": json.dumps(make_session(target=9)).encode(),
    "wrong types": json.dumps(make_session(logits="1,2,3")).encode(),
    "a JSON list": b"[1, 2, 3]",
    "duplicate keys": json.dumps(make_session())
    .replace('"target": 3', '"target": 3, "target": 1')
    .encode(),
    # json.dumps writes "\ud800", which json.loads reads back as a lone surrogate
    "a lone surrogate in a class name": json.dumps(
        make_session(classes=["ant", "bee", "\ud800", "dog", "eel"])
    ).encode(),
    "a newline in a class name": json.dumps(
        make_session(classes=["ant", "bee", "co\nw", "dog", "eel"])
    ).encode(),
    "a 5000-digit number": json.dumps(make_session())
    .replace('"resolution": 101', '"resolution": 1' + "0" * 5000)
    .encode(),
}


@pytest.mark.parametrize("case", list(BAD_SESSIONS))
def test_bad_session_exits_2_and_is_left_alone(tmp_path: Path, case: str) -> None:
    path = tmp_path / "bad.losslab.json"
    path.write_bytes(BAD_SESSIONS[case])
    before = path.read_bytes()
    stat = path.stat()
    message = assert_usage_error(run("--session", path, "--report", "json"))
    assert "--session" in message
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_missing_session_file(tmp_path: Path) -> None:
    path = tmp_path / "nonexistent.losslab.json"
    message = assert_usage_error(run("--session", path, "--report", "text"))
    assert "--session" in message
    assert not path.exists()


def test_no_display_and_nothing_to_do_says_how() -> None:
    message = assert_usage_error(run())
    assert "xvfb-run" in message or "--export" in message


def test_no_display_with_a_valid_state_still_says_how() -> None:
    message = assert_usage_error(run("--logits", "-1,2", "--view", "surfaces"))
    assert "xvfb-run" in message or "--export" in message


def test_export_simplex_with_no_display(tmp_path):
    out = tmp_path / "simplex.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [
            sys.executable,
            str(MAIN),
            "--view",
            "simplex",
            "--export",
            str(out),
            "--size",
            "1280x800",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_train_renders_the_run_after_its_epochs(tmp_path):
    out = tmp_path / "train.png"
    done = run("--view", "train", "--export", out, "--size", "1280x800")
    assert done.returncode == 0, done.stderr
    assert QImage(str(out)).width() > 0


def test_a_session_with_a_byte_order_mark_opens(tmp_path: Path) -> None:
    path = tmp_path / "bom.losslab.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(make_session()).encode())
    r = report_json("--session", path)
    check_against_reference(
        r, [0.25, -1.5, 3.0, 2.75, -7.0], 3, ["ant", "bee", "cow", "dog", "eel"]
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_as_the_session_is_refused_at_once(tmp_path: Path) -> None:
    """Reading a FIFO blocks until a writer comes: forever, here. (The timeout only keeps a
    failing run from hanging; the refusal comes before any read.)"""
    fifo = tmp_path / "session.json"
    os.mkfifo(fifo)
    message = assert_usage_error(run("--session", fifo, "--report", "json", timeout=60))
    assert "--session" in message and "named pipe" in message
    message = assert_usage_error(run("--session", "/dev/null", "--report", "json", timeout=60))
    assert "device" in message


# Qt's own logging, switched on from outside: stands for the font warnings a machine with few
# fonts prints (20-30 lines around a one-line error).
QT_CHATTER = {"QT_LOGGING_RULES": "qt.qpa.*=true;qt.text.font.*=true"}


def test_export_prints_nothing_of_qts_own_messages(tmp_path: Path) -> None:
    path = tmp_path / "out.png"
    proc = run("--export", path, "--size", "1280x800", env=QT_CHATTER)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and proc.stdout == ""
    assert path.is_file()


def test_an_export_error_is_one_line_whatever_qt_says(tmp_path: Path) -> None:
    """The window's least size is only known once Qt is up: the error comes after Qt spoke."""
    message = assert_usage_error(
        run("--export", tmp_path / "out.png", "--size", "320x320", env=QT_CHATTER)
    )
    assert "--size" in message


def test_losslab_qt_debug_lets_qts_messages_through(tmp_path: Path) -> None:
    """README documents LOSSLAB_QT_DEBUG=1 for looking into Qt itself."""
    path = tmp_path / "out.png"
    proc = run("--export", path, "--size", "1280x800", env={**QT_CHATTER, "LOSSLAB_QT_DEBUG": "1"})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert sum(line.startswith("qt: ") for line in lines) > 3, lines[:5]
    assert not any(line.startswith("losslab:") for line in lines)


# --- a clash with another project's model/ or gui/ (pip install . puts them at the top) --------
def test_another_projects_model_beside_main_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """site-packages where another distribution's model/ took the place of LossLab's."""
    site = tmp_path / "site-packages"
    (site / "model").mkdir(parents=True)
    (site / "model" / "__init__.py").write_text("from model.net import Net\n", encoding="utf-8")
    (site / "model" / "net.py").write_text("class Net: pass\n", encoding="utf-8")
    shutil.copytree(ROOT / "gui", site / "gui")
    shutil.copy(MAIN, site / "main.py")
    env = {k: v for k, v in headless_env().items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [sys.executable, str(site / "main.py"), "--report", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    message = assert_usage_error(proc)
    assert "'model'" in message and "another project's" in message
    assert "own environment" in message and "venv" in message


def test_another_projects_model_earlier_on_the_path_is_one_line(tmp_path: Path) -> None:
    """A PYTHONPATH entry (an ML project's own model/ package) before LossLab's."""
    shadow = tmp_path / "project"
    (shadow / "model").mkdir(parents=True)
    (shadow / "model" / "__init__.py").write_text("", encoding="utf-8")
    env = {**headless_env(), "PYTHONPATH": os.pathsep.join([str(shadow), str(ROOT)])}
    proc = subprocess.run(
        [sys.executable, "-c", "import main; main.run()", "--report", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    message = assert_usage_error(proc)
    assert "'model'" in message and str(shadow / "model") in message
    assert "own environment" in message
