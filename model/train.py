"""A tiny classifier trained on toy 2-D data twice, once with CE and once with MSE (PRODUCT.md F11).

Pure numpy. The model is a linear softmax classifier (``z = x W + b``) or one hidden layer of
``HIDDEN`` tanh units (``z = tanh(x W1 + b1) W2 + b2``). Training is full-batch gradient
descent on the batch mean ``ℓ = (1/m) Σ_i L_i`` (CE in nats, MSE summed over the classes, as
in MATH.md); the gradient with respect to the logits is MATH.md's exact one from
``model.losses`` (tail-safe), and the weight gradients are backpropagated from it.

Both contestants start from the same weights, drawn from the seed, and are stepped together,
batched along a leading contestant axis (one numpy call serves both). A ``TrainRun`` holds
every epoch's weights, loss and accuracy and extends itself on demand; ``RunCache`` memoises
runs by the settings that change them, so scrubbing and replaying cost nothing.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, fields, replace
from functools import cached_property
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model import losses
from model.datasets import BOX, DATASETS, MAX_POINTS, MIN_POINTS, Dataset, make_dataset

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Weights = tuple[FloatArray, ...]  # (W, b) for "linear", (W1, b1, W2, b2) for "mlp"
Contestant = Literal["ce", "mse"]

MODELS: tuple[str, ...] = ("linear", "mlp")
CONTESTANTS: tuple[Contestant, ...] = ("ce", "mse")
HIDDEN = 16
SPEEDS: tuple[str, ...] = ("0.25", "0.5", "1", "2", "4", "log")
MIN_LR, MAX_LR = 0.001, 100.0
MIN_INIT_SCALE, MAX_INIT_SCALE = 0.01, 20.0
MIN_EPOCHS, MAX_EPOCHS = 10, 10_000
MAX_SEED = 2**31 - 1  # what a QSpinBox holds
REGION_SIZE = 150
WEIGHT_STREAM = 0x7EA1  # the weights' random stream, apart from the data's (same seed)

__all__ = [
    "CONTESTANTS",
    "DEFAULT_GRID",
    "HIDDEN",
    "MODELS",
    "SPEEDS",
    "TRAIN_PRESETS",
    "Region",
    "RegionGrid",
    "RunCache",
    "TrainCurves",
    "TrainFrame",
    "TrainPreset",
    "TrainRun",
    "TrainSettings",
    "TrainSettingsError",
    "Weights",
    "epoch_frame",
    "forward",
    "initial_weights",
    "loss_and_grad",
    "point_logits",
    "region_image",
    "run_curves",
    "train_preset",
    "weight_shapes",
]


class TrainSettingsError(ValueError):
    """Training settings that cannot be used; the message says what to fix."""


# --- settings ------------------------------------------------------------------------------------
# The fields that change a run (data, model, rates, start), and those a preset sets.
RUN_FIELDS = ("dataset", "points", "seed", "model", "lr_ce", "lr_mse", "linked", "init_scale")
PRESET_FIELDS = (*RUN_FIELDS, "max_epochs")


def _is_int(v: Any) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _is_number(v: Any) -> bool:
    return _is_int(v) or isinstance(v, (float, np.floating))


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise TrainSettingsError(message)


@dataclass(frozen=True)
class TrainSettings:
    """Everything the training view shows, as one validated value (part of the app state).

    With ``linked`` on, one learning rate serves both contestants: ``lr_mse`` is set to
    ``lr_ce`` on construction (``edited`` lets either spin box lead)."""

    dataset: str = "blobs"
    points: int = 300
    seed: int = 0
    model: str = "linear"
    lr_ce: float = 0.5
    lr_mse: float = 0.5
    linked: bool = True
    init_scale: float = 0.1
    max_epochs: int = 500
    epoch: int = 0
    speed: str = "1"
    log_epoch: bool = False
    log_loss: bool = False
    preset: str | None = None

    def __post_init__(self) -> None:
        _check(
            self.dataset in DATASETS,
            f"train.dataset must be one of {', '.join(DATASETS)}, got {self.dataset!r}",
        )
        _check(
            self.model in MODELS,
            f"train.model must be one of {', '.join(MODELS)}, got {self.model!r}",
        )
        for name, lo, hi in (
            ("points", MIN_POINTS, MAX_POINTS),
            ("seed", 0, MAX_SEED),
            ("max_epochs", MIN_EPOCHS, MAX_EPOCHS),
        ):
            v = getattr(self, name)
            _check(_is_int(v), f"train.{name} must be a whole number, got {v!r}")
            _check(lo <= v <= hi, f"train.{name} must be {lo}…{hi}, got {v}")
            object.__setattr__(self, name, int(v))
        _check(_is_int(self.epoch), f"train.epoch must be a whole number, got {self.epoch!r}")
        _check(
            0 <= self.epoch <= self.max_epochs,
            f"train.epoch must be 0…{self.max_epochs} (max_epochs), got {self.epoch}",
        )
        object.__setattr__(self, "epoch", int(self.epoch))
        for name, f_lo, f_hi in (
            ("lr_ce", MIN_LR, MAX_LR),
            ("lr_mse", MIN_LR, MAX_LR),
            ("init_scale", MIN_INIT_SCALE, MAX_INIT_SCALE),
        ):
            v = getattr(self, name)
            _check(_is_number(v), f"train.{name} must be a number, got {v!r}")
            _check(math.isfinite(v), f"train.{name} must be finite, got {v}")
            _check(f_lo <= v <= f_hi, f"train.{name} must be {f_lo:g}…{f_hi:g}, got {v:g}")
            object.__setattr__(self, name, float(v))
        for name in ("linked", "log_epoch", "log_loss"):
            v = getattr(self, name)
            is_bool = isinstance(v, (bool, np.bool_))
            _check(is_bool, f"train.{name} must be true or false, got {v!r}")
            object.__setattr__(self, name, bool(v))
        _check(
            self.speed in SPEEDS,
            f"train.speed must be one of {', '.join(SPEEDS)}, got {self.speed!r}",
        )
        keys = tuple(p.key for p in TRAIN_PRESETS)
        _check(
            self.preset is None or self.preset in keys,
            f"train.preset must be null or one of {', '.join(keys)}, got {self.preset!r}",
        )
        if self.linked:
            object.__setattr__(self, "lr_mse", self.lr_ce)

    # --- derived ---------------------------------------------------------------------------
    def run_key(self) -> tuple[Any, ...]:
        """What a run depends on (the epoch shown, the epochs to run, speed and axes do not)."""
        return (
            self.dataset,
            self.points,
            self.seed,
            self.model,
            self.lr_ce,
            self.lr_mse,
            self.init_scale,
        )

    def edited(self, **changes: Any) -> TrainSettings:
        """These settings with ``changes``, as a control edit means them: a change to the data,
        model, rates or start goes back to epoch 0, fewer epochs pull the epoch in, and a change
        to what a preset sets leaves the preset. With the rates linked, either rate sets both."""
        unknown = set(changes) - {f.name for f in fields(self)}
        _check(not unknown, f"unknown training settings: {', '.join(sorted(unknown))}")
        linked = changes.get("linked", self.linked)
        if linked and "lr_mse" in changes and "lr_ce" not in changes:
            changes["lr_ce"] = changes["lr_mse"]
        merged = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        if linked and not self.linked and "lr_ce" not in changes:
            merged["lr_mse"] = merged["lr_ce"]
        changed = {name for name in merged if merged[name] != getattr(self, name)}
        if changed & set(PRESET_FIELDS) and "preset" not in changes:
            merged["preset"] = None
        if changed & set(RUN_FIELDS) and "epoch" not in changes:
            merged["epoch"] = 0
        if "max_epochs" in changed and "epoch" not in changes and _is_int(merged["max_epochs"]):
            merged["epoch"] = min(merged["epoch"], merged["max_epochs"])
        return TrainSettings(**merged)

    def with_preset(self, key: str) -> TrainSettings:
        """The preset's settings at epoch 0; the speed and the axes stay as they are."""
        preset = train_preset(key)
        return replace(self, **preset.values, preset=key, epoch=0)

    # --- the session file's "train" object ------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Any) -> TrainSettings:
        """From a session's ``"train"`` object: missing keys take their defaults, unknown keys
        are ignored (a later version may add some); a wrong type or value raises
        ``TrainSettingsError`` naming the key."""
        _check(isinstance(data, dict), f'"train" must be an object, got {type(data).__name__}')
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            v = data[f.name]
            default = f.default
            if isinstance(default, bool):
                _check(isinstance(v, bool), f"train.{f.name} must be true or false, got {v!r}")
            elif isinstance(default, int):
                _check(_is_int(v), f"train.{f.name} must be a whole number, got {v!r}")
            elif isinstance(default, float):
                _check(_is_number(v), f"train.{f.name} must be a number, got {v!r}")
            elif f.name == "preset":
                _check(
                    v is None or isinstance(v, str),
                    f"train.preset must be null or a preset's name, got {v!r}",
                )
            else:
                _check(isinstance(v, str), f"train.{f.name} must be text, got {v!r}")
            values[f.name] = v
        return cls(**values)


