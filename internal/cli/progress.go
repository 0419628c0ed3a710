package cli

import (
	"fmt"
	"io"
	"os"
	"time"
)

// IsTerminal reports whether w is a terminal (a character device), where
// progress lines that rewrite themselves make sense.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Progress shows how far a long loop has come on one line that rewrites
// itself, at most a few times a second, and only when its writer is a
// terminal: piped output stays exactly the book's.
type Progress struct {
	w     io.Writer
	on    bool
	last  time.Time
	shown bool
}

// NewProgress returns a Progress writing to w, active only if w is a
// terminal.
func NewProgress(w io.Writer) *Progress {
	return &Progress{w: w, on: IsTerminal(w)}
}

// Update shows "label done/total" with the loss, if active and enough time
// has passed since the last update.
func (p *Progress) Update(label string, done, total int, loss float64) {
	if !p.on {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond && done < total {
		return
	}
	p.last = now
	p.shown = true
	fmt.Fprintf(p.w, "\r\033[K%s %d/%d (%.0f%%) loss %.4f", label, done, total, 100*float64(done)/float64(total), loss)
}

// Clear erases the progress line, so that the next line prints cleanly.
func (p *Progress) Clear() {
	if p.on && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
