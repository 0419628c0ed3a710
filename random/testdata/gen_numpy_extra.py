"""Writes numpy_extra.json: more draws of NumPy's legacy global generator,
in the format of numpy_random.json, for edge cases that file does not cover
(randint's special ranges, draws that consume nothing, scalars, odd Gaussian
counts across calls, a reversed uniform range, a seed of 2**31).

Run with NumPy 1.24 (from the random/ directory):

    /usr/bin/python3 testdata/gen_numpy_extra.py > testdata/numpy_extra.json
"""
import json

import numpy as np


def floats(a):
    return [float(v).hex() for v in np.ravel(a)]


def ints(a, keep=None):
    v = [int(x) for x in np.ravel(a)]
    return v if keep is None else v[:keep]


CALLS = {
    "rand": lambda *a: ("float", np.random.rand(*a)),
    "randn": lambda *a: ("float", np.random.randn(*a)),
    "uniform": lambda lo, hi, *s: ("float", np.random.uniform(lo, hi, s if s else None)),
    "randint": lambda lo, hi, n: ("int", np.random.randint(lo, hi, n)),
    "choice": lambda n, size: ("int", np.random.choice(n, size)),
    "choice_noreplace": lambda n, size: ("int", np.random.choice(n, size, replace=False)),
    "permutation": lambda n: ("int", np.random.permutation(n)),
}

CASES = [
    ("randint_full_32bit", 123, [
        ("randint", [0, 2**32, 5]),          # rng = 0xffffffff: raw outputs
        ("randint", [-3, 2**32 - 3, 3]),
        ("rand", [2]),
    ]),
    ("randint_single_value", 123, [
        ("randint", [7, 8, 3]),              # rng = 0: draws nothing
        ("rand", [2]),
    ]),
    ("randint_64bit", 99, [
        ("randint", [0, 2**32 + 1, 5]),      # rng = 2^32: 64-bit draws
        ("randint", [-2**63, 2**63 - 1, 4]), # rng = 2^64 - 2
        ("randint", [-10**12, 10**15, 4]),
        ("rand", [1]),
    ]),
    ("choice_single", 5, [
        ("choice", [1, 3]),                  # randint(0, 1): draws nothing
        ("rand", [1]),
        ("choice", [2**31, 4]),
    ]),
    ("choice_noreplace_then_rand", 8, [
        ("choice_noreplace", [60000, 10]),
        ("rand", [2]),
        ("choice_noreplace", [7, 7]),
        ("choice_noreplace", [5, 0]),
        ("rand", [1]),
    ]),
    ("small_permutations", 17, [
        ("permutation", [0]),
        ("permutation", [1]),
        ("rand", [1]),
        ("permutation", [2]),
        ("permutation", [3]),
    ]),
    ("randn_odd_calls", 2024, [
        ("randn", [1]),
        ("rand", [1]),       # does not touch the cached Gaussian
        ("randn", [3]),
        ("randn", [5]),
        ("randint", [0, 3, 2]),
        ("randn", [2, 3]),
        ("randn", [1]),
    ]),
    ("scalars", 31, [
        ("rand", []),
        ("randn", []),
        ("randn", []),
        ("uniform", [2.5, 3.5]),
    ]),
    ("uniform_reversed", 13, [
        ("uniform", [3.0, -2.0, 4]),
        ("uniform", [0.0, 1.0, 3]),
        ("uniform", [-1e300, 1e300, 2]),
    ]),
    ("seed_2_31", 2**31, [
        ("rand", [3]),
        ("randn", [3]),
        ("permutation", [100000]),
    ]),
]

out = {
    "about": "Made by gen_numpy_extra.py, in the format of numpy_random.json: "
             "draws of NumPy's legacy global RandomState after np.random.seed(seed), "
             "in the order listed; floats are float.hex() strings; permutations of more "
             "than 50 keep their first 50 values.",
    "numpy_version": np.__version__,
    "cases": [],
}
for name, seed, steps in CASES:
    np.random.seed(seed)
    rec = []
    for call, args in steps:
        kind, v = CALLS[call](*args)
        shape = list(np.shape(v))
        if kind == "float":
            vals = floats(v)
        else:
            vals = ints(v, 50 if call == "permutation" else None)
        rec.append({"call": call, "args": args, "shape": shape, "kind": kind, "values": vals})
    out["cases"].append({"name": name, "seed": seed, "steps": rec})
print(json.dumps(out, indent=None, separators=(",", ":")))