@dataclass(frozen=True)
class TrainPreset:
    key: str
    title: str
    description: str
    values: dict[str, Any]


_PRESET_BASE = {
    "dataset": "blobs",
    "points": 300,
    "seed": 0,
    "model": "linear",
    "lr_ce": 0.5,
    "lr_mse": 0.5,
    "linked": True,
    "max_epochs": 500,
}
TRAIN_PRESETS: tuple[TrainPreset, ...] = (
    TrainPreset(
        "easy",
        "Easy start",
        "Small initial weights: both losses learn the three blobs.",
        {**_PRESET_BASE, "init_scale": 0.1},
    ),
    TrainPreset(
        "saturated",
        "Saturated start",
        "Large initial weights: the softmax starts saturated and confidently wrong on many "
        "points; CE recovers, MSE stalls.",
        {**_PRESET_BASE, "init_scale": 5.0},
    ),
)


def train_preset(key: str) -> TrainPreset:
    for p in TRAIN_PRESETS:
        if p.key == key:
            return p
    keys = ", ".join(p.key for p in TRAIN_PRESETS)
    raise TrainSettingsError(f"no training preset {key!r}: the presets are {keys}")


# --- the network -----------------------------------------------------------------------------
def weight_shapes(model: str, k: int, hidden: int = HIDDEN) -> tuple[tuple[int, ...], ...]:
    """The shapes of the weights, in order: (W, b) or (W1, b1, W2, b2)."""
    if model == "linear":
        return ((2, k), (k,))
    if model == "mlp":
        return ((2, hidden), (hidden,), (hidden, k), (k,))
    raise TrainSettingsError(f"model must be one of {', '.join(MODELS)}, got {model!r}")


