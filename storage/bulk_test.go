package storage_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// fillForDump builds a journal with what ordinary reads hide: a trashed
// service still named as an alternative and as the service switched to, a
// ticket about a trashed outage, a trashed message in a live thread.
func fillForDump(t *testing.T, db *storage.DB, c *clock) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	settings := journal.DefaultSettings()
	settings.HomeCurrency, settings.TimeZone, settings.Language = "JPY", "Asia/Tokyo", "ja"
	settings.Rates = []journal.Rate{{Currency: "USD", Rate: "151.20", AsOf: date(2026, 11, 1)}}
	settings.MyAddresses = []string{"me@example.com"}
	must(db.SaveSettings(ctx, settings))
	parley := MustCreateService(t, db, "Parley AI")
	quill := MustCreateService(t, db, "Quill")
	gone := MustCreateService(t, db, "Gone Chat")
	c.Add(time.Hour)
	parley.Alternatives = []int64{gone.ID, quill.ID}
	parley.Notes = "paid since 2025"
	must(db.UpdateService(ctx, parley))
	must(db.CreateSubscription(ctx, &journal.Subscription{ServiceID: gone.ID, Plan: "Plus", Amount: 2000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: date(2026, 1, 1),
		Prices: []journal.PriceChange{{Effective: date(2026, 6, 1), Amount: 2200}}}))
	start := testNow.Add(-48 * time.Hour)
	end := start.Add(3 * time.Hour)
	o1 := &journal.Outage{ServiceID: parley.ID, Title: "Login loop", Start: start, End: &end, Impact: journal.ImpactPartial,
		Platforms: []string{"Chrome desktop", "Android app"}, Steps: []journal.Step{{Action: "Cleared cookies", Result: "no change"}},
		Source: journal.SourceMe}
	must(db.CreateOutage(ctx, o1))
	o2 := MustCreateOutage(t, db, parley.ID, "Second loop", start.Add(time.Hour), time.Hour)
	tk := &journal.Ticket{ServiceID: parley.ID, OutageID: &o2.ID, Subject: "Cannot log in", Channel: journal.ChannelEmail, OpenedAt: start}
	must(db.CreateTicket(ctx, tk))
	MustAddMessage(t, db, tk.ID, "First mail", start)
	bot := MustAddMessage(t, db, tk.ID, "Follow-up", start.Add(time.Hour))
	must(db.CreateDecision(ctx, &journal.Decision{ServiceID: parley.ID, Kind: journal.DecisionSwitched, Date: date(2026, 11, 20),
		SwitchedTo: &gone.ID, Amount: &journal.Money{Amount: 980, Currency: "USD"}}))
	c.Add(time.Hour)
	for _, del := range []func() (int64, error){
		func() (int64, error) { return db.DeleteMessage(ctx, bot.ID) },
		func() (int64, error) { return db.DeleteOutage(ctx, o2.ID) },
		func() (int64, error) { return db.DeleteService(ctx, gone.ID) },
	} {
		if _, err := del(); err != nil {
			t.Fatal(err)
		}
	}
}

