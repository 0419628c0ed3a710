#!/usr/bin/python3
"""Generate the NumPy-made fixtures for package data/npy.

Run from the data/npy directory with NumPy 1.24 installed:

    /usr/bin/python3 testdata/gen_fixtures.py

It writes small .npy and .npz files into testdata/ with NumPy itself
(np.save, np.lib.format.write_array, np.savez, np.savez_compressed) and
testdata/expected.json, which records for every file the dtype, shape and
values that NumPy reads back:

    {"numpy": version,
     "npy": {file: {"descr": "<f8", "version": [1, 0], "shape": [...],
                    "values": [float.hex(), ...]}},
     "npz": {file: {key: {"descr": ..., "shape": [...], "values": [...]}}}}

Values are float.hex() of the value as float64 (float32 values widened), so
they are exact; NaN and infinities are written "nan", "inf", "-inf".

The output is deterministic (fixed seed). If testdata/go_written.npy (made by
the Go tests, see check_go_written.py) is present, the script also checks
that NumPy loads it and that np.save writes the very same bytes.
"""

import io
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(1234)


def hexs(x):
    return float(x).hex()


def describe(a):
    return {
        "descr": a.dtype.str,
        "shape": list(a.shape),
        "values": [hexs(x) for x in a.ravel(order="C")],
    }


def randn(shape, dtype):
    return rng.randn(*shape).round(6).astype(dtype) if shape else np.array(rng.randn().round(6), dtype=dtype)


npy_fixtures = [
    # (file, array, version or None for np.save's choice)
    ("f8_scalar.npy", np.array(-2.75), None),
    ("f8_empty.npy", np.zeros((0,)), None),
    ("f8_3_special.npy", np.array([1.5, -0.0, np.inf, -np.inf, np.nan, 5e-324, 1.7976931348623157e308]), None),
    ("f8_3.npy", randn((3,), np.float64), None),
    ("f8_2x3.npy", randn((2, 3), np.float64), None),
    ("f4_2x3.npy", randn((2, 3), np.float32), None),
    ("f8_2x1x3x4.npy", randn((2, 1, 3, 4), np.float64), None),
    ("f4_2x1x3x4.npy", randn((2, 1, 3, 4), np.float32), None),
    ("f8_2x3_v2.npy", randn((2, 3), np.float64), (2, 0)),
    ("f4_3_v2.npy", randn((3,), np.float32), (2, 0)),
    ("f8_2x3_v3.npy", randn((2, 3), np.float64), (3, 0)),
    ("be_f8_3.npy", randn((3,), ">f8"), None),
    ("be_f4_2x3.npy", randn((2, 3), ">f4"), None),
    # The array the Go test writes and compares with these bytes.
    ("np_save_2x3.npy", np.arange(6.0).reshape(2, 3) / 7 - 0.25, None),
]

npz_arrays = {
    "W1": randn((2, 3), np.float64),
    "b1": randn((3,), np.float32),
    "s": np.array(0.125),
    "e": np.zeros((2, 0)),
}


def main():
    out = {"numpy": np.__version__, "npy": {}, "npz": {}}
    for name, a, version in npy_fixtures:
        path = os.path.join(HERE, name)
        if version is None:
            np.save(path, a)
        else:
            with open(path, "wb") as f:
                np.lib.format.write_array(f, a, version=version)
        with open(path, "rb") as f:
            raw = f.read()
        b = np.load(path)
        assert b.dtype == a.dtype and b.shape == a.shape
        assert np.array_equal(a, b, equal_nan=True)
        d = describe(b)
        d["version"] = [raw[6], raw[7]]
        out["npy"][name] = d

    for name, save in [("savez.npz", np.savez), ("savez_compressed.npz", np.savez_compressed)]:
        path = os.path.join(HERE, name)
        save(path, **npz_arrays)
        with np.load(path) as z:
            out["npz"][name] = {k: describe(z[k]) for k in sorted(z.files)}

    # One line per file keeps the JSON small and its diffs readable.
    lines = ['{"numpy": %s,' % json.dumps(out["numpy"])]
    for kind in ("npy", "npz"):
        entries = [" %s: %s" % (json.dumps(k), json.dumps(v, sort_keys=True)) for k, v in sorted(out[kind].items())]
        lines.append(' "%s": {\n%s\n}%s' % (kind, ",\n".join(entries), "," if kind == "npy" else ""))
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        f.write("\n".join(lines) + "}\n")

    check_go_written()


def check_go_written():
    """Check testdata/go_written.npy, which TestWriteGolden compares with
    what Write produces for tensor.New([]float64{0.5, -0, +Inf, NaN}, 2, 2)."""
    path = os.path.join(HERE, "go_written.npy")
    if not os.path.exists(path):
        print("no go_written.npy; skipping its check", file=sys.stderr)
        return
    want = np.array([[0.5, -0.0], [np.inf, np.nan]])
    got = np.load(path)
    assert got.dtype == np.float64, got.dtype
    assert got.shape == (2, 2), got.shape
    assert np.array_equal(got, want, equal_nan=True), got
    assert math.copysign(1, got[0, 1]) < 0, "lost the sign of -0"
    buf = io.BytesIO()
    np.save(buf, want)
    with open(path, "rb") as f:
        assert f.read() == buf.getvalue(), "np.save writes different bytes"
    print("go_written.npy: NumPy", np.__version__, "loads it; np.save writes the same bytes")


if __name__ == "__main__":
    main()
