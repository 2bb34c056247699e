#!/usr/bin/python3
"""Writes the fixtures of mlpviz's --rng torch: PyTorch's own initial
weights after torch.manual_seed(S), and the book's XOR log from them.

    tests/torch/seeded/init_weights.json
        for 2-8-4-1, 2-16-16-1 and 2-1 (no hidden layer) and seeds 0, 1, 42
        and 2^32 + 7: the float32 bit patterns (8 hex digits) of every
        parameter, in the engine's layout (per layer weight[out][in]
        row-major, then bias), as nn.Linear layers built input side first
        hold them.
    tests/torch/seeded/xor_book_seed_S.txt
        the book's XOR script (2-8-4-1, relu, sigmoid, BCELoss, SGD lr 0.1,
        2000 epochs, full batch) with torch.manual_seed(S) added, its
        float32 initial weights then trained in float64 (model.double()):
        the 200 "Epoch" lines and the 4 "Input" lines it prints.

Run with Debian's interpreter, which has python3-torch:

    /usr/bin/python3 tests/torch/gen_seeded.py      # or: make fixtures

The C test tests/unit/test_torch_seed.c reads these files; it needs no torch.
"""
import json
import os
import struct

import torch
import torch.nn as nn
import torch.optim as optim

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeded")
SEEDS = [0, 1, 42, 2**32 + 7]
NETS = [[2, 8, 4, 1], [2, 16, 16, 1], [2, 1]]
XOR_SEEDS = [0, 7]  # 7: one where the plain float32 run drifts from it


def bits(v):
    return "%08x" % struct.unpack("<I", struct.pack("<f", v))[0]


def initial_weights(units, seed):
    torch.manual_seed(seed)
    layers = [nn.Linear(units[i], units[i + 1]) for i in range(len(units) - 1)]
    out = []
    for layer in layers:
        assert layer.weight.dtype == torch.float32
        out += [bits(v) for v in layer.weight.detach().flatten().tolist()]
        out += [bits(v) for v in layer.bias.detach().flatten().tolist()]
    return out


class XORMLP(nn.Module):
    """The book's network, with forward at the class level (the book's
    listing nests it inside __init__, which nn.Module cannot call)."""

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


def book_xor_log(seed):
    torch.manual_seed(seed)
    model = XORMLP().double()  # float32 draws, trained in float64
    criterion = nn.BCELoss()
    optimizer = optim.SGD(model.parameters(), lr=0.1)
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]],
                     dtype=torch.float64)
    Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]], dtype=torch.float64)
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
    os.makedirs(OUT_DIR, exist_ok=True)
    nets = []
    for units in NETS:
        for seed in SEEDS:
            nets.append({"units": units, "seed": str(seed),
                         "bits": initial_weights(units, seed)})
    doc = {"torch": torch.__version__.split("+")[0], "nets": nets}
    with open(os.path.join(OUT_DIR, "init_weights.json"), "w") as f:
        f.write("{\n  \"torch\": %s,\n  \"nets\": [\n" % json.dumps(doc["torch"]))
        for k, n in enumerate(nets):
            f.write("    {\"units\": %s, \"seed\": \"%s\",\n     \"bits\": [" %
                    (json.dumps(n["units"]), n["seed"]))
            for i, b in enumerate(n["bits"]):
                if i:
                    f.write("," + ("\n              " if i % 8 == 0 else " "))
                f.write("\"%s\"" % b)
            f.write("]}%s\n" % ("," if k + 1 < len(nets) else ""))
        f.write("  ]\n}\n")
    for seed in XOR_SEEDS:
        with open(os.path.join(OUT_DIR, "xor_book_seed_%d.txt" % seed), "w") as f:
            f.write("\n".join(book_xor_log(seed)) + "\n")


if __name__ == "__main__":
    main()
