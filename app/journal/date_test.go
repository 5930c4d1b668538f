package journal

import (
	"testing"
	"time"
	_ "time/tzdata" // the zone rules the tests pin, whatever the machine has installed
)

// TestDateInIsFirstInstant pins local midnight as the first instant of the
// day (PRODUCT.md), also where clocks jump from 00:00 to 01:00.
func TestDateInIsFirstInstant(t *testing.T) {
	tests := []struct {
		name, zone, day string
		want            string // RFC 3339 in UTC
	}{
		// Clocks jump 00:00 → 01:00 -03: the day begins at 01:00 local, 04:00 UTC
		// (time.Date answers 23:00 of Sep 30, an hour early).
		{"Asuncion spring forward", "America/Asuncion", "2023-10-01", "2023-10-01T04:00:00Z"},
		{"Santiago spring forward", "America/Santiago", "2023-09-03", "2023-09-03T04:00:00Z"},
		{"Havana spring forward", "America/Havana", "2023-03-12", "2023-03-12T05:00:00Z"},
		// East of UTC: 00:00 +02 → 01:00 +03, the day begins at 22:00 UTC the day before.
		{"Cairo spring forward", "Africa/Cairo", "2023-04-28", "2023-04-27T22:00:00Z"},
		// Fall back from 00:00 -03 to 23:00 -04 of the day before: midnight exists once.
		{"Asuncion fall back", "America/Asuncion", "2023-03-26", "2023-03-26T04:00:00Z"},
		{"ordinary day", "America/Asuncion", "2023-09-30", "2023-09-30T04:00:00Z"},
		{"day before the jump", "America/Santiago", "2023-09-02", "2023-09-02T04:00:00Z"},
		// Samoa skipped 30 Dec 2011 entirely: its "midnight" is the next day's first instant.
		{"a skipped day", "Pacific/Apia", "2011-12-30", "2011-12-30T10:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			got := d(tc.day).In(loc)
			if s := got.UTC().Format(time.RFC3339); s != tc.want {
				t.Errorf("%s in %s = %s (%s local), want %s", tc.day, tc.zone, s, got.In(loc).Format("2006-01-02 15:04 -07"), tc.want)
			}
			if tc.name != "a skipped day" && DateOf(got.In(loc)) != d(tc.day) {
				t.Errorf("%s falls on %s local", got, DateOf(got.In(loc)))
			}
			if DateOf(got.Add(-time.Nanosecond).In(loc)) == d(tc.day) {
				t.Errorf("the instant before %s is still %s", got, tc.day)
			}
		})
	}
}
