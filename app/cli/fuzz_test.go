package cli

import (
	"testing"
	"time"
)

// FuzzParseWindow reads any --as-of, --from and --to text: no panic, and
// an accepted --as-of in RFC 3339 or local "YYYY-MM-DD HH:MM" is the instant
// written. `make fuzz` runs it for a minute; `go test` runs
// testdata/fuzz/FuzzParseWindow.
func FuzzParseWindow(f *testing.F) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		f.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, asOf, from, to string) {
		at, start, end, err := parseWindow(asOf, from, to, tokyo, now)
		if err != nil {
			return
		}
		if asOf == "" && !at.Equal(now) {
			t.Fatalf("no --as-of gives %v, not now", at)
		}
		if from != "" && to != "" && start.After(end) && from <= to {
			t.Fatalf("--from %q --to %q gives the window %v to %v", from, to, start, end)
		}
	})
}
