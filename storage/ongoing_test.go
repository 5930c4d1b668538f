package storage_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"lapse/storage"
)

// ongoingTitles lists the titles of the journal's ongoing outages.
func ongoingTitles(t *testing.T, db *storage.DB) []string {
	t.Helper()
	yes := true
	list, err := db.Outages(context.Background(), storage.OutageFilter{Ongoing: &yes})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, o := range list {
		titles = append(titles, o.Title)
	}
	return titles
}

// indexes lists the names of a table's indexes in the file at path.
func indexes(t *testing.T, path, table string) map[string]bool {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT name FROM pragma_index_list(?)`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		found[name] = true
	}
	return found
}

// A version 4 journal (before the index of ongoing outages) is read as it
// is by reading commands, and updated by the first open that may write,
// after a backup.
func TestOpen_Version4Journal(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	db, err := storage.Open(ctx, path, storage.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	svc := MustCreateService(t, db, "Claude")
	MustCreateOutage(t, db, svc.ID, "over", testNow.Add(-3*time.Hour), time.Hour)
	if _, err := db.StartOutage(ctx, svc.ID, "still down"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if !indexes(t, path, "outages")["outages_ongoing"] {
		t.Fatal("a new journal lacks the index outages_ongoing")
	}
	rawExec(t, path, "DROP INDEX outages_ongoing", "PRAGMA user_version = 4")
	sum := sha256File(t, path)

	ro, err := storage.Open(ctx, path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of a version 4 journal: %v", err)
	}
	if got := ongoingTitles(t, ro); len(got) != 1 || got[0] != "still down" {
		t.Errorf("ongoing outages read from version 4 = %q, want [still down]", got)
	}
	ro.Close()
	h, err := storage.Inspect(ctx, path)
	if err != nil || h.SchemaVersion != 4 || h.Counts.Outages != 2 {
		t.Errorf("Inspect of version 4 = %+v, %v; want version 4 with 2 outages counted", h, err)
	}
	assertUntouched(t, path, sum)
	if baks, _ := filepath.Glob(path + "*.bak"); len(baks) != 0 {
		t.Errorf("reading made a backup: %v", baks)
	}

	rw := MustOpenPath(t, path, &clock{t: testNow})
	if got := ongoingTitles(t, rw); len(got) != 1 || got[0] != "still down" {
		t.Errorf("ongoing outages after updating = %q, want [still down]", got)
	}
	if h, err := storage.Inspect(ctx, path); err != nil || h.SchemaVersion != storage.SchemaVersion {
		t.Errorf("after updating: %+v, %v; want version %d", h, err, storage.SchemaVersion)
	}
	if !indexes(t, path, "outages")["outages_ongoing"] {
		t.Error("the updated journal lacks the index outages_ongoing")
	}
	if _, err := os.Stat(path + ".v4-20261125T101500Z.bak"); err != nil {
		t.Errorf("no backup before updating: %v", err)
	}
}
