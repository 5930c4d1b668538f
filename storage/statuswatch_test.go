package storage_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func TestStatusWatchState(t *testing.T) {
	ctx := context.Background()
	db, c := MustOpenDBClock(t)
	svc := MustCreateService(t, db, "Parley AI")
	_, err := db.StatusWatch(ctx, svc.ID)
	assertCode(t, err, journal.ENOTFOUND)

	synced := c.Now().UTC()
	next := synced.Add(5 * time.Minute)
	w := &storage.StatusWatch{ServiceID: svc.ID, Page: "https://status.parley.example", Kind: "statuspage",
		Source: "https://status.parley.example", SyncedAt: &synced, NextAt: &next, Failures: 2, LastError: "502",
		Cache: map[string]storage.HTTPCache{
			"https://status.parley.example/api/v2/summary.json":   {ETag: `W/"abc"`},
			"https://status.parley.example/api/v2/incidents.json": {LastModified: "Mon, 30 Nov 2026 12:00:00 GMT"},
		}}
	if err := db.SaveStatusWatch(ctx, w); err != nil {
		t.Fatal(err)
	}
	got, err := db.StatusWatch(ctx, svc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, w) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, w)
	}

	// Saving again replaces the validators.
	w.Cache = map[string]storage.HTTPCache{"https://status.parley.example/api/v2/summary.json": {ETag: `"def"`}}
	w.Failures, w.LastError = 0, ""
	if err := db.SaveStatusWatch(ctx, w); err != nil {
		t.Fatal(err)
	}
	if got, err = db.StatusWatch(ctx, svc.ID); err != nil || !reflect.DeepEqual(got, w) {
		t.Errorf("read back %+v, %v; want %+v", got, err, w)
	}

	w.Kind = "gopher"
	if err := db.SaveStatusWatch(ctx, w); err == nil {
		t.Error("an unknown kind was saved")
	}
}

func TestStartLinkedOutage(t *testing.T) {
	ctx := context.Background()
	db, c := MustOpenDBClock(t)
	svc := MustCreateService(t, db, "Parley AI")
	official := &journal.Outage{ServiceID: svc.ID, Title: "Elevated errors on login", Start: c.Now().Add(-time.Hour),
		Impact: journal.ImpactPartial, Source: journal.SourceOfficial, Link: "https://stspg.io/kw1x2ls5", ExternalID: "kw1x2ls5pyq9"}
	if err := db.CreateOutage(ctx, official); err != nil {
		t.Fatal(err)
	}
	lived, err := db.StartLinkedOutage(ctx, official)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Outage(ctx, lived.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != journal.SourceMe || got.Title != official.Title || got.Link != official.Link || got.End != nil ||
		!got.Start.Equal(c.Now().UTC().Truncate(time.Second)) || got.Impact != journal.ImpactDown {
		t.Errorf("lived outage %+v", got)
	}
	again, err := db.StartLinkedOutage(ctx, official)
	assertCode(t, err, journal.ECONFLICT)
	if again == nil || again.ID != lived.ID {
		t.Errorf("second start returned %+v, want the open outage", again)
	}
}
