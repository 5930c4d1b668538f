package figures_test

import (
	"testing"
	"time"

	"lapse/app/figures"
)

func TestMonthWindowLength(t *testing.T) {
	tests := []struct {
		name  string
		zone  string
		month figures.Month
		want  time.Duration
	}{
		// 31 × 24 − 1: clocks spring forward on Mar 8.
		{"New York March loses an hour", "America/New_York", figures.Month{Year: 2026, Month: time.March}, 743 * time.Hour},
		// 30 × 24 + 1: clocks fall back on Nov 1.
		{"New York November gains an hour", "America/New_York", figures.Month{Year: 2026, Month: time.November}, 721 * time.Hour},
		// 31 × 24 − 1: Mar 29.
		{"Berlin March loses an hour", "Europe/Berlin", figures.Month{Year: 2026, Month: time.March}, 743 * time.Hour},
		// 31 × 24 + 1: Oct 25.
		{"Berlin October gains an hour", "Europe/Berlin", figures.Month{Year: 2026, Month: time.October}, 745 * time.Hour},
		{"Tokyo March has no DST", "Asia/Tokyo", figures.Month{Year: 2026, Month: time.March}, 744 * time.Hour},
		{"non-leap February", "UTC", figures.Month{Year: 2026, Month: time.February}, 28 * 24 * time.Hour},
		{"leap February", "UTC", figures.Month{Year: 2028, Month: time.February}, 29 * 24 * time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.month.Window(mustLoc(t, tc.zone)).Len(); got != tc.want {
				t.Errorf("len = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMonthOf(t *testing.T) {
	tokyo := mustLoc(t, "Asia/Tokyo")
	// 2026-03-31 20:00 UTC is already April 1, 05:00 in Tokyo.
	instant := time.Date(2026, 3, 31, 20, 0, 0, 0, time.UTC)
	if got := figures.MonthOf(instant, tokyo); got != (figures.Month{Year: 2026, Month: time.April}) {
		t.Errorf("MonthOf(Tokyo) = %v, want 2026-04", got)
	}
	if got := figures.MonthOf(instant, time.UTC); got.String() != "2026-03" {
		t.Errorf("MonthOf(UTC) = %v, want 2026-03", got)
	}
}

func TestMonthRange(t *testing.T) {
	tests := []struct {
		name        string
		first, last string
		want        []string
	}{
		{"across a year", "2025-11", "2026-02", []string{"2025-11", "2025-12", "2026-01", "2026-02"}},
		{"one month", "2026-03", "2026-03", []string{"2026-03"}},
		{"reversed is empty", "2026-03", "2026-02", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, err := figures.ParseMonth(tc.first)
			if err != nil {
				t.Fatal(err)
			}
			last, err := figures.ParseMonth(tc.last)
			if err != nil {
				t.Fatal(err)
			}
			got := figures.MonthRange(first, last)
			if len(got) != len(tc.want) {
				t.Fatalf("MonthRange = %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i].String() != tc.want[i] {
					t.Fatalf("MonthRange = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestMonthsOverlapping(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	// Jan 15 to local midnight of Mar 1: January and February; March is not touched.
	w := figures.Interval{Start: at(t, berlin, "2026-01-15 12:00"), End: at(t, berlin, "2026-03-01 00:00")}
	got := figures.MonthsOverlapping(w, berlin)
	if len(got) != 2 || got[0].String() != "2026-01" || got[1].String() != "2026-02" {
		t.Errorf("MonthsOverlapping = %v, want [2026-01 2026-02]", got)
	}
}

func TestParseMonthRejects(t *testing.T) {
	for _, s := range []string{"", "2026-13", "2026/03", "March"} {
		if _, err := figures.ParseMonth(s); err == nil {
			t.Errorf("ParseMonth(%q) succeeded", s)
		}
	}
}
