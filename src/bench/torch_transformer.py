"""PyTorch baseline for `npm run bench`: the one-layer transformer of Nanda et al. 2023 on the
training set groklab uses (d_model 128, 4 heads, d_mlp 512, no LayerNorm, p = 113), full batch,
AdamW lr 1e-3, weight decay 1, betas (0.9, 0.98).

Usage: torch_transformer.py DATA THREADS SECONDS LAST_ONLY
DATA holds int32 [count, 3] token rows then count labels (written by groklab). LAST_ONLY=1 computes
the block at the read-out position only, as groklab does (the same logits for a third less work);
0 computes every position, as Nanda et al.'s code does. Prints one JSON line.
"""
import json
import math
import sys
import time

import numpy as np
import torch

P, D, HEADS, D_MLP, T = 113, 128, 4, 512, 3


class Transformer(torch.nn.Module):
    def __init__(self, last_only):
        super().__init__()
        self.last_only = last_only
        normal = lambda *shape, std=1 / math.sqrt(D): torch.nn.Parameter(torch.randn(*shape) * std)
        self.embed, self.pos = normal(P + 1, D), normal(T, D)
        self.wq, self.wk, self.wv, self.wo = normal(D, D), normal(D, D), normal(D, D), normal(D, D)
        self.win, self.bin = normal(D, D_MLP), torch.nn.Parameter(torch.zeros(D_MLP))
        self.wout, self.bout = normal(D_MLP, D), torch.nn.Parameter(torch.zeros(D))
        self.unembed = normal(D, P, std=1 / math.sqrt(P + 1))
        self.register_buffer("mask", torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1))

    def forward(self, tokens):
        n = tokens.shape[0]
        x = self.embed[tokens] + self.pos
        split = lambda h: h.view(n, -1, HEADS, D // HEADS).transpose(1, 2)
        queries = x[:, -1:] if self.last_only else x
        q, k, v = split(queries @ self.wq), split(x @ self.wk), split(x @ self.wv)
        scores = q @ k.transpose(-1, -2) / math.sqrt(D // HEADS)
        if not self.last_only:
            scores = scores.masked_fill(self.mask, float("-inf"))
        z = (scores.softmax(-1) @ v).transpose(1, 2).reshape(n, -1, D)
        x = (x[:, -1:] if self.last_only else x) + z @ self.wo
        x = x + torch.relu(x @ self.win + self.bin) @ self.wout + self.bout
        return x[:, -1] @ self.unembed


def main():
    data_path, threads, seconds, last_only = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    arr = np.fromfile(data_path, dtype=np.int32)
    count = arr.size // 4
    tokens = torch.from_numpy(arr[: 3 * count].reshape(count, 3).astype(np.int64))
    labels = torch.from_numpy(arr[3 * count :].astype(np.int64))
    model = Transformer(last_only)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1.0, betas=(0.9, 0.98))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(tokens), labels)
        loss.backward()
        opt.step()
        return loss.item()

    loss0 = step()
    for _ in range(2):
        step()
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds or steps < 3:
        step()
        steps += 1
    print(json.dumps({"threads": threads, "batch": count, "last_only": last_only, "steps_per_s": steps / (time.perf_counter() - start), "loss0": loss0}))


if __name__ == "__main__":
    main()
