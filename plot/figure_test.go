package plot_test

import (
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/plot"
)

// TestHide checks that a hidden axes draws nothing: its title, ticks and
// frame are absent from the SVG document.
func TestHide(t *testing.T) {
	f := plot.NewGrid(1, 2)
	f.Subplot(0).SetTitle("shown")
	f.Subplot(1).SetTitle("hidden")
	f.Subplot(1).Hide()
	var b strings.Builder
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if svg := b.String(); !strings.Contains(svg, "shown") || strings.Contains(svg, "hidden") {
		t.Errorf("the document holds the shown axes' title: %v, the hidden one's: %v",
			strings.Contains(svg, "shown"), strings.Contains(svg, "hidden"))
	}
}
