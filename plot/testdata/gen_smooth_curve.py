"""Writes smooth_curve.json: the book's common/util.py smooth_curve
("Deep Learning from Scratch", imported from a checkout of the book's
repository, not copied here) run with NumPy on several curves, and
np.kaiser(11, 2).

Run with NumPy 1.24 (from the plot/ directory):

    /usr/bin/python3 testdata/gen_smooth_curve.py BOOK_DIR > testdata/smooth_curve.json
"""
import json
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from common.util import smooth_curve  # noqa: E402

rs = np.random.RandomState(1)
curves = {
    # a loss curve like the ch06 scripts' (decaying, noisy)
    "loss": list(2.3 * np.exp(-np.arange(400) / 120.0) + 0.3 * rs.rand(400)),
    "randn": list(rs.randn(257) * 10.0 ** rs.randint(-3, 4, 257)),
    "ramp": [float(i) for i in range(30)],
}
for n in range(1, 13):
    curves["short%d" % n] = list(rs.randn(n))

out = {
    "about": "the book's common/util.py smooth_curve run by testdata/gen_smooth_curve.py",
    "numpy_version": np.__version__,
    "kaiser_11_2": [float(v) for v in np.kaiser(11, 2)],
    "cases": [{"name": k, "x": [float(v) for v in x],
               "y": [float(v) for v in smooth_curve(np.array(x))]}
              for k, x in curves.items()],
}
json.dump(out, sys.stdout)
print()
