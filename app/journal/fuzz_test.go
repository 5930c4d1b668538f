package journal

import (
	"testing"
)

// Fuzz targets for the parsers of typed text: `make fuzz` runs each for a
// minute, `go test` runs the seeds in testdata/fuzz/<target>. Whatever the
// text, no parser panics, and what one accepts it reads back the same from
// the way Lapse writes it.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-01-31", "2024-02-29", "2026-02-29", "0000-01-01", "9999-12-31", "2026-1-31", " 2026-01-31", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("%q reads as %v, written %q, read back as %v (%v)", s, d, d.String(), back, err)
		}
	})
}

// fuzzCurrencies are currencies of 0, 2 and 3 decimals and an unknown code.
var fuzzCurrencies = []string{"JPY", "USD", "BHD", "XXX", "EUR", ""}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"9,99", "1.234,50", "1,234.50", "1,200", "1 234,5", "１，２００", "-5", "+0.01", "1,2,3",
		"99999999999999999999", "0.001", "1e5", "1'000.25", "NaN"} {
		f.Add(s, uint8(1))
	}
	f.Add("1590", uint8(0))
	f.Add("0.125", uint8(2))
	f.Fuzz(func(t *testing.T, s string, c uint8) {
		code := fuzzCurrencies[int(c)%len(fuzzCurrencies)]
		v, err := ParseAmount(s, code)
		if err != nil {
			return
		}
		for _, written := range []string{FormatAmount(v, code), GroupDigits(FormatAmount(v, code))} {
			back, err := ParseAmount(written, code)
			if err != nil || back != v {
				t.Fatalf("%q in %s reads as %d, written %q, read back as %d (%v)", s, code, v, written, back, err)
			}
		}
	})
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"151.20", "0.0066", "1", "0", "-1", "1/3", "1e3", " 162.5 ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s)
		if err != nil {
			return
		}
		if r.Sign() <= 0 {
			t.Fatalf("%q reads as the rate %s, which is not above zero", s, r.RatString())
		}
	})
}
