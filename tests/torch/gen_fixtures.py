#!/usr/bin/python3
"""Reference fixtures for mlpviz's engine, computed by PyTorch in float64.

Each configuration is a small network, a loss, an optimizer and a batch of
rows; the script records the initial parameters and, for N training steps,
the outputs, the loss, the gradients and the parameters after the update, in
the engine's flat layout (per layer: weight[out][in] row-major, then bias).
tests/unit/test_torch_ref.c replays the same steps with the C engine and
compares every number; that test needs only the JSON files, not torch.

Run with Debian's interpreter (python3-torch lives there):
    /usr/bin/python3 tests/torch/gen_fixtures.py
"""

import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")

# softplus and mish use torch's softplus, which switches to the identity
# above z = 20, as the engine's does. Every fixture keeps its
# pre-activations far below the switch, and the script checks it.
Z_LIMIT = 15.0


def sinc(z):
    # sin(z)/z with the limit 1 at z = 0; the inner where keeps the unused
    # branch finite so that autograd never multiplies a NaN by zero.
    safe = torch.where(z == 0, torch.ones_like(z), z)
    return torch.where(z == 0, torch.ones_like(z), torch.sin(safe) / safe)


def swish(z):
    return z * torch.sigmoid(z)


def mish(z):
    return z * torch.tanh(F.softplus(z))


# The engine's names (include/engine/act.h) and their torch forms.
ACTS = {
    "linear": lambda z: z,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "elu": lambda z: F.elu(z, 1.0),
    "softplus": F.softplus,
    "softsign": F.softsign,
    "logsigmoid": F.logsigmoid,
    "swish": swish,
    "mish": mish,
    "sinc": sinc,
    "softmax": lambda z: torch.softmax(z, dim=1),
}


def check_act_forms():
    """The hand-written forms agree with torch's own modules where those
    exist (a guard against a typo in the table above)."""
    z = torch.linspace(-6, 6, 241)
    assert torch.allclose(swish(z), F.silu(z), rtol=1e-14, atol=1e-15)
    assert torch.allclose(mish(z), F.mish(z), rtol=1e-14, atol=1e-15)
    assert torch.allclose(sinc(z), torch.sinc(z / math.pi), rtol=1e-12,
                          atol=1e-14)
    assert sinc(torch.zeros(1)).item() == 1.0


class Net(nn.Module):
    """nn.Linear layers with one activation name per layer."""

    def __init__(self, n_inputs, layers):
        super().__init__()
        sizes = [n_inputs] + [units for units, _ in layers]
        self.linears = nn.ModuleList(
            nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(layers)))
        self.acts = [act for _, act in layers]
        self.max_abs_z = 0.0

    def forward(self, x):
        """Returns (output activations, logits of the output layer)."""
        z = x
        for lin, act in zip(self.linears, self.acts):
            z = lin(x)
            self.max_abs_z = max(self.max_abs_z, z.abs().max().item())
            x = ACTS[act](z)
        return x, z

    def flat(self, grads=False):
        out = []
        for lin in self.linears:
            w, b = (lin.weight.grad, lin.bias.grad) if grads else \
                (lin.weight, lin.bias)
            out += w.detach().reshape(-1).tolist()
            out += b.detach().reshape(-1).tolist()
        return out


def penalty(model, l1, l2):
    """The engine's regularisation: l1*sum|w| + l2/2*sum w^2, weights only."""
    total = torch.zeros(())
    for lin in model.linears:
        w = lin.weight
        if l1:
            total = total + l1 * w.abs().sum()
        if l2:
            total = total + 0.5 * l2 * (w * w).sum()
    return total


def data_loss(kind, out, logits, y):
    if kind == "mse":
        # the book's (y - y_hat)^2 / 2, mean over the batch: half of MSELoss
        assert out.shape[1] == 1
        return 0.5 * nn.MSELoss()(out, y)
    if kind == "bce":
        assert out.shape[1] == 1
        return nn.BCELoss()(out, y)
    if kind == "ce":
        # the engine's softmax layer + ce loss, fused: CrossEntropyLoss on
        # the logits with the class indices of the one-hot targets
        return nn.CrossEntropyLoss()(logits, y.argmax(dim=1))
    raise ValueError(kind)


def make_optimizer(kind, params, lr):
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if kind == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=0.9, dampening=0)
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr)
    raise ValueError(kind)


# ----- datasets ------------------------------------------------------------

XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]


def random_rows(seed, rows, n_inputs=2, lo=-2.0, hi=2.0):
    g = torch.Generator().manual_seed(seed)
    return (lo + (hi - lo) * torch.rand(rows, n_inputs, generator=g)).tolist()


def quadrant_labels(x):
    return [[1.0 if r[0] * r[1] > 0 else 0.0] for r in x]


def circle_labels(x):
    return [[1.0 if r[0] * r[0] + r[1] * r[1] < 1.5 else 0.0] for r in x]


