"""Writes half.npz: float64 values x and NumPy's x.astype(np.float16) read
back as float64 (y), for ops' float16 tests: boundary values (the largest
half, the overflow threshold, halfway cases between neighbours, normal and
subnormal, the smallest subnormal and half of it), specials, and random
values over the whole range of exponents.

Run with NumPy 1.24 (from the ops/ directory):

    /usr/bin/python3 testdata/gen_half.py testdata/half.npz
"""
import sys

import numpy as np

vals = [0.0, -0.0, 1.0, -1.0, 65504.0, 65519.99999999999, 65520.0, 65520.00000000001,
        65536.0, 1e300, -1e300, np.inf, -np.inf, np.nan,
        2.0**-24, 2.0**-25, 2.0**-25 * (1 + 2.0**-52), 3 * 2.0**-26, 5 * 2.0**-26,
        2.0**-14, 2.0**-14 - 2.0**-25, 2.0**-14 - 2.0**-24, 2.0**-14 - 3 * 2.0**-25,
        1e-300, 5e-324, -5e-324, 0.1, 1 / 3, 2 / 3, np.pi, np.e, 1e-5, 1e5]
# Halfway cases and their neighbours at every normal exponent.
for e in range(-14, 16):
    q = 2.0**(e - 10)  # the spacing of halves in [2**e, 2**(e+1))
    for m in (1, 2, 1023):
        base = 2.0**e + m * q
        for off in (0.5 * q, -0.5 * q):
            h = base + off
            vals += [h, np.nextafter(h, np.inf), np.nextafter(h, -np.inf), -h]
# Halfway cases among the subnormals.
for m in (0, 1, 2, 3, 511, 512, 1022):
    h = (m + 0.5) * 2.0**-24
    vals += [h, np.nextafter(h, np.inf), np.nextafter(h, -np.inf), -h]
rs = np.random.RandomState(16)
vals += list(rs.randn(2000) * 2.0**rs.randint(-30, 18, 2000))
x = np.array(vals, dtype=np.float64)
y = x.astype(np.float16).astype(np.float64)
np.savez(sys.argv[1], x=x, y=y)
