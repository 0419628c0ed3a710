#!/usr/bin/python3
"""Check with NumPy the .npy and .npz files that the Go tests write.

From the repository root:

    DLFS_NPY_EXPORT=/tmp/npyout go test -run TestExportForNumPy ./data/npy/
    /usr/bin/python3 data/npy/testdata/check_go_written.py /tmp/npyout

It loads every file with np.load, compares dtype, shape and values with the
arrays TestExportForNumPy wrote (restated here), and checks that np.save
writes the same bytes as Go's npy.WriteFile.
"""

import io
import math
import os
import sys

import numpy as np


def main(d):
    npy = {
        "go_written.npy": np.array([[0.5, -0.0], [np.inf, np.nan]]),
        "go_2x1x3x4.npy": (np.arange(24) / 7).reshape(2, 1, 3, 4),
        "go_scalar.npy": np.array(3.25),
        "go_empty.npy": np.zeros((0,)),
        "go_2x0x3.npy": np.zeros((2, 0, 3)),
    }
    for name, want in npy.items():
        path = os.path.join(d, name)
        got = np.load(path)
        check(name, got, want)
        buf = io.BytesIO()
        np.save(buf, want)
        with open(path, "rb") as f:
            assert f.read() == buf.getvalue(), name + ": np.save writes different bytes"
        print("ok", name, got.dtype, got.shape, "(np.save writes the same bytes)")
    assert math.copysign(1, np.load(os.path.join(d, "go_written.npy"))[0, 1]) < 0

    arrays = {
        "W1": (np.arange(6) / 7).reshape(2, 3),
        "b1": np.array([0.5, -1.5, 2.25]),
        "c": np.array(42.0),
    }
    for name in ("go_stored.npz", "go_deflated.npz"):
        with np.load(os.path.join(d, name)) as z:
            assert sorted(z.files) == sorted(arrays), z.files
            for k, want in arrays.items():
                check(name + ":" + k, z[k], want)
            print("ok", name, {k: (z[k].dtype.str, z[k].shape) for k in z.files})
    print("NumPy", np.__version__, "loads every file the Go tests wrote")


def check(name, got, want):
    assert got.dtype == np.float64, (name, got.dtype)
    assert got.shape == want.shape, (name, got.shape, want.shape)
    assert np.array_equal(got, want, equal_nan=True), (name, got, want)


if __name__ == "__main__":
    main(sys.argv[1])
