package random_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/random"
)

// Seeding with 0 and drawing a 2×2 matrix of Gaussians gives the values
// of np.random.seed(0); np.random.randn(2, 2).
func ExampleNew() {
	g := random.New(0)
	w := g.Randn(2, 2)
	for _, v := range w.Data() {
		fmt.Printf("%.8f\n", v)
	}
	// Output:
	// 1.76405235
	// 0.40015721
	// 0.97873798
	// 2.24089320
}

// The package-level functions share one generator, like np.random.*.
func ExampleSeed() {
	random.Seed(0)
	for _, v := range random.Rand(3).Data() {
		fmt.Printf("%.8f\n", v)
	}
	// Output:
	// 0.54881350
	// 0.71518937
	// 0.60276338
}

// A mini-batch of indices drawn with replacement, as in
// np.random.choice(60000, 5) after np.random.seed(0).
func ExampleGenerator_Choice() {
	g := random.New(0)
	fmt.Println(g.Choice(60000, 5))
	// Output:
	// [2732 43567 42613 52416 45891]
}

// np.random.seed(0); np.random.permutation(10)
func ExampleGenerator_Permutation() {
	g := random.New(0)
	fmt.Println(g.Permutation(10))
	// Output:
	// [2 8 4 9 1 6 7 3 0 5]
}

// np.random.seed(0); np.random.randint(-5, 5, 8)
func ExampleGenerator_Randint() {
	g := random.New(0)
	fmt.Println(g.Randint(-5, 5, 8))
	// Output:
	// [0 -5 -2 -2 2 4 -2 0]
}

// Shuffle reorders any collection through its swap function, in the
// order of np.random.shuffle (np.random.seed(0); np.random.shuffle(words)).
func ExampleGenerator_Shuffle() {
	g := random.New(0)
	words := []string{"a", "b", "c", "d", "e"}
	g.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	fmt.Println(words)
	// Output:
	// [c a b d e]
}

// np.random.seed(1); np.random.uniform(-1, 1, 3)
func ExampleGenerator_Uniform() {
	g := random.New(1)
	for _, v := range g.Uniform(-1, 1, 3).Data() {
		fmt.Printf("%.8f\n", v)
	}
	// Output:
	// -0.16595599
	// 0.44064899
	// -0.99977125
}
