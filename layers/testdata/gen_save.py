#!/usr/bin/python3
"""Generate the NumPy-made fixtures for layers/save_test.go.

Run from the layers directory with NumPy 1.24 installed:

    /usr/bin/python3 testdata/gen_save.py

The arrays are those of the book's MultiLayerNetExtend(input_size=4,
hidden_size_list=[3, 3], output_size=2, use_batchnorm=True): its params
dict (W1, b1, gamma1, beta1, W2, b2, gamma2, beta2, W3, b3) and the running
statistics of its two BatchNormalization layers (running_mean1,
running_var1, running_mean2, running_var2), filled with random values from
np.random.RandomState(9). A few special values (-0.0, the smallest
subnormal, the largest float64) make the round trip prove bit-exactness.

It writes

    save_numpy.npz             np.savez(path, **arrays), keys in sorted order
                               (the order Go's npy.WriteNPZ writes)
    save_numpy_compressed.npz  np.savez_compressed(path, **arrays)
    save_numpy.json            {"about": ..., "numpy": version,
                                "arrays": {name: {"shape": [...],
                                                  "values": [float.hex(), ...]}}}

and checks that np.load gives back the arrays of the JSON.
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def arrays():
    rng = np.random.RandomState(9)
    sizes = [4, 3, 3, 2]
    params = {}
    state = {}
    for idx in range(1, len(sizes)):
        params["W" + str(idx)] = rng.randn(sizes[idx - 1], sizes[idx])
        params["b" + str(idx)] = rng.randn(sizes[idx])
        if idx < len(sizes) - 1:
            params["gamma" + str(idx)] = 1 + 0.1 * rng.randn(sizes[idx])
            params["beta" + str(idx)] = 0.1 * rng.randn(sizes[idx])
            state["running_mean" + str(idx)] = rng.randn(sizes[idx])
            state["running_var" + str(idx)] = rng.rand(sizes[idx]) + 0.5
    params["b1"][0] = -0.0
    params["b2"][1] = 5e-324
    params["W3"][2, 1] = np.finfo(np.float64).max
    out = dict(params)
    out.update(state)
    return out


def main():
    a = arrays()
    ordered = {k: a[k] for k in sorted(a)}
    plain = os.path.join(HERE, "save_numpy.npz")
    compressed = os.path.join(HERE, "save_numpy_compressed.npz")
    np.savez(plain, **ordered)
    np.savez_compressed(compressed, **ordered)
    doc = {
        "about": "made by layers/testdata/gen_save.py with NumPy: the arrays of a "
        "MultiLayerNetExtend(4, [3, 3], 2, use_batchnorm=True) and its BatchNormalization "
        "running statistics, random values from RandomState(9), as in save_numpy.npz",
        "numpy": np.__version__,
        "arrays": {
            k: {"shape": list(v.shape), "values": [float(x).hex() for x in v.ravel()]}
            for k, v in ordered.items()
        },
    }
    with open(os.path.join(HERE, "save_numpy.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    for path in (plain, compressed):
        with np.load(path) as z:
            assert sorted(z.files) == sorted(a), z.files
            for k in a:
                assert z[k].dtype == np.float64 and z[k].tobytes() == a[k].tobytes(), k
    print("wrote", plain, compressed, "and save_numpy.json with NumPy", np.__version__)


if __name__ == "__main__":
    main()