func mustDump(t *testing.T, db *storage.DB) *storage.Snapshot {
	t.Helper()
	s, err := db.Dump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDumpLoadRoundTrip(t *testing.T) {
	ctx := context.Background()
	src, c := MustOpenDBClock(t)
	fillForDump(t, src, c)
	want := mustDump(t, src)

	if len(want.Trash) != 3 || len(want.Services) != 3 || len(want.Messages) != 2 {
		t.Fatalf("dump holds %d trash items, %d services, %d messages; want 3, 3, 2",
			len(want.Trash), len(want.Services), len(want.Messages))
	}
	parley, gone := want.Services[0], want.Services[2]
	if gone.TrashID == 0 || parley.TrashID != 0 {
		t.Errorf("trash ids: Parley %d, Gone %d; want only Gone's set", parley.TrashID, gone.TrashID)
	}
	if !reflect.DeepEqual(parley.Value.Alternatives, []int64{gone.Value.ID, want.Services[1].Value.ID}) {
		t.Errorf("alternatives = %v: the link to the trashed service must stay, in order", parley.Value.Alternatives)
	}
	if tk := want.Tickets[0].Value; tk.OutageID == nil || *tk.OutageID != want.Outages[1].Value.ID {
		t.Errorf("ticket's outage = %v, want the trashed outage %d", tk.OutageID, want.Outages[1].Value.ID)
	}
	if d := want.Decisions[0].Value; d.SwitchedTo == nil || *d.SwitchedTo != gone.Value.ID {
		t.Errorf("decision switched to %v, want the trashed service %d", d.SwitchedTo, gone.Value.ID)
	}
	if want.Subscriptions[0].TrashID != gone.TrashID {
		t.Errorf("the trashed service's subscription is in trash item %d, want %d", want.Subscriptions[0].TrashID, gone.TrashID)
	}

	dst, _ := MustOpenDBClock(t)
	if err := dst.Load(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got := mustDump(t, dst); !reflect.DeepEqual(got, want) {
		t.Fatalf("dump after load differs:\n got %+v\nwant %+v", got, want)
	}

	// The restored journal works as the original: the trash restores with
	// its hidden links, and new records get fresh IDs.
	if err := dst.Restore(ctx, gone.TrashID); err != nil {
		t.Fatal(err)
	}
	svc, err := dst.Service(ctx, parley.Value.ID)
	if err != nil || !reflect.DeepEqual(svc.Alternatives, parley.Value.Alternatives) {
		t.Errorf("after restoring Gone Chat, Parley's alternatives = %v (%v), want %v", svc.Alternatives, err, parley.Value.Alternatives)
	}
	fresh := MustCreateService(t, dst, "Fresh")
	if fresh.ID <= gone.Value.ID {
		t.Errorf("a new service got id %d, not after the restored ones", fresh.ID)
	}
}

func TestIsEmpty(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		fill func(t *testing.T, db *storage.DB)
		want bool
	}{
		{"NewJournal", func(t *testing.T, db *storage.DB) {}, true},
		{"SettingsSaved", func(t *testing.T, db *storage.DB) {
			if err := db.SaveSettings(ctx, journal.DefaultSettings()); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"OneService", func(t *testing.T, db *storage.DB) { MustCreateService(t, db, "Claude") }, false},
		{"OnlyTrash", func(t *testing.T, db *storage.DB) {
			if _, err := db.DeleteService(ctx, MustCreateService(t, db, "Claude").ID); err != nil {
				t.Fatal(err)
			}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenDB(t)
			tc.fill(t, db)
			got, err := db.IsEmpty(ctx)
			if err != nil || got != tc.want {
				t.Errorf("IsEmpty = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestLoadAndReplace(t *testing.T) {
	ctx := context.Background()
	src, c := MustOpenDBClock(t)
	fillForDump(t, src, c)
	snap := mustDump(t, src)

	t.Run("LoadRefusesNonEmpty", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateService(t, db, "Mine")
		before := mustDump(t, db)
		err := db.Load(ctx, snap)
		if !errors.Is(err, storage.ErrNotEmpty) {
			t.Fatalf("Load into a journal with a service: %v, want ErrNotEmpty", err)
		}
		assertCode(t, err, journal.ECONFLICT)
		if after := mustDump(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("a refused Load changed the journal")
		}
	})
	t.Run("ReplaceFailingDeepInsideChangesNothing", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateService(t, db, "Mine")
		before := mustDump(t, db)
		broken := mustDump(t, src)
		o := &broken.Outages[1].Value
		early := o.Start.Add(-time.Minute)
		o.End = &early
		err := db.Replace(ctx, broken)
		if err == nil || !strings.Contains(err.Error(), "outages[1].end: end must not be before the start") {
			t.Fatalf("Replace with a broken outage: %v", err)
		}
		var pe *storage.PathError
		if !errors.As(err, &pe) || pe.Path != "outages[1].end" {
			t.Errorf("error %v is not a *PathError at outages[1].end", err)
		}
		assertFieldError(t, err, journal.EINVALID, "end", journal.ReasonEndBeforeStart)
		if after := mustDump(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("a failed Replace changed the journal")
		}
	})
	t.Run("ReplaceOK", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateService(t, db, "Mine")
		if err := db.Replace(ctx, snap); err != nil {
			t.Fatal(err)
		}
		if got := mustDump(t, db); !reflect.DeepEqual(got, snap) {
			t.Errorf("after Replace the journal is not the snapshot")
		}
	})
	t.Run("ReplaceWithEmpty", func(t *testing.T) {
		db := MustOpenDB(t)
		fillForDump(t, db, &clock{t: testNow})
		if err := db.Replace(ctx, &storage.Snapshot{Settings: journal.DefaultSettings()}); err != nil {
			t.Fatal(err)
		}
		c, err := db.Counts(ctx)
		if err != nil || c != (storage.Counts{}) {
			t.Errorf("counts after replacing with nothing = %+v, %v", c, err)
		}
	})
}

// validSnapshot is a small consistent journal built without a database.
func validSnapshot() *storage.Snapshot {
	at := testNow
	end := at.Add(time.Hour)
	two := int64(2)
	return &storage.Snapshot{
		Settings: journal.DefaultSettings(),
		Services: []storage.Record[journal.Service]{
			{Value: journal.Service{ID: 1, Name: "Parley", Alternatives: []int64{2}, CreatedAt: at, UpdatedAt: at}},
			{Value: journal.Service{ID: 2, Name: "Quill", CreatedAt: at, UpdatedAt: at}},
			{Value: journal.Service{ID: 3, Name: "Gone", CreatedAt: at, UpdatedAt: at}, TrashID: 1},
		},
		Subscriptions: []storage.Record[journal.Subscription]{
			{Value: journal.Subscription{ID: 1, ServiceID: 1, Amount: 2000, Currency: "USD",
				Period: journal.Period{N: 1, Unit: journal.Months}, Start: date(2026, 1, 1),
				Prices: []journal.PriceChange{{ID: 1, Effective: date(2026, 6, 1), Amount: 2200}}, CreatedAt: at, UpdatedAt: at}},
		},
		Outages: []storage.Record[journal.Outage]{
			{Value: journal.Outage{ID: 1, ServiceID: 1, Start: at, End: &end, Impact: journal.ImpactDown, Source: journal.SourceMe,
				Platforms: []string{"Chrome"}, Steps: []journal.Step{{Action: "Reload", Result: "no change"}},
				ExternalID: "inc-1", CreatedAt: at, UpdatedAt: at}},
			{Value: journal.Outage{ID: 2, ServiceID: 1, Start: at, End: &end, Impact: journal.ImpactDown, Source: journal.SourceOfficial,
				CreatedAt: at, UpdatedAt: at}},
		},
		Tickets: []storage.Record[journal.Ticket]{
			{Value: journal.Ticket{ID: 1, ServiceID: 1, OutageID: &two, Channel: journal.ChannelEmail, OpenedAt: at,
				CreatedAt: at, UpdatedAt: at}},
		},
		Messages: []storage.Record[journal.Message]{
			{Value: journal.Message{ID: 1, TicketID: 1, At: at, Direction: journal.Sent, Author: journal.AuthorMe,
				Summary: "Help", CreatedAt: at, UpdatedAt: at}},
		},
		Decisions: []storage.Record[journal.Decision]{
			{Value: journal.Decision{ID: 1, ServiceID: 1, Kind: journal.DecisionSwitched, Date: date(2026, 11, 1), SwitchedTo: &two,
				CreatedAt: at, UpdatedAt: at}},
		},
		Trash: []journal.TrashItem{{ID: 1, Kind: "service", RecordID: 3, Label: "Service: Gone", DeletedAt: at}},
	}
}

func TestSnapshotValidate(t *testing.T) {
	before := testNow.Add(-time.Hour)
	nine := int64(9)
	for _, tc := range []struct {
		name   string
		change func(s *storage.Snapshot)
		path   string // "" when the snapshot is valid
		text   string
	}{
		{"Valid", func(s *storage.Snapshot) {}, "", ""},
		{"TrashedServiceMayShareAName", func(s *storage.Snapshot) { s.Services[2].Value.Name = "parley" }, "", ""},
		{"MessageBeforeItsTicketOpenedIsKept", func(s *storage.Snapshot) { s.Messages[0].Value.At = before }, "", ""},
		{"TrashedOutageMayShareAnExternalID", func(s *storage.Snapshot) {
			s.Outages[1].Value.ExternalID = "inc-1"
			s.Outages[1].TrashID = 2
			s.Trash = append(s.Trash, journal.TrashItem{ID: 2, Kind: "outage", RecordID: 2, DeletedAt: testNow})
		}, "", ""},
		{"ServiceIDTwice", func(s *storage.Snapshot) { s.Services[1].Value.ID = 1 },
			"services[1].id", "id is already used: services[0] has id 1 too"},
		{"ServiceIDZero", func(s *storage.Snapshot) { s.Services[0].Value.ID = 0 },
			"services[0].id", "must be a whole number above zero, not 0"},
		{"LiveNamesClashInAnyCase", func(s *storage.Snapshot) { s.Services[1].Value.Name = " PARLEY " },
			"services[1].name", `name is already used: services[0] is also named "Parley"`},
		{"ServiceNameBlank", func(s *storage.Snapshot) { s.Services[0].Value.Name = " " },
			"services[0].name", "name is required"},
		{"AlternativeToItself", func(s *storage.Snapshot) { s.Services[0].Value.Alternatives = []int64{2, 1} },
			"services[0].alternatives[1]", "alternatives cannot point to the same record"},
		{"AlternativeMissing", func(s *storage.Snapshot) { s.Services[0].Value.Alternatives = []int64{2, 99} },
			"services[0].alternatives[1]", "alternatives does not exist: no service has id 99"},
		{"AlternativeTwice", func(s *storage.Snapshot) { s.Services[0].Value.Alternatives = []int64{2, 2} },
			"services[0].alternatives[1]", "alternatives is already used: service 2 is listed twice"},
		{"NoCreatedAt", func(s *storage.Snapshot) { s.Services[1].Value.CreatedAt = time.Time{} },
			"services[1].created_at", "created_at is required"},
		{"SubscriptionOfMissingService", func(s *storage.Snapshot) { s.Subscriptions[0].Value.ServiceID = 9 },
			"subscriptions[0].service_id", "service_id does not exist: no service has id 9"},
		{"SubscriptionNegativePrice", func(s *storage.Snapshot) { s.Subscriptions[0].Value.Amount = -1 },
			"subscriptions[0].amount", "amount must not be negative"},
		{"SubscriptionZeroPeriod", func(s *storage.Snapshot) { s.Subscriptions[0].Value.Period.N = 0 },
			"subscriptions[0].period_n", "period_n must be greater than zero"},
		{"PriceChangeBeforeStart", func(s *storage.Snapshot) { s.Subscriptions[0].Value.Prices[0].Effective = date(2025, 1, 1) },
			"subscriptions[0].prices[0].effective", "effective must not be before the start"},
		{"PriceChangeNegative", func(s *storage.Snapshot) { s.Subscriptions[0].Value.Prices[0].Amount = -5 },
			"subscriptions[0].prices[0].amount", "amount must not be negative"},
		{"LiveSubscriptionOfTrashedService", func(s *storage.Snapshot) { s.Subscriptions[0].Value.ServiceID = 3 },
			"subscriptions[0].trash_id", "the record is live but its service 3 is in trash item 1"},
		{"OutageEndBeforeStart", func(s *storage.Snapshot) { s.Outages[1].Value.End = &before },
			"outages[1].end", "end must not be before the start"},
		{"OutageBadImpact", func(s *storage.Snapshot) { s.Outages[0].Value.Impact = "meh" },
			"outages[0].impact", "impact is not one of the allowed values"},
		{"OutageBlankPlatform", func(s *storage.Snapshot) { s.Outages[0].Value.Platforms = []string{"Chrome", ""} },
			"outages[0].platforms[1]", "platforms is required"},
		{"StepWithoutAction", func(s *storage.Snapshot) { s.Outages[0].Value.Steps[0].Action = "" },
			"outages[0].steps[0].action", "action is required"},
		{"StepResultTooLong", func(s *storage.Snapshot) {
			s.Outages[0].Value.Steps[0].Result = strings.Repeat("x", journal.MaxText+1)
		}, "outages[0].steps[0].result", "result is too long"},
		{"LiveExternalIDTwice", func(s *storage.Snapshot) { s.Outages[1].Value.ExternalID = "inc-1" },
			"outages[1].external_id", "external_id is already used: outages[0] of the same service has it too"},
		{"UnknownTrashItem", func(s *storage.Snapshot) { s.Outages[0].TrashID = 7 },
			"outages[0].trash_id", "trash_id does not exist: no trash item has id 7"},
		{"TicketNotOpened", func(s *storage.Snapshot) { s.Tickets[0].Value.OpenedAt = time.Time{} },
			"tickets[0].opened_at", "opened_at is required"},
		{"TicketAboutMissingOutage", func(s *storage.Snapshot) { s.Tickets[0].Value.OutageID = &nine },
			"tickets[0].outage_id", "outage_id does not exist: no outage has id 9"},
		{"MessageReceivedFromMe", func(s *storage.Snapshot) { s.Messages[0].Value.Direction = journal.Received },
			"messages[0].author", "author is not one of the allowed values"},
		{"MessageWithoutTime", func(s *storage.Snapshot) { s.Messages[0].Value.At = time.Time{} },
			"messages[0].at", "at is required"},
		{"MessageOfMissingTicket", func(s *storage.Snapshot) { s.Messages[0].Value.TicketID = 9 },
			"messages[0].ticket_id", "ticket_id does not exist: no ticket has id 9"},
		{"LiveMessageInTrashedTicket", func(s *storage.Snapshot) {
			s.Tickets[0].TrashID = 2
			s.Trash = append(s.Trash, journal.TrashItem{ID: 2, Kind: "ticket", RecordID: 1, DeletedAt: testNow})
		}, "messages[0].trash_id", "the record is live but its ticket 1 is in trash item 2"},
		{"DecisionSwitchedToItself", func(s *storage.Snapshot) { s.Decisions[0].Value.SwitchedTo = &s.Decisions[0].Value.ServiceID },
			"decisions[0].switched_to", "switched_to cannot point to the same record"},
		{"DecisionUnknownCurrency", func(s *storage.Snapshot) { s.Decisions[0].Value.Amount = &journal.Money{Amount: 1, Currency: "XYZ"} },
			"decisions[0].currency", "currency is not a known ISO 4217 currency code"},
		{"DecisionSwitchedToMissing", func(s *storage.Snapshot) { s.Decisions[0].Value.SwitchedTo = &nine },
			"decisions[0].switched_to", "switched_to does not exist: no service has id 9"},
		{"TrashItemOfUnknownKind", func(s *storage.Snapshot) { s.Trash[0].Kind = "planet" },
			"trash[0].kind", "kind is not one of the allowed values"},
		{"TrashItemNotHoldingItsRecord", func(s *storage.Snapshot) { s.Trash[0].RecordID = 2 },
			"trash[0].record_id", "the service with id 2 is not in this trash item"},
		{"SettingsBadTimeZone", func(s *storage.Snapshot) { s.Settings.TimeZone = "Mars/Olympus" },
			"settings.time_zone", "time_zone is not a known time zone"},
		{"SettingsThresholdZero", func(s *storage.Snapshot) { s.Settings.Thresholds.MinAvailabilityPermille = 0 },
			"settings.thresholds.min_availability_permille", "min_availability_permille is not a valid number"},
		{"RateNotANumber", func(s *storage.Snapshot) { s.Settings.Rates = []journal.Rate{{Currency: "EUR", Rate: "lots"}} },
			"settings.rates[0].rate", "rate is not a valid number"},
		{"RateTwice", func(s *storage.Snapshot) {
			s.Settings.Rates = []journal.Rate{{Currency: "EUR", Rate: "1.1"}, {Currency: "EUR", Rate: "1.2"}}
		}, "settings.rates[1].currency", "currency is already used: rates[0] is for EUR too"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := validSnapshot()
			tc.change(s)
			err := s.Validate()
			if tc.path == "" {
				if err != nil {
					t.Fatalf("Validate: %v, want no error", err)
				}
				return
			}
			var pe *storage.PathError
			if !errors.As(err, &pe) {
				t.Fatalf("Validate: %v, want a *PathError", err)
			}
			if want := tc.path + ": " + tc.text; err.Error() != want {
				t.Errorf("error = %q\n       want %q", err.Error(), want)
			}
			if journal.ErrorCode(err) == journal.EINTERNAL {
				t.Errorf("error %v carries no domain code", err)
			}
		})
	}
}
