"""The drawing work of descent-benchmarks, in Matplotlib: the same loss figure (3 runs × 1000
points) and contour figure (200 × 200 Rosenbrock grid, 3 paths of 2000 points), rendered to
PNG at the same pixel size (640 × 380 and 640 × 460 points at 144 dpi, i.e. 2×)."""
import io

import matplotlib

from common import best_of, report

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import LogNorm  # noqa: E402


steps = np.arange(1000)
curves = [np.exp(-steps * 0.004 * (run + 1)) * (1 + 0.1 * np.sin(steps * 0.7)) for run in range(3)]


def loss_figure():
    figure, axes = plt.subplots(figsize=(640 / 72, 380 / 72), dpi=144)
    for run, curve in enumerate(curves):
        axes.plot(steps, curve, label=f"run {run + 1}")
    axes.set_yscale("log")
    axes.set_xlabel("Epoch")
    axes.set_ylabel("Loss (log scale)")
    axes.legend(loc="best")
    figure.savefig(io.BytesIO(), format="png")
    plt.close(figure)


xs = np.linspace(-2, 2, 200)
ys = np.linspace(-1, 3, 200)
X, Y = np.meshgrid(xs, ys)
Z = (1 - X) ** 2 + 100 * (Y - X * X) ** 2


def path(learning_rate, momentum=0.8, steps=2000):
    x, y, vx, vy = -1.5, 2.0, 0.0, 0.0
    points = [(x, y)]
    for _ in range(steps):
        gx = -2 * (1 - x) - 400 * x * (y - x * x)
        gy = 200 * (y - x * x)
        vx, vy = momentum * vx + gx, momentum * vy + gy
        x, y = x - learning_rate * vx, y - learning_rate * vy
        points.append((x, y))
    return np.array(points)


paths = [path(lr) for lr in (0.0005, 0.001, 0.0015)]
levels = np.logspace(-2, 4, 13)


def contour_figure():
    figure, axes = plt.subplots(figsize=(640 / 72, 460 / 72), dpi=144)
    filled = axes.contourf(X, Y, Z, levels=levels, norm=LogNorm(), cmap="viridis")
    axes.contour(X, Y, Z, levels=levels, colors="white", linewidths=0.6, alpha=0.45)
    for index, points in enumerate(paths):
        axes.plot(points[:, 0], points[:, 1], label=f"run {index + 1}")
    figure.colorbar(filled, label="Loss")
    axes.legend(loc="best")
    figure.savefig(io.BytesIO(), format="png")
    plt.close(figure)


report("matplotlib loss figure, 3 runs × 1000 points, 2×", best_of(loss_figure) * 1e3, "ms")
report("matplotlib contour figure, 200×200 grid, 3 paths, 2×", best_of(contour_figure) * 1e3, "ms")
