#!/usr/bin/python3
"""Check with NumPy the .npz files that layers.SaveNPZ writes.

From the repository root:

    DLFS_LAYERS_EXPORT=/tmp/saveout go test -run TestExportForNumPy ./layers/
    /usr/bin/python3 layers/testdata/check_saved.py /tmp/saveout

TestExportForNumPy saves the network of testdata/save_numpy.json (the
book's MultiLayerNetExtend(4, [3, 3], 2, use_batchnorm=True) with its
BatchNormalization running statistics) as params.npz (stored) and
params_compressed.npz (deflated). This script loads both with np.load,
prints every key with its dtype, shape and values, and checks them bit for
bit against save_numpy.json and against np.load of save_numpy.npz.
"""

import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def main(d):
    with open(os.path.join(HERE, "save_numpy.json")) as f:
        doc = json.load(f)
    want = {
        k: np.array([float.fromhex(x) for x in v["values"]]).reshape(v["shape"])
        for k, v in doc["arrays"].items()
    }
    with np.load(os.path.join(HERE, "save_numpy.npz")) as z:
        for k in want:
            assert z[k].tobytes() == want[k].tobytes(), "save_numpy.npz " + k
    for name in ("params.npz", "params_compressed.npz"):
        with np.load(os.path.join(d, name)) as z:
            print(name, "keys:", z.files)
            assert sorted(z.files) == sorted(want), z.files
            for k in z.files:
                a = z[k]
                print(" ", k, a.dtype, a.shape, np.array2string(a.ravel(), precision=17, max_line_width=200))
                assert a.dtype == np.float64, (name, k, a.dtype)
                assert a.shape == want[k].shape, (name, k, a.shape)
                assert a.tobytes() == want[k].tobytes(), (name, k)
        print("ok", name, "(NumPy", np.__version__ + ")")


if __name__ == "__main__":
    main(sys.argv[1])
