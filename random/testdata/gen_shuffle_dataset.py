"""Writes shuffle_dataset.json: the book's common/util.py shuffle_dataset
("Deep Learning from Scratch", imported from a checkout of the book's
repository, not copied here) after np.random.seed(seed), with the next
np.random.rand() drawn after it (to check how many draws it used).

Run with NumPy 1.24 (from the random/ directory):

    /usr/bin/python3 testdata/gen_shuffle_dataset.py BOOK_DIR > testdata/shuffle_dataset.json
"""
import json
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from common.util import shuffle_dataset  # noqa: E402


def data(shape):
    return (np.arange(int(np.prod(shape)), dtype=np.float64) * 0.25 - 3.0).reshape(shape)


cases = []
for seed in (0, 1, 2024):
    for xshape, tshape in [((7, 3), (7,)), ((7, 3), (7, 10)), ((5, 2, 3, 2), (5,)),
                           ((5, 2, 3, 2), (5, 4)), ((1, 4), (1,)), ((300, 2), (300,))]:
        x, t = data(xshape), data(tshape)
        np.random.seed(seed)
        xs, ts = shuffle_dataset(x, t)
        nxt = np.random.rand()
        cases.append({"seed": seed, "x_shape": list(xshape), "t_shape": list(tshape),
                      "x": [float(v) for v in xs.ravel()], "t": [float(v) for v in ts.ravel()],
                      "next_rand": float(nxt)})

json.dump({"about": "the book's common/util.py shuffle_dataset run by testdata/gen_shuffle_dataset.py",
           "numpy_version": np.__version__,
           "data": "x and t before shuffling: np.arange(size) * 0.25 - 3.0 in their shapes",
           "cases": cases}, sys.stdout)
print()
