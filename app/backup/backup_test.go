package backup

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

var update = flag.Bool("update", false, "rewrite testdata/full.json from the fixture")

var testNow = time.Date(2026, 11, 25, 10, 15, 0, 0, time.UTC)

// clock is a settable clock, so every record gets its own timestamps.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func openDB(t *testing.T, c *clock) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "journal.db"), storage.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func day(s string) journal.Date {
	d, err := journal.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

// fill writes a journal with every entity and every field set, through the
// same calls the window makes, the clock moving between them; some of it
// ends in the trash, and links into the trash stay.
func fill(t *testing.T, db *storage.DB, c *clock) {
	t.Helper()
	ctx := context.Background()
	step := func() { c.Add(7 * time.Minute) }
	must(t, db.SaveSettings(ctx, journal.Settings{
		HomeCurrency: "JPY",
		Rates: []journal.Rate{
			{Currency: "EUR", Rate: "162.5"},
			{Currency: "USD", Rate: "151.20", AsOf: day("2026-11-01")},
		},
		TimeZone:     "Asia/Tokyo",
		Language:     "ja",
		ReminderDays: 5,
		Thresholds: journal.Thresholds{WindowDays: 45, WatchUnusableHours: 3, SwitchUnusableHours: 20, CancelUnusableHours: 60,
			MinAvailabilityPermille: 985, BadMonthsToSwitch: 3, PaidUnusablePercent: 15, SilenceDays: 4, WaitingTicketDays: 2},
		MyAddresses:       []string{"me@example.com", "私@example.jp"},
		KeepInTray:        true,
		StatusPollMinutes: 10,
	}))
	step()
	parley := &journal.Service{Name: "Parley AI", Category: "AI chat", Website: "https://parley.example",
		StatusPage: "https://status.parley.example", Notes: "Paid since 2025.\n<b>not html</b> & \"quotes\""}
	must(t, db.CreateService(ctx, parley))
	step()
	quill := &journal.Service{Name: "クイル", Category: "AI チャット", Archived: true}
	must(t, db.CreateService(ctx, quill))
	step()
	gone := &journal.Service{Name: "Gone Chat"}
	must(t, db.CreateService(ctx, gone))
	step()
	parley.Alternatives = []int64{quill.ID, gone.ID}
	must(t, db.UpdateService(ctx, parley))
	quill.Alternatives = []int64{parley.ID}
	must(t, db.UpdateService(ctx, quill))
	step()
	must(t, db.CreateSubscription(ctx, &journal.Subscription{ServiceID: parley.ID, Plan: "Pro", Amount: 2000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: day("2025-01-31"), End: day("2026-10-30"),
		TrialEnd: day("2025-02-14"), PaymentNote: "Visa ••42", ReminderDays: 3,
		Prices: []journal.PriceChange{{Effective: day("2026-06-01"), Amount: 2200}, {Effective: day("2025-09-01"), Amount: 2100}}}))
	step()
	must(t, db.CreateSubscription(ctx, &journal.Subscription{ServiceID: quill.ID, Amount: 1500, Currency: "JPY",
		Period: journal.Period{N: 1, Unit: journal.Years}, Start: day("2026-10-01")}))
	must(t, db.CreateSubscription(ctx, &journal.Subscription{ServiceID: gone.ID, Amount: 500, Currency: "EUR",
		Period: journal.Period{N: 2, Unit: journal.Weeks}, Start: day("2026-01-05")}))
	step()
	login := &journal.Outage{ServiceID: parley.ID, Title: "ログインできない", Start: utc("2026-10-01 09:30"),
		End: ptr(utc("2026-10-15 18:00")), Impact: journal.ImpactPartial, Platforms: []string{"Chrome desktop", "Android Chrome", "Edge"},
		StillWorked: "Android app", Symptoms: "Stops at \"redirecting\"",
		Steps: []journal.Step{{Action: "Cleared cache and cookies", Result: "no change"}, {Action: "Incognito", Result: ""},
			{Action: "Another browser", Result: "same loop"}},
		Resolution: "Bug confirmed and fixed", Source: journal.SourceMe, Link: "https://status.parley.example/incidents/1"}
	must(t, db.CreateOutage(ctx, login))
	step()
	official := &journal.Outage{ServiceID: parley.ID, Title: "API errors", Start: utc("2026-11-24 22:00"), Impact: journal.ImpactDown,
		Source: journal.SourceOfficial, ExternalID: "inc-42", Link: "https://status.parley.example/incidents/42"}
	must(t, db.UpsertOfficialOutage(ctx, official))
	step()
	slow := &journal.Outage{ServiceID: parley.ID, Title: "Slow", Start: utc("2026-09-01 00:00"), End: ptr(utc("2026-09-01 02:00")),
		Impact: journal.ImpactDegraded, Source: journal.SourceMe}
	must(t, db.CreateOutage(ctx, slow))
	step()
	ticket := &journal.Ticket{ServiceID: parley.ID, OutageID: &login.ID, Subject: "Cannot log in on the web",
		Channel: journal.ChannelEmail, Reference: "#12345", OpenedAt: utc("2026-10-02 08:00"),
		ResolvedAt: ptr(utc("2026-10-20 12:00")), Outcome: journal.OutcomeRefund}
	must(t, db.CreateTicket(ctx, ticket))
	aboutSlow := &journal.Ticket{ServiceID: parley.ID, OutageID: &slow.ID, Channel: journal.ChannelChat, OpenedAt: utc("2026-09-01 01:00")}
	must(t, db.CreateTicket(ctx, aboutSlow))
	step()
	var messages []*journal.Message
	for _, m := range []journal.Message{
		{At: utc("2026-10-02 08:00"), Direction: journal.Sent, Author: journal.AuthorMe, From: "me@example.com",
			Summary: "Careful, polite report", Body: "Dear support,\n\nChrome stops at \"redirecting\"…\n"},
		{At: utc("2026-10-02 08:01"), Direction: journal.Received, Author: journal.AuthorAuto, Summary: "We got your message"},
		{At: utc("2026-10-03 10:00"), Direction: journal.Received, Author: journal.AuthorHuman, From: "Ana <ana@parley.example>",
			Summary: "Troubleshooting steps"},
		{At: utc("2026-10-03 10:05"), Direction: journal.Received, Author: journal.AuthorBot, Summary: "Rate your conversation"},
		{At: utc("2026-10-05 09:00"), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "Detailed follow-up"},
		{At: utc("2026-10-14 09:00"), Direction: journal.Received, Author: journal.AuthorHuman, Summary: "Sorry: a bug, fixed"},
	} {
		m.TicketID = ticket.ID
		must(t, db.AddMessage(ctx, &m))
		messages = append(messages, &m)
		c.Add(time.Minute)
	}
	step()
	messages[0].Summary = "Careful, polite report (edited)"
	must(t, db.UpdateMessage(ctx, messages[0]))
	step()
	must(t, db.CreateDecision(ctx, &journal.Decision{ServiceID: parley.ID, Kind: journal.DecisionSwitched, Date: day("2026-10-10"),
		SwitchedTo: &quill.ID, Note: "moved to Quill"}))
	must(t, db.CreateDecision(ctx, &journal.Decision{ServiceID: parley.ID, Kind: journal.DecisionRefundReceived, Date: day("2026-10-21"),
		Amount: &journal.Money{Amount: 968, Currency: "USD"}}))
	must(t, db.CreateDecision(ctx, &journal.Decision{ServiceID: quill.ID, Kind: journal.DecisionSwitched, Date: day("2026-11-01"),
		SwitchedTo: &gone.ID, Amount: &journal.Money{Amount: 1500, Currency: "JPY"}, Note: "tried Gone"}))
	oldPlan := &journal.Subscription{ServiceID: quill.ID, Plan: "Old plan", Amount: 900, Currency: "JPY",
		Period: journal.Period{N: 30, Unit: journal.Days}, Start: day("2026-01-01"), End: day("2026-09-30")}
	must(t, db.CreateSubscription(ctx, oldPlan))
	call := &journal.Ticket{ServiceID: quill.ID, Channel: journal.ChannelPhone, OpenedAt: utc("2026-11-02 10:00"),
		ResolvedAt: ptr(utc("2026-11-02 10:30")), Outcome: journal.OutcomeCancelled}
	must(t, db.CreateTicket(ctx, call))
	must(t, db.AddMessage(ctx, &journal.Message{TicketID: call.ID, At: utc("2026-11-02 10:00"), Direction: journal.Sent,
		Author: journal.AuthorMe, Summary: "Called to cancel"}))
	mistake := &journal.Decision{ServiceID: quill.ID, Kind: journal.DecisionDowngraded, Date: day("2026-11-03")}
	must(t, db.CreateDecision(ctx, mistake))
	step()
	// The trash, one item of each kind: a message on its own, an outage a
	// live ticket is about, a whole service that is still an alternative and
	// a service switched to, and a ticket that takes its message with it.
	for _, del := range []func() (int64, error){
		func() (int64, error) { return db.DeleteMessage(ctx, messages[3].ID) },
		func() (int64, error) { return db.DeleteOutage(ctx, slow.ID) },
		func() (int64, error) { return db.DeleteService(ctx, gone.ID) },
		func() (int64, error) { return db.DeleteSubscription(ctx, oldPlan.ID) },
		func() (int64, error) { return db.DeleteTicket(ctx, call.ID) },
		func() (int64, error) { return db.DeleteDecision(ctx, mistake.ID) },
	} {
		_, err := del()
		must(t, err)
		step()
	}
}

