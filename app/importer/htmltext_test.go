package importer

import (
	"strings"
	"testing"
	"time"
)

// TestHTMLTextIsLinear: markup made of nothing but tags and spaces (a
// hostile 1.4 MB body) renders in linear time; finding the end of a line
// once scanned every space before it.
func TestHTMLTextIsLinear(t *testing.T) {
	body := "x" + strings.Repeat(" <div> <i> ", 130_000)
	start := time.Now()
	if got := htmlText(body, htmlOptions{quoteBlocks: true}); got != "x" {
		t.Errorf("text %q", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("rendering %d bytes took %s", len(body), d)
	}
}
