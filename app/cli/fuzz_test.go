package cli

import (
	"testing"
	"time"
)

// FuzzParseWindow reads any --as-of, --from and --to text: no panic, and
// without --as-of the judgement is now, or the period's end when --to has
// passed. `make fuzz` runs it for a minute; `go test` runs
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
		if past := to != "" && end.Before(now); asOf == "" && !(at.Equal(now) && !past || past && at.Equal(end)) {
			t.Fatalf("no --as-of with --to %q gives %v: neither now nor the period's end %v", to, at, end)
		}
		if from != "" && to != "" && start.After(end) && from <= to {
			t.Fatalf("--from %q --to %q gives the window %v to %v", from, to, start, end)
		}
	})
}