// export dumps and encodes a journal with the clock pinned.
func export(t *testing.T, db *storage.DB) []byte {
	t.Helper()
	s, err := db.Dump(context.Background())
	must(t, err)
	data, err := Encode(s, testNow)
	must(t, err)
	return data
}

// fullBackup is the fixture's backup document.
func fullBackup(t *testing.T) []byte {
	t.Helper()
	c := &clock{t: testNow.Add(-30 * 24 * time.Hour)}
	db := openDB(t, c)
	fill(t, db, c)
	return export(t, db)
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	first := fullBackup(t)

	golden := filepath.Join("testdata", "full.json")
	if *update {
		must(t, os.WriteFile(golden, first, 0o644))
	}
	want, err := os.ReadFile(golden)
	must(t, err)
	if !bytes.Equal(first, want) {
		t.Errorf("the fixture's backup differs from %s (run go test -update after a deliberate format change, "+
			"and bump Version if a field changed):\n%s", golden, first)
	}

	s, err := Decode(first)
	must(t, err)
	dst := openDB(t, &clock{t: testNow.Add(time.Hour)})
	saved, err := Restore(ctx, dst, s, false)
	if err != nil || saved != "" {
		t.Fatalf("restore into an empty journal: %q, %v", saved, err)
	}
	if second := export(t, dst); !bytes.Equal(first, second) {
		t.Errorf("export → restore → export changed the bytes:\n%s", lineDiff(first, second))
	}

	// Every kind the format has is in the fixture, so the test covers it.
	for _, needle := range []string{`"author": "me"`, `"author": "human"`, `"author": "bot"`, `"author": "auto"`,
		`"kind": "service"`, `"kind": "subscription"`, `"kind": "outage"`, `"kind": "ticket"`, `"kind": "message"`,
		`"kind": "decision"`, `"switched_to": 2`, `"end": null`} {
		if !bytes.Contains(first, []byte(needle)) {
			t.Errorf("the fixture's backup lacks %s", needle)
		}
	}
}

