#!/usr/bin/python3
"""Generate format_numpy.json, the NumPy parity fixture for tensor.String
and tensor.FormatFloat.

Run from the tensor directory with NumPy 1.24 installed:

    /usr/bin/python3 testdata/gen_format.py

The output is deterministic for a given NumPy version (fixed seed).

Layout of the JSON file:

    {"numpy": version,
     "arrays": [{"shape": [...], "values": [hex, ...], "str": str(a)}, ...
                {"shape": [...], "fill": hex, "set": [[flat index, hex], ...],
                 "str": str(a)}, ...],
     "scalars": [[hex, str(np.float64(x))], ...]}

Values are float.hex() strings, so they are exact. Large arrays (more than
1000 elements, which NumPy summarises) are stored as a fill value plus the
elements that differ from it, to keep the file small.
"""

import json
import math
import os
import sys

import numpy as np

rng = np.random.default_rng(20240611)


def hexs(x):
    return float(x).hex()


def log_uniform(n, lo, hi):
    """n values with random signs and magnitudes from 10**lo to 10**hi."""
    mag = 10.0 ** rng.uniform(lo, hi, n)
    sign = rng.choice([-1.0, 1.0], n)
    return mag * sign


def sprinkle(v, p=0.15):
    """Replace some values by nan, inf, -inf, 0.0 or -0.0."""
    specials = [math.nan, math.inf, -math.inf, 0.0, -0.0]
    for i in range(v.size):
        if rng.random() < p:
            v.flat[i] = specials[rng.integers(len(specials))]
    return v


def values(n):
    """n values of one randomly chosen kind."""
    kind = rng.integers(16)
    if kind == 0:  # standard normal, like initial weights
        v = rng.standard_normal(n)
    elif kind == 1:  # normal at one random scale
        v = rng.standard_normal(n) * 10.0 ** rng.integers(-12, 13)
    elif kind == 2:  # integral floats
        v = rng.integers(-10 ** rng.integers(1, 9), 10 ** rng.integers(1, 9), n).astype(float)
    elif kind == 3:  # magnitudes spread over a range
        lo = rng.uniform(-12, 12)
        v = log_uniform(n, lo, min(12, lo + rng.uniform(0, 8)))
    elif kind == 4:  # short decimal fractions
        v = np.round(rng.standard_normal(n) * 10.0 ** rng.integers(0, 4), int(rng.integers(0, 6)))
    elif kind == 5:  # values near rounding boundaries of the 8th digit
        base = rng.integers(-100, 100, n) + rng.choice([0.999999999, 0.9999999949, 0.9999999951, 0.123456785, 0.5e-8], n)
        v = base * 10.0 ** rng.integers(-3, 3)
    elif kind == 6:  # exactly representable ties (multiples of 2**-k)
        v = rng.integers(-2 ** 12, 2 ** 12, n) * 2.0 ** -rng.integers(9, 30)
    elif kind == 7:  # near the 1e8 / 1e-4 / ratio 1000 switches
        v = rng.choice([1e8, 99999999.99999999, 99999999.5, 1e-4, 0.99999e-4, 1.0, 1000.0, 1000.0000001, 0.001], n)
        v = v * rng.choice([1.0, -1.0], n)
    elif kind == 8:  # huge and tiny, 3-digit exponents, subnormals
        v = log_uniform(n, -320, 308)
    elif kind == 9:  # uniform [0, 1)
        v = rng.random(n)
    elif kind == 10:  # probabilities, some tiny
        v = rng.dirichlet(np.ones(n) * 0.3) if n > 1 else rng.random(n)
    elif kind == 11:  # large positional values with long fractions
        v = rng.uniform(-1e8, 1e8, n) / 10.0 ** rng.integers(0, 5)
    elif kind == 12:  # all zeros, possibly negative zeros
        v = np.zeros(n) * rng.choice([1.0, -1.0], n)
    elif kind == 13:  # only non-finite values
        v = rng.choice([math.nan, math.inf, -math.inf], n)
    elif kind == 14:  # sci with short mantissas
        v = rng.integers(-99, 100, n) * 10.0 ** rng.integers(-15, 15, n)
    else:  # mixture of everything
        v = log_uniform(n, -12, 12)
        ints = rng.random(n) < 0.3
        v[ints] = np.round(v[ints])
        short = rng.random(n) < 0.3
        v[short] = np.round(rng.standard_normal(n)[short], 2)
    v = np.asarray(v, dtype=np.float64)
    if rng.random() < 0.3:
        v = sprinkle(v)
    return v


