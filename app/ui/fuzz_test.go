package ui

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// Fuzz targets for what is typed into the UI's fields: `make fuzz` runs each
// for a minute, `go test` runs the seeds in testdata/fuzz/<target>.

// FuzzTimeField types any text into a time field and a date field: no
// panic, and an accepted value shows as text that reads back the same.
func FuzzTimeField(f *testing.F) {
	test.NewTempApp(f)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		f.Fatal(err)
	}
	now := func() time.Time { return fixedNow }
	fields := []*timeField{newTimeField(tokyo, now, true), newDateField(tokyo, now, false), newTimeField(time.UTC, now, false)}
	for _, s := range []string{"2026-03-01 09:30", "2026-03-01", "2026-02-30 10:00", "0000-01-01 00:00", "2026-03-01 24:00", " ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fld := range fields {
			fld.entry.SetText(s)
			v, err := fld.value("start")
			if err != nil || v == nil {
				continue
			}
			fld.set(v)
			shown := fld.entry.Text
			back, err := fld.value("start")
			if err != nil || back == nil || !back.Equal(*v) {
				t.Fatalf("%q reads as %v, shows as %q, reads back as %v (%v)", s, v, shown, back, err)
			}
		}
	})
}

// FuzzPermille types any text as a percentage with one decimal: an accepted
// one is the number typed, in tenths of a percent.
func FuzzPermille(f *testing.F) {
	for _, s := range []string{"99", "99.5", "99.5%", "100", "0", "-0.5", "99.55", "9223372036854775807", " 98.0 ", "+5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pm, ok := parsePermille(s)
		if !ok {
			return
		}
		typed, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
		if err != nil || pm < 0 || math.Abs(typed*10-float64(pm)) > 0.5 {
			t.Fatalf("%q reads as %d‰", s, pm)
		}
	})
}
