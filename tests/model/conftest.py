"""Shared set-up for the model tests: make the repository root importable.

``python -m pytest`` from the repository root already has it on ``sys.path``; a bare ``pytest``
(or running one file from another folder) may not, so add it here. Nothing else is global:
hypothesis settings are given per test (no profile is loaded, so other test folders are unaffected).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
