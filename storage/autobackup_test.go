package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func mustAutoBackups(t *testing.T, db *storage.DB) []storage.AutoBackup {
	t.Helper()
	list, err := db.AutoBackups()
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// reasons counts the listed backups by reason.
func reasons(list []storage.AutoBackup) map[string]int {
	n := map[string]int{}
	for _, b := range list {
		n[b.Reason]++
	}
	return n
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s has mode %v, want %v", path, got, want)
	}
}

func TestBackupFile(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateService(t, db, "Claude")
		path, err := db.BackupFile(ctx, storage.BackupDaily)
		if err != nil {
			t.Fatal(err)
		}
		dir := storage.BackupDir(db.Path())
		if want := filepath.Join(dir, "journal.db.20261125T101500Z.daily.bak"); path != want {
			t.Errorf("backup at %s, want %s", path, want)
		}
		assertMode(t, dir, 0o700)
		assertMode(t, path, 0o600)
		h, err := storage.Inspect(ctx, path)
		if err != nil {
			t.Fatalf("the backup is not a journal Lapse opens: %v", err)
		}
		if h.Counts.Services != 1 || h.SchemaVersion != storage.SchemaVersion {
			t.Errorf("backup holds %+v at schema %d", h.Counts, h.SchemaVersion)
		}
		list := mustAutoBackups(t, db)
		fi, _ := os.Stat(path)
		if len(list) != 1 || list[0] != (storage.AutoBackup{Path: path, Time: testNow, Reason: storage.BackupDaily, Size: fi.Size()}) {
			t.Errorf("AutoBackups = %+v", list)
		}
	})
	t.Run("TwoInOneSecond", func(t *testing.T) {
		db := MustOpenDB(t)
		first, err1 := db.BackupFile(ctx, storage.BackupBeforeRestore)
		second, err2 := db.BackupFile(ctx, storage.BackupBeforeRestore)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !strings.HasSuffix(second, ".before-restore.2.bak") || first == second {
			t.Errorf("backups %s and %s", first, second)
		}
		if list := mustAutoBackups(t, db); len(list) != 2 || list[0].Path != second {
			t.Errorf("AutoBackups = %+v, want the second one first", list)
		}
	})
	t.Run("ErrUnknownReason", func(t *testing.T) {
		db := MustOpenDB(t)
		if _, err := db.BackupFile(ctx, "whenever"); err == nil || !strings.Contains(err.Error(), `unknown reason "whenever"`) {
			t.Errorf("BackupFile with an unknown reason: %v", err)
		}
		if _, err := os.Stat(storage.BackupDir(db.Path())); !os.IsNotExist(err) {
			t.Errorf("a refused backup made the backups folder")
		}
	})
}

