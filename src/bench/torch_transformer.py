"""PyTorch baseline for `npm run bench`: the decoder transformer of a groklab preset on the training
set groklab uses. nanda-p113: one layer, d_model 128, 4 heads, d_mlp 512, no LayerNorm, full
batch. power-div97: two layers, LayerNorm before attention, before the MLP and before the
unembedding, causal mask, shuffled epochs of min(512, n/2) examples. AdamW with the preset's
betas, eps and weight decay, and its linear warm-up (step t has lr peak·min(t / warmup, 1)).

Usage: torch_transformer.py DATA THREADS SECONDS LAST_ONLY
DATA holds int32 [count, 3] token rows then count labels, and DATA.json the model, optimizer and
batch settings (both written by groklab's transformer-steps.js). LAST_ONLY=1 computes the last
block at the read-out position only, as groklab does (the same logits for less work); 0 computes
every position, as the papers' code does. Prints one JSON line.
"""
import json
import math
import sys
import time

import numpy as np
import torch


class Transformer(torch.nn.Module):
    def __init__(self, spec, seq_len, last_only):
        super().__init__()
        self.spec, self.last_only = spec, last_only
        d, d_mlp, vocab = spec["dModel"], spec["dMlp"], spec["vocab"]
        param = lambda x: torch.nn.Parameter(x)
        normal = lambda *shape, std=1 / math.sqrt(d): param(torch.randn(*shape) * std)
        self.embed, self.pos = normal(vocab, d), normal(seq_len, d)
        self.blocks = torch.nn.ModuleList()
        for _ in range(spec["layers"]):
            block = torch.nn.Module()
            block.wq, block.wk, block.wv, block.wo = normal(d, d), normal(d, d), normal(d, d), normal(d, d)
            block.win, block.bin = normal(d, d_mlp), param(torch.zeros(d_mlp))
            block.wout, block.bout = normal(d_mlp, d), param(torch.zeros(d))
            if spec["layerNorm"]:
                block.ln1 = torch.nn.LayerNorm(d)
                block.ln2 = torch.nn.LayerNorm(d)
            self.blocks.append(block)
        self.lnf = torch.nn.LayerNorm(d) if spec["layerNorm"] else torch.nn.Identity()
        self.unembed = normal(d, spec["outputs"], std=1 / math.sqrt(vocab))
        self.register_buffer("mask", torch.triu(torch.ones(seq_len, seq_len, dtype=torch.bool), diagonal=1))

    def forward(self, tokens):
        n, heads, d = tokens.shape[0], self.spec["heads"], self.spec["dModel"]
        norm = lambda block, name, x: getattr(block, name)(x) if self.spec["layerNorm"] else x
        split = lambda h: h.view(n, -1, heads, d // heads).transpose(1, 2)
        x = self.embed[tokens] + self.pos
        for index, block in enumerate(self.blocks):
            last = self.last_only and index == len(self.blocks) - 1
            h = norm(block, "ln1", x)
            queries = h[:, -1:] if last else h
            q, k, v = split(queries @ block.wq), split(h @ block.wk), split(h @ block.wv)
            scores = q @ k.transpose(-1, -2) / math.sqrt(d // heads)
            if self.spec["causal"] and not last:
                scores = scores.masked_fill(self.mask, float("-inf"))
            z = (scores.softmax(-1) @ v).transpose(1, 2).reshape(n, -1, d)
            x = (x[:, -1:] if last else x) + z @ block.wo
            x = x + torch.relu(norm(block, "ln2", x) @ block.win + block.bin) @ block.wout + block.bout
        return self.lnf(x[:, -1]) @ self.unembed


def main():
    data_path, threads, seconds, last_only = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
    with open(data_path + ".json") as f:
        spec = json.load(f)
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    arr = np.fromfile(data_path, dtype=np.int32)
    count = arr.size // 4
    tokens = torch.from_numpy(arr[: 3 * count].reshape(count, 3).astype(np.int64))
    labels = torch.from_numpy(arr[3 * count :].astype(np.int64))
    model = Transformer(spec, 3, last_only)
    opt = torch.optim.AdamW(model.parameters(), lr=spec["lr"], weight_decay=spec["weightDecay"], betas=tuple(spec["betas"]), eps=spec["eps"])
    batch, warmup = spec["batch"], spec["warmupSteps"]
    order, cursor, taken = torch.randperm(count), 0, 0

    def step():
        nonlocal order, cursor, taken
        # Shuffled epochs walked in consecutive batches, the last one smaller (DataLoader(shuffle=True)).
        if batch >= count:
            rows_tokens, rows_labels = tokens, labels
        else:
            if cursor >= count:
                order, cursor = torch.randperm(count), 0
            rows = order[cursor : cursor + batch]
            cursor += batch
            rows_tokens, rows_labels = tokens[rows], labels[rows]
        for group in opt.param_groups:
            group["lr"] = spec["lr"] * (min(taken / warmup, 1) if warmup else 1)
        taken += 1
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(rows_tokens), rows_labels)
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
    print(json.dumps({"threads": threads, "batch": batch, "last_only": last_only, "steps_per_s": steps / (time.perf_counter() - start), "loss0": loss0}))


if __name__ == "__main__":
    main()