def initial_weights(model: str, k: int, seed: int, init_scale: float) -> Weights:
    """Matrices N(0, 1)·init_scale from the seed, biases zero. The draw depends on the seed,
    the model and K only, so a scale changes the start's size, not its direction."""
    rng = np.random.default_rng((WEIGHT_STREAM, int(seed)))
    out = []
    for shape in weight_shapes(model, k):
        if len(shape) == 2:
            out.append(rng.standard_normal(shape) * float(init_scale))
        else:
            out.append(np.zeros(shape))
    return tuple(out)


def _check_weights(weights: Weights, model: str) -> None:
    n = 2 if model == "linear" else 4 if model == "mlp" else -1
    if n < 0:
        raise TrainSettingsError(f"model must be one of {', '.join(MODELS)}, got {model!r}")
    if len(weights) != n:
        raise TrainSettingsError(f"a {model} network has {n} weight arrays, got {len(weights)}")


def _sech2(a: FloatArray) -> FloatArray:
    """``1 - tanh(a)²`` without the cancellation near saturation: ``4t / (1 + t)²``,
    ``t = exp(-2|a|)``."""
    with np.errstate(under="ignore"):
        t = np.exp(-2.0 * np.abs(a))
        return 4.0 * t / (1.0 + t) ** 2


def _forward(
    weights: Weights, model: str, x: FloatArray
) -> tuple[FloatArray, FloatArray | None, FloatArray | None]:
    """Logits and, for the MLP, the hidden pre-activations and activations. Weights may carry
    leading axes (one per contestant), which the result keeps before the point axis."""
    if model == "linear":
        w, b = weights
        return x @ w + b[..., None, :], None, None
    w1, b1, w2, b2 = weights
    a = x @ w1 + b1[..., None, :]
    h = np.tanh(a)
    return h @ w2 + b2[..., None, :], a, h


def forward(weights: Weights, model: str, x: ArrayLike) -> FloatArray:
    """The logits of points ``x`` (n, 2) under one network: shape (n, K)."""
    _check_weights(weights, model)
    return _forward(weights, model, np.asarray(x, dtype=np.float64).reshape(-1, 2))[0]


