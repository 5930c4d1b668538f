package figures_test

import (
	"testing"

	"lapse/app/figures"
)

// FuzzParseMonth reads any text as a month ("2026-03", typed for a report):
// no panic, and an accepted month reads back the same from how it is written.
// `make fuzz` runs it for a minute; `go test` runs testdata/fuzz/FuzzParseMonth.
func FuzzParseMonth(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		m, err := figures.ParseMonth(s)
		if err != nil {
			return
		}
		back, err := figures.ParseMonth(m.String())
		if err != nil || back != m {
			t.Fatalf("%q reads as %v, written %q, read back as %v (%v)", s, m, m.String(), back, err)
		}
	})
}
