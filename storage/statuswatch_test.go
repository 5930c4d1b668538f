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
	if err != nil || again.ID != lived.ID {
		t.Errorf("Down now again = %+v, %v; want the same outage", again, err)
	}

	// Already down (unlinked) when the vendor reports: that outage is linked.
	other := MustCreateService(t, db, "Quiet Mail")
	mine, err := db.StartOutage(ctx, other.ID, "cannot send")
	if err != nil {
		t.Fatal(err)
	}
	incident := *official
	incident.ID, incident.ServiceID, incident.ExternalID, incident.Link = 0, other.ID, "q1", "https://status.quiet.example/incidents/q1"
	if err := db.CreateOutage(ctx, &incident); err != nil {
		t.Fatal(err)
	}
	linked, err := db.StartLinkedOutage(ctx, &incident)
	if err != nil || linked.ID != mine.ID {
		t.Fatalf("linked %+v, %v; want outage %d", linked, err, mine.ID)
	}
	if got, _ := db.Outage(ctx, mine.ID); got.Link != incident.Link || got.Title != "cannot send" || got.End != nil {
		t.Errorf("the open outage after linking: %+v", got)
	}
	// Linked to another incident: refused, nothing changed.
	second := incident
	second.ID, second.ExternalID, second.Link = 0, "q2", "https://status.quiet.example/incidents/q2"
	if err := db.CreateOutage(ctx, &second); err != nil {
		t.Fatal(err)
	}
	refused, err := db.StartLinkedOutage(ctx, &second)
	assertCode(t, err, journal.ECONFLICT)
	if refused == nil || refused.ID != mine.ID {
		t.Errorf("refusal returned %+v, want the open outage", refused)
	}
	if got, _ := db.Outage(ctx, mine.ID); got.Link != incident.Link {
		t.Errorf("link changed to %q", got.Link)
	}
}
