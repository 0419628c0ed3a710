// Package npy reads and writes NumPy's .npy and .npz files, the engine's
// format for saving weights.
//
// An .npy file holds one array: a magic string, a format version, a header
// that is the repr of a Python dict ({'descr': '<f8', 'fortran_order':
// False, 'shape': (2, 3), }) and the raw data. An .npz file is a zip archive
// of .npy members named <key>.npy, as np.savez (stored) and
// np.savez_compressed (deflated) write them.
//
//	Read, ReadFile          np.load of an .npy file
//	Write, WriteFile        np.save
//	ReadNPZ, ReadNPZFile    np.load of an .npz file
//	WriteNPZ, WriteNPZFile  np.savez (compress false), np.savez_compressed
//	Limits                  the readers with other bounds on what they return
//
// Tensors are float64 in C order, so the writers write '<f8' data with
// fortran_order False, byte for byte as NumPy 1.24's np.save does. The
// readers accept format versions 1.0, 2.0 and 3.0 and the data types
// float64 and float32 in either byte order ('<f8', '<f4', '>f8', '>f4');
// float32 is widened to float64. Any other data type, Fortran-ordered data,
// object arrays and malformed or truncated input are reported as errors that
// name the file (and, for .npz, the member) and what is wrong; the readers
// never panic, and a lying length or shape in the header cannot make them
// allocate much more memory than the input holds.
//
// What a read returns is bounded: by default an array may take 512 MiB and
// all the arrays of an .npz 1 GiB as float64 (DefaultMaxArrayBytes,
// DefaultMaxTotalBytes), checked against each header before its data is
// decoded, so that a small deflated archive cannot fill the memory; .npz
// members that share bytes of the archive are refused. Limits raises the
// bounds:
//
//	arrays, err := npy.Limits{MaxTotalBytes: 4 << 30}.ReadNPZFile(path)
//
// WriteFile and WriteNPZFile write a temporary file in the target's folder
// and rename it over the target once it is complete, so a failed save
// leaves the previous file as it was.
//
// The format is described in NumPy's numpy/lib/format.py
// (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
package npy