// TestReadVersion1 restores a backup written before the poll interval was
// in the format: everything comes back, the interval at its default.
func TestReadVersion1(t *testing.T) {
	old, err := os.ReadFile(filepath.Join("testdata", "full-v1.json"))
	must(t, err)
	s, err := Decode(old)
	must(t, err)
	dst := openDB(t, &clock{t: testNow.Add(time.Hour)})
	_, err = Restore(context.Background(), dst, s, false)
	must(t, err)
	want := bytes.Replace(fullBackup(t), []byte(`"status_poll_minutes": 10`), []byte(`"status_poll_minutes": 0`), 1)
	if got := export(t, dst); !bytes.Equal(got, want) {
		t.Errorf("a version 1 backup restored and exported again:\n%s", lineDiff(want, got))
	}
}

// A restore brings back the poll interval and each service's status page
// address, what the user chose, and none of what was learnt while watching:
// the page's kind and its validators are found again on the next poll.
func TestRestoreForgetsWatchState(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, &clock{t: testNow})
	svc := &journal.Service{Name: "Parley AI", StatusPage: "https://status.parley.example"}
	must(t, db.CreateService(ctx, svc))
	next := testNow.Add(5 * time.Minute)
	must(t, db.SaveStatusWatch(ctx, &storage.StatusWatch{ServiceID: svc.ID, Page: svc.StatusPage, Kind: "statuspage",
		Source: svc.StatusPage, SyncedAt: &testNow, NextAt: &next,
		Cache: map[string]storage.HTTPCache{svc.StatusPage + "/api/v2/summary.json": {ETag: `"abc"`}}}))
	s, err := Decode(fullBackup(t))
	must(t, err)
	_, err = Restore(ctx, db, s, true)
	must(t, err)
	restored, err := db.Service(ctx, svc.ID)
	must(t, err)
	if restored.StatusPage != "https://status.parley.example" {
		t.Fatalf("service %d after the restore: %+v", svc.ID, restored)
	}
	if _, err := db.StatusWatch(ctx, svc.ID); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Errorf("watch state after a restore: %v, want none", err)
	}
	settings, err := db.Settings(ctx)
	must(t, err)
	if settings.StatusPollMinutes != 10 {
		t.Errorf("poll interval after a restore: %d, want 10", settings.StatusPollMinutes)
	}
}