def point_logits(weights: Weights, model: str, x: ArrayLike) -> FloatArray:
    """The logits of one point ``x`` (2,) under one network: shape (K,) (the bridge to the
    logit editor)."""
    return forward(weights, model, np.asarray(x, dtype=np.float64).reshape(1, 2))[0]


def _backward(
    weights: Weights,
    model: str,
    x: FloatArray,
    a: FloatArray | None,
    h: FloatArray | None,
    g: FloatArray,
) -> Weights:
    """Weight gradients from ``g = ∂ℓ/∂z`` (…, n, K) by the chain rule."""
    if model == "linear":
        return (x.T @ g, g.sum(axis=-2))
    assert a is not None and h is not None
    w2 = weights[2]
    gw2 = np.swapaxes(h, -1, -2) @ g
    gb2 = g.sum(axis=-2)
    ga = (g @ np.swapaxes(w2, -1, -2)) * _sech2(a)
    return (x.T @ ga, ga.sum(axis=-2), gw2, gb2)


@dataclass(frozen=True)
class _Step:
    loss: FloatArray  # each contestant's own batch loss, (C,)
    accuracy: FloatArray  # (C,)
    grads: Weights  # each with the leading contestant axis


def _step(
    weights: Weights, model: str, x: FloatArray, y: IntArray, is_ce: NDArray[np.bool_]
) -> _Step:
    """One forward and backward pass for C contestants at once (``is_ce`` (C,) picks each
    one's loss): one softmax serves both losses' exact logit gradients."""
    z, a, h = _forward(weights, model, x)
    ev = losses.evaluate(z, y)
    m = x.shape[0]
    g = np.where(is_ce[:, None, None], ev.ce_grad, ev.mse_grad) / m
    loss = np.where(is_ce, ev.ce.mean(axis=-1), ev.mse.mean(axis=-1))
    accuracy = (np.argmax(z, axis=-1) == y).mean(axis=-1)
    return _Step(loss, accuracy, _backward(weights, model, x, a, h, g))


def loss_and_grad(
    weights: Weights, model: str, x: ArrayLike, y: ArrayLike, loss: Contestant
) -> tuple[float, Weights]:
    """The batch loss ``ℓ = (1/m) Σ L_i`` of one network (CE in nats or MSE as a sum over
    classes) and its exact gradient with respect to every weight."""
    _check_weights(weights, model)
    if loss not in CONTESTANTS:
        raise TrainSettingsError(f"loss must be 'ce' or 'mse', got {loss!r}")
    xs = np.asarray(x, dtype=np.float64).reshape(-1, 2)
    ys = np.asarray(y, dtype=np.int64)
    batched = tuple(np.asarray(w, dtype=np.float64)[None] for w in weights)
    st = _step(batched, model, xs, ys, np.array([loss == "ce"]))
    return float(st.loss[0]), tuple(gw[0] for gw in st.grads)


