package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func TestReminders_NotifiedOncePerDay(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	day, _ := journal.ParseDate("2026-11-25")
	for i, want := range []bool{true, false} {
		got, err := db.MarkNotified(ctx, "ticket:7", day)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("check %d the same day: notify = %v, want %v", i+1, got, want)
		}
	}
	if got, _ := db.MarkNotified(ctx, "ticket:7", day.AddDays(1)); !got {
		t.Errorf("the next day does not notify again")
	}
	if got, _ := db.MarkNotified(ctx, "renewal:1:2026-12-01", day); !got {
		t.Errorf("another reminder the same day is not notified")
	}
	states, err := db.ReminderStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s := states["ticket:7"]; s.NotifiedOn != day.AddDays(1) || s.Dismissed {
		t.Errorf("state = %+v", s)
	}
}

func TestReminders_DismissAndSnooze(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	until := testNow.Add(24 * time.Hour)
	if err := db.SnoozeReminder(ctx, "outage:3", until); err != nil {
		t.Fatal(err)
	}
	if err := db.DismissReminder(ctx, "ticket:9"); err != nil {
		t.Fatal(err)
	}
	states, _ := db.ReminderStates(ctx)
	if s := states["outage:3"]; !s.Quiet(testNow) || s.Quiet(until) || !s.SnoozedUntil.Equal(until) {
		t.Errorf("snoozed state = %+v", s)
	}
	if s := states["ticket:9"]; !s.Quiet(testNow.AddDate(5, 0, 0)) {
		t.Errorf("a dismissed reminder is not quiet: %+v", s)
	}
	if s := states["unknown"]; s.Quiet(testNow) {
		t.Errorf("an unknown reminder is quiet")
	}
}

// TestOpen_MigratesVersion1 builds a journal as version 1 left it and checks
// that opening it backs it up, migrates it and keeps its data.
func TestOpen_MigratesVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	v1, err := os.ReadFile(filepath.Join("migrations", "001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	rawExec(t, path,
		"PRAGMA application_id = 1279348819",
		string(v1),
		"INSERT INTO services (name, name_key, created_at, updated_at) VALUES ('Parley AI', 'parley ai', 1, 1)",
		"PRAGMA user_version = 1")
	db := MustOpenPath(t, path, &clock{t: testNow})
	svcs, err := db.Services(context.Background(), storage.ServiceFilter{})
	if err != nil || len(svcs) != 1 || svcs[0].Name != "Parley AI" {
		t.Fatalf("services after migration = %v, %v", svcs, err)
	}
	if _, err := db.MarkNotified(context.Background(), "k", journal.Date{Year: 2026, Month: 11, Day: 25}); err != nil {
		t.Errorf("the new table is missing: %v", err)
	}
	baks, _ := filepath.Glob(path + ".v1-*.bak")
	if len(baks) != 1 {
		t.Errorf("backups before migrating = %v, want one .v1-*.bak", baks)
	}
}
