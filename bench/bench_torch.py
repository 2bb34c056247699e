#!/usr/bin/python3
"""bench_torch.py - the PyTorch contender of `make bench --torch`: the book's
XOR training loop as the book prints it, and the same loop on the benchmark's
1,000-point spiral (2-16-16-1 tanh, sigmoid output, BCE, SGD 0.05, shuffled
mini-batches of 10, 200 epochs). Each loop is timed inside Python with
time.perf_counter on one thread; the best of N is printed as
"NAME ms=... bce=... acc=... reps=N" for the C benchmark to read.

usage: bench_torch.py SPIRAL.csv [QUICK]"""
import io
import sys
import time

import torch
import torch.nn as nn
import torch.optim as optim

torch.set_num_threads(1)


class XORMLP(nn.Module):
    def __init__(self):
        super(XORMLP, self).__init__()
        self.hidden_one = nn.Linear(2, 8)
        self.hidden_two = nn.Linear(8, 4)
        self.output = nn.Linear(4, 1)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = self.relu(self.hidden_one(x))
        x = self.relu(self.hidden_two(x))
        x = torch.sigmoid(self.output(x))
        return x


class SpiralMLP(nn.Module):
    def __init__(self):
        super(SpiralMLP, self).__init__()
        self.hidden_one = nn.Linear(2, 16)
        self.hidden_two = nn.Linear(16, 16)
        self.output = nn.Linear(16, 1)

    def forward(self, x):
        x = torch.tanh(self.hidden_one(x))
        x = torch.tanh(self.hidden_two(x))
        return torch.sigmoid(self.output(x))


def final_measures(model, X, Y):
    with torch.no_grad():
        out = model(X)
        bce = nn.BCELoss()(out, Y).item()
        acc = ((out >= 0.5) == (Y >= 0.5)).float().mean().item()
    return bce, acc


def xor_once(seed, sink):
    torch.manual_seed(seed)
    model = XORMLP()
    criterion = nn.BCELoss()
    optimizer = optim.SGD(model.parameters(), lr=0.1)
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    t0 = time.perf_counter()
    epochs = 2000
    for epoch in range(epochs):
        output = model(X)
        loss = criterion(output, Y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if (epoch + 1) % 10 == 0:
            print(f'Epoch [{epoch+1}/{epochs}], Loss: {loss.item():.4f}', file=sink)
    t = time.perf_counter() - t0
    return t, final_measures(model, X, Y)


def spiral_once(seed, X, Y, sink):
    torch.manual_seed(seed)
    model = SpiralMLP()
    criterion = nn.BCELoss()
    optimizer = optim.SGD(model.parameters(), lr=0.05)
    n = X.shape[0]
    t0 = time.perf_counter()
    epochs = 200
    for epoch in range(epochs):
        perm = torch.randperm(n)
        for first in range(0, n, 10):
            idx = perm[first:first + 10]
            output = model(X[idx])
            loss = criterion(output, Y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if (epoch + 1) % 10 == 0:
            print(f'Epoch [{epoch+1}/{epochs}], Loss: {loss.item():.4f}', file=sink)
    t = time.perf_counter() - t0
    return t, final_measures(model, X, Y)


def best_of(reps, once):
    best = None
    for k in range(reps):
        t, m = once(k + 1)
        if best is None or t < best[0]:
            best = (t, m)
    return best


def main():
    quick = len(sys.argv) > 2 and sys.argv[2] == '1'
    rows = [line.split(',') for line in open(sys.argv[1]) if line.strip()]
    X = torch.tensor([[float(r[0]), float(r[1])] for r in rows])
    Y = torch.tensor([[float(r[2])] for r in rows])
    sink = io.StringIO()
    print('version', torch.__version__, flush=True)
    reps = 2 if quick else 5
    t, (bce, acc) = best_of(reps, lambda s: xor_once(s, sink))
    print(f'xor ms={t * 1e3:.3f} bce={bce:.6f} acc={acc:.4f} reps={reps}', flush=True)
    reps = 1 if quick else 3
    t, (bce, acc) = best_of(reps, lambda s: spiral_once(s, X, Y, sink))
    print(f'spiral ms={t * 1e3:.3f} bce={bce:.6f} acc={acc:.4f} reps={reps}', flush=True)


if __name__ == '__main__':
    main()
