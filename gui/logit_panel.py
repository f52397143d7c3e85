"""F1 — the logit editor: K, one row per class (name, spin box, slider), target, live values."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.i18n import tr
from gui.undo import MergeKey
from model.display import PointValues
from model.formatting import fmt
from model.state import LOGIT_LIMIT, MAX_CLASSES, MIN_CLASSES, AppState

SLIDER_SCALE = 100  # slider ticks per logit unit: 0.01 steps over -20…20
SLIDER_LIMIT = 20


# The longest number fmt writes for a loss (both are >= 0): six digits and a 3-digit exponent.
WIDEST_LOSS = 8.88888e-308
# The longest it writes in the table: a logit the editor can set (three decimals within the
# limit), and a probability or gradient (signed, six digits, a 3-digit exponent: a class
# 700 logits behind the rest has s_k ~ 1e-304).
WIDEST_LOGIT = -(LOGIT_LIMIT - 0.001)
WIDEST_VALUE = -8.88888e-308
LOGIT_CHARS = len(fmt(WIDEST_LOGIT))


def loss_texts(ce: float, mse: float, ce_unit: str, mse_reduction: str) -> tuple[str, str]:
    """The two loss labels' texts, in the units shown."""
    unit = tr("nats") if ce_unit == "nats" else tr("bits")
    red = tr("sum") if mse_reduction == "sum" else tr("mean")
    # The MSE line as one sentence: Chinese writes its own brackets.
    return f"CE  {fmt(ce)} {unit}", tr("MSE %1 (%2)").replace("%1", fmt(mse)).replace("%2", red)


def _heading(text: str) -> QLabel:
    """A section title. Plain headings rather than group boxes: a group box's tinted frame
    differs from the window colour that the opaque value widgets fill themselves with."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class NameEdit(QLineEdit):
    """A class-name box. Ctrl+Z and Ctrl+Shift+Z undo the box's own typing while there is
    some; once it is committed they are the window's undo and redo, so the name shown and the
    state's never part (the box's own undo would revert the text alone)."""

    def event(self, e: QEvent) -> bool:
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and not self.isModified()
            and any(
                e.matches(key)
                for key in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            )
        ):
            e.ignore()  # not taken by the box: the shortcut goes to the window's action
            return True
        return super().event(e)


class ClassRow:
    """The widgets of one class; owned by the panel's grid layout."""

    def __init__(self, k: int, panel: LogitPanel) -> None:
        self.name = NameEdit()
        self.name.setObjectName(f"classNameEdit{k}")
        self.name.setMaxLength(40)
        self.spin = QDoubleSpinBox()
        self.spin.setObjectName(f"logitSpin{k}")
        self.spin.setRange(-LOGIT_LIMIT, LOGIT_LIMIT)
        self.spin.setDecimals(3)
        self.spin.setSingleStep(0.1)
        self.spin.setKeyboardTracking(False)
        self.spin.setAccelerated(True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(f"logitSlider{k}")
        self.slider.setRange(-SLIDER_LIMIT * SLIDER_SCALE, SLIDER_LIMIT * SLIDER_SCALE)
        self.slider.setSingleStep(10)
        self.slider.setPageStep(100)
        self.slider.setMinimumWidth(120)
        self.drag_serial = 0
        for w in (self.spin, self.slider):
            # Opaque: a new value repaints the widget alone, not the panel beneath it.
            w.setAutoFillBackground(True)
        self.name.editingFinished.connect(lambda: self._commit_name(panel, k))
        self.spin.valueChanged.connect(
            lambda v: panel.logit_edited.emit(k, float(v), MergeKey("spin", k))
        )
        self.slider.sliderPressed.connect(self._new_drag)
        self.slider.valueChanged.connect(
            lambda v: panel.logit_edited.emit(
                k, v / SLIDER_SCALE, MergeKey("slider", k, self.drag_serial)
            )
        )

    def _commit_name(self, panel: LogitPanel, k: int) -> None:
        # Committed: whatever the state makes of it (renamed, refused, undone later) is shown.
        self.name.setModified(False)
        panel.name_edited.emit(k, self.name.text())

    def _new_drag(self) -> None:
        self.drag_serial += 1

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.spin, self.slider)