func TestBackupRotation(t *testing.T) {
	ctx := context.Background()
	db, c := MustOpenDBClock(t)
	MustCreateService(t, db, "Claude")
	for range 9 {
		if _, err := db.BackupFile(ctx, storage.BackupDaily); err != nil {
			t.Fatal(err)
		}
		c.Add(24 * time.Hour)
	}
	for range 6 {
		if _, err := db.BackupFile(ctx, storage.BackupBeforeRestore); err != nil {
			t.Fatal(err)
		}
	}
	list := mustAutoBackups(t, db)
	if n := reasons(list); n[storage.BackupDaily] != 7 || n[storage.BackupBeforeRestore] != 5 {
		t.Fatalf("kept %v, want 7 daily and 5 before-restore", n)
	}
	var daily []time.Time
	for _, b := range list {
		if b.Reason == storage.BackupDaily {
			daily = append(daily, b.Time)
		}
	}
	newest, oldest := testNow.Add(8*24*time.Hour), testNow.Add(2*24*time.Hour)
	if !daily[0].Equal(newest) || !daily[6].Equal(oldest) {
		t.Errorf("daily backups kept from %v to %v, want the newest seven: %v to %v", daily[6], daily[0], oldest, newest)
	}
	entries, err := os.ReadDir(storage.BackupDir(db.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 12 {
		t.Errorf("the backups folder holds %d files, want the 12 listed", len(entries))
	}
}

func TestDailyBackup(t *testing.T) {
	ctx := context.Background()
	db, c := MustOpenDBClock(t)
	count := func() int { return reasons(mustAutoBackups(t, db))[storage.BackupDaily] }
	steps := []struct {
		name string
		do   func()
		want int
	}{
		{"EmptyJournalIsNotBackedUp", func() {}, 0},
		{"FirstOfTheDay", func() { MustCreateService(t, db, "Claude") }, 1},
		{"SameDayAgain", func() {}, 1},
		{"LaterThatDay", func() { c.Add(13 * time.Hour) }, 1}, // 23:15 UTC
		{"NextDay", func() { c.Add(time.Hour) }, 2},
	}
	for _, s := range steps {
		s.do()
		if err := db.DailyBackup(ctx); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := count(); got != s.want {
			t.Errorf("%s: %d daily backups, want %d", s.name, got, s.want)
		}
	}
}

func TestAutoBackupsListsMigrationCopies(t *testing.T) {
	db := MustOpenDB(t)
	dir := filepath.Dir(db.Path())
	for _, name := range []string{
		"journal.db.v0-20261101T090000Z.bak",                       // Open's copy before migrating
		"other.db.v0-20261101T090000Z.bak",                         // another journal's
		"journal.db.vx-20261101T090000Z.bak",                       // not a version
		"journal.db.backups/journal.db.20261120T000000Z.lunch.bak", // unknown reason
		"journal.db.backups/.journal.db.20261120T000000Z.daily.bak.tmp",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	list := mustAutoBackups(t, db)
	want := storage.AutoBackup{Path: filepath.Join(dir, "journal.db.v0-20261101T090000Z.bak"),
		Time: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), Reason: storage.BackupBeforeMigration, Size: 1}
	if len(list) != 1 || list[0] != want {
		t.Errorf("AutoBackups = %+v, want only %+v", list, want)
	}
}

func TestRestoreFile(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		c := &clock{t: testNow}
		path := filepath.Join(t.TempDir(), "journal.db")
		db, err := storage.Open(ctx, path, storage.Options{Now: c.Now})
		if err != nil {
			t.Fatal(err)
		}
		MustCreateService(t, db, "Kept")
		backup, err := db.BackupFile(ctx, storage.BackupDaily)
		if err != nil {
			t.Fatal(err)
		}
		MustCreateService(t, db, "Added later")
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		saved, err := storage.RestoreFile(ctx, path, backup, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(filepath.Base(saved), ".before-restore.") || filepath.Dir(saved) != storage.BackupDir(path) {
			t.Errorf("the journal as it was is saved as %s", saved)
		}
		if h, err := storage.Inspect(ctx, saved); err != nil || h.Counts.Services != 2 {
			t.Errorf("the saved journal: %+v, %v; want its 2 services", h, err)
		}
		assertMode(t, path, 0o600)
		db = MustOpenPath(t, path, c)
		list, err := db.Services(ctx, storage.ServiceFilter{})
		if err != nil || len(list) != 1 || list[0].Name != "Kept" {
			t.Errorf("after restoring, services = %v, %v; want only Kept", list, err)
		}
	})
	t.Run("ErrDamagedBackupLeavesJournal", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateService(t, db, "Claude")
		path := db.Path()
		db.Close()
		sum := sha256File(t, path)
		bad := filepath.Join(t.TempDir(), "bad.bak")
		if err := os.WriteFile(bad, []byte("my shopping list\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := storage.RestoreFile(ctx, path, bad, testNow)
		assertCode(t, err, journal.EREFUSED)
		if !strings.Contains(err.Error(), "not a SQLite database") {
			t.Errorf("error %q does not say why", err)
		}
		assertUntouched(t, path, sum)
		if _, err := os.Stat(storage.BackupDir(path)); !os.IsNotExist(err) {
			t.Errorf("a refused restore made a backup")
		}
	})
	t.Run("ErrItself", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateService(t, db, "Claude")
		path := db.Path()
		db.Close()
		sum := sha256File(t, path)
		if _, err := storage.RestoreFile(ctx, path, path, testNow); err == nil || !strings.Contains(err.Error(), "the journal itself") {
			t.Errorf("restoring a journal from itself: %v", err)
		}
		assertUntouched(t, path, sum)
	})
	t.Run("DamagedJournalIsSavedByteForByte", func(t *testing.T) {
		src := MustOpenDB(t)
		MustCreateService(t, src, "Claude")
		backup, err := src.BackupFile(ctx, storage.BackupDaily)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "journal.db")
		damaged := []byte("SQLite format 3\x00 but cut short")
		if err := os.WriteFile(path, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		saved, err := storage.RestoreFile(ctx, path, backup, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(saved); err != nil || string(got) != string(damaged) {
			t.Errorf("saved %q (%v), want the damaged bytes", got, err)
		}
		if h, err := storage.Inspect(ctx, path); err != nil || h.Counts.Services != 1 {
			t.Errorf("restored journal: %+v, %v", h, err)
		}
	})
	t.Run("NoJournalYet", func(t *testing.T) {
		src := MustOpenDB(t)
		MustCreateService(t, src, "Claude")
		backup, err := src.BackupFile(ctx, storage.BackupDaily)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "new", "journal.db")
		saved, err := storage.RestoreFile(ctx, path, backup, testNow)
		if err != nil || saved != "" {
			t.Fatalf("RestoreFile into nothing: %q, %v", saved, err)
		}
		assertMode(t, path, 0o600)
	})
}
