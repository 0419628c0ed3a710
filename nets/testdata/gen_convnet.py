"""Writes convnet.npz: what the book's ch07/simple_convnet.py SimpleConvNet
computes on small nets, for the NumPy parity tests of package nets. The
book's class is imported from a copy of its repository (nothing of it is
copied here).

Case k seeds the global generator with np.random.seed(seed), builds the
net (which draws W1, W2, W3 in this order), then draws x with
np.random.rand and t with np.random.randint, and records the parameters,
x, t, loss(x, t), the gradients of gradient(x, t) and accuracy(x, t).

Run with NumPy 1.24 (from the nets/ directory):

    git -C <book repo> archive HEAD | tar -x -C /tmp/book
    /usr/bin/python3 testdata/gen_convnet.py /tmp/book testdata/convnet.npz
"""
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + '/ch07')
from simple_convnet import SimpleConvNet  # noqa: E402

cases = [  # seed, (C, H, W), filter_num, filter_size, pad, stride, hidden, output, std, N
    (3, (1, 10, 10), 4, 3, 1, 1, 7, 5, 0.1, 6),
    (4, (2, 9, 9), 3, 2, 0, 1, 6, 4, 0.3, 5),
    (5, (1, 12, 12), 5, 3, 0, 1, 8, 10, 0.05, 150),
]
out = {}
for k, (seed, dim, fnum, fsize, pad, stride, hidden, output, std, n) in enumerate(cases):
    np.random.seed(seed)
    net = SimpleConvNet(input_dim=dim, conv_param={'filter_num': fnum, 'filter_size': fsize, 'pad': pad, 'stride': stride},
                        hidden_size=hidden, output_size=output, weight_init_std=std)
    x = np.random.rand(n, *dim)
    t = np.random.randint(0, output, n)
    key = 'case%d_' % k
    out[key + 'config'] = np.array([seed, dim[0], dim[1], dim[2], fnum, fsize, pad, stride, hidden, output, std], dtype=np.float64)
    for name, v in net.params.items():
        out[key + name] = np.array(v)
    out[key + 'x'] = x
    out[key + 't'] = t.astype(np.float64)
    out[key + 'loss'] = np.array(net.loss(x, t))
    for name, v in net.gradient(x, t).items():
        out[key + 'd' + name] = np.array(v)
    out[key + 'accuracy'] = np.array(net.accuracy(x, t))
np.savez(sys.argv[2], **out)