class LogitPanel(QWidget):
    class_count_changed = Signal(int)
    logit_edited = Signal(int, float, object)  # class, value, MergeKey for undo
    name_edited = Signal(int, str)
    target_changed = Signal(int)
    ce_unit_changed = Signal(str)
    mse_reduction_changed = Signal(str)

    def _colour_loss_labels(self) -> None:
        """CE's and MSE's numbers in their text colours (a palette, not a style sheet:
        cheaper to repaint)."""
        for label, colour in (
            (self.ce_label, theme.series_text("ce")),
            (self.mse_label, theme.series_text("mse")),
        ):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
            label.setPalette(palette)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logitPanel")
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("classCountSpin")
        self.count_spin.setRange(MIN_CLASSES, MAX_CLASSES)
        # Typing "20" is one edit to 20, not an edit to 2 (dropping classes 2…) on the way.
        self.count_spin.setKeyboardTracking(False)
        self.count_spin.valueChanged.connect(self.class_count_changed)
        self.target_combo = QComboBox()
        self.target_combo.setObjectName("targetCombo")
        # As wide as a short name whatever the names (it sized itself to the longest one).
        self.target_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target_combo.setMinimumContentsLength(10)
        self.target_combo.currentIndexChanged.connect(self._on_target)
        top = QFormLayout()
        self._count_label, self._target_label = QLabel(), QLabel()
        top.addRow(self._count_label, self.count_spin)
        top.addRow(self._target_label, self.target_combo)

        self.rows_box = QWidget()
        self.rows_grid = QGridLayout(self.rows_box)
        self.rows_grid.setContentsMargins(0, 0, 0, 0)
        self.rows_grid.setColumnStretch(2, 1)
        self.rows: list[ClassRow] = []
        self._headers: list[str] = []
        # A logit written longer than the editor's longest (a session file's -1.23457e-300),
        # which the logits' column is widened for while it is shown.
        self._long_logit: str | None = None
        self._cells: list[list[QTableWidgetItem]] = []
        self._texts: list[list[str]] = []
        self._synced: AppState | None = None
        self._shown: tuple[AppState, PointValues] | None = None

        big = QFont()
        big.setPointSize(20)
        big.setBold(True)
        # Numbers need no shaping (no ligatures, no complex script): skipping HarfBuzz makes
        # the table's and labels' text ~25 % cheaper to lay out on every frame of a drag.
        big.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        self.ce_label = QLabel()
        self.ce_label.setObjectName("ceLossLabel")
        self.mse_label = QLabel()
        self.mse_label.setObjectName("mseLossLabel")
        self._colour_loss_labels()
        theme.notifier.changed.connect(self._colour_loss_labels)
        for label in (self.ce_label, self.mse_label):
            label.setFont(big)
            # Not mouse-selectable: a selectable label lays its text out as a rich-text
            # document on every change (3x the paint); Edit > Copy values copies every number.
            label.setAutoFillBackground(True)  # opaque: the panel beneath is not repainted
        self.ce_unit_combo = QComboBox()
        self.ce_unit_combo.setObjectName("ceUnitCombo")
        self.ce_unit_combo.addItem("", "nats")
        self.ce_unit_combo.addItem("", "bits")
        self.ce_unit_combo.currentIndexChanged.connect(
            lambda: self.ce_unit_changed.emit(self.ce_unit_combo.currentData())
        )
        self.mse_reduction_combo = QComboBox()
        self.mse_reduction_combo.setObjectName("mseReductionCombo")
        self.mse_reduction_combo.addItem("", "sum")
        self.mse_reduction_combo.addItem("", "mean")
        self.mse_reduction_combo.currentIndexChanged.connect(
            lambda: self.mse_reduction_changed.emit(self.mse_reduction_combo.currentData())
        )
        losses_box = QWidget()
        lg = QGridLayout(losses_box)
        lg.setContentsMargins(0, 0, 0, 0)
        # Each loss on a full-width row: "MSE 3.79837e-35 (mean)" must never be cut off.
        lg.addWidget(self.ce_label, 0, 0, 1, 2)
        lg.addWidget(self.mse_label, 1, 0, 1, 2)
        lg.addWidget(self.ce_unit_combo, 2, 0)
        lg.addWidget(self.mse_reduction_combo, 2, 1)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("valueTable")
        self.table.setHorizontalHeaderLabels(["z_k", "s_k", "∂L_CE/∂z_k", "∂L_MSE/∂z_k"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The logits' column only as wide as the editor's longest logit, so that the others
        # have room for theirs (see _fit_table).
        columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        # Fixed row heights: resize-to-contents would re-measure every cell on every edit.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setMinimumHeight(120)
        self.table.setWordWrap(False)  # numbers never wrap: no line breaking on each repaint
        # Rows told apart by alternate shading instead of grid lines: each line cost Qt's raster
        # engine more than a row's fill, and the grid drew ~60 of them on every edit.
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        # A 40-character class name would widen the row headers until the numbers were elided:
        # the names are shortened in the middle instead, keeping the true class's mark.
        rows_header = self.table.verticalHeader()
        rows_header.setMaximumWidth(rows_header.fontMetrics().horizontalAdvance("x" * 14))
        rows_header.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        numbers = self.table.font()
        numbers.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        self.table.setFont(numbers)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self._logits_heading, self._losses_heading = _heading(""), _heading("")
        layout.addWidget(self._logits_heading)
        layout.addWidget(self.rows_box)
        layout.addWidget(self._losses_heading)
        layout.addWidget(losses_box)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the panel in the current language (the loss labels' numbers come
        with the next show_values; their fixed width is measured again here)."""
        self._count_label.setText(tr("Classes K"))
        self._target_label.setText(tr("True class p"))
        self._logits_heading.setText(tr("Logits z_k"))
        self._losses_heading.setText(tr("Losses"))
        self.ce_unit_combo.setItemText(0, tr("nats"))
        self.ce_unit_combo.setItemText(1, tr("bits"))
        self.mse_reduction_combo.setItemText(0, tr("sum over classes"))
        self.mse_reduction_combo.setItemText(1, tr("mean over classes"))
        for label in (self.ce_label, self.mse_label):
            # A fixed size, wide enough for the longest text: QLabel.setText then skips the
            # layout request (re-laying the dock cost ~0.5 ms on every edit) and only repaints.
            metrics = label.fontMetrics()
            widest = max(
                metrics.horizontalAdvance(text)
                for unit in ("nats", "bits")
                for reduction in ("sum", "mean")
                for text in loss_texts(WIDEST_LOSS, WIDEST_LOSS, unit, reduction)
            )
            label.setFixedSize(widest + 8, metrics.height() + 6)
        if self._shown is not None:
            self.show_values(*self._shown)
        self._fit_table()  # a language can bring another font

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_table()
        super().changeEvent(event)

    def _fit_table(self) -> None:
        """Room in the table for the longest number each column can show, never an ellipsis:
        the logits' column fixed at the editor's longest logit, and a minimum width that leaves
        each other column the longest probability or gradient beside the row names and a
        scroll bar. Measured from the font and the style, not from the numbers shown, so an
        edit never re-lays the table out."""
        table = self.table
        style = table.style()
        # A cell's text has the style's focus margin and one pixel either side (Qt's item
        # delegate), and the grid line takes one more.
        margins = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
        metrics = QFontMetricsF(table.font())  # the delegate lays text out in fractions
        widest = max(fmt(WIDEST_LOGIT), self._long_logit or "", key=metrics.horizontalAdvance)
        logit = math.ceil(metrics.horizontalAdvance(widest)) + margins + 1
        value = math.ceil(metrics.horizontalAdvance(fmt(WIDEST_VALUE))) + margins + 1
        table.horizontalHeader().resizeSection(0, logit)
        rows = table.verticalHeader()
        names = min(rows.sizeHint().width(), rows.maximumWidth())
        bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
        table.setMinimumWidth(2 * table.frameWidth() + names + logit + 3 * value + bar)

    def _on_target(self, index: int) -> None:
        if index >= 0:
            self.target_changed.emit(index)

    # --- following the state, never echoing it back ----------------------------------------
    def _ensure_rows(self, k: int) -> None:
        while len(self.rows) > k:
            row = self.rows.pop()
            for w in row.widgets():
                # A focused name edit emits editingFinished as it goes: that class is gone.
                w.blockSignals(True)
                self.rows_grid.removeWidget(w)
                # Out of the window now, not at the next event loop pass: a new row of the
                # same number must be the only widget with its object name.
                w.setParent(None)
                w.deleteLater()
        while len(self.rows) < k:
            i = len(self.rows)
            row = ClassRow(i, self)
            for col, w in enumerate(row.widgets()):
                self.rows_grid.addWidget(w, i, col)
            self.rows.append(row)

    def sync(self, state: AppState, force: bool = False) -> None:
        """Show the state in the editing widgets (signals blocked: no edit is echoed back).
        ``force`` rewrites every widget, for one that shows an edit the state refused."""
        last, self._synced = self._synced, state
        if (
            not force
            and last is not None
            and last.k == state.k
            and last.classes == state.classes
            and last.target == state.target
            and last.ce_unit == state.ce_unit
            and last.mse_reduction == state.mse_reduction
        ):
            # One logit moved (a drag, a spin step): only its row can need new values.
            for k, (old, new) in enumerate(zip(last.logits, state.logits, strict=True)):
                if old != new:
                    self._sync_row(k, new)
            return
        self._ensure_rows(state.k)
        if self.count_spin.value() != state.k:  # an unchanged value still repaints the box
            with QSignalBlocker(self.count_spin):
                self.count_spin.setValue(state.k)
        with QSignalBlocker(self.target_combo):
            if [self.target_combo.itemText(i) for i in range(self.target_combo.count())] != list(
                state.classes
            ):
                self.target_combo.clear()
                self.target_combo.addItems(list(state.classes))
            self.target_combo.setCurrentIndex(state.target)
        for k, row in enumerate(self.rows):
            self._sync_row(k, state.logits[k])
            # A box with uncommitted typing keeps it (the commit then renames); any other
            # shows the state's name, focused or not (after an undo, a refused name).
            if row.name.text() != state.classes[k] and not row.name.isModified():
                with QSignalBlocker(row.name):
                    row.name.setText(state.classes[k])
        for combo, value in (
            (self.ce_unit_combo, state.ce_unit),
            (self.mse_reduction_combo, state.mse_reduction),
        ):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(combo.findData(value))

    def _sync_row(self, k: int, v: float) -> None:
        row = self.rows[k]
        with QSignalBlocker(row.spin):
            if round(row.spin.value(), 3) != round(v, 3):
                row.spin.setValue(v)
        with QSignalBlocker(row.slider):
            if not row.slider.isSliderDown():
                row.slider.setValue(round(max(-SLIDER_LIMIT, min(SLIDER_LIMIT, v)) * SLIDER_SCALE))

    def show_values(self, state: AppState, point: PointValues) -> None:
        self._shown = (state, point)
        ce, mse = loss_texts(point.ce, point.mse, state.ce_unit, state.mse_reduction)
        self.ce_label.setText(ce)
        self.mse_label.setText(mse)
        k = state.k
        if self.table.rowCount() != k:
            self.table.setRowCount(k)
        headers = [
            name + (" ✓" if i == state.target else "") for i, name in enumerate(state.classes)
        ]
        if headers != self._headers:
            self._headers = headers
            self.table.setVerticalHeaderLabels(headers)
            self._fit_table()  # the names' column may have grown or shrunk
        if len(self._cells) != k:
            self._make_cells(k)
        columns = (point.logits, point.probabilities, point.ce_grad, point.mse_grad)
        # The texts shown are kept here too: comparing Python strings costs far less than
        # asking each item for its text (this runs on every frame of a drag).
        for c, values in enumerate(columns):
            for r, value in enumerate(values.tolist()):
                text = fmt(value)
                if self._texts[r][c] != text:
                    self._texts[r][c] = text
                    self._cells[r][c].setText(text)
        self._fit_long_logit([row[0] for row in self._texts[:k]])

    def _fit_long_logit(self, texts: list[str]) -> None:
        """The logits' column widened for a logit longer than the editor writes, and back to
        its width when none is shown (compared by length: an edit in the editor never
        measures or re-lays anything out)."""
        longest = max(texts, key=len, default="")
        long_logit = longest if len(longest) > LOGIT_CHARS else None
        if long_logit != self._long_logit:
            self._long_logit = long_logit
            self._fit_table()

    def _make_cells(self, k: int) -> None:
        self._cells, self._texts = [], []
        for r in range(k):
            row = []
            for c in range(4):
                item = QTableWidgetItem("")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
                row.append(item)
            self._cells.append(row)
            self._texts.append([""] * 4)
