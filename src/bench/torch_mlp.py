"""PyTorch baseline for `npm run bench`: the same MLP step groklab runs, on the same data.

Usage: torch_mlp.py DATA THREADS SECONDS [EMBED HIDDEN LR WEIGHT_DECAY BETA2 SHARED]
DATA holds int32 x, y, labels (written by groklab). SHARED=1 uses one embedding table for both
operands (groklab's MLP model); 0 uses one per operand (the engine benchmark's model). Trains for
a fixed wall-clock budget and prints one JSON line.
"""
import json
import sys
import time

import numpy as np
import torch

P = 97


class Mlp(torch.nn.Module):
    def __init__(self, embed, hidden, shared):
        super().__init__()
        self.ex = torch.nn.Embedding(P, embed)
        self.ey = self.ex if shared else torch.nn.Embedding(P, embed)
        self.l1 = torch.nn.Linear(2 * embed, hidden)
        self.l2 = torch.nn.Linear(hidden, P)

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
    embed, hidden, lr, wd, beta2, shared = sys.argv[4:10] or ["128", "512", "1e-3", "1", "0.999", "0"]
    embed, hidden, lr, wd, beta2, shared = int(embed), int(hidden), float(lr), float(wd), float(beta2), shared == "1"
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    arr = np.fromfile(data_path, dtype=np.int32).reshape(3, -1)
    x, y, labels = (torch.from_numpy(a.astype(np.int64)) for a in arr)
    model = Mlp(embed, hidden, shared)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd, betas=(0.9, beta2))

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
