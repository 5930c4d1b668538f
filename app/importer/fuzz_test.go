package importer_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/storage"
)

// Fuzz targets for every importer: `make fuzz` runs each for a minute,
// `go test` runs the seeds in testdata/fuzz/<target>. Whatever the bytes, an
// import never panics, and one that fails leaves the journal as it was.

// fuzzJournal is a journal holding a service with a subscription and an
// official outage, and a ticket with a message, so imports meet records
// they could clash with. One per fuzzing process: each input is applied to
// it and the journal is put back after a successful import.
type fuzzJournal struct {
	db     *storage.DB
	base   *storage.Snapshot
	svc    *journal.Service
	ticket *journal.Ticket
}

func newFuzzJournal(f *testing.F) *fuzzJournal {
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(f.TempDir(), "journal.db"), storage.Options{Now: func() time.Time { return pinned }})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	j := &fuzzJournal{db: db, svc: &journal.Service{Name: "Parley AI"}}
	steps := []func() error{
		func() error { return db.CreateService(ctx, j.svc) },
		func() error {
			return db.CreateSubscription(ctx, &journal.Subscription{ServiceID: j.svc.ID, Plan: "Pro", Amount: 2000,
				Currency: "USD", Period: journal.Period{N: 1, Unit: journal.Months}, Start: journal.Date{Year: 2026, Month: 1, Day: 15}})
		},
		func() error {
			end := pinned.Add(-time.Hour)
			return db.CreateOutage(ctx, &journal.Outage{ServiceID: j.svc.ID, Title: "Login stuck", Start: pinned.Add(-3 * time.Hour),
				End: &end, Impact: journal.ImpactDown, Source: journal.SourceOfficial, ExternalID: "9fz7d3hq1bnt"})
		},
		func() error {
			j.ticket = &journal.Ticket{ServiceID: j.svc.ID, Subject: "Cannot log in", Channel: journal.ChannelEmail,
				OpenedAt: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)}
			return db.CreateTicket(ctx, j.ticket)
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			f.Fatal(err)
		}
	}
	if j.base, err = db.Dump(ctx); err != nil {
		f.Fatal(err)
	}
	return j
}

// apply writes a parsed plan. A failed write must leave the journal as it
// was; a successful one is undone for the next input.
func (j *fuzzJournal) apply(t *testing.T, plan importer.Plan) {
	ctx := context.Background()
	_ = plan.Preview().String()
	_, err := plan.Apply(ctx, j.db)
	after, derr := j.db.Dump(ctx)
	if derr != nil {
		t.Fatalf("the journal cannot be read after an import: %v", derr)
	}
	if err != nil {
		if !reflect.DeepEqual(after, j.base) {
			t.Fatalf("a failed import (%v) changed the journal", err)
		}
		return
	}
	if err := j.db.Replace(ctx, j.base); err != nil {
		t.Fatalf("put the journal back: %v", err)
	}
}

func (j *fuzzJournal) services(t *testing.T) []*journal.Service {
	list, err := j.db.Services(context.Background(), storage.ServiceFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func FuzzCSV(f *testing.F) {
	j := newFuzzJournal(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		plan, err := importer.ParseCSV("fuzz.csv", data, j.services(t))
		if err == nil {
			j.apply(t, plan)
		}
	})
}

func FuzzWallos(f *testing.F) {
	j := newFuzzJournal(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		plan, err := importer.ParseWallos("subscriptions.json", data, j.services(t), importer.WallosOptions{})
		if err == nil {
			j.apply(t, plan)
		}
	})
}

func FuzzStatuspage(f *testing.F) {
	j := newFuzzJournal(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		known, err := j.db.Outages(context.Background(), storage.OutageFilter{ServiceID: &j.svc.ID})
		if err != nil {
			t.Fatal(err)
		}
		plan, err := importer.ParseStatuspage("incidents.json", data, j.svc, known)
		if err == nil {
			j.apply(t, plan)
		}
	})
}

// fuzzMail imports data as one mail file of the given kind.
func fuzzMail(f *testing.F, name string, mbox bool) {
	j := newFuzzJournal(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		tk, err := j.db.Ticket(context.Background(), j.ticket.ID)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := importer.ParseMail([]importer.MailFile{{Name: name, Data: data, Mbox: mbox}}, tk, []string{"taro@example.jp"})
		if err == nil {
			j.apply(t, plan)
		}
	})
}

func FuzzEML(f *testing.F) { fuzzMail(f, "reply.eml", false) }

func FuzzMbox(f *testing.F) { fuzzMail(f, "thread.mbox", true) }
