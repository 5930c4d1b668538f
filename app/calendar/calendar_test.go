package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/words"
)

func date(s string) journal.Date {
	d, err := journal.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func sample() Input {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	return Input{
		JournalID: "0123456789abcdef0123456789abcdef",
		Services: []figures.ServiceData{
			{Service: journal.Service{ID: 1, Name: "Parley AI"}, Subscriptions: []journal.Subscription{
				{ID: 10, ServiceID: 1, Plan: "Plus", Amount: 2000, Currency: "USD", Period: journal.Period{N: 1, Unit: journal.Months}, Start: date("2026-01-31"), ReminderDays: 3},
			}},
			{Service: journal.Service{ID: 2, Name: "ストリーミー; HD, 4K"}, Subscriptions: []journal.Subscription{
				{ID: 20, ServiceID: 2, Amount: 1590, Currency: "JPY", Period: journal.Period{N: 1, Unit: journal.Years}, Start: date("2025-12-10")},
			}},
		},
		CancelBefore: map[int64]bool{1: true},
		AsOf:         now,
		Location:     time.UTC,
		Months:       3,
	}
}

func TestRenewals(t *testing.T) {
	ev := Renewals(sample())
	var got []string
	for _, e := range ev {
		got = append(got, e.Date.String()+" "+e.Summary)
	}
	want := []string{
		"2026-11-30 Cancel Parley AI before 2026-11-30", // Jan 31 monthly clamps to Nov 30; only the next charge can be cancelled before
		"2026-12-31 Parley AI Plus renews (20.00 USD)",
		"2027-01-31 Parley AI Plus renews (20.00 USD)",
		"2026-12-10 ストリーミー; HD, 4K renews (1590 JPY)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ev[0].AlarmDays != 3 || ev[3].AlarmDays != 7 {
		t.Errorf("alarm days = %d, %d; want the subscription's 3 and the default 7", ev[0].AlarmDays, ev[3].AlarmDays)
	}
	in := sample()
	in.Lang = words.JA
	if s := Renewals(in)[3].Summary; s != "ストリーミー; HD, 4K の更新（1590 JPY）" {
		t.Errorf("Japanese summary = %q", s)
	}
}

// TestParsesWithThirdPartyParser decodes the file with emersion/go-ical, an
// independent RFC 5545 implementation, and checks what a calendar would see.
func TestParsesWithThirdPartyParser(t *testing.T) {
	in := sample()
	data := Encode(Renewals(in), in.AsOf)
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse the file: %v\n%s", err, data)
	}
	events := cal.Events()
	if len(events) != 4 {
		t.Fatalf("%d events, want 4", len(events))
	}
	e := events[3]
	if uid, _ := e.Props.Text(ical.PropUID); uid != "renewal-20-2026-12-10@0123456789abcdef0123456789abcdef.lapse" {
		t.Errorf("UID = %q", uid)
	}
	if s, _ := e.Props.Text(ical.PropSummary); s != "ストリーミー; HD, 4K renews (1590 JPY)" {
		t.Errorf("summary round trip = %q", s)
	}
	start, err := e.DateTimeStart(time.UTC)
	if err != nil || start.Format("2006-01-02") != "2026-12-10" {
		t.Errorf("DTSTART = %v, %v", start, err)
	}
	if p := e.Props.Get(ical.PropDateTimeStart); p.ValueType() != ical.ValueDate {
		t.Errorf("DTSTART is not an all-day date")
	}
	if p := e.Props.Get(ical.PropDateTimeStamp); p == nil || p.Value != "20261125T100000Z" {
		t.Errorf("DTSTAMP = %v", p)
	}
	var alarms int
	for _, c := range e.Children {
		if c.Name == ical.CompAlarm {
			alarms++
			if tr := c.Props.Get(ical.PropTrigger); tr == nil || tr.Value != "-P7D" {
				t.Errorf("alarm trigger = %v", tr)
			}
		}
	}
	if alarms != 1 {
		t.Errorf("%d alarms, want 1", alarms)
	}
}

func TestFoldAndEscape(t *testing.T) {
	long := strings.Repeat("日本語", 20) // 180 octets
	for _, l := range strings.Split(strings.TrimSuffix(fold("SUMMARY:"+long), "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
	}
	if got := escape("a,b;c\\d\ne"); got != `a\,b\;c\\d\ne` {
		t.Errorf("escape = %q", got)
	}
	if !bytes.Contains(Encode(nil, time.Now()), []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")) {
		t.Errorf("calendar does not use CRLF lines")
	}
}

func TestRenewalsSkipTodaysChargeAndNilZone(t *testing.T) {
	in := sample()
	in.Location = nil
	in.AsOf = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC) // the Parley AI charge is today: already made
	ev := Renewals(in)
	if len(ev) == 0 || ev[0].Date.String() != "2026-12-31" || ev[0].Summary != "Cancel Parley AI before 2026-12-31" {
		t.Errorf("first event = %+v, want the Dec 31 charge to cancel before", ev[0])
	}
}

// A plan ending on a billing date is not charged that day: no renewal, and
// nothing to cancel before, on its end date.
func TestRenewalsStopBeforeTheEndDate(t *testing.T) {
	in := sample()
	in.Services = in.Services[:1]
	sub := &in.Services[0].Subscriptions[0]
	sub.Start, sub.End = date("2024-05-10"), date("2024-08-10")
	in.Months = 12
	for _, tc := range []struct {
		asOf time.Time
		want string
	}{
		{time.Date(2024, 6, 20, 12, 0, 0, 0, time.UTC), "2024-07-10 Cancel Parley AI before 2024-07-10"},
		{time.Date(2024, 7, 20, 12, 0, 0, 0, time.UTC), ""},
	} {
		in.AsOf = tc.asOf
		var got []string
		for _, e := range Renewals(in) {
			got = append(got, e.Date.String()+" "+e.Summary)
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("as of %s: events %q, want %q", tc.asOf, got, tc.want)
		}
	}
}

// UIDs carry the journal's identifier: the same plan and date in two
// journals make two events in a calendar that subscribes to both.
func TestUIDsAreUniquePerJournal(t *testing.T) {
	a, b := sample(), sample()
	b.JournalID = "fedcba9876543210fedcba9876543210"
	uids := map[string]bool{}
	for _, e := range Renewals(a) {
		uids[e.UID] = true
	}
	for _, e := range Renewals(b) {
		if uids[e.UID] {
			t.Errorf("UID %s is in both journals' calendars", e.UID)
		}
	}
	for i, e := range Renewals(sample()) {
		if want := Renewals(a)[i].UID; e.UID != want {
			t.Errorf("UID %s, then %s: not stable for one journal", want, e.UID)
		}
	}
}

func TestBidiControlsAreShownInTheCalendar(t *testing.T) {
	in := sample()
	in.Services[0].Service.Name = "Parley \u202Egpj.exe"
	data := Encode(Renewals(in), in.AsOf)
	if bytes.ContainsRune(data, '\u202E') || !bytes.Contains(data, []byte("Parley <U+202E>gpj.exe")) {
		t.Errorf("calendar does not show the override visibly:\n%s", data)
	}
}