// lineDiff shows the first differing line of two documents.
func lineDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + al[i] + "\n  is " + bl[i]
		}
	}
	return "lengths differ"
}

// edit decodes a document, changes it and encodes it again.
func edit(t *testing.T, data []byte, change func(doc map[string]any)) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	must(t, dec.Decode(&doc))
	change(doc)
	out, err := json.Marshal(doc)
	must(t, err)
	return out
}

// item returns element i of a top-level list.
func item(doc map[string]any, list string, i int) map[string]any {
	return doc[list].([]any)[i].(map[string]any)
}

func TestDecodeRefuses(t *testing.T) {
	full := fullBackup(t)
	for _, tc := range []struct {
		name string
		data func(t *testing.T) []byte
		code journal.Code
		want string
	}{
		{"NotJSON", func(t *testing.T) []byte { return []byte("Parley,20\nQuill,15\n") },
			journal.EREFUSED, "it is damaged or not a backup: invalid JSON at line 1, column 1"},
		{"CutShort", func(t *testing.T) []byte { return full[:len(full)/2] },
			journal.EREFUSED, "the file is cut short"},
		{"NotUTF8", func(t *testing.T) []byte { return append([]byte(`{"format": "`), 0xff, '"', '}') },
			journal.EREFUSED, "it is not UTF-8 text (line 1, byte offset 12 (0xFF) is not UTF-8)"},
		{"AList", func(t *testing.T) []byte { return []byte(`[1, 2]`) },
			journal.EREFUSED, "it is not a Lapse backup (it is not a JSON object)"},
		{"NoFormat", func(t *testing.T) []byte { return []byte(`{"version": 1}`) },
			journal.EREFUSED, `it is not a Lapse backup (it has no "format" field)`},
		{"UnknownFormat", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { d["format"] = "wallos" })
		}, journal.EREFUSED, `it is not a Lapse backup (its "format" is "wallos", not "lapse-backup")`},
		{"NewerVersion", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { d["version"] = 3 })
		}, journal.EREFUSED, "it was written by a newer Lapse (backup version 3; this Lapse reads up to version 2). Update Lapse to restore it"},
		{"PollIntervalMissing", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { delete(d["settings"].(map[string]any), "status_poll_minutes") })
		}, journal.EINVALID, "settings.status_poll_minutes: is missing"},
		{"PollIntervalInVersion1", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { d["version"] = 1 })
		}, journal.EINVALID, "settings.status_poll_minutes: is not a field of a version 1 backup"},
		{"VersionZero", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { d["version"] = 0 })
		}, journal.EREFUSED, `its "version" is 0, not a backup version`},
		{"WrongType", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "outages", 0)["start"] = 1727775000 })
		}, journal.EINVALID, `outages[0].start: must be a time in RFC 3339, like "2026-11-25T10:15:00Z", not a number`},
		{"StringForNumber", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "subscriptions", 0)["amount"] = "20.00" })
		}, journal.EINVALID, "subscriptions[0].amount: must be a whole number, not a string"},
		{"FractionForNumber", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "subscriptions", 0)["amount"] = 20.5 })
		}, journal.EINVALID, "subscriptions[0].amount: must be a whole number, not 20.5"},
		{"NullForString", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "tickets", 0)["subject"] = nil })
		}, journal.EINVALID, "tickets[0].subject: must be a string, not null"},
		{"MissingField", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { delete(item(d, "tickets", 1), "channel") })
		}, journal.EINVALID, "tickets[1].channel: is missing"},
		{"MissingList", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { delete(d, "decisions") })
		}, journal.EINVALID, "decisions: is missing"},
		{"UnknownField", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "services", 1)["colour"] = "blue" })
		}, journal.EINVALID, "services[1].colour: is not a field of a version 2 backup"},
		{"BadDate", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "subscriptions", 1)["start"] = "2026-02-30" })
		}, journal.EINVALID, `subscriptions[1].start: must be a date like "2026-11-25", not "2026-02-30"`},
		{"BadDateDeepInside", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) {
				prices := item(d, "subscriptions", 0)["prices"].([]any)
				prices[1].(map[string]any)["effective"] = "1 June"
			})
		}, journal.EINVALID, `subscriptions[0].prices[1].effective: must be a date like "2026-11-25", not "1 June"`},
		{"BadTime", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "messages", 2)["at"] = "2026-10-03 10:00" })
		}, journal.EINVALID, `messages[2].at: must be a time in RFC 3339, like "2026-11-25T10:15:00Z", not "2026-10-03 10:00"`},
		{"BadThreshold", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) {
				d["settings"].(map[string]any)["thresholds"].(map[string]any)["silence_days"] = true
			})
		}, journal.EINVALID, "settings.thresholds.silence_days: must be a whole number, not true or false"},
		{"AmountWithoutCurrency", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "decisions", 1)["currency"] = nil })
		}, journal.EINVALID, "decisions[1].currency: must be set when amount is"},
		{"KeyTwice", func(t *testing.T) []byte {
			return bytes.Replace(full, []byte(`"plan": "Pro",`), []byte(`"plan": "Pro", "plan": "Max",`), 1)
		}, journal.EINVALID, "subscriptions[0].plan: appears twice"},
		{"EndBeforeStartDeepInside", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "outages", 1)["end"] = "2026-11-24T21:00:00Z" })
		}, journal.EINVALID, "outages[1].end: end must not be before the start"},
		{"LinkToNothing", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "tickets", 0)["outage_id"] = 77 })
		}, journal.EINVALID, "tickets[0].outage_id: outage_id does not exist: no outage has id 77"},
		{"ReceivedFromMe", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "messages", 1)["author"] = "me" })
		}, journal.EINVALID, "messages[1].author: author is not one of the allowed values"},
		{"TwoLiveServicesOneName", func(t *testing.T) []byte {
			return edit(t, full, func(d map[string]any) { item(d, "services", 1)["name"] = "parley ai" })
		}, journal.ECONFLICT, `services[1].name: name is already used: services[0] is also named "Parley AI"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.data(t))
			if err == nil {
				t.Fatal("Decode accepted it")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q\n  want it to contain %q", err, tc.want)
			}
			if got := journal.ErrorCode(err); got != tc.code {
				t.Errorf("code = %s, want %s", got, tc.code)
			}
		})
	}
}

func TestSizeLimit(t *testing.T) {
	t.Run("Decode", func(t *testing.T) {
		old := maxSize
		maxSize = 100
		defer func() { maxSize = old }()
		_, err := Decode(bytes.Repeat([]byte(" "), 101))
		if journal.ErrorCode(err) != journal.EREFUSED || !strings.Contains(err.Error(), "larger than 512 MiB") {
			t.Errorf("Decode of a document over the limit: %v", err)
		}
	})
	t.Run("ReadFileBeforeReading", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "huge.json")
		f, err := os.Create(path)
		must(t, err)
		must(t, f.Truncate(MaxSize+1)) // sparse: no disk used, nothing to read
		must(t, f.Close())
		start := time.Now()
		_, err = ReadFile(path)
		if journal.ErrorCode(err) != journal.EREFUSED || !strings.Contains(err.Error(), "larger than 512 MiB") {
			t.Errorf("ReadFile of a file over the limit: %v", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("refusing took %v: the file was read", d)
		}
	})
}

func TestRestorePolicy(t *testing.T) {
	ctx := context.Background()
	full := fullBackup(t)
	snap, err := Decode(full)
	must(t, err)
	mine := func(t *testing.T) *storage.DB {
		db := openDB(t, &clock{t: testNow})
		must(t, db.CreateService(ctx, &journal.Service{Name: "Mine"}))
		return db
	}

	t.Run("NonEmptyRefusedWithoutReplace", func(t *testing.T) {
		db := mine(t)
		before := export(t, db)
		saved, err := Restore(ctx, db, snap, false)
		if !errors.Is(err, storage.ErrNotEmpty) || saved != "" {
			t.Fatalf("Restore into a journal with a service: %q, %v; want ErrNotEmpty", saved, err)
		}
		if !bytes.Equal(export(t, db), before) {
			t.Error("a refused restore changed the journal")
		}
		if list, _ := db.AutoBackups(); len(list) != 0 {
			t.Errorf("a refused restore made backups %v", list)
		}
	})
	t.Run("ReplaceSavesTheJournalFirst", func(t *testing.T) {
		db := mine(t)
		saved, err := Restore(ctx, db, snap, true)
		must(t, err)
		if !bytes.Equal(export(t, db), full) {
			t.Error("after replacing, the journal is not the backup")
		}
		list, err := db.AutoBackups()
		must(t, err)
		if len(list) != 1 || list[0].Path != saved || list[0].Reason != storage.BackupBeforeRestore {
			t.Fatalf("automatic backups %+v, want one before-restore at %s", list, saved)
		}
		h, err := storage.Inspect(ctx, saved)
		if err != nil || h.Counts.Services != 1 {
			t.Errorf("the saved journal: %+v, %v; want the one service it had", h, err)
		}
	})
	t.Run("BrokenRecordDeepInsideChangesNothing", func(t *testing.T) {
		db := mine(t)
		before := export(t, db)
		broken, err := Decode(full)
		must(t, err)
		o := &broken.Outages[1].Value
		o.End = ptr(o.Start.Add(-time.Hour))
		_, err = Restore(ctx, db, broken, true)
		if err == nil || !strings.Contains(err.Error(), "outages[1].end: end must not be before the start") {
			t.Fatalf("Restore of a broken snapshot: %v", err)
		}
		if !bytes.Equal(export(t, db), before) {
			t.Error("a failed restore changed the journal")
		}
	})
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.json")
	full := fullBackup(t)
	must(t, os.WriteFile(path, edit(t, full, func(d map[string]any) { item(d, "outages", 2)["impact"] = "meh" }), 0o600))
	_, err := Read(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "outages[2].impact") {
		t.Errorf("Read of a broken backup: %v; want the file and the field named", err)
	}
	if _, err := Read(filepath.Join(dir, "missing.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Read of a missing file: %v", err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.json")
	must(t, os.WriteFile(path, []byte("old"), 0o644))
	must(t, WriteFile(path, []byte("new")))
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "new" {
		t.Errorf("file holds %q, %v", got, err)
	}
	fi, err := os.Stat(path)
	must(t, err)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	entries, err := os.ReadDir(dir)
	must(t, err)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the backup: a temporary file was left", len(entries))
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "folder.json"), []byte("x")); err == nil {
		t.Error("WriteFile into a missing folder succeeded")
	}
}

func TestExportFile(t *testing.T) {
	c := &clock{t: testNow.Add(-30 * 24 * time.Hour)}
	db := openDB(t, c)
	fill(t, db, c)
	c.Add(testNow.Sub(c.Now()))
	path := filepath.Join(t.TempDir(), "backup.json")
	s, err := ExportFile(context.Background(), db, path)
	must(t, err)
	got, err := os.ReadFile(path)
	must(t, err)
	if !bytes.Equal(got, fullBackup(t)) {
		t.Error("ExportFile wrote something else than Export")
	}
	if len(s.Services) != 3 || len(s.Messages) != 7 {
		t.Errorf("ExportFile returned %d services, %d messages", len(s.Services), len(s.Messages))
	}
}

// TestFormatDocumented checks docs/FORMAT.md names every field a backup has.
func TestFormatDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "FORMAT.md"))
	must(t, err)
	var v any
	must(t, json.Unmarshal(fullBackup(t), &v))
	keys := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				keys[k] = true
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_]+)`").FindAllStringSubmatch(string(doc), -1) {
		documented[m[1]] = true
	}
	var missing []string
	for k := range keys {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("docs/FORMAT.md has no table row for %v", missing)
	}
	if len(keys) < 50 {
		t.Errorf("only %d field names found in the fixture's backup", len(keys))
	}
}
