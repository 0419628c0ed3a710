"""Writes im2col.npz: the book's common/util.py im2col and col2im run by
NumPy on seven geometries, for ops' parity tests. The book's functions are
imported from a copy of its repository (nothing of it is copied here).

Run with NumPy 1.24 (from the ops/ directory):

    git -C <book repo> archive HEAD | tar -x -C /tmp/book
    /usr/bin/python3 testdata/gen_im2col.py /tmp/book testdata/im2col.npz
"""
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from common.util import im2col, col2im  # noqa: E402

rng = np.random.RandomState(7)
cases = [  # N, C, H, W, filter height, filter width, stride, pad
    (2, 3, 7, 6, 3, 3, 1, 0),
    (2, 3, 7, 6, 3, 3, 1, 1),
    (3, 2, 8, 9, 2, 3, 2, 0),
    (2, 1, 9, 7, 5, 5, 2, 2),
    (1, 4, 6, 6, 2, 2, 2, 0),
    (2, 2, 5, 8, 3, 2, 3, 1),
    (2, 3, 4, 4, 5, 5, 1, 2),
]
out = {}
for k, (n, c, h, w, fh, fw, s, p) in enumerate(cases):
    x = rng.randn(n, c, h, w)
    col = im2col(x, fh, fw, s, p)
    dcol = rng.randn(*col.shape)
    img = col2im(dcol, x.shape, fh, fw, s, p)
    out['case%d_geom' % k] = np.array([n, c, h, w, fh, fw, s, p], dtype=np.float64)
    out['case%d_x' % k] = x
    out['case%d_col' % k] = np.ascontiguousarray(col)
    out['case%d_dcol' % k] = dcol
    out['case%d_img' % k] = np.ascontiguousarray(img)
np.savez(sys.argv[2], **out)
