"""The model imports with no Qt, no pyqtgraph and no gui anywhere in reach (PRODUCT.md F9)."""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[2]
BLOCKED = ("PySide6", "shiboken6", "pyqtgraph", "gui")

SCRIPT = r"""
import importlib, importlib.abc, json, sys

BLOCKED = {blocked!r}

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"blocked for the purity test: {{name}}")
        return None

sys.meta_path.insert(0, Block())
for name in BLOCKED:
    sys.modules.pop(name, None)

# the blocker works
for name in BLOCKED:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
    else:
        raise SystemExit(f"the blocker let {{name}} through")

imported = []
for name in {modules!r}:
    importlib.import_module(name)
    imported.append(name)
leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
print(json.dumps({{"imported": imported, "leaked": leaked}}))
"""


def _model_modules():
    names = ["model"]
    names += [f"model.{m.name}" for m in pkgutil.walk_packages(model.__path__) if not m.ispkg]
    names += [f"model.{m.name}" for m in pkgutil.iter_modules(model.__path__) if m.ispkg]
    return sorted(set(names))


def test_every_model_module_is_found():
    modules = _model_modules()
    for name in ("model.losses", "model.surfaces", "model.state", "model.presets"):
        assert name in modules


def _run(code: str) -> subprocess.CompletedProcess[str]:
    """The purity script in a fresh interpreter with a minimal environment."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_model_imports_without_qt_pyqtgraph_or_gui():
    modules = _model_modules()
    code = SCRIPT.format(blocked=BLOCKED, modules=modules)
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["imported"] == modules
    assert result["leaked"] == []


def test_the_blocker_would_catch_a_gui_import():
    """The same script fails when a module does import a blocked package."""
    code = SCRIPT.format(blocked=BLOCKED, modules=["model.losses", "gui"])
    proc = _run(code)
    assert proc.returncode != 0
    assert "blocked for the purity test: gui" in proc.stderr
