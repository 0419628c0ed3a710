# convstep.py BOOK_DIR NET STEPS times STEPS training steps of the book's
# SimpleConvNet ("simple") or DeepConvNet ("deep") under NumPy: gradient, Adam
# update and loss on the updated network, as the Trainer's step and as
# `go test -bench ConvNetStep ./bench`, on a batch of 100 MNIST-shaped images as
# sparse as MNIST's (19% nonzero), after one untimed step. It prints the mean
# milliseconds per step. BOOK_DIR is the book's repository, extracted outside
# this one; the script imports its classes from there. Run it with the OpenBLAS
# kernels bench/openblas_core.sh reports, e.g.
#
#	OPENBLAS_CORETYPE=Cooperlake python3 bench/numpy/convstep.py /tmp/book deep 5
import sys, time
import numpy as np
book, net_name, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path[:0] = [book, book + "/ch07", book + "/ch08"]
from common.optimizer import Adam
np.random.seed(0)
x = np.random.rand(100, 1, 28, 28)
x[np.random.rand(100, 1, 28, 28) > 0.19] = 0
t = np.arange(100) % 10
if net_name == "simple":
    from simple_convnet import SimpleConvNet
    net = SimpleConvNet(input_dim=(1, 28, 28), conv_param={'filter_num': 30, 'filter_size': 5, 'pad': 0, 'stride': 1},
                        hidden_size=100, output_size=10, weight_init_std=0.01)
else:
    from deep_convnet import DeepConvNet
    net = DeepConvNet()
opt = Adam(lr=0.001)
def step():
    grads = net.gradient(x, t)
    opt.update(net.params, grads)
    net.loss(x, t)
step()
t0 = time.perf_counter()
for _ in range(steps):
    step()
print("%s %.1f ms/step" % (net_name, (time.perf_counter() - t0) / steps * 1e3))
