#!/usr/bin/python3
"""Generate the pickle fixtures for package data/pickle.

Run from the data/pickle directory with NumPy 1.24 installed:

    /usr/bin/python3 testdata/gen_fixtures.py

It writes small pickles of dicts of NumPy arrays into testdata/, made by
Python's own pickle module the way the book saves its weights
(pickle.dump(params, f)), and testdata/expected.json, which records what
pickle.load returns for each:

    {"numpy": version,
     "files": {file: {"protocol": p,
                      "arrays": {key: {"dtype": "<f8", "fortran": bool,
                                       "shape": [...],
                                       "values": [float.hex(), ...]}}}}}

dtype and fortran describe the array as pickled (pickle.load turns
big-endian data into native order); values are in C order whatever the
array's memory order, float32 values widened to float64, so they are exact.
opcodes lists the opcodes each pickle uses. The output is deterministic.
"""

import json
import os
import pickle
import pickletools

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(20240611)


def randn(*shape, dtype=np.float64):
    return rng.randn(*shape).round(5).astype(dtype)


# The dict every protocol pickles: float64 and float32, C and Fortran
# order, 1-D, 2-D, 3-D, 0-d and empty arrays.
params = {
    "W1": randn(2, 3),
    "b1": randn(3, dtype=np.float32),
    "W2": np.asfortranarray(randn(3, 2)),
    "W3": np.asfortranarray(randn(2, 3, 2, dtype=np.float32)),
    "s": np.array(-0.75),
    "e": np.zeros((2, 0)),
}

fixtures = {}
for p in (2, 3, 4, 5):
    fixtures["params_p%d.pkl" % p] = (params, p)

# A one-item dict is pickled with SETITEM rather than SETITEMS.
fixtures["single_p3.pkl"] = ({"W": randn(2, 2)}, 3)

# Big-endian data: the dtype state says '>'.
fixtures["bigendian_p4.pkl"] = ({"W": randn(2, 2).astype(">f8"), "b": randn(3).astype(">f4")}, 4)

# Enough objects that the memo passes 255 entries: protocol 2 then writes
# LONG_BINPUT, and the second float32 array fetches the float32 dtype with
# LONG_BINGET.
many = {"a%02d" % i: randn(1) for i in range(30)}
many["f1"] = randn(2, dtype=np.float32)
many["f2"] = randn(2, dtype=np.float32)
fixtures["memo_p2.pkl"] = (many, 2)


def main():
    out = {"numpy": np.__version__, "files": {}}
    for name, (d, protocol) in sorted(fixtures.items()):
        data = pickle.dumps(d, protocol=protocol)
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        back = pickle.loads(data)
        assert sorted(back) == sorted(d)
        arrays = {}
        for k, a in back.items():
            # dtype and order as pickled: pickle.load converts big-endian
            # data to native order, but the pickle stores '>'.
            orig = d[k]
            assert np.array_equal(a, orig) and a.shape == orig.shape
            arrays[k] = {
                "dtype": orig.dtype.str,
                "fortran": bool(orig.flags.f_contiguous and not orig.flags.c_contiguous),
                "shape": list(a.shape),
                "values": [float(x).hex() for x in a.ravel(order="C")],
            }
        ops = sorted({op.name for op, _, _ in pickletools.genops(data)})
        out["files"][name] = {"protocol": protocol, "opcodes": ops, "arrays": arrays}

    lines = ['{"numpy": %s,' % json.dumps(out["numpy"]), ' "files": {']
    entries = []
    for name, f in sorted(out["files"].items()):
        parts = ['  %s: {"protocol": %d, "opcodes": %s, "arrays": {' % (json.dumps(name), f["protocol"], json.dumps(f["opcodes"]))]
        parts.append(",\n".join("   %s: %s" % (json.dumps(k), json.dumps(v, sort_keys=True)) for k, v in sorted(f["arrays"].items())))
        parts.append("  }}")
        entries.append("\n".join(parts))
    lines.append(",\n".join(entries))
    lines.append("}}")
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
