"""Writes bn_dropout.json: the outputs of the book's common/layers.py
BatchNormalization and Dropout on small inputs, for the fixture tests of
package layers. The book's classes are imported from a copy of its
repository (nothing of it is copied here); the inputs are drawn from
np.random.RandomState(100 + case), separate from the global generator that
Dropout draws its masks from after np.random.seed(seed).

Run with NumPy 1.24 (from the layers/ directory):

    git -C <book repo> archive HEAD | tar -x -C /tmp/book
    /usr/bin/python3 testdata/gen_bn_dropout.py /tmp/book > testdata/bn_dropout.json
"""
import json
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from common.layers import BatchNormalization, Dropout  # noqa: E402


def floats(a):
    return [float(v).hex() for v in np.ravel(a)]


def bn_case(k, name, shape, momentum, modes, backward=True):
    rs = np.random.RandomState(100 + k)
    d = int(np.prod(shape[1:]))
    gamma = 1 + 0.3 * rs.randn(d)
    beta = 0.5 * rs.randn(d)
    layer = BatchNormalization(gamma.copy(), beta.copy(), momentum=momentum)
    steps = []
    for train in modes:
        x = 3 * rs.randn(*shape) + 2
        out = layer.forward(x, train)
        step = {"train": train, "x": floats(x), "out": floats(out),
                "running_mean": floats(layer.running_mean),
                "running_var": floats(layer.running_var)}
        if train and backward:
            dout = rs.randn(*shape)
            dx = layer.backward(dout)
            assert dx.shape == x.shape
            step.update(dout=floats(dout), dx=floats(dx),
                        dgamma=floats(layer.dgamma), dbeta=floats(layer.dbeta))
        steps.append(step)
    return {"name": name, "shape": list(shape), "momentum": momentum,
            "gamma": floats(gamma), "beta": floats(beta), "steps": steps}


def dropout_case(k, name, seed, ratio, shape, special=False):
    rs = np.random.RandomState(200 + k)
    x = rs.randn(*shape)
    if special:
        flat = x.reshape(-1)
        flat[:4] = [np.inf, np.nan, -np.inf, -1.5]
    dout = rs.randn(*shape)
    np.random.seed(seed)
    layer = Dropout(ratio)
    out1 = layer.forward(x, True)
    dx = layer.backward(dout)
    out2 = layer.forward(x, True)
    infer = layer.forward(x, False)
    return {"name": name, "seed": seed, "ratio": ratio, "shape": list(shape),
            "x": floats(x), "dout": floats(dout), "out1": floats(out1),
            "dx": floats(dx), "out2": floats(out2), "infer": floats(infer)}


T, F = True, False
bn = [
    bn_case(0, "2-D", (5, 4), 0.9, [T, T, T, F]),
    bn_case(1, "4-D", (3, 2, 2, 3), 0.9, [T, T, T, F]),
    bn_case(2, "one column, 12 rows", (12, 1), 0.9, [T, T, F]),
    bn_case(3, "inference first, momentum 0.5", (3, 2), 0.5, [F, T, F, T]),
    bn_case(4, "batch of 1", (1, 3), 0.9, [T, F]),
]
dropout = [
    dropout_case(0, "2-D ratio 0.5 seed 0", 0, 0.5, (4, 5)),
    dropout_case(1, "4-D ratio 0.15 seed 1", 1, 0.15, (2, 3, 2, 2)),
    dropout_case(2, "inf, nan, -0 seed 42", 42, 0.5, (3, 7), special=True),
]
json.dump({"about": "book common/layers.py BatchNormalization and Dropout run by "
           "testdata/gen_bn_dropout.py; floats as Python float.hex()",
           "numpy_version": np.__version__, "batchnorm": bn, "dropout": dropout},
          sys.stdout, indent=1)
sys.stdout.write("\n")
