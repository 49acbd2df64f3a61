"""Sparse-recovery subgradient steps (n 100, N 30) in numpy (and PyTorch) for `npm run bench`:
the loop of the authors' code, a <- a - alpha * (X^T (X a - y) + beta * sign(a)), one run at a
time. Prints one JSON line: steps/s of one run, and member-steps/s of the 36-point alpha x beta
grid run sequentially."""
import json
import sys
import time

import numpy as np

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rng = np.random.default_rng(0)
n, N, s = 100, 30, 5
X = rng.normal(0, 1 / np.sqrt(N), (N, n))
a_star = np.zeros(n)
a_star[rng.choice(n, s, replace=False)] = rng.normal(0, 1 / np.sqrt(n), s)
y = X @ a_star


def run(alpha, beta, k):
    a = np.ones(n) * 1e-6
    for _ in range(k):
        a = a - alpha * (X.T @ (X @ a - y) + beta * np.sign(a))
    return a


run(0.1, 1e-5, 1000)
t = time.perf_counter()
run(0.1, 1e-5, steps)
single = steps / (time.perf_counter() - t)

grid = [(al, be) for al in [0.005, 0.01, 0.0275, 0.055, 0.0825, 0.1] for be in [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1]]
per = max(1, steps // 10)
t = time.perf_counter()
for al, be in grid:
    run(al, be, per)
sequential = len(grid) * per / (time.perf_counter() - t)

out = {"numpy_steps_per_s": single, "numpy_sequential_member_steps_per_s": sequential}
try:
    import torch

    torch.set_num_threads(1)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    a = torch.ones(n, dtype=torch.float64) * 1e-6
    for _ in range(1000):
        a = a - 0.1 * (Xt.T @ (Xt @ a - yt) + 1e-5 * torch.sign(a))
    t = time.perf_counter()
    for _ in range(steps):
        a = a - 0.1 * (Xt.T @ (Xt @ a - yt) + 1e-5 * torch.sign(a))
    out["torch_steps_per_s"] = steps / (time.perf_counter() - t)
except ImportError:
    pass
print(json.dumps(out))