# --- runs -----------------------------------------------------------------------------------------
class TrainRun:
    """Both contestants' training from one start, epoch by epoch, extended on demand.

    Epoch t's weights are those after t steps (epoch 0: the initial weights); its loss and
    accuracy are measured at those weights."""

    def __init__(self, settings: TrainSettings) -> None:
        self.key = settings.run_key()
        self.model = settings.model
        self.data: Dataset = make_dataset(settings.dataset, settings.points, settings.seed)
        self.k = self.data.k
        self.rates = {"ce": settings.lr_ce, "mse": settings.lr_mse}
        self._lr = np.array([settings.lr_ce, settings.lr_mse])
        self._is_ce = np.array([True, False])
        w0 = initial_weights(self.model, self.k, settings.seed, settings.init_scale)
        self._capacity = 0
        self._weights: list[FloatArray] = []  # each (capacity + 1, 2, *shape)
        self._loss = np.zeros((0, 2))
        self._accuracy = np.zeros((0, 2))
        self._grow(64)
        for store, w in zip(self._weights, w0, strict=True):
            store[0] = w  # both contestants from the same start
        self._computed = -1  # the last epoch whose loss and accuracy are known

    def _grow(self, capacity: int) -> None:
        def grown(old: FloatArray, shape: tuple[int, ...]) -> FloatArray:
            new = np.zeros(shape)
            new[: len(old)] = old
            return new

        shapes = weight_shapes(self.model, self.k)
        if not self._weights:
            self._weights = [np.zeros((capacity + 2, 2, *s)) for s in shapes]
        else:
            self._weights = [
                grown(w, (capacity + 2, 2, *s)) for w, s in zip(self._weights, shapes, strict=True)
            ]
        self._loss = grown(self._loss, (capacity + 1, 2))
        self._accuracy = grown(self._accuracy, (capacity + 1, 2))
        self._capacity = capacity

    @property
    def computed(self) -> int:
        """The last epoch computed (-1 before the first)."""
        return self._computed

    def extend_to(self, epoch: int) -> None:
        """Compute every epoch up to ``epoch`` (nothing if they are known)."""
        if epoch > MAX_EPOCHS:
            raise TrainSettingsError(f"a run has at most {MAX_EPOCHS} epochs, asked for {epoch}")
        if epoch <= self._computed:
            return
        if epoch > self._capacity:
            self._grow(min(MAX_EPOCHS, max(epoch, 2 * self._capacity)))
        x, y, lr = self.data.x, self.data.y, self._lr
        for t in range(self._computed + 1, epoch + 1):
            w = tuple(store[t] for store in self._weights)
            st = _step(w, self.model, x, y, self._is_ce)
            self._loss[t] = st.loss
            self._accuracy[t] = st.accuracy
            for store, wt, gt in zip(self._weights, w, st.grads, strict=True):
                np.subtract(wt, lr.reshape((2,) + (1,) * (gt.ndim - 1)) * gt, out=store[t + 1])
        self._computed = epoch

    def _index(self, contestant: str) -> int:
        if contestant not in CONTESTANTS:
            raise TrainSettingsError(f"contestant must be 'ce' or 'mse', got {contestant!r}")
        return CONTESTANTS.index(contestant)

    def weights(self, contestant: str, epoch: int) -> Weights:
        """One contestant's weights at ``epoch`` (read-only views)."""
        i = self._index(contestant)
        if epoch < 0:
            raise TrainSettingsError(f"epochs start at 0, got {epoch}")
        if epoch > 0:
            self.extend_to(epoch - 1)  # the weights at t come from the step at t - 1
        out = []
        for store in self._weights:
            view = store[epoch, i]
            view.flags.writeable = False
            out.append(view)
        return tuple(out)

    def loss(self, contestant: str) -> FloatArray:
        """One contestant's own batch loss at epochs 0…computed (CE in nats, MSE as a sum)."""
        return self._read(self._loss, contestant)

    def accuracy(self, contestant: str) -> FloatArray:
        """The fraction of points classified right, at epochs 0…computed."""
        return self._read(self._accuracy, contestant)

    def _read(self, store: FloatArray, contestant: str) -> FloatArray:
        view = store[: self._computed + 1, self._index(contestant)]
        view.flags.writeable = False
        return view

    def logits(self, contestant: str, epoch: int) -> FloatArray:
        """Every data point's logits at ``epoch``: (n, K)."""
        return forward(self.weights(contestant, epoch), self.model, self.data.x)


class RunCache:
    """The last few runs, by the settings that make them: returning to one is free."""

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._runs: OrderedDict[tuple[Any, ...], TrainRun] = OrderedDict()

    def run(self, settings: TrainSettings) -> TrainRun:
        key = settings.run_key()
        run = self._runs.get(key)
        if run is None:
            run = TrainRun(settings)
            self._runs[key] = run
            while len(self._runs) > self._size:
                self._runs.popitem(last=False)
        self._runs.move_to_end(key)
        return run


# --- what the view shows -----------------------------------------------------------------------
@dataclass(frozen=True)
class RegionGrid:
    """``size`` × ``size`` cell centres over ``[lo, hi]²``."""

    lo: float = -BOX
    hi: float = BOX
    size: int = REGION_SIZE

    @cached_property
    def centres(self) -> FloatArray:
        step = (self.hi - self.lo) / self.size
        return np.asarray(self.lo + step * (np.arange(self.size) + 0.5), dtype=np.float64)

    @cached_property
    def points(self) -> FloatArray:
        """(size², 2), row-major with y slowest: row 0 of an image is the lowest y."""
        gx, gy = np.meshgrid(self.centres, self.centres)
        return np.column_stack([gx.ravel(), gy.ravel()])


DEFAULT_GRID = RegionGrid()


@dataclass(frozen=True, eq=False)
class Region:
    """A network's decision regions: the predicted class and its probability on every cell
    (rows from the lowest y up), over the grid's box."""

    classes: IntArray  # (size, size)
    confidence: NDArray[np.float32]  # (size, size), in [1/K, 1]
    k: int
    grid: RegionGrid


