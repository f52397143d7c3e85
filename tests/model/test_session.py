"""model.session: the session files of PRODUCT.md F9.

Bad session files must raise StateError with a message and leave both the file and the current
state untouched (PRODUCT.md, "Reliability and bad input"); saving is atomic.
"""

import json
import math
import os
import signal
import stat
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from model import session as session_mod
from model.session import load_session, parse_session, save_session, state_from_dict
from model.state import AppState, OverviewSettings, StateError

SESSION = {
    "format": "losslab-session",
    "version": 1,
    "classes": ["cat", "tiger", "dog"],
    "logits": [-2.0, 1.0, 0.5],
    "target": 0,
    "surface": {
        "mode": "shift",
        "competitor": 1,
        "x_range": [-10, 10],
        "y_range": [-10, 10],
        "resolution": 201,
    },
    "ce_unit": "nats",
    "mse_reduction": "sum",
}


def _bits(values):
    return [struct.pack("<d", float(v)) for v in values]


def _largest_wrong(logits, target):
    wrong = [k for k in range(len(logits)) if k != target]
    return max(wrong, key=lambda k: logits[k])


# --- sessions: round trip ----------------------------------------------------------------
TRICKY = (0.1, 1 / 3, -999.9999999999999, 5e-324, math.pi, -0.0, 2.0**-1074 * 3, 1e-300)


def _tricky_state():
    s = AppState().with_class_count(len(TRICKY)).with_logits(TRICKY)
    s = s.with_class_name(0, '猫 "quoted" \\ cat').with_target(2)
    s = s.with_surface(
        mode="competitor",
        competitor=5,
        x_range=(-12.345678901234567, 3.0),
        y_range=(-1.0, 1e-3),
        resolution=333,
    )
    s = s.with_surface(log_colours=True, slow_threshold=0.0375)
    s = s.with_overview(x_axis="s", log_grad=True).with_view("surfaces")
    return s.with_units(ce_unit="bits", mse_reduction="mean")


