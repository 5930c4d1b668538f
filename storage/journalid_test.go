package storage_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// storedJournalID is the identifier the file holds ("" for none), read with
// a plain connection.
func storedJournalID(t *testing.T, path string) string {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var id string
	err = raw.QueryRow(`SELECT value ->> '$' FROM settings WHERE key = 'journal_id'`).Scan(&id)
	if err != nil && err != sql.ErrNoRows {
		t.Fatal(err)
	}
	return id
}

// A new journal holds its identifier from creation; reading it writes
// nothing; it is kept across opens and restores, differs between journals,
// and is no content: a journal holding only it is still empty for a restore.
func TestJournalID(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	c := &clock{t: testNow}
	db := MustOpenPath(t, path, c)
	stored := storedJournalID(t, path)
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(stored) {
		t.Fatalf("a new journal holds identifier %q: want 32 hex digits", stored)
	}
	if first, err := db.JournalID(ctx); err != nil || first != stored {
		t.Fatalf("JournalID = %q, %v; want the stored %q", first, err, stored)
	}
	if empty, err := db.IsEmpty(ctx); err != nil || !empty {
		t.Errorf("a journal holding only its identifier: empty = %v, %v; want true", empty, err)
	}
	db.Close()
	db = MustOpenPath(t, path, c)
	if again, err := db.JournalID(ctx); err != nil || again != stored {
		t.Errorf("after reopening = %q, %v; want %q", again, err, stored)
	}

	// Restoring another journal's content keeps this journal's identifier.
	other, _ := MustOpenDBClock(t)
	MustCreateService(t, other, "Parley AI")
	otherID, err := other.JournalID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if otherID == stored {
		t.Errorf("two journals share the identifier %q", stored)
	}
	if err := db.Replace(ctx, mustDump(t, other)); err != nil {
		t.Fatal(err)
	}
	if again, err := db.JournalID(ctx); err != nil || again != stored {
		t.Errorf("after a restore = %q, %v; want %q", again, err, stored)
	}
}

// Updating a version 3 journal gives it an identifier, and keeps the one an
// earlier build stored on its first calendar export.
func TestJournalIDMigration(t *testing.T) {
	var schema []string
	for _, f := range []string{"001_init.sql", "002_reminders.sql", "003_status_watch.sql"} {
		b, err := os.ReadFile(filepath.Join("migrations", f))
		if err != nil {
			t.Fatal(err)
		}
		schema = append(schema, string(b))
	}
	v3 := func(t *testing.T, extra ...string) string {
		path := filepath.Join(t.TempDir(), "journal.db")
		stmts := append([]string{"PRAGMA application_id = 1279348819"}, schema...)
		stmts = append(stmts, extra...)
		rawExec(t, path, append(stmts, "PRAGMA user_version = 3")...)
		return path
	}
	t.Run("none yet", func(t *testing.T) {
		path := v3(t)
		if id := storedJournalID(t, path); id != "" {
			t.Fatalf("version 3 journal already holds %q", id)
		}
		db := MustOpenPath(t, path, &clock{t: testNow})
		got, err := db.JournalID(context.Background())
		if err != nil || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(got) || got != storedJournalID(t, path) {
			t.Errorf("after updating: JournalID = %q, %v; stored %q", got, err, storedJournalID(t, path))
		}
	})
	t.Run("kept", func(t *testing.T) {
		const earlier = "0123456789abcdef0123456789abcdef"
		path := v3(t, `INSERT INTO settings (key, value) VALUES ('journal_id', '"`+earlier+`"')`)
		db := MustOpenPath(t, path, &clock{t: testNow})
		if got, err := db.JournalID(context.Background()); err != nil || got != earlier {
			t.Errorf("after updating: JournalID = %q, %v; want the earlier %q", got, err, earlier)
		}
	})
}

// A journal whose identifier row is gone (another tool removed it) gets a
// stand-in from its path: the same on every read, different for another
// journal, and never written (export only reads).
func TestJournalIDFallback(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	paths := []string{filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")}
	var ids []string
	for _, path := range paths {
		db := MustOpenPath(t, path, &clock{t: testNow})
		db.Close()
		rawExec(t, path, `DELETE FROM settings WHERE key = 'journal_id'`)
		db = MustOpenPath(t, path, &clock{t: testNow})
		first, err := db.JournalID(ctx)
		if err != nil || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(first) {
			t.Fatalf("%s: JournalID = %q, %v; want 32 hex digits", path, first, err)
		}
		if again, _ := db.JournalID(ctx); again != first {
			t.Errorf("%s: second read %q, first %q", path, again, first)
		}
		if stored := storedJournalID(t, path); stored != "" {
			t.Errorf("%s: reading the identifier stored %q", path, stored)
		}
		ids = append(ids, first)
	}
	if ids[0] == ids[1] {
		t.Errorf("two journals without a stored identifier share %q", ids[0])
	}
}
