package datetext_test

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // the zone rules the tests pin

	"lapse/app/datetext"
	"lapse/app/journal"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestParse(t *testing.T) {
	tokyo := zone(t, "Asia/Tokyo")
	want := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04:05", s, tokyo)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		in   string
		want string // in Tokyo, "2006-01-02 15:04:05"
	}{
		{"2024-07-18 09:00", "2024-07-18 09:00:00"},
		{"2024-07-18 9:00", "2024-07-18 09:00:00"},
		{"2024-07-18", "2024-07-18 00:00:00"},
		{"  2024-07-18   9:05  ", "2024-07-18 09:05:00"},
		{"2024-07-18T09:05", "2024-07-18 09:05:00"},
		{"2024-07-18 09:05:30", "2024-07-18 09:05:30"},
		{"2024/7/18 9:05", "2024-07-18 09:05:00"},
		{"2024/07/18", "2024-07-18 00:00:00"},
		{"2024.7.18 21:40", "2024-07-18 21:40:00"},
		{"7/18/2024 9:05 AM", "2024-07-18 09:05:00"},
		{"7/18/2024 9:05 pm", "2024-07-18 21:05:00"},
		{"7/18/2024, 9:05 p.m.", "2024-07-18 21:05:00"},
		{"7/18/2024 12:30 AM", "2024-07-18 00:30:00"},
		{"7/18/2024 12:30 PM", "2024-07-18 12:30:00"},
		{"7/18/2024 9am", "2024-07-18 09:00:00"},
		{"7/18/2024", "2024-07-18 00:00:00"},
		{"2024年7月18日 9:05", "2024-07-18 09:05:00"},
		{"2024年7月18日9:05", "2024-07-18 09:05:00"},
		{"2024年7月18日", "2024-07-18 00:00:00"},
		{"2024年7月18日(木) 9:05", "2024-07-18 09:05:00"},
		{"2024年7月18日 午後3時", "2024-07-18 15:00:00"},
		{"2024年7月18日 午前9時5分", "2024-07-18 09:05:00"},
		{"2024年7月18日 15時半", "2024-07-18 15:30:00"},
		{"2024年7月18日 午後3:20", "2024-07-18 15:20:00"},
		{"２０２４年７月１８日　９：０５", "2024-07-18 09:05:00"},
		{"２０２４－０７－１８　０９：００", "2024-07-18 09:00:00"},
		{"2024-02-29", "2024-02-29 00:00:00"},
	}
	for _, tc := range tests {
		got, err := datetext.Parse(tc.in, tokyo)
		if err != nil || !got.Equal(want(tc.want)) {
			t.Errorf("Parse(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestParseMistakes(t *testing.T) {
	tokyo := zone(t, "Asia/Tokyo")
	tests := []struct {
		in   string
		code datetext.Code
	}{
		{"", datetext.Empty},
		{"   ", datetext.Empty},
		{"yesterday", datetext.Unreadable},
		{"18/7", datetext.Unreadable},
		{"2024-07/18", datetext.Unreadable},
		{"2024-07-18 9", datetext.Unreadable},
		{"2024-07-18 09:00 junk", datetext.Unreadable},
		{"2024-07-18 午前9:00 AM", datetext.Unreadable},
		{"0000-01-01", datetext.BadYear},
		{"2024-13-01", datetext.BadMonth},
		{"18/7/2024", datetext.BadMonth},
		{"2024-06-31", datetext.BadDay},
		{"2023-02-29", datetext.BadDay},
		{"2024-07-18 24:00", datetext.BadHour},
		{"7/18/2024 13:00 PM", datetext.BadHour},
		{"7/18/2024 0:30 AM", datetext.BadHour},
		{"2024-07-18 09:60", datetext.BadMinute},
		{"2024-07-18 09:00:60", datetext.BadMinute},
	}
	for _, tc := range tests {
		_, err := datetext.Parse(tc.in, tokyo)
		var e *datetext.Error
		if !errors.As(err, &e) || e.Code != tc.code || e.Input != tc.in {
			t.Errorf("Parse(%q) = %v, want code %s", tc.in, err, tc.code)
		}
	}
}

// Clock changes: a date alone is the day's first instant even where
// midnight was skipped; a skipped time is refused; a repeated one is its
// first occurrence.
func TestParseAcrossClockChanges(t *testing.T) {
	asuncion, berlin := zone(t, "America/Asuncion"), zone(t, "Europe/Berlin")
	got, err := datetext.Parse("2023-10-01", asuncion)
	if want := time.Date(2023, 10, 1, 4, 0, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("Asuncion 2023-10-01 = %v, %v; want %v (01:00 local, the day's first instant)", got, err, want)
	}
	var e *datetext.Error
	if _, err := datetext.Parse("2023-10-01 00:30", asuncion); !errors.As(err, &e) || e.Code != datetext.NoSuchTime {
		t.Errorf("Asuncion 2023-10-01 00:30 = %v, want no such time", err)
	}
	if _, err := datetext.Parse("2024-03-31 02:30", berlin); !errors.As(err, &e) || e.Code != datetext.NoSuchTime {
		t.Errorf("Berlin 2024-03-31 02:30 = %v, want no such time", err)
	}
	got, err = datetext.Parse("2024-10-27 02:30", berlin)
	if want := time.Date(2024, 10, 27, 0, 30, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("Berlin 2024-10-27 02:30 = %v, %v; want %v (the first, summer-time, occurrence)", got, err, want)
	}
	// Lord Howe turns its clocks back half an hour, 02:00 +11 to 01:30 +10:30.
	got, err = datetext.Parse("2024-04-07 01:45", zone(t, "Australia/Lord_Howe"))
	if want := time.Date(2024, 4, 6, 14, 45, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("Lord Howe 2024-04-07 01:45 = %v, %v; want %v (the first occurrence)", got, err, want)
	}
}

func TestParseDate(t *testing.T) {
	for _, in := range []string{"2024-07-18", "2024/7/18", "7/18/2024", "2024年7月18日", "２０２４年７月１８日"} {
		if d, err := datetext.ParseDate(in); err != nil || d != (journal.Date{Year: 2024, Month: 7, Day: 18}) {
			t.Errorf("ParseDate(%q) = %v, %v", in, d, err)
		}
	}
	var e *datetext.Error
	if _, err := datetext.ParseDate("2024-07-18 09:00"); !errors.As(err, &e) || e.Code != datetext.TimeNotWanted {
		t.Errorf("ParseDate with a time = %v, want time not wanted", err)
	}
}

func TestForm(t *testing.T) {
	at := time.Date(2024, 7, 18, 9, 5, 0, 0, zone(t, "Asia/Tokyo"))
	if datetext.Form(true) != "YYYY-MM-DD HH:MM" || datetext.Form(false) != "YYYY-MM-DD" ||
		datetext.Example(at, true) != "2024-07-18 09:05" || datetext.Example(at, false) != "2024-07-18" {
		t.Errorf("forms %q %q, examples %q %q", datetext.Form(true), datetext.Form(false), datetext.Example(at, true), datetext.Example(at, false))
	}
}

// Whatever is typed, Parse answers without panicking; what it reads, the
// full form writes back to the same instant, and the error names the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2024-07-18 9:00", "7/18/2024 9:05 AM", "2024年7月18日 9:05", "2023-10-01", "2024/7/18"} {
		f.Add(s)
	}
	loc := zone(f, "America/Asuncion")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := datetext.Parse(s, loc)
		if err != nil {
			var e *datetext.Error
			if !errors.As(err, &e) || e.Input != s || e.Code == "" {
				t.Fatalf("Parse(%q): %v is not a datetext.Error naming the input", s, err)
			}
			return
		}
		full := got.In(loc).Format("2006-01-02 15:04:05")
		again, err := datetext.Parse(full, loc)
		if err != nil || !again.Equal(got) {
			t.Fatalf("Parse(%q) = %v; its full form %q reads %v, %v", s, got, full, again, err)
		}
	})
}