def wave_targets(x):
    return [[math.sin(r[0]) + 0.5 * r[1]] for r in x]


def sector_onehot(x, classes=3):
    out = []
    for r in x:
        angle = math.atan2(r[1], r[0]) + math.pi  # 0 .. 2 pi
        c = min(int(angle / (2 * math.pi / classes)), classes - 1)
        out.append([1.0 if k == c else 0.0 for k in range(classes)])
    return out


# ----- the configurations -------------------------------------------------

def config(name, note, layers, loss, opt, lr, x, y, seed, steps=5,
           batches=None, l1=0.0, l2=0.0, inputs=2):
    return dict(name=name, note=note, inputs=inputs, layers=layers, loss=loss,
                optimizer=opt, lr=lr, x=x, y=y, seed=seed, steps=steps,
                batches=batches, l1=l1, l2=l2)


def configs():
    r12 = random_rows(11, 12)
    r16 = random_rows(12, 16)
    r10 = random_rows(13, 10)
    r3 = random_rows(14, 12, n_inputs=3)
    # mini-batches of 4 over 16 rows: epoch 1 in order, epoch 2 permuted
    perm = torch.randperm(16, generator=torch.Generator().manual_seed(5))
    perm = perm.tolist()
    mini = [list(range(0, 4)), list(range(4, 8)), list(range(8, 12)),
            list(range(12, 16))]
    mini += [perm[i:i + 4] for i in range(0, 16, 4)]
    return [
        config("xor_book_relu_bce_sgd",
               "the book's XOR network: 2-8-4-1 relu, sigmoid output, bce, "
               "sgd lr 0.1, full batch",
               [(8, "relu"), (4, "relu"), (1, "sigmoid")], "bce", "sgd", 0.1,
               XOR_X, XOR_Y, seed=1),
        config("single_layer_sigmoid_mse_sgd",
               "no hidden layer: 2-1 sigmoid output, mse, sgd, XOR rows",
               [(1, "sigmoid")], "mse", "sgd", 0.5, XOR_X, XOR_Y, seed=2),
        config("single_layer_linear_mse_adam",
               "no hidden layer, three inputs: 3-1 linear regression, mse, "
               "adam", [(1, "linear")], "mse", "adam", 0.05, r3,
               [[0.7 * r[0] - 0.3 * r[1] + 0.2 * r[2] + 0.1] for r in r3],
               seed=3, inputs=3),
        config("tanh_mse_momentum_regress",
               "2-6-1 tanh, linear output, mse, momentum, regression on a "
               "wave", [(6, "tanh"), (1, "linear")], "mse", "momentum", 0.05,
               r12, wave_targets(r12), seed=4),
        config("sigmoid_bce_adam",
               "2-5-1 sigmoid, sigmoid output, bce, adam",
               [(5, "sigmoid"), (1, "sigmoid")], "bce", "adam", 0.05, r12,
               circle_labels(r12), seed=5),
        config("leaky_relu_bce_momentum",
               "2-6-4-1 leaky_relu, sigmoid output, bce, momentum",
               [(6, "leaky_relu"), (4, "leaky_relu"), (1, "sigmoid")], "bce",
               "momentum", 0.1, r12, quadrant_labels(r12), seed=6),
        config("elu_mse_adam",
               "2-5-1 elu, tanh output, mse, adam",
               [(5, "elu"), (1, "tanh")], "mse", "adam", 0.02, r10,
               [[2 * v[0] - 1] for v in quadrant_labels(r10)], seed=7),
        config("softplus_ce_sgd",
               "2-6-3 softplus, softmax output, cross-entropy, sgd, three "
               "classes", [(6, "softplus"), (3, "softmax")], "ce", "sgd", 0.5,
               r12, sector_onehot(r12), seed=8),
        config("swish_ce_adam",
               "2-6-3 swish, softmax output, cross-entropy, adam",
               [(6, "swish"), (3, "softmax")], "ce", "adam", 0.03, r12,
               sector_onehot(r12), seed=9),
        config("mish_bce_sgd",
               "2-6-1 mish, sigmoid output, bce, sgd",
               [(6, "mish"), (1, "sigmoid")], "bce", "sgd", 0.5, r12,
               circle_labels(r12), seed=10),
        config("softsign_mse_sgd",
               "2-6-1 softsign, linear output, mse, sgd",
               [(6, "softsign"), (1, "linear")], "mse", "sgd", 0.2, r12,
               wave_targets(r12), seed=11),
        config("logsigmoid_ce_momentum",
               "2-5-4 logsigmoid, softmax output, cross-entropy, momentum, "
               "four classes", [(5, "logsigmoid"), (4, "softmax")], "ce",
               "momentum", 0.2, r12, sector_onehot(r12, 4), seed=12),
        config("sinc_mse_adam",
               "2-6-1 sinc, sigmoid output, mse, adam",
               [(6, "sinc"), (1, "sigmoid")], "mse", "adam", 0.05, r12,
               circle_labels(r12), seed=13),
        config("tanh_l1_l2_bce_sgd",
               "2-6-1 tanh, sigmoid output, bce with l1 0.01 and l2 0.05, "
               "sgd", [(6, "tanh"), (1, "sigmoid")], "bce", "sgd", 0.3, r12,
               quadrant_labels(r12), seed=14, l1=0.01, l2=0.05),
        config("relu_l2_ce_adam",
               "2-8-3 relu, softmax output, cross-entropy with l2 0.1, adam",
               [(8, "relu"), (3, "softmax")], "ce", "adam", 0.02, r12,
               sector_onehot(r12), seed=15, l2=0.1),
        config("minibatch_relu_bce_momentum",
               "2-8-4-1 relu/tanh, sigmoid output, bce, momentum, batches of "
               "4 rows over 16 rows, two epochs (the second permuted)",
               [(8, "relu"), (4, "tanh"), (1, "sigmoid")], "bce", "momentum",
               0.1, r16, quadrant_labels(r16), seed=16, steps=len(mini),
               batches=mini),
    ]


