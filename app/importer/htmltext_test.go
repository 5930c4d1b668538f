package importer

import (
	"strings"
	"testing"
	"time"
)

// TestHTMLTextIsLinear: markup made of nothing but tags and spaces (a
// hostile body) renders in linear time; finding the end of a line once
// scanned every space before it. It compares the time per tag of 8× the
// tags with that of 1× (the faster of two runs each), so a loaded machine
// or the race detector slows both alike.
func TestHTMLTextIsLinear(t *testing.T) {
	perTag := func(n int) float64 {
		body := "x" + strings.Repeat(" <div> <i> ", n)
		best := time.Duration(1<<63 - 1)
		for range 2 {
			start := time.Now()
			if got := htmlText(body, htmlOptions{quoteBlocks: true}); got != "x" {
				t.Fatalf("text %q", got)
			}
			best = min(best, time.Since(start))
		}
		return float64(best) / float64(n)
	}
	small, large := perTag(5_000), perTag(40_000)
	if large > 3*small {
		t.Errorf("40,000 tag pairs cost %.0f ns each, 5,000 cost %.0f ns each: rendering grows faster than the markup", large, small)
	}
}
