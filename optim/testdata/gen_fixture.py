"""Writes optimizer.json: the book's optimizers (common/optimizer.py of
"Deep Learning from Scratch", imported from a checkout of the book's
repository, not copied here) run with NumPy on small parameters.

Run with NumPy 1.24 (from the optim/ directory):

    /usr/bin/python3 testdata/gen_fixture.py BOOK_DIR > testdata/optimizer.json

Each case is one optimizer with the given arguments, updating the book-named
parameters W1, b1, W2, b2 (the Go test gives them the same names "W" and "b"
in two layers) for len(grads) steps; after[k] holds every parameter after
step k. "long" cases use gradients computed from integers (exact in both
languages) over many steps and record the parameters every 250 steps.
"powers" holds Python's b**k (C's pow) for Adam's bias correction.
"""
import json
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from common import optimizer  # noqa: E402

NAMES = ["W1", "b1", "W2", "b2"]
SHAPES = {"W1": (2, 3), "b1": (3,), "W2": (3, 2), "b2": (2,)}
STEPS = 12


def flat(a):
    return [float(v) for v in np.ravel(a)]


rs = np.random.RandomState(7)
init = {k: rs.randn(*SHAPES[k]) for k in NAMES}
grads = []
for s in range(STEPS):
    g = {}
    for k in NAMES:
        v = rs.randn(*SHAPES[k]) * 10.0 ** rs.randint(-4, 2)
        v[rs.rand(*SHAPES[k]) < 0.15] = 0.0  # some zero gradients
        g[k] = v
    grads.append(g)

CASES = [
    ("SGD", {}), ("SGD", {"lr": 0.3}),
    ("Momentum", {}), ("Momentum", {"lr": 0.1, "momentum": 0.5}),
    ("Nesterov", {}), ("Nesterov", {"lr": 0.05, "momentum": 0.7}),
    ("AdaGrad", {}), ("AdaGrad", {"lr": 1.5}),
    ("RMSprop", {}), ("RMSprop", {"lr": 0.02, "decay_rate": 0.9}),
    ("Adam", {}), ("Adam", {"lr": 0.3, "beta1": 0.8, "beta2": 0.99}),
]

out = {
    "about": "the book's common/optimizer.py classes run by testdata/gen_fixture.py",
    "numpy_version": np.__version__,
    "names": NAMES,
    "shapes": {k: list(SHAPES[k]) for k in NAMES},
    "init": {k: flat(init[k]) for k in NAMES},
    "grads": [{k: flat(g[k]) for k in NAMES} for g in grads],
    "cases": [],
    "long": [],
}
for cls, kw in CASES:
    opt = getattr(optimizer, cls)(**kw)
    params = {k: init[k].copy() for k in NAMES}
    after = []
    for g in grads:
        opt.update(params, {k: g[k].copy() for k in NAMES})
        after.append({k: flat(params[k]) for k in NAMES})
    out["cases"].append({"optimizer": cls, "args": kw, "after": after})

LONG = 3000
for cls, kw in [("Adam", {}), ("Adam", {"lr": 0.01, "beta1": 0.5, "beta2": 0.99}),
                ("RMSprop", {}), ("AdaGrad", {}), ("Nesterov", {})]:
    opt = getattr(optimizer, cls)(**kw)
    params = {"w": np.array([0.5, -1.25, 3.0, 0.0])}
    every = []
    for k in range(1, LONG + 1):
        g = np.array([((k * 7 + i * 3) % 11 - 5) / 4.0 for i in range(4)])
        opt.update(params, {"w": g})
        if k % 250 == 0:
            every.append(flat(params["w"]))
    out["long"].append({"optimizer": cls, "args": kw, "steps": LONG, "every": 250,
                        "after": every})

ks = list(range(1, 201)) + [2 ** i for i in range(8, 15)] + \
    [257, 999, 1000, 1001, 1234, 4321, 9999, 10000, 12345, 30000, 100000]
out["powers"] = [{"base": b, "k": k, "pow": b ** k}
                 for b in (0.9, 0.999, 0.8, 0.99, 0.5, 0.9999) for k in ks]
json.dump(out, sys.stdout, indent=None)
print()
