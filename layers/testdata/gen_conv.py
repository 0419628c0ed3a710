"""Writes conv.npz: the book's common/layers.py Convolution and Pooling,
forward and backward, on small inputs, for the fixture tests of package
layers. The book's classes are imported from a copy of its repository
(nothing of it is copied here); every array is drawn from
np.random.RandomState(200 + case).

Run with NumPy 1.24 (from the layers/ directory):

    git -C <book repo> archive HEAD | tar -x -C /tmp/book
    /usr/bin/python3 testdata/gen_conv.py /tmp/book testdata/conv.npz
"""
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from common.layers import Convolution, Pooling  # noqa: E402

out = {}
conv_cases = [  # N, C, H, W, FN, FH, FW, stride, pad
    (2, 1, 8, 8, 3, 5, 5, 1, 0),
    (2, 3, 7, 6, 4, 3, 3, 1, 1),
    (3, 2, 9, 8, 2, 3, 2, 2, 1),
    (1, 2, 6, 7, 5, 3, 3, 2, 0),
]
for k, (n, c, h, w, fn, fh, fw, s, p) in enumerate(conv_cases):
    rs = np.random.RandomState(200 + k)
    W = rs.randn(fn, c, fh, fw)
    b = rs.randn(fn)
    x = rs.randn(n, c, h, w)
    layer = Convolution(W, b, s, p)
    y = layer.forward(x)
    dout = rs.randn(*y.shape)
    dx = layer.backward(dout)
    key = 'conv%d_' % k
    out[key + 'geom'] = np.array([s, p], dtype=np.float64)
    for name, a in (('W', W), ('b', b), ('x', x), ('out', y), ('dout', dout),
                    ('dx', dx), ('dW', layer.dW), ('db', layer.db)):
        out[key + name] = np.ascontiguousarray(a)

pool_cases = [  # N, C, H, W, pool height, pool width, stride, NaN
    (2, 3, 8, 8, 2, 2, 2, False),
    (2, 2, 7, 9, 3, 3, 2, False),
    (1, 2, 6, 6, 2, 3, 1, False),
    (2, 2, 4, 4, 2, 2, 2, True),
]
for k, (n, c, h, w, ph, pw, s, nan) in enumerate(pool_cases):
    rs = np.random.RandomState(300 + k)
    x = rs.randn(n, c, h, w)
    if nan:
        x[0, 1, 0, 1] = np.nan
        x[1, 0, 3, 2] = np.nan
        x[1, 0, 3, 3] = np.nan
    layer = Pooling(ph, pw, s)
    y = layer.forward(x)
    dout = rs.randn(*y.shape)
    dx = layer.backward(dout)
    key = 'pool%d_' % k
    out[key + 'geom'] = np.array([ph, pw, s], dtype=np.float64)
    for name, a in (('x', x), ('out', y), ('dout', dout), ('dx', dx)):
        out[key + name] = np.ascontiguousarray(a)
np.savez(sys.argv[2], **out)
