package clitest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadArrays(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fixture.txt")
	const data = "# made by hand\n# two arrays\nplot0.0 -5.0 0.1 0.30000000000000004\nquiver0.3 1e-05 -0.0 5.0\n\nlabel 5.0\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{
		"plot0.0":   {-5, 0.1, 0.30000000000000004},
		"quiver0.3": {0.00001, 0, 5},
		"label":     {5},
	}
	if diff := cmp.Diff(want, ReadArrays(t, path)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
