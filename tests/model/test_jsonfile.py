"""Atomic writing (PRODUCT.md, "Reliability and bad input"); reading is tested via lessons."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from model.jsonfile import parse_json_text, write_text_atomic
from model.state import StateError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_mode_asked_for_and_no_temporary_is_left(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    assert write_text_atomic(target, "{}\n", mode=0o644) == target
    assert target.read_text("utf-8") == "{}\n" and mode(target) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_a_new_file_without_a_mode_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_text_atomic(tmp_path / "b.json", "x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "b.json") == 0o640


def test_an_existing_file_keeps_its_mode_and_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert write_text_atomic(link, "新", mode=0o644) == real
    assert link.is_symlink() and real.read_text("utf-8") == "新"
    assert mode(real) == 0o600


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "c.json"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(target, "lone \ud800")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json"]


def test_parse_json_text_rules() -> None:
    assert parse_json_text('\ufeff{"a": [1, 2.5]}') == {"a": [1, 2.5]}
    for text, fragment in (
        ('{"a": 1, "a": 2}', "twice"),
        ('{"a": {"b": 1, "b": 1}}', "twice"),
        ("[Infinity]", "Infinity"),
        ("[-Infinity]", "Infinity"),
        ("1" * 5000, "session"),
        ("{'a': 1}", "not valid JSON"),
    ):
        with pytest.raises(StateError, match=fragment):
            parse_json_text(text)
