package pickle_test

import (
	"fmt"
	"log"
	"slices"
	"strings"

	"github.com/dlfs-go/dlfs/data/pickle"
)

// weightsPickle is what Python writes for
//
//	pickle.dumps({'W1': np.array([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]),
//	              'b1': np.array([0.25, -0.5, 1.0], dtype=np.float32)},
//	             protocol=4)
const weightsPickle = "" +
	"\x80\x04\x95\x14\x01\x00\x00\x00\x00\x00\x00}\x94(\x8c\x02W1\x94" +
	"\x8c\x15numpy.core.multiarray\x94\x8c\x0c_reconstruct\x94\x93" +
	"\x94\x8c\x05numpy\x94\x8c\x07ndarray\x94\x93\x94K\x00\x85\x94C" +
	"\x01b\x94\x87\x94R\x94(K\x01K\x02K\x03\x86\x94h\x05\x8c\x05dtype" +
	"\x94\x93\x94\x8c\x02f8\x94\x89\x88\x87\x94R\x94(K\x03\x8c\x01<" +
	"\x94NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00t\x94b\x89C0\x9a" +
	"\x99\x99\x99\x99\x99\xb9?\x9a\x99\x99\x99\x99\x99\xc9\xbf333333" +
	"\xd3?\x9a\x99\x99\x99\x99\x99\xd9?\x00\x00\x00\x00\x00\x00\xe0?3" +
	"33333\xe3\xbf\x94t\x94b\x8c\x02b1\x94h\x04h\x07K\x00\x85\x94h" +
	"\x09\x87\x94R\x94(K\x01K\x03\x85\x94h\x0e\x8c\x02f4\x94\x89\x88" +
	"\x87\x94R\x94(K\x03h\x12NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK" +
	"\x00t\x94b\x89C\x0c\x00\x00\x80>\x00\x00\x00\xbf\x00\x00\x80?" +
	"\x94t\x94bu."

// Read a pickled dict of NumPy arrays, as the book's
// pickle.load(f) reads its trained weights. ReadWeightsFile does the same
// with a file such as ch03/sample_weight.pkl.
func ExampleReadWeights() {
	params, err := pickle.ReadWeights(strings.NewReader(weightsPickle))
	if err != nil {
		log.Fatal(err)
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Printf("%s %v %.2f\n", k, params[k].Shape(), params[k].Data())
	}
	// Output:
	// W1 [2 3] [0.10 -0.20 0.30 0.40 0.50 -0.60]
	// b1 [3] [0.25 -0.50 1.00]
}
