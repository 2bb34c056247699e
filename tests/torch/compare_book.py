#!/usr/bin/python3
"""For each seed, how many of the 204 lines of

    mlpviz --headless --dataset xor --layers 8,4 --activation relu \\
        --output sigmoid --loss bce --optimizer sgd --lr 0.1 --epochs 2000 \\
        --batch full --rng torch --seed S

equal the book's XOR script with torch.manual_seed(S) added, run in float64
from its float32 initial weights, and run as printed (float32 throughout).
Needs Debian's python3-torch:

    /usr/bin/python3 tests/torch/compare_book.py build/mlpviz 0 19
"""
import os
import subprocess
import sys

import torch

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_seeded import XORMLP, book_xor_log  # noqa: E402


def book_float32_log(seed):
    """The book's script as printed (apart from its forward's indentation)."""
    torch.manual_seed(seed)
    model = XORMLP()
    criterion = torch.nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    lines = []
    epochs = 2000
    for epoch in range(epochs):
        output = model(X)
        loss = criterion(output, Y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if (epoch + 1) % 10 == 0:
            lines.append(f'Epoch [{epoch+1}/{epochs}], Loss: {loss.item():.4f}')
    with torch.no_grad():
        for i, sample in enumerate(X):
            output = model(sample)
            lines.append(f'Input: {sample.tolist()}, Output: '
                         f'{output.item():.4f}, Expected: {Y[i].item()}')
    return lines


def main():
    mlpviz = sys.argv[1] if len(sys.argv) > 1 else "build/mlpviz"
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    last = int(sys.argv[3]) if len(sys.argv) > 3 else 19
    total64 = total32 = 0
    print("seed  lines  =float64  =float32")
    for seed in range(first, last + 1):
        run = subprocess.run(
            [mlpviz, "--headless", "--dataset", "xor", "--layers", "8,4",
             "--activation", "relu", "--output", "sigmoid", "--loss", "bce",
             "--optimizer", "sgd", "--lr", "0.1", "--epochs", "2000",
             "--batch", "full", "--rng", "torch", "--seed", str(seed)],
            check=True, capture_output=True, text=True)
        ours = run.stdout.splitlines()
        f64 = book_xor_log(seed)
        f32 = book_float32_log(seed)
        n64 = sum(a == b for a, b in zip(ours, f64)) if len(ours) == len(f64) else 0
        n32 = sum(a == b for a, b in zip(ours, f32)) if len(ours) == len(f32) else 0
        total64 += n64
        total32 += n32
        print("%4d  %5d  %8d  %8d" % (seed, len(ours), n64, n32))
    n = last - first + 1
    print("all   %5d  %8d  %8d" % (204 * n, total64, total32))


if __name__ == "__main__":
    main()
