"""Writes benchmarks/peer/peer.ipynb, the NumPy + Matplotlib notebook that does the work of
benchmarks/peer/lessons/01-twenty-thousand-points.md: the notebook a course author would write
instead of the lesson. The cells live here so that they can be read and edited as Python; run
`python3 benchmarks/peer/make_notebook.py` after changing them and commit both files.

Same work as the lesson: the same dataset sizes (moons, 20,000 samples; moons, 2,000 samples
with a fifth held out), the same models (logistic regression; a 2-16-16-1 tanh network), the same
epochs, batch sizes, optimizers and learning rates, a 200 × 200 loss grid over all 20,000
samples, and four figures saved as PNG at the pixel size of the lesson's 2× desktop images.
NumPy is used as its documentation teaches: whole-array operations wherever the algorithm allows,
a Python loop only over the updates of a run and the rows of the grid.
"""
import json
from pathlib import Path

CELLS = [
    ("markdown", """\
# Twenty thousand points

The notebook a course author would write for the lesson
`benchmarks/peer/lessons/01-twenty-thousand-points.md`: a batch-size sweep of logistic regression
on 20,000 samples, its loss surface on a 200 × 200 grid, and three optimizers on a small network,
in NumPy and Matplotlib. `benchmarks/peer/compare.py` runs it with
`jupyter nbconvert --to notebook --execute` beside `descent build` of the lesson."""),
    ("code", """\
import os
import resource
import time

import matplotlib.pyplot as plt
import numpy as np

FIGURES = "figures"  # the PNGs are written here, as the lesson's are written to output/figures/
DPI = 200            # at 200 dpi a 6.4 × 4.6 inch figure is 1280 × 920 pixels, the lesson's 2× image
os.makedirs(FIGURES, exist_ok=True)


def make_moons(n, noise, rng):
    \"\"\"Two interleaving half circles with Gaussian noise, shuffled (as scikit-learn's).\"\"\"
    outer, inner = n - n // 2, n // 2
    t_outer, t_inner = np.linspace(0, np.pi, outer), np.linspace(0, np.pi, inner)
    X = np.vstack([np.column_stack([np.cos(t_outer), np.sin(t_outer)]),
                   np.column_stack([1 - np.cos(t_inner), 0.5 - np.sin(t_inner)])])
    y = np.concatenate([np.zeros(outer), np.ones(inner)])
    X += rng.normal(scale=noise, size=X.shape)
    order = rng.permutation(n)
    return X[order], y[order]


def bce_from_logits(z, y, axis=None):
    \"\"\"Mean binary cross-entropy of logits z against labels y, stable for large |z|.\"\"\"
    return np.mean(np.logaddexp(0, z) - y * z, axis=axis)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def save(fig, name):
    \"\"\"Writes the figure as FIGURES/name.png and shows it in the notebook.\"\"\"
    fig.savefig(f"{FIGURES}/{name}.png", dpi=DPI)
    plt.show()"""),
    ("markdown", """\
## Batch size on 20,000 points

Logistic regression, gradient descent with η = 0.2 for five epochs, at batch sizes 1, 10, 100,
1000 and the full 20,000. Every epoch reshuffles and visits every sample once."""),
    ("code", """\
rng = np.random.default_rng(11)
X, y = make_moons(20_000, 0.2, rng)
N = len(y)


def train_logistic(batch, lr, epochs, rng):
    w, b = np.zeros(2), 0.0
    epoch_losses = [bce_from_logits(X @ w + b, y)]
    path = [(w[0], w[1], b)]
    start = time.perf_counter()
    for epoch in range(epochs):
        order = rng.permutation(N)
        for first in range(0, N, batch):
            rows = order[first:first + batch]
            Xb, yb = X[rows], y[rows]
            error = sigmoid(Xb @ w + b) - yb
            w = w - lr * (Xb.T @ error) / len(rows)
            b = b - lr * error.mean()
            path.append((w[0], w[1], b))
        epoch_losses.append(bce_from_logits(X @ w + b, y))
    seconds = time.perf_counter() - start
    return {"losses": np.array(epoch_losses), "path": np.array(path), "seconds": seconds,
            "updates": epochs * -(-N // batch), "w": w, "b": b}


EPOCHS = 5
BATCHES = [1, 10, 100, 1000, N]
sweep_start = time.perf_counter()
runs = {batch: train_logistic(batch, 0.2, EPOCHS, np.random.default_rng(1)) for batch in BATCHES}
print(f"batch-size sweep: {time.perf_counter() - sweep_start:.3f} s")
for batch, run in runs.items():
    print(f"batch {batch:>6}: final loss {run['losses'][-1]:.4f}, {run['updates']:>6} updates, "
          f"{run['seconds']:.3f} s")"""),
    ("code", """\
def label(batch):
    return "full batch" if batch == N else f"batch {batch}"


fig, axes = plt.subplots(2, 2, figsize=(7.6, 5.6), constrained_layout=True)
for batch, run in runs.items():
    epochs = np.arange(EPOCHS + 1)
    axes[0, 0].plot(epochs, run["losses"], label=label(batch))
    updates_per_epoch = run["updates"] // EPOCHS
    axes[0, 1].plot(epochs[1:] * updates_per_epoch, run["losses"][1:])
axes[0, 0].set(title="Loss per epoch", xlabel="Epoch", ylabel="Cross-entropy", yscale="log")
axes[0, 1].set(title="Loss per update", xlabel="Updates", ylabel="Cross-entropy", xscale="log", yscale="log")
axes[1, 0].bar([label(batch).replace("batch ", "") for batch in BATCHES],
               [runs[batch]["seconds"] / EPOCHS for batch in BATCHES])
axes[1, 0].set(title="Time per epoch", xlabel="Batch size", ylabel="Seconds")
axes[1, 1].plot(BATCHES, [runs[batch]["losses"][-1] for batch in BATCHES], marker="o")
axes[1, 1].set(title="Final loss", xlabel="Batch size", ylabel="Cross-entropy", xscale="log", yscale="log")
axes[0, 0].legend(fontsize="small")
for ax in axes.flat:
    ax.grid(alpha=0.3)
save(fig, "sizes-1")"""),
    ("markdown", """\
## The loss surface

The cross-entropy over the 20,000 samples on a 200 × 200 grid of $(w_1, b)$, $w_2$ held at the
batch-1 run's final value, over the span of every run's path with a fifth added on each side."""),
    ("code", """\
paths = [run["path"] for run in runs.values()]
all_points = np.vstack(paths)
w2 = runs[1]["w"][1]


def span(values):
    low, high = values.min(), values.max()
    pad = (high - low) / 5
    return low - pad, high + pad


w1_values = np.linspace(*span(all_points[:, 0]), 200)
b_values = np.linspace(*span(all_points[:, 2]), 200)
grid_start = time.perf_counter()
grid = np.empty((len(b_values), len(w1_values)))
for row, b in enumerate(b_values):
    z = np.outer(w1_values, X[:, 0]) + (X[:, 1] * w2 + b)  # 200 grid points × 20,000 samples
    grid[row] = bce_from_logits(z, y, axis=1)
print(f"loss grid: 200 × 200 over {N} samples in {time.perf_counter() - grid_start:.3f} s")"""),
    ("code", """\
fig, ax = plt.subplots(figsize=(6.4, 4.6), constrained_layout=True)
filled = ax.contourf(w1_values, b_values, grid, levels=12, cmap="viridis")
ax.contour(w1_values, b_values, grid, levels=filled.levels, colors="white", linewidths=0.4, alpha=0.6)
fig.colorbar(filled, ax=ax, label="Cross-entropy")
for batch, path in zip(BATCHES, paths):
    line, = ax.plot(path[:, 0], path[:, 2], linewidth=1.2, label=label(batch))
    ax.plot(path[0, 0], path[0, 2], "o", color=line.get_color(), markerfacecolor="white")
    ax.plot(path[-1, 0], path[-1, 2], "o", color=line.get_color(), markeredgecolor="white")
ax.set(xlabel="$w_1$", ylabel="$b$")
ax.legend(loc="upper left", fontsize="small")
save(fig, "sizes-2")"""),
    ("markdown", """\
## Three optimizers on a small network

A 2-16-16-1 network with tanh hidden units and a sigmoid output on 2,000 moons samples, 400 of
them held out, trained for 40 epochs in batches of 32 with momentum, RMSprop and Adam (the
update rules of `torch.optim`)."""),
    ("code", """\
rng = np.random.default_rng(11)
Xm, ym = make_moons(2_000, 0.2, rng)
X_train, y_train, X_val, y_val = Xm[:1600], ym[:1600], Xm[1600:], ym[1600:]


def init_network(sizes, rng):
    \"\"\"Weights from N(0, 1/fan-in), biases zero: [W1, b1, W2, b2, W3, b3].\"\"\"
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        params += [rng.normal(0, 1 / np.sqrt(fan_in), (fan_in, fan_out)), np.zeros(fan_out)]
    return params


def logits(params, X):
    h = X
    for W, b in zip(params[0:-2:2], params[1:-2:2]):
        h = np.tanh(h @ W + b)
    return (h @ params[-2] + params[-1])[:, 0]


def loss_and_gradient(params, X, y):
    activations = [X]
    for W, b in zip(params[0:-2:2], params[1:-2:2]):
        activations.append(np.tanh(activations[-1] @ W + b))
    z = (activations[-1] @ params[-2] + params[-1])[:, 0]
    delta = ((sigmoid(z) - y) / len(y))[:, None]
    grads = [None] * len(params)
    for layer in reversed(range(len(params) // 2)):
        a = activations[layer]
        grads[2 * layer], grads[2 * layer + 1] = a.T @ delta, delta.sum(axis=0)
        if layer > 0:
            delta = (delta @ params[2 * layer].T) * (1 - a ** 2)
    return bce_from_logits(z, y), grads


def momentum(lr, mu=0.9):
    buffers = None
    def step(params, grads):
        nonlocal buffers
        buffers = [g.copy() for g in grads] if buffers is None else [mu * v + g for v, g in zip(buffers, grads)]
        return [p - lr * v for p, v in zip(params, buffers)]
    return step


def rmsprop(lr, alpha=0.99, eps=1e-8):
    squares = None
    def step(params, grads):
        nonlocal squares
        squares = [alpha * s + (1 - alpha) * g * g for s, g in zip(squares or [0] * len(grads), grads)]
        return [p - lr * g / (np.sqrt(s) + eps) for p, g, s in zip(params, grads, squares)]
    return step


def adam(lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = v = None
    t = 0
    def step(params, grads):
        nonlocal m, v, t
        t += 1
        m = [beta1 * a + (1 - beta1) * g for a, g in zip(m or [0] * len(grads), grads)]
        v = [beta2 * a + (1 - beta2) * g * g for a, g in zip(v or [0] * len(grads), grads)]
        return [p - lr * (a / (1 - beta1 ** t)) / (np.sqrt(b / (1 - beta2 ** t)) + eps)
                for p, a, b in zip(params, m, v)]
    return step


def train_network(rule, epochs, batch, rng):
    params = init_network([2, 16, 16, 1], np.random.default_rng(2))
    train_losses = [bce_from_logits(logits(params, X_train), y_train)]
    val_losses = [bce_from_logits(logits(params, X_val), y_val)]
    gradient_norms = []
    for epoch in range(epochs):
        order = rng.permutation(len(y_train))
        for first in range(0, len(order), batch):
            rows = order[first:first + batch]
            _, grads = loss_and_gradient(params, X_train[rows], y_train[rows])
            gradient_norms.append(np.sqrt(sum(np.sum(g * g) for g in grads)))
            params = rule(params, grads)
        train_losses.append(bce_from_logits(logits(params, X_train), y_train))
        val_losses.append(bce_from_logits(logits(params, X_val), y_val))
    accuracy = np.mean((logits(params, X_train) > 0) == y_train)
    return {"train": np.array(train_losses), "val": np.array(val_losses),
            "norms": np.array(gradient_norms), "accuracy": accuracy}


network_start = time.perf_counter()
optimizers = {"Momentum": momentum(0.05, 0.9), "RMSprop": rmsprop(0.003), "Adam": adam(0.01)}
networks = {name: train_network(rule, 40, 32, np.random.default_rng(2)) for name, rule in optimizers.items()}
print(f"three optimizers: {time.perf_counter() - network_start:.3f} s")
for name, run in networks.items():
    print(f"{name:>8}: final loss {run['train'][-1]:.4f}, validation {run['val'][-1]:.4f}, "
          f"accuracy {run['accuracy']:.1%}")"""),
    ("code", """\
fig, ax = plt.subplots(figsize=(6.4, 3.8), constrained_layout=True)
for name, run in networks.items():
    line, = ax.plot(run["train"], label=name)
    ax.plot(run["val"], "--", color=line.get_color(), label=f"{name}, validation")
ax.set(xlabel="Epoch", ylabel="Cross-entropy (log scale)", yscale="log")
ax.grid(alpha=0.3)
ax.legend(fontsize="small", ncols=3)
save(fig, "optimizers-1")"""),
    ("code", """\
def smoothed(values, weight=0.9):
    \"\"\"An exponential moving average, bias-corrected as TensorBoard's.\"\"\"
    out, average = np.empty_like(values), 0.0
    for i, value in enumerate(values):
        average = weight * average + (1 - weight) * value
        out[i] = average / (1 - weight ** (i + 1))
    return out


fig, ax = plt.subplots(figsize=(6.4, 3.8), constrained_layout=True)
for name, run in networks.items():
    line, = ax.plot(run["norms"], alpha=0.25, linewidth=0.8)
    ax.plot(smoothed(run["norms"]), color=line.get_color(), label=name)
ax.set(xlabel="Update step", ylabel="Gradient norm (log scale)", yscale="log")
ax.grid(alpha=0.3, which="both")
ax.legend(loc="lower left")
save(fig, "optimizers-2")"""),
    ("code", """\
print(f"peak resident memory of the kernel: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} KB")"""),
]


def notebook(cells):
    def cell(number, kind, source):
        lines = source.splitlines(keepends=True)
        if kind == "markdown":
            return {"cell_type": "markdown", "id": f"cell-{number}", "metadata": {}, "source": lines}
        return {"cell_type": "code", "execution_count": None, "id": f"cell-{number}", "metadata": {},
                "outputs": [], "source": lines}
    return {
        "cells": [cell(number, kind, source) for number, (kind, source) in enumerate(cells, 1)],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


if __name__ == "__main__":
    path = Path(__file__).with_name("peer.ipynb")
    path.write_text(json.dumps(notebook(CELLS), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")
