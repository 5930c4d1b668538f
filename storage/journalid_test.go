package storage_test

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"
)

// A journal's identifier is made once, kept across opens and restores,
// differs between journals, and is no content: a journal holding only it
// is still empty for a restore.
func TestJournalID(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	c := &clock{t: testNow}
	db := MustOpenPath(t, path, c)
	first, err := db.JournalID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(first) {
		t.Fatalf("identifier %q: want 32 hex digits", first)
	}
	if empty, err := db.IsEmpty(ctx); err != nil || !empty {
		t.Errorf("a journal holding only its identifier: empty = %v, %v; want true", empty, err)
	}
	if again, err := db.JournalID(ctx); err != nil || again != first {
		t.Errorf("second call = %q, %v; want %q", again, err, first)
	}
	db.Close()
	db = MustOpenPath(t, path, c)
	if again, err := db.JournalID(ctx); err != nil || again != first {
		t.Errorf("after reopening = %q, %v; want %q", again, err, first)
	}

	// Restoring another journal's content keeps this journal's identifier.
	other, _ := MustOpenDBClock(t)
	MustCreateService(t, other, "Parley AI")
	otherID, err := other.JournalID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if otherID == first {
		t.Errorf("two journals share the identifier %q", first)
	}
	if err := db.Replace(ctx, mustDump(t, other)); err != nil {
		t.Fatal(err)
	}
	if again, err := db.JournalID(ctx); err != nil || again != first {
		t.Errorf("after a restore = %q, %v; want %q", again, err, first)
	}
}
