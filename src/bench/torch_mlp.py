"""PyTorch baseline for `npm run bench`: the mod-97 MLP step, same model, data and optimizer.

Reads the pairs and labels that groklab wrote (int32 binary files), trains for a fixed wall-clock
budget, and prints one JSON line: {"threads", "steps_per_s", "loss0", "blas"}.
"""
import json
import sys
import time

import numpy as np
import torch

P, EMBED, HIDDEN = 97, 128, 512


class Mlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.ex = torch.nn.Embedding(P, EMBED)
        self.ey = torch.nn.Embedding(P, EMBED)
        self.l1 = torch.nn.Linear(2 * EMBED, HIDDEN)
        self.l2 = torch.nn.Linear(HIDDEN, P)

    def forward(self, x, y):
        h = torch.relu(self.l1(torch.cat([self.ex(x), self.ey(y)], dim=1)))
        return self.l2(h)


def blas_library():
    """The BLAS shared library this process actually mapped (OpenBLAS or the reference one)."""
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return sorted(names)


def main():
    data_path, threads, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    arr = np.fromfile(data_path, dtype=np.int32).reshape(3, -1)
    x, y, labels = (torch.from_numpy(a.astype(np.int64)) for a in arr)
    model = Mlp()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1.0)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(x, y), labels)
        loss.backward()
        opt.step()
        return loss.item()

    loss0 = step()
    for _ in range(3):
        step()
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds or steps < 5:
        step()
        steps += 1
    rate = steps / (time.perf_counter() - start)
    a, b = torch.randn(4704, 256), torch.randn(256, 512)
    for _ in range(3):
        a @ b
    reps, start = 0, time.perf_counter()
    while time.perf_counter() - start < 1.0:
        a @ b
        reps += 1
    gflops = 2 * 4704 * 256 * 512 * reps / (time.perf_counter() - start) / 1e9
    print(json.dumps({"threads": threads, "steps_per_s": rate, "loss0": loss0, "gemm_gflops_4704x256x512": gflops,
                      "torch": torch.__version__, "blas": blas_library()}))


if __name__ == "__main__":
    main()
