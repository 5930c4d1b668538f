package figures_test

import (
	"math/big"
	"testing"
	"time"
	_ "time/tzdata" // the zone rules the tests pin, whatever the machine has installed

	"lapse/app/figures"
	"lapse/app/journal"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// at reads "2006-01-02 15:04" as local time in loc.
func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func date(t testing.TB, s string) journal.Date {
	t.Helper()
	d, err := journal.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

func outage(impact journal.Impact, start time.Time, end *time.Time) journal.Outage {
	return journal.Outage{ServiceID: 1, Impact: impact, Start: start, End: end, Source: journal.SourceMe}
}

// rat reads an exact decimal or fraction ("45000/31").
func rat(t testing.TB, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad rational %q", s)
	}
	return r
}

// checkAmounts compares exact per-currency amounts; a missing currency counts as zero.
func checkAmounts(t *testing.T, got figures.Amounts, want map[string]string) {
	t.Helper()
	for code, w := range want {
		g := got[code]
		if g == nil {
			g = new(big.Rat)
		}
		if g.Cmp(rat(t, w)) != 0 {
			t.Errorf("%s = %s, want %s", code, g.RatString(), w)
		}
	}
	for code, g := range got {
		if _, ok := want[code]; !ok && g.Sign() != 0 {
			t.Errorf("unexpected %s = %s", code, g.RatString())
		}
	}
}
