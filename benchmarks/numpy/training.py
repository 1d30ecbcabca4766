"""The training work of descent-benchmarks, in NumPy, so that `make bench` measures the
ratio on the same machine in the same run. Same data sizes, batch sizes and repetitions."""
import numpy as np

from common import best_of, report


rng = np.random.default_rng(1)
samples = 4096
# Two interleaving half-moons with noise 0.2, like Descent's `moons`.
angles = rng.uniform(0, np.pi, samples)
labels = (np.arange(samples) % 2).astype(float)
X = np.where(labels[:, None] == 0,
             np.stack([np.cos(angles), np.sin(angles)], 1),
             np.stack([1 - np.cos(angles), 0.5 - np.sin(angles)], 1))
X += rng.normal(0, 0.2, X.shape)
y = labels


def logistic_pass(w, b, batch):
    total = 0.0
    for start in range(0, samples, batch):
        xb, yb = X[start:start + batch], y[start:start + batch]
        z = xb @ w + b
        e = np.exp(-np.abs(z))
        p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        total += np.mean(np.log1p(e) + np.maximum(z, 0) - yb * z)
        delta = (p - yb) / len(yb)
        _ = xb.T @ delta, delta.sum()
    return total


passes = 50
w = np.array([0.3, -0.2])
seconds = best_of(lambda: [logistic_pass(w, 0.1, 256) for _ in range(passes)])
report("numpy logistic, 2 features, batch 256: per sample-gradient", seconds / (passes * samples) * 1e9, "ns")

widths = [2, 16, 16, 1]
weights = [rng.normal(0, 1 / np.sqrt(widths[i]), (widths[i + 1], widths[i])) for i in range(3)]
biases = [np.zeros(widths[i + 1]) for i in range(3)]


def mlp_pass(batch):
    for start in range(0, samples, batch):
        xb, yb = X[start:start + batch], y[start:start + batch]
        activations = [xb]
        for layer in range(3):
            z = activations[-1] @ weights[layer].T + biases[layer]
            activations.append(z if layer == 2 else np.tanh(z))
        logit = activations[-1][:, 0]
        e = np.exp(-np.abs(logit))
        p = np.where(logit >= 0, 1 / (1 + e), e / (1 + e))
        _ = np.mean(np.log1p(e) + np.maximum(logit, 0) - yb * logit)
        delta = ((p - yb) / len(yb))[:, None]
        for layer in (2, 1, 0):
            _ = delta.T @ activations[layer], delta.sum(0)
            if layer > 0:
                delta = (delta @ weights[layer]) * (1 - activations[layer] ** 2)


passes = 5
seconds = best_of(lambda: [mlp_pass(64) for _ in range(passes)])
report("numpy mlp 2-16-16-1 tanh, batch 64: per sample-gradient", seconds / (passes * samples) * 1e6, "µs")