SMALL_SHAPES = [
    (), (1,), (2,), (3,), (5,), (7,), (10,), (12,), (20,), (30,), (64,),
    (1, 1), (1, 5), (2, 2), (2, 3), (3, 4), (4, 2), (5, 10), (3, 12),
    (6, 7), (10, 3), (1, 30), (2, 1, 3), (2, 2, 2), (2, 3, 4), (3, 2, 10),
    (1, 2, 3), (2, 2, 2, 2), (1, 2, 3, 2), (2, 3, 2, 3), (2, 1, 1, 9),
    (0,), (2, 0), (0, 3, 2),
]

LARGE_SHAPES = [
    (1001,), (2000,), (5000,), (40, 30), (1001, 1), (1, 1500), (30, 40),
    (7, 200), (200, 7), (11, 10, 10), (2, 3, 200), (100, 5, 3),
    (2, 3, 3, 60), (2, 2, 2, 130), (8, 2, 2, 40), (1, 7, 12, 12),
]


def shown_indices(shape, edge=3):
    """Flat indices of the elements str() shows for a summarised array."""
    idx = [[i for i in range(n) if n <= 2 * edge or i < edge or i >= n - edge] for n in shape]
    grids = np.meshgrid(*[np.array(i) for i in idx], indexing="ij")
    return np.ravel_multi_index([g.ravel() for g in grids], shape)


def small_case():
    shape = SMALL_SHAPES[rng.integers(len(SMALL_SHAPES))]
    n = int(np.prod(shape))
    a = values(n).reshape(shape)
    return {"shape": list(shape), "values": [hexs(x) for x in a.ravel()], "str": str(a)}


def large_case(shape):
    n = int(np.prod(shape))
    fill = float(rng.choice([0.0, 1.0, 0.5, -2.25]))
    a = np.full(n, fill)
    shown = shown_indices(shape)
    a[shown] = values(len(shown))
    # values str() does not show must not change the format
    hidden = rng.choice(np.setdiff1d(np.arange(n), shown), 5, replace=False)
    a[hidden] = [1e300, -1e-300, math.nan, -math.inf, 123456.7890123]
    a = a.reshape(shape)
    flat = a.ravel()
    diff = [[int(i), hexs(flat[i])] for i in range(n)
            if flat[i].tobytes() != np.float64(fill).tobytes()]
    return {"shape": list(shape), "fill": hexs(fill), "set": diff, "str": str(a)}


def scalar_values():
    xs = [0.0, -0.0, math.nan, math.inf, -math.inf, 1.0, -1.0, 0.1, 1e16,
          -1e16, 1e-4, -1e-4, 5e-324, -5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, 0.0035290422128433038, 1e-5, 123456789.0,
          9999999999999998.0, 1e15, 1e17, 0.3, 2.0 ** 53, 2.0 ** 63, 1e22,
          1e23, 3.0808447437271254, -1.1831979645839683]
    for b in [1e16, 1e-4, 1.0, 1e8, 0.1]:
        xs += [np.nextafter(b, 0.0), np.nextafter(b, math.inf)]
    xs += list(10.0 ** np.arange(-20, 21))
    xs += list(2.0 ** rng.integers(-1074, 1024, 60))
    xs += list(log_uniform(1620, -12, 17))
    xs += list(log_uniform(300, -323, 308))
    xs += list(rng.standard_normal(200))
    xs += list(rng.integers(-10 ** 17, 10 ** 17, 150).astype(float))
    xs += [round(float(x), int(d)) for x, d in
           zip(rng.standard_normal(300) * 1000, rng.integers(0, 8, 300))]
    # random bit patterns: any double at all
    bits = rng.integers(0, 2 ** 63, 300, dtype=np.int64)
    xs += list(bits.view(np.float64))
    return [float(x) for x in xs]


def main():
    arrays = []
    for _ in range(250):
        arrays.append(small_case())
    for shape in LARGE_SHAPES:
        arrays.append(large_case(shape))
    # one fully random large array, stored value by value
    a = values(1200).reshape(30, 40)
    arrays.append({"shape": [30, 40], "values": [hexs(x) for x in a.ravel()], "str": str(a)})

    scalars = []
    for x in scalar_values():
        s = str(np.float64(x))
        if not math.isnan(x):
            assert s == repr(x), (x, s, repr(x))
        scalars.append([hexs(x), s])

    out = {"numpy": np.__version__, "arrays": arrays, "scalars": scalars}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "format_numpy.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(path, os.path.getsize(path), "bytes,", len(arrays), "arrays,", len(scalars), "scalars", file=sys.stderr)


if __name__ == "__main__":
    main()
