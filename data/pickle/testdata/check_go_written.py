"""Checks testdata/go_written.pkl, written by package data/pickle's
WriteWeights (TestWriteWeightsGolden), with Python's pickle and NumPy, and
loads it into the book's SimpleConvNet with its load_params.

Run with NumPy 1.24 (from the data/pickle directory):

    git -C <book repo> archive HEAD | tar -x -C /tmp/book
    /usr/bin/python3 testdata/check_go_written.py /tmp/book

It prints "ok" or fails with an assertion.
"""
import os
import pickle
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "go_written.pkl")

shapes = [("W1", (2, 1, 3, 3)), ("b1", (2,)), ("W2", (32, 3)), ("b2", (3,)),
          ("W3", (3, 4)), ("b3", (4,)), ("zero_d", ()), ("empty", (2, 0))]
want = {}
k = 0
for name, shape in shapes:
    n = int(np.prod(shape)) if shape else 1
    want[name] = np.array([(i % 17 - 8) / 16 for i in range(k, k + n)], dtype=np.float64).reshape(shape)
    k += n
want["W1"].flat[0] = -0.0
want["W1"].flat[1] = np.finfo(np.float64).max
want["W1"].flat[2] = 5e-324

with open(PATH, "rb") as f:
    got = pickle.load(f)
assert type(got) is dict, type(got)
assert list(got) == [name for name, _ in shapes], list(got)
for name, _ in shapes:
    a = got[name]
    assert isinstance(a, np.ndarray) and a.dtype == np.float64, (name, type(a), getattr(a, "dtype", None))
    assert a.shape == want[name].shape, (name, a.shape)
    assert a.flags.c_contiguous
    assert a.tobytes() == want[name].tobytes(), name  # bit for bit, -0 included

sys.path.insert(0, sys.argv[1])
sys.path.insert(0, os.path.join(sys.argv[1], "ch07"))
from simple_convnet import SimpleConvNet  # noqa: E402

net = SimpleConvNet(input_dim=(1, 10, 10),
                    conv_param={"filter_num": 2, "filter_size": 3, "pad": 0, "stride": 1},
                    hidden_size=3, output_size=4)
net.load_params(PATH)
for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
    assert net.params[name].tobytes() == want[name].tobytes(), name
assert net.layers["Conv1"].W is net.params["W1"] and net.layers["Affine2"].b is net.params["b3"]
print("ok")