def _grid_logits(weights: Weights, model: str, grid: RegionGrid) -> NDArray[np.float32]:
    """The logits on every cell, class-first (K, size, size), in float32: a picture needs no
    more, and it halves the cost of the hidden layer's 16 × 150² tanh. The grid is a product
    of two axes, so the first layer is an outer sum of its two columns, and the class-first
    layout makes every reduction over K an operation on whole contiguous planes."""
    _check_weights(weights, model)
    f32 = np.float32
    c = grid.centres.astype(f32)
    w, b = (np.asarray(a, dtype=f32) for a in weights[:2])
    # pre[j, iy, ix] = c[ix] w[0, j] + c[iy] w[1, j] + b[j], built in one buffer that the
    # hidden layer's tanh then overwrites (a fresh 16 × 150² array per step cost more than
    # the arithmetic).
    pre = np.empty((w.shape[1], grid.size, grid.size), dtype=f32)
    np.add(
        w[1][:, None, None] * c[None, :, None],
        (w[0][:, None] * c[None, :] + b[:, None])[:, None, :],
        out=pre,
    )
    if model == "linear":
        return pre
    w2, b2 = (np.asarray(a, dtype=f32) for a in weights[2:])
    h = np.tanh(pre, out=pre)
    # einsum's own loop, not BLAS: OpenBLAS wakes its threads for a product this size, which
    # on a busy machine cost more than the product.
    return np.einsum("jk,jyx->kyx", w2, h) + b2[:, None, None]


def region_image(weights: Weights, model: str, grid: RegionGrid = DEFAULT_GRID) -> Region:
    """Predicted class and confidence (the largest softmax probability) on ``grid``: the
    first of equal logits wins, as ``np.argmax``."""
    z = _grid_logits(weights, model, grid)
    top = z[0].copy()
    classes = np.zeros(top.shape, dtype=np.int64)
    for k in range(1, z.shape[0]):
        better = z[k] > top
        classes[better] = k
        np.maximum(top, z[k], out=top)
    # Floored at -80 (exp(-80) is still a normal float32): a saturated network's far-off
    # classes would otherwise give subnormals, which the CPU computes many times slower.
    confidence = 1.0 / np.exp(np.maximum(z - top, -80.0, dtype=np.float32)).sum(axis=0)
    return Region(classes, confidence, z.shape[0], grid)


@dataclass(frozen=True, eq=False)
class TrainCurves:
    """A run's data and curves for the view: the points, and each contestant's loss and
    accuracy at epochs 0…computed (the x axis runs to ``max_epochs``)."""

    points: FloatArray
    labels: IntArray
    k: int
    box: tuple[float, float]
    max_epochs: int
    ce_loss: FloatArray
    mse_loss: FloatArray
    ce_accuracy: FloatArray
    mse_accuracy: FloatArray

    @property
    def computed(self) -> int:
        return len(self.ce_loss) - 1


@dataclass(frozen=True, eq=False)
class TrainFrame:
    """One epoch as the view shows it."""

    epoch: int
    ce_region: Region
    mse_region: Region
    ce_loss: float
    mse_loss: float
    ce_accuracy: float
    mse_accuracy: float


def run_curves(run: TrainRun, max_epochs: int) -> TrainCurves:
    """The curves as far as ``run`` has been computed (``run.extend_to`` first for more), and
    no further than ``max_epochs`` (a cached run may have been computed further)."""
    n = min(run.computed, int(max_epochs)) + 1
    return TrainCurves(
        run.data.x,
        run.data.y,
        run.k,
        (-BOX, BOX),
        int(max_epochs),
        run.loss("ce")[:n],
        run.loss("mse")[:n],
        run.accuracy("ce")[:n],
        run.accuracy("mse")[:n],
    )


def epoch_frame(run: TrainRun, epoch: int, grid: RegionGrid = DEFAULT_GRID) -> TrainFrame:
    """Both contestants' regions and numbers at ``epoch`` (computing up to it if need be)."""
    run.extend_to(epoch)
    return TrainFrame(
        epoch,
        region_image(run.weights("ce", epoch), run.model, grid),
        region_image(run.weights("mse", epoch), run.model, grid),
        float(run.loss("ce")[epoch]),
        float(run.loss("mse")[epoch]),
        float(run.accuracy("ce")[epoch]),
        float(run.accuracy("mse")[epoch]),
    )