# ----- running one configuration -----------------------------------------

def fmt(v):
    # repr gives the shortest text that reads back to the same double
    return repr(float(v))


def dump_list(values):
    return "[" + ", ".join(fmt(v) for v in values) + "]"


def dump_rows(rows):
    return "[" + ", ".join(dump_list(r) for r in rows) + "]"


def run(cfg):
    torch.manual_seed(cfg["seed"])
    model = Net(cfg["inputs"], cfg["layers"])
    x_all = torch.tensor(cfg["x"])
    y_all = torch.tensor(cfg["y"])
    opt = make_optimizer(cfg["optimizer"], model.parameters(), cfg["lr"])
    init = model.flat()
    rows_all = list(range(len(cfg["x"])))
    steps = []
    for k in range(cfg["steps"]):
        rows = cfg["batches"][k] if cfg["batches"] else rows_all
        x, y = x_all[rows], y_all[rows]
        opt.zero_grad()
        out, logits = model(x)
        dl = data_loss(cfg["loss"], out, logits, y)
        pen = penalty(model, cfg["l1"], cfg["l2"])
        loss = dl + pen
        loss.backward()
        grads = model.flat(grads=True)
        opt.step()
        steps.append(dict(rows=rows, outputs=out.detach().tolist(),
                          loss=loss.item(), penalty=pen.item(), grads=grads,
                          params=model.flat()))
    if model.max_abs_z > Z_LIMIT:
        sys.exit("%s: |z| reached %g, above %g" % (cfg["name"],
                                                 model.max_abs_z, Z_LIMIT))
    return init, steps


def write(cfg, init, steps):
    lines = ["{"]
    lines.append('"name": %s,' % json.dumps(cfg["name"]))
    lines.append('"note": %s,' % json.dumps(cfg["note"]))
    lines.append('"generator": %s,' % json.dumps(
        "tests/torch/gen_fixtures.py, torch %s, float64" % torch.__version__))
    lines.append('"inputs": %d,' % cfg["inputs"])
    lines.append('"layers": %s,' % json.dumps(
        [{"units": u, "activation": a} for u, a in cfg["layers"]]))
    lines.append('"loss": %s,' % json.dumps(cfg["loss"]))
    lines.append('"optimizer": %s,' % json.dumps(cfg["optimizer"]))
    lines.append('"lr": %s,' % fmt(cfg["lr"]))
    lines.append('"l1": %s,' % fmt(cfg["l1"]))
    lines.append('"l2": %s,' % fmt(cfg["l2"]))
    lines.append('"x": %s,' % dump_rows(cfg["x"]))
    lines.append('"y": %s,' % dump_rows(cfg["y"]))
    lines.append('"params": %s,' % dump_list(init))
    lines.append('"steps": [')
    for i, s in enumerate(steps):
        lines.append(' {"rows": %s,' % json.dumps(s["rows"]))
        lines.append('  "outputs": %s,' % dump_rows(s["outputs"]))
        lines.append('  "loss": %s, "penalty": %s,' % (fmt(s["loss"]),
                                                       fmt(s["penalty"])))
        lines.append('  "grads": %s,' % dump_list(s["grads"]))
        lines.append('  "params": %s}%s' % (dump_list(s["params"]),
                                            "," if i + 1 < len(steps) else ""))
    lines.append("]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # a syntax slip here would only show in the C test
    path = os.path.join(OUT_DIR, cfg["name"] + ".json")
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
    return path, len(text)


def main():
    check_act_forms()
    os.makedirs(OUT_DIR, exist_ok=True)
    total = 0
    for cfg in configs():
        init, steps = run(cfg)
        path, size = write(cfg, init, steps)
        total += size
        print("%-40s %2d steps, %4d params, loss %.6f -> %.6f" % (
            os.path.basename(path), len(steps), len(init), steps[0]["loss"],
            steps[-1]["loss"]))
    print("total %d bytes" % total)


if __name__ == "__main__":
    main()
