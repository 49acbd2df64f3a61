"""PyTorch baseline for imdb-lstm.ts: the omnigrok-imdb step at the paper's size on the same
synthetic token rows (batch 50 x 500 tokens, Embedding(1001, 64) -> LSTM 256 x 2 -> 1 logit on
the final hidden state, BCE, clip_grad_norm_(5), AdamW lr 3e-4 wd 1), float32.

Usage: torch_imdb_lstm.py THREADS STEPS. Prints one JSON line.
"""
import json
import sys
import time

import torch

L, ROWS, BATCH = 500, 750, 50


class Classifier(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(1001, 64)
        self.lstm = torch.nn.LSTM(64, 256, num_layers=2, batch_first=True)
        self.out = torch.nn.Linear(256, 1)

    def forward(self, tokens):
        _, (h, _) = self.lstm(self.embed(tokens))
        return self.out(h[-1]).squeeze(1)


def main():
    threads, steps = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    # The rows of imdb-lstm.ts: left-padded with 0, 20-250 words each.
    tokens = torch.zeros(ROWS, L, dtype=torch.long)
    for r in range(ROWS):
        words = 20 + (r * 7919) % 231
        for t in range(L - words, L):
            tokens[r, t] = 1 + (r * 31 + t * 17) % 1000
    labels = torch.tensor([float(i % 2) for i in range(ROWS)])
    model = Classifier()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1.0)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def step(s):
        idx = torch.arange(s * BATCH, (s + 1) * BATCH) % ROWS
        opt.zero_grad()
        loss = loss_fn(model(tokens[idx]), labels[idx])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()

    step(0)  # warm-up
    t0, cpu0 = time.perf_counter(), time.process_time()
    for s in range(1, steps + 1):
        step(s)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    print(json.dumps({"torch": torch.__version__, "threads": threads, "steps": steps, "steps_per_s": steps / wall, "cpu_s_per_step": cpu / steps}))


if __name__ == "__main__":
    main()
