// Package pickle reads and writes the book's trained weights: Python
// pickles of a dict of NumPy arrays, as ch03/sample_weight.pkl,
// ch07/params.pkl and ch08/deep_convnet_params.pkl of "Deep Learning from
// Scratch" hold them, and as the book's save_params writes them.
//
//	params, err := pickle.ReadWeightsFile("ch08/deep_convnet_params.pkl")
//	// params["W1"] has shape (16, 1, 3, 3)
//
//	err = pickle.WriteWeightsFile("params.pkl", []pickle.Array{{Name: "W1", Value: w1}, ...})
//	// Python: pickle.load(open("params.pkl", "rb"))["W1"] is w1 as a float64 ndarray
//
// A pickle is a program for a stack machine, and Python's pickle.load runs
// it, importing and calling whatever globals it names. This package does
// not: it interprets only the opcodes that a dict of arrays needs (pickle
// protocols 2 to 5) and recognises only these globals by name, without
// importing or calling anything:
//
//	numpy.core.multiarray._reconstruct  makes an empty ndarray
//	numpy.ndarray                       its class argument
//	numpy.dtype                         'f8' or 'f4'
//	_codecs.encode                      how protocol 2 writes bytes
//	__builtin__.bytes                   how protocol 2 writes empty bytes
//	numpy.core.numeric._frombuffer      how protocol 5 writes an array
//
// numpy._core.multiarray._reconstruct and numpy._core.numeric._frombuffer,
// NumPy 2's names for the same functions, are accepted too (protocol 5's
// data comes in band, as a bytearray; out-of-band buffers are refused). The arrays' state (shape, dtype, byte order,
// Fortran order, raw data) is decoded by hand: float64 and float32 in either
// byte order, in C or Fortran order (sample_weight.pkl stores its weight
// matrices in Fortran order), become float64 tensors in C order. Anything
// else is an error that names the opcode and its offset in the stream; the
// reader never panics. Input that does not start with the PROTO opcode of
// protocols 2 to 5 is reported as not a pickle file, with what it looks
// like when its first bytes tell: a zip archive (an .npz), a .npy file,
// gzip data, text or HTML, an empty file.
//
// What a read allocates is bounded: an array may take 512 MiB and all of
// them 1 GiB as float64 (DefaultMaxArrayBytes, DefaultMaxTotalBytes;
// Limits raises them), checked before each array is allocated, and the
// arrays' data must come from distinct bytes of the pickle, so the result
// takes at most twice the pickle's size however its memo is used.
//
// NumPy's .npy and .npz files, the engine's own format for weights, are in
// package data/npy.
package pickle
