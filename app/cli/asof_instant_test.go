package cli

import (
	"testing"
	"time"
	_ "time/tzdata" // the zone rules the test pins, whatever the machine has installed
)

// --as-of reads a local time as the date fields do (datetext): a time the
// clocks skipped is refused rather than moved an hour, and a time that
// happened twice is its first occurrence.
func TestAsOfLocalTimes(t *testing.T) {
	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in string
		want     string // RFC 3339 in UTC; "" refused
	}{
		{"RFC 3339", "2023-10-01T03:30:00Z", "2023-10-01T03:30:00Z"},
		{"a day is its first instant, after a skipped midnight", "2023-10-01", "2023-10-01T04:00:00Z"},
		{"an ordinary local time", "2023-09-30 23:30", "2023-10-01T03:30:00Z"},
		{"with a T", "2023-09-30T23:30", "2023-10-01T03:30:00Z"},
		{"a skipped time is refused", "2023-10-01 00:30", ""},
		// Clocks went back from 00:00 -03 to 23:00 -04 on 26 March 2023.
		{"a repeated time is its first occurrence", "2023-03-25 23:30", "2023-03-26T02:30:00Z"},
		{"not a time", "yesterday", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseInstant(tc.in, asuncion)
			if tc.want == "" {
				if err == nil {
					t.Errorf("parseInstant(%q) = %s, want an error", tc.in, got.UTC().Format(time.RFC3339))
				}
				return
			}
			if err != nil || got.UTC().Format(time.RFC3339) != tc.want {
				t.Errorf("parseInstant(%q) = %s, %v; want %s", tc.in, got.UTC().Format(time.RFC3339), err, tc.want)
			}
		})
	}
}
