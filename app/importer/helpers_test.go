package importer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/storage"
)

// pinned is the clock of every test journal.
var pinned = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// mustOpen opens a new journal file with the clock pinned.
func mustOpen(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "journal.db"),
		storage.Options{Now: func() time.Time { return pinned }})
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

// testdata reads a file of testdata.
func testdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	must(t, err)
	return data
}

func mustService(t *testing.T, db *storage.DB, name string) *journal.Service {
	t.Helper()
	s := &journal.Service{Name: name}
	must(t, db.CreateService(context.Background(), s))
	return s
}

func services(t *testing.T, db *storage.DB) []*journal.Service {
	t.Helper()
	list, err := db.Services(context.Background(), storage.ServiceFilter{IncludeArchived: true})
	must(t, err)
	return list
}

func dump(t *testing.T, db *storage.DB) *storage.Snapshot {
	t.Helper()
	s, err := db.Dump(context.Background())
	must(t, err)
	return s
}

// parseAndApply is an import as the app runs it: parse, then apply.
func parseAndApply(ctx context.Context, db *storage.DB, parse func() (importer.Plan, error)) (importer.Result, error) {
	plan, err := parse()
	if err != nil {
		return importer.Result{}, err
	}
	return plan.Apply(ctx, db)
}

// assertRefused checks an import failed with an *importer.Error whose text
// holds want, and that the journal is as it was.
func assertRefused(t *testing.T, db *storage.DB, before *storage.Snapshot, err error, want string) {
	t.Helper()
	var ie *importer.Error
	if err == nil || !errors.As(err, &ie) {
		t.Fatalf("error %v: want an *importer.Error", err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q\nwant it to contain %q", err, want)
	}
	if journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("error code %s, want %s", journal.ErrorCode(err), journal.EINVALID)
	}
	if after := dump(t, db); !reflect.DeepEqual(after, before) {
		t.Errorf("a refused import changed the journal")
	}
}

// subscriptionsOf lists a service's subscriptions by name.
func subscriptionsOf(t *testing.T, db *storage.DB, name string) (*journal.Service, []*journal.Subscription) {
	t.Helper()
	svc, err := db.ServiceByName(context.Background(), name)
	must(t, err)
	list, err := db.Subscriptions(context.Background(), storage.SubscriptionFilter{ServiceID: &svc.ID})
	must(t, err)
	return svc, list
}

func day(s string) journal.Date {
	d, err := journal.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// wantSubscription is what one imported subscription should be.
type wantSubscription struct {
	service, plan string
	amount        int64
	currency      string
	period        journal.Period
	start, end    string
	note          string
}

// assertSubscriptions checks each service has exactly the one subscription wanted.
func assertSubscriptions(t *testing.T, db *storage.DB, want []wantSubscription) {
	t.Helper()
	for _, w := range want {
		_, list := subscriptionsOf(t, db, w.service)
		if len(list) != 1 {
			t.Errorf("%s: %d subscriptions, want 1", w.service, len(list))
			continue
		}
		s := list[0]
		var end journal.Date
		if w.end != "" {
			end = day(w.end)
		}
		if s.Plan != w.plan || s.Amount != w.amount || s.Currency != w.currency || s.Period != w.period ||
			s.Start != day(w.start) || s.End != end || s.PaymentNote != w.note {
			t.Errorf("%s: got %q %d %s %v %s–%s %q\nwant %q %d %s %v %s–%s %q", w.service,
				s.Plan, s.Amount, s.Currency, s.Period, s.Start, s.End, s.PaymentNote,
				w.plan, w.amount, w.currency, w.period, w.start, w.end, w.note)
		}
	}
}

var (
	monthly = journal.Period{N: 1, Unit: journal.Months}
	yearly  = journal.Period{N: 1, Unit: journal.Years}
)
