"""A tab page whose view is built the first time it is needed: the window opens on one view, and
building (and importing) the others at start-up would double the time to the first paint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

V = TypeVar("V", bound=QWidget)


class LazyPage(QWidget, Generic[V]):
    """Named like the view it holds (``raceView``), so the tab page answers to the view's
    name; the view inside is built by ``factory`` on the first ``view()`` call, and
    ``on_built`` callbacks (the controller's wiring) run once, right after."""

    def __init__(self, name: str, factory: Callable[[], V]) -> None:
        super().__init__()
        self.setObjectName(name)
        self._factory = factory
        self._view: V | None = None
        self._on_built: list[Callable[[V], None]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._view is not None

    def when_built(self, callback: Callable[[V], None]) -> None:
        self._on_built.append(callback)
        if self._view is not None:
            callback(self._view)

    def view(self) -> V:
        if self._view is None:
            view = self._factory()
            view.setObjectName(f"{self.objectName()}Content")  # the page keeps the name
            self._layout.addWidget(view)
            self._view = view
            for callback in self._on_built:
                callback(view)
        return self._view
