# Writes numpy_pow10.txt: u and 10 ** u as the book's script computes them
# (Python's float power, C's pow) for draws of np.random.uniform(-8, -4) and
# np.random.uniform(-6, -2). Run: /usr/bin/python3 gen_pow.py > numpy_pow10.txt
import sys
from decimal import Decimal, getcontext
import numpy as np

getcontext().prec = 60
np.random.seed(1)
N = 2000000
plain, hard = [], []
for lo, hi in ((-8, -4), (-6, -2)):
    cap = len(hard) + 500
    for i, u in enumerate(np.random.uniform(lo, hi, N)):
        u = float(u)
        p = 10 ** u
        if i < 500:
            plain.append((u, p))
        elif len(hard) < cap and float(Decimal(10) ** Decimal(u)) != p:
            hard.append((u, p))
print("# u and 10 ** u (Python float power, C's pow) printed with repr, made by testdata/gen_pow.py with")
print("# NumPy %s, Python %s: 500 draws of np.random.uniform(-8, -4) and 500 of uniform(-6, -2)"
      % (np.__version__, sys.version.split()[0]))
print("# after np.random.seed(1), then the first 500 of the next %d draws of each range (same stream) whose"
      % (N - 500))
print("# power is not the correctly rounded 10^u (Decimal, 60 digits): %d in all." % len(hard))
for u, p in plain + hard:
    print(repr(u), repr(p))