def test_session_round_trip_is_bit_exact(tmp_path):
    s = _tricky_state()
    path = tmp_path / "lecture.losslab.json"
    save_session(s, path)
    t = load_session(path)
    assert t == s
    assert _bits(t.logits) == _bits(TRICKY)
    assert math.copysign(1.0, t.logits[5]) == -1.0  # -0.0 stays -0.0
    assert load_session(path) == s
    save_session(s, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.json", "lecture.losslab.json"]


def test_session_file_has_the_f9_layout(tmp_path):
    path = tmp_path / "s.json"
    save_session(AppState(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    # Every key of the original layout, as it was; the views' settings and the view are added.
    assert {k: v for k, v in data.items() if k in SESSION} | {
        "surface": {k: v for k, v in data["surface"].items() if k in SESSION["surface"]}
    } == SESSION
    assert data["surface"]["log_colours"] is False
    assert data["surface"]["slow_threshold"] == 0.01
    assert data["overview"] == {"x_axis": "z", "log_grad": False}
    assert data["view"] == "overview"
    assert parse_session(json.dumps(SESSION)) == AppState()
    assert state_from_dict(SESSION) == AppState()
    assert json.loads(path.read_text(encoding="utf-8")) == AppState().to_dict()


def test_missing_optional_keys_get_defaults():
    s = parse_session('{"format": "losslab-session", "version": 1, "logits": [0.5, 2, -1, 3]}')
    assert s.logits == (0.5, 2.0, -1.0, 3.0)
    assert s.k == 4 and len(s.classes) == 4 and all(c.strip() for c in s.classes)
    assert s.target == 0
    assert s.surface.competitor == 3 == _largest_wrong(s.logits, 0)
    d = AppState().surface
    assert (s.surface.mode, s.surface.x_range, s.surface.y_range, s.surface.resolution) == (
        d.mode,
        d.x_range,
        d.y_range,
        d.resolution,
    )
    assert (s.ce_unit, s.mse_reduction) == ("nats", "sum")
    partial = dict(SESSION, surface={"mode": "competitor"}, target=2)
    t = parse_session(json.dumps(partial))
    assert t.surface.mode == "competitor"
    assert t.surface.competitor == 1 == _largest_wrong(t.logits, 2)


# --- sessions: every bad case ------------------------------------------------------------
def _doc(**changes):
    data = json.loads(json.dumps(SESSION))
    for key, value in changes.items():
        if key.startswith("surface_"):
            data["surface"][key[len("surface_") :]] = value
        elif value is _DROP:
            data.pop(key)
        else:
            data[key] = value
    return json.dumps(data)


_DROP = object()
BIG_INT = "1" + "0" * 400  # a valid JSON number, far beyond float64
HUGE_INT = "1" + "0" * 5000  # beyond Python's default int-string limit (4300 digits)

BAD_TEXTS = {
    "not-json": ("{not json", r"not valid JSON"),
    "empty-file": ("", r"not valid JSON"),
    "not-an-object": ("[1, 2, 3]", r"must be a JSON object"),
    "a-string": ('"losslab-session"', r"must be a JSON object"),
    "other-format": (_doc(format="other-app"), r"not a LossLab session"),
    "no-format": (_doc(format=_DROP), r"not a LossLab session"),
    "newer-version": (_doc(version=2), r"newer LossLab \(version 2\)"),
    "version-0": (_doc(version=0), r"unknown session version 0"),
    "version-as-text": (_doc(version="1"), r"version must be an integer"),
    "version-as-float": (_doc(version=1.0), r"version must be an integer"),
    "logits-as-strings": (_doc(logits=["-2", "1", "0.5"]), r"every logit must be a number"),
    "logits-as-bools": (_doc(logits=[True, False, True]), r"every logit must be a number"),
    "logits-not-a-list": (_doc(logits="-2, 1, 0.5"), r"logits"),
    "no-logits": (_doc(logits=_DROP), r"logits"),
    "target-float": (_doc(target=0.0), r"\"target\" must be a class index"),
    "target-bool": (_doc(target=True), r"\"target\" must be a class index"),
    "target-string": (_doc(target="0"), r"\"target\" must be a class index"),
    "resolution-float": (_doc(surface_resolution=201.0), r"resolution must be an integer"),
    "competitor-float": (_doc(surface_competitor=1.0), r"competitor must be a class index"),
    "k-1": (_doc(logits=[0.0], classes=["cat"]), r"number of classes must be 2…20, got 1"),
    "k-21": (_doc(logits=[0.0] * 21, classes=[f"c{i}" for i in range(21)]), r"2…20, got 21"),
    "k-0": (_doc(logits=[], classes=[]), r"2…20, got 0"),
    "nan-literal": (_doc().replace("-2.0", "NaN"), r"not a finite number"),
    "infinity-literal": (_doc().replace("-2.0", "Infinity"), r"not a finite number"),
    "minus-infinity-literal": (_doc().replace("-2.0", "-Infinity"), r"not a finite number"),
    "overflowing-float": (_doc().replace("-2.0", "1e999"), r"finite"),
    "logit-above-1000": (_doc(logits=[1000.5, 1.0, 0.5]), r"within ±1000"),
    "logit-below-minus-1000": (_doc(logits=[-2.0, -1e300, 0.5]), r"within ±1000"),
    "target-3": (_doc(target=3), r"true class must be 0…2, got 3"),
    "target-minus-1": (_doc(target=-1), r"true class must be 0…2, got -1"),
    "target-3-no-competitor": (
        _doc(target=3, surface={"mode": "shift"}),
        r"true class must be 0…2, got 3",
    ),
    "classes-not-text": (_doc(classes=["cat", 2, "dog"]), r"\"classes\" must be a list of names"),
    "classes-empty-name": (_doc(classes=["cat", " ", "dog"]), r"name of class 1 is empty"),
    "classes-newline": (_doc(classes=["cat", "ti\nger", "dog"]), r"class 1 contains a control"),
    "classes-escape": (_doc(classes=["\x1b[2J", "tiger", "dog"]), r"class 0 contains a control"),
    # json.dumps writes the escape "\ud800"; json.loads turns it into a lone surrogate
    "classes-lone-surrogate": (_doc(classes=["cat", "tiger", "\ud800"]), r"class 2 .*surrogate"),
    "classes-41-characters": (_doc(classes=["c" * 41, "tiger", "dog"]), r"longer than 40"),
    "mode-lone-surrogate": (_doc(surface_mode="\udfff"), r"surface mode"),
    "duplicate-key": (
        _doc().replace('"target": 0', '"target": 0, "target": 2'),
        r'the key "target" appears twice',
    ),
    "duplicate-key-inside-surface": (
        _doc().replace('"resolution": 201', '"resolution": 201, "resolution": 51'),
        r'the key "resolution" appears twice',
    ),
    "duplicate-odd-key": ('{"a\\n\\ud800": 1, "a\\n\\ud800": 2}', r'the key "a\\n\\ud800" appears'),
    "classes-count": (_doc(classes=["cat", "tiger"]), r"2 class names for 3 logits"),
    "surface-not-object": (_doc(surface=[1, 2]), r"\"surface\" must be an object"),
    "mode-unknown": (_doc(surface_mode="diagonal"), r"surface mode"),
    "mode-not-text": (_doc(surface_mode=3), r"surface.mode must be text"),
    "competitor-is-target": (_doc(surface_competitor=0), r"competitor must be a class"),
    "x-range-reversed": (_doc(surface_x_range=[10, -10]), r"x_range must go from low to high"),
    "x-range-three": (_doc(surface_x_range=[1, 2, 3]), r"x_range must be a list of two numbers"),
    "y-range-strings": (_doc(surface_y_range=["a", "b"]), r"y_range must be a list of two numbers"),
    "resolution-small": (_doc(surface_resolution=3), r"resolution must be 11…801"),
    "ce-unit": (_doc(ce_unit="bans"), r"ce_unit must be 'nats' or 'bits'"),
    "mse-reduction": (_doc(mse_reduction=["sum"]), r"mse_reduction must be 'sum' or 'mean'"),
    "nested-deeply": ("[" * 100_000 + "]" * 100_000, r"not a LossLab session|JSON"),
    # integers that JSON allows but a float cannot hold
    "huge-int-logit": (_doc().replace("-2.0", BIG_INT), r"too large|within ±1000|finite"),
    "huge-int-logit-no-competitor": (
        _doc(surface={"mode": "shift"}).replace("-2.0", BIG_INT),
        r"too large|within ±1000|finite",
    ),
    "huge-int-range": (
        _doc().replace('"x_range": [-10, 10]', f'"x_range": [-{BIG_INT}, 10]'),
        r"too large|x_range|finite",
    ),
    "int-beyond-digit-limit": (_doc().replace("-2.0", HUGE_INT), r"thousands of digits"),
}


def _state_before():
    return AppState().with_logit(0, 3.5).with_target(2)


@pytest.mark.parametrize("case", list(BAD_TEXTS))
def test_bad_session_text_raises_state_error_and_changes_nothing(tmp_path, case):
    text, pattern = BAD_TEXTS[case]
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    raw = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    current = _state_before()
    with pytest.raises(StateError, match=pattern) as info:
        current = load_session(path)
    message = str(info.value)
    assert message.strip()
    # One line of plain words that prints anywhere: no raw control characters or surrogates
    # from the file, and none of Python's advice to programmers (sys.set_int_max_str_digits).
    assert message.isprintable() and message.encode("utf-8")
    assert "sys." not in message and "set_int_max_str_digits" not in message
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == mtime
    assert current == _state_before()  # the current state is not replaced
    with pytest.raises(StateError, match=pattern):
        parse_session(text)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_the_huge_int_case_really_has_a_huge_int():
    """Guard for the cases above: the replacements did happen."""
    assert BIG_INT in BAD_TEXTS["huge-int-logit"][0]
    assert BIG_INT in BAD_TEXTS["huge-int-range"][0]
    assert BIG_INT in BAD_TEXTS["huge-int-logit-no-competitor"][0]
    assert '"competitor"' not in BAD_TEXTS["huge-int-logit-no-competitor"][0]
    assert "NaN" in BAD_TEXTS["nan-literal"][0] and "1e999" in BAD_TEXTS["overflowing-float"][0]


def _padded_session(size):
    text = _doc()
    return (text + " " * (size - len(text.encode("utf-8")))).encode("utf-8")


def test_file_over_1_mb_is_rejected_and_1_mb_is_not(tmp_path):
    ok = tmp_path / "ok.json"
    ok.write_bytes(_padded_session(1_000_000))
    assert ok.stat().st_size == 1_000_000
    assert load_session(ok) == AppState()
    big = tmp_path / "big.json"
    big.write_bytes(_padded_session(1_000_001))
    with pytest.raises(StateError, match=r"at most 1 MB"):
        load_session(big)
    assert big.read_bytes() == _padded_session(1_000_001)


def test_non_utf8_file_is_rejected(tmp_path):
    path = tmp_path / "latin1.json"
    raw = _doc(classes=["chat", "tigre", "chien"]).replace("chien", "ch\xefen").encode("latin-1")
    path.write_bytes(raw)
    with pytest.raises(StateError, match=r"not UTF-8"):
        load_session(path)
    assert path.read_bytes() == raw
    path.write_bytes(b"\xff\xfe\x00\x01binary")
    with pytest.raises(StateError, match=r"not UTF-8"):
        load_session(path)


def test_missing_file_and_a_folder_are_rejected(tmp_path):
    with pytest.raises(StateError, match=r"cannot read"):
        load_session(tmp_path / "nope.json")
    with pytest.raises(StateError, match=r"is a folder: a session is a plain file"):
        load_session(tmp_path)
    with pytest.raises(StateError, match=r"file name is empty"):
        load_session("")
    assert list(tmp_path.iterdir()) == []


def test_a_byte_order_mark_is_accepted(tmp_path):
    """Some Windows editors begin a UTF-8 file with one (EF BB BF)."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + _doc(classes=["猫", "tiger", "dog"]).encode("utf-8"))
    assert load_session(path) == AppState().with_class_name(0, "猫")
    assert parse_session("\ufeff" + _doc()) == AppState()
    with pytest.raises(StateError, match=r"not valid JSON"):
        parse_session("\ufeff\ufeff" + _doc())  # one mark, not any number of them


def _load_in_a_thread(path):
    """load_session(path) in a thread; if it is still blocked in a FIFO's open after a long
    wait, a writer is opened to release it (so a failure fails the test, not hangs it)."""
    outcome = {}

    def target():
        try:
            outcome["state"] = load_session(path)
        except StateError as exc:
            outcome["error"] = str(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(30)
    outcome["blocked"] = thread.is_alive()
    if thread.is_alive():
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(30)
    return outcome


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
def test_a_fifo_is_refused_before_anything_is_read(tmp_path):
    fifo = tmp_path / "session.json"
    os.mkfifo(fifo)
    outcome = _load_in_a_thread(fifo)
    assert not outcome["blocked"], "load_session blocked on a FIFO"
    assert "named pipe" in outcome["error"] and "session.json" in outcome["error"]
    link = tmp_path / "link.json"
    link.symlink_to(fifo)  # a symlink to one is refused the same way
    outcome = _load_in_a_thread(link)
    assert not outcome["blocked"] and "named pipe" in outcome["error"]


@needs_fifo
def test_a_file_swapped_for_a_fifo_after_the_look_is_refused_without_blocking(
    tmp_path, monkeypatch
):
    """The name is looked at, then opened: in between it may become a FIFO. Simulated by a
    look that sees a regular file where the FIFO is; the open must not block, and the check of
    what was opened must refuse it."""
    fifo = tmp_path / "session.json"
    os.mkfifo(fifo)
    plain = tmp_path / "plain.json"
    plain.write_text(_doc(), encoding="utf-8")
    real_stat = os.stat

    def stat_sees_a_file(path, *args, **kwargs):
        if Path(path) == fifo:
            return real_stat(plain)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(session_mod.os, "stat", stat_sees_a_file)
    outcome = _load_in_a_thread(fifo)
    monkeypatch.undo()
    assert not outcome["blocked"], "the open blocked on a FIFO"
    assert "named pipe" in outcome["error"]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_refused():
    with pytest.raises(StateError, match=r"null is a device: a session is a plain file"):
        load_session("/dev/null")


# --- atomic save ----------------------------------------------------------------------------
class _Boom(OSError):
    pass


def _boom(*args, **kwargs):
    raise _Boom("disk on fire")


@pytest.mark.parametrize(
    "where", ["os.replace", "os.fsync", "json.dumps", "half-written", "keyboard-interrupt"]
)
def test_failed_save_leaves_the_previous_file_intact_and_no_temporary_file(
    tmp_path, monkeypatch, where
):
    path = tmp_path / "session.json"
    old = AppState()
    save_session(old, path)
    before = path.read_bytes()
    new = _tricky_state()
    expected = _Boom
    if where == "os.replace":
        monkeypatch.setattr(session_mod.os, "replace", _boom)
    elif where == "os.fsync":
        monkeypatch.setattr(session_mod.os, "fsync", _boom)
    elif where == "json.dumps":
        monkeypatch.setattr(session_mod.json, "dumps", _boom)
    elif where == "half-written":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()
                return False

            def fileno(self):
                return self.fh.fileno()

            def write(self, text):
                self.fh.write(text[: len(text) // 2])
                self.fh.flush()
                raise _Boom("crash mid-write")

        def half_fdopen(*args, **kwargs):
            return HalfWriter(real_fdopen(*args, **kwargs))

        monkeypatch.setattr(session_mod.os, "fdopen", half_fdopen)
    else:  # an interrupt (a BaseException) while syncing

        def interrupt(fd):
            raise KeyboardInterrupt

        monkeypatch.setattr(session_mod.os, "fsync", interrupt)
        expected = KeyboardInterrupt
    with pytest.raises(expected):
        save_session(new, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load_session(path) == old
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]


def test_save_replaces_the_previous_file_and_leaves_nothing_else(tmp_path):
    path = tmp_path / "session.json"
    save_session(AppState(), path)
    save_session(_tricky_state(), path)
    assert load_session(path) == _tricky_state()
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]


def test_save_into_a_missing_folder_raises_and_creates_nothing(tmp_path):
    with pytest.raises(OSError):
        save_session(AppState(), tmp_path / "no-such-dir" / "s.json")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


posix_modes = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@posix_modes
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o755])
def test_saving_over_a_file_keeps_its_permissions(tmp_path, umask, mode):
    path = tmp_path / "s.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(mode)
    umask(0o077)  # the kept bits come from the file, not from the umask
    save_session(_tricky_state(), path)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert load_session(path) == _tricky_state()


@posix_modes
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    path = tmp_path / "new.json"
    save_session(AppState(), path)
    assert stat.S_IMODE(path.stat().st_mode) == mode


needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")


@needs_symlinks
def test_saving_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    """A relative link from one folder into another: the temporary goes beside the target (a
    rename cannot cross file systems), and the link stays a link."""
    (tmp_path / "links").mkdir()
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "lecture.json"
    save_session(AppState(), real)
    real.chmod(0o640)
    link = tmp_path / "links" / "current.json"
    link.symlink_to(Path("..") / "real" / "lecture.json")
    save_session(_tricky_state(), link)
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "real" / "lecture.json")
    assert load_session(real) == _tricky_state() == load_session(link)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert [p.name for p in (tmp_path / "links").iterdir()] == ["current.json"]
    assert [p.name for p in (tmp_path / "real").iterdir()] == ["lecture.json"]


@needs_symlinks
def test_saving_through_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "current.json"
    link.symlink_to("later.json")
    save_session(AppState(), link)
    assert link.is_symlink() and load_session(tmp_path / "later.json") == AppState()


@pytest.mark.skipif(not hasattr(os, "O_DIRECTORY"), reason="folders cannot be synced here")
def test_the_file_then_the_rename_then_the_folder_are_synced(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    save_session(AppState(), path)
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        events.append(("fsync", kind, os.fstat(fd).st_ino))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", Path(dst).name, None))
        real_replace(src, dst)

    monkeypatch.setattr(session_mod.os, "fsync", fsync)
    monkeypatch.setattr(session_mod.os, "replace", replace)
    save_session(_tricky_state(), path)
    monkeypatch.undo()
    assert [e[:2] for e in events] == [
        ("fsync", "file"),
        ("replace", "s.json"),
        ("fsync", "folder"),
    ]
    assert events[0][2] == path.stat().st_ino  # the file synced is the one now named s.json
    assert events[2][2] == tmp_path.stat().st_ino


def test_stale_temporaries_of_this_file_are_removed_and_others_kept(tmp_path):
    path = tmp_path / "s.json"
    stale = [tmp_path / f".s.json.losslab-tmp-{n}" for n in ("123-0badc0de", "9-x", "")]
    for p in stale:
        p.write_text('{"half": ', encoding="utf-8")
        os.utime(p, (1_000_000_000, 1_000_000_000))  # written long ago, by a save that died
    keep = {
        ".other.json.losslab-tmp-1-aa": 1_000_000_000,  # another session's
        ".s.json.tmp": 1_000_000_000,  # not LossLab's pattern
        ".s.json.losslab-tmp-77-future": 4_000_000_000,  # a save that began after this one
        "notes.txt": 1_000_000_000,
    }
    for name, when in keep.items():
        (tmp_path / name).write_text("x", encoding="utf-8")
        os.utime(tmp_path / name, (when, when))
    save_session(AppState(), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*keep, "s.json"])
    assert load_session(path) == AppState()


# A save killed by SIGKILL (nothing of Python runs: no except, no finally) at three moments. The
# child blocks at the moment, says "ready", and is killed there.
KILLED_SAVE = """
import os, sys, time
from model import session
from model.state import AppState

path, moment = sys.argv[1], sys.argv[2]
real_fdopen, real_replace = os.fdopen, os.replace


def stop():
    print("ready", flush=True)
    time.sleep(600)


class HalfThenStop:
    def __init__(self, fh):
        self.fh = fh

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def fileno(self):
        return self.fh.fileno()

    def write(self, data):
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        os.fsync(self.fh.fileno())
        stop()


if moment == "mid-write":
    session.os.fdopen = lambda *a, **k: HalfThenStop(real_fdopen(*a, **k))
elif moment == "before-rename":
    session.os.replace = lambda src, dst: stop()
else:  # after the rename, before the folder's sync and the clean-up
    session.os.replace = lambda src, dst: (real_replace(src, dst), stop())
session.save_session(AppState().with_logits([5.0, 6.0, 7.0]), path)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL")
@pytest.mark.parametrize(
    ("moment", "survives"),
    [("mid-write", "old"), ("before-rename", "old"), ("after-rename", "new")],
)
def test_a_save_killed_midway_leaves_old_or_new_and_the_next_save_cleans_up(
    tmp_path, moment, survives
):
    path = tmp_path / "session.json"
    old, new, newest = AppState(), AppState().with_logits([5.0, 6.0, 7.0]), _tricky_state()
    save_session(old, path)
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_SAVE, str(path), moment],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline() == "ready\n"
    finally:
        child.kill()  # SIGKILL
        child.wait(60)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert load_session(path) == (old if survives == "old" else new)  # never half of either
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "session.json")
    if survives == "old":  # the crash left its temporary, with LossLab's recognisable name
        assert len(left) == 1 and left[0].startswith(".session.json.losslab-tmp-")
    else:
        assert left == []
    save_session(newest, path)
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]
    assert load_session(path) == newest


RELEASE_FILE = Path(__file__).parent / "data" / "release-0.1.0.losslab.json"


def test_a_file_saved_by_release_0_1_0_still_opens_with_default_view_settings():
    """Written by the first release, before the views' settings joined the state."""
    s = load_session(RELEASE_FILE)
    assert s.classes == ("cat", "tiger", "dog", "fox")
    assert s.logits == (-2.5, 1.25, 0.5, -0.1)
    assert s.target == 2
    assert (s.surface.mode, s.surface.competitor, s.surface.resolution) == ("competitor", 1, 151)
    assert (s.surface.x_range, s.surface.y_range) == ((-8.0, 6.0), (-5.0, 5.0))
    assert (s.ce_unit, s.mse_reduction) == ("bits", "mean")
    assert (s.surface.log_colours, s.surface.slow_threshold) == (False, 0.01)
    assert s.overview == OverviewSettings() and s.view == "overview"


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"view": "charts"}, "view must be one of"),
        ({"view": 3}, '"view" must be text'),
        ({"overview": {"x_axis": "p"}}, "x_axis must be 'z' or 's'"),
        ({"overview": {"log_grad": 1}}, "log_grad must be true or false"),
        ({"overview": []}, '"overview" must be an object'),
        ({"surface": {"log_colours": "yes"}}, "log_colours must be true or false"),
        ({"surface": {"slow_threshold": 0.9}}, "slow_threshold must be a number"),
        ({"surface": {"slow_threshold": "0.01"}}, "slow_threshold must be a number"),
    ],
)
def test_bad_view_settings_in_a_session_are_refused_with_a_message(patch, message):
    data = json.loads(RELEASE_FILE.read_text(encoding="utf-8")) | patch
    with pytest.raises(StateError, match=message):
        parse_session(json.dumps(data))
