package storage_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func TestOpen_EmptyFileIsANewJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db := MustOpenPath(t, path, &clock{t: testNow})
	MustCreateService(t, db, "Claude")
	h, err := storage.Inspect(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if h.SchemaVersion != storage.SchemaVersion || h.Counts.Services != 1 {
		t.Errorf("Inspect = %+v, want version %d and 1 service", h, storage.SchemaVersion)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", fi.Mode().Perm())
	}
}

// makeJournal writes a closed journal holding a service and n outages whose
// symptoms fill pages.
func makeJournal(t *testing.T, path string, n int) {
	t.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{Now: (&clock{t: testNow}).Now})
	if err != nil {
		t.Fatal(err)
	}
	s := MustCreateService(t, db, "Claude")
	for i := range n {
		o := &journal.Outage{ServiceID: s.ID, Title: fmt.Sprintf("outage %d", i), Start: testNow.Add(time.Duration(-i) * time.Hour),
			Impact: journal.ImpactDown, Source: journal.SourceMe, Symptoms: strings.Repeat("redirect loop ", 60)}
		if err := db.CreateOutage(context.Background(), o); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpen_Refuses(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want string // in the message
	}{
		{"a text file", func(t *testing.T, path string) {
			writeFile(t, path, []byte("service,price\nClaude,20 USD\n"))
		}, "not a SQLite database"},
		{"random bytes", func(t *testing.T, path string) {
			buf := make([]byte, 8192)
			r := rand.New(rand.NewPCG(1, 2))
			for i := range buf {
				buf[i] = byte(r.Uint32())
			}
			writeFile(t, path, buf)
		}, "not a SQLite database"},
		{"the first bytes of a SQLite header", func(t *testing.T, path string) {
			writeFile(t, path, []byte("SQLite for"))
		}, "damaged (truncated to 10 bytes)"},
		{"a journal cut to two pages", func(t *testing.T, path string) {
			makeJournal(t, path, 1)
			truncate(t, path, 8192)
		}, "it is damaged ("},
		{"a journal cut mid-page", func(t *testing.T, path string) {
			makeJournal(t, path, 1)
			truncate(t, path, 10000)
		}, "it is damaged ("},
		{"a journal with garbage in its pages", func(t *testing.T, path string) {
			makeJournal(t, path, 300)
			buf, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			mid := len(buf) / 4096 / 2 * 4096
			copy(buf[mid:mid+4*4096], bytes.Repeat([]byte{0x5A}, 4*4096))
			writeFile(t, path, buf)
		}, "damaged"},
		{"a journal whose free space is miscounted", func(t *testing.T, path string) {
			makeJournal(t, path, 50)
			buf, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Byte 7 of a b-tree page header counts its fragmented free bytes.
			for p := 4096; p < len(buf); p += 4096 {
				if buf[p] == 0x0D { // a table leaf page
					buf[p+7] = 50
					break
				}
			}
			writeFile(t, path, buf)
		}, "damaged (quick_check: "},
		{"another application's file", func(t *testing.T, path string) {
			rawExec(t, path, "PRAGMA application_id = 305419896", "CREATE TABLE notes (body TEXT)")
		}, "another application (application_id 0x12345678)"},
		{"another application's file without an id", func(t *testing.T, path string) {
			rawExec(t, path, "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('hello')")
		}, "another application's SQLite database"},
		{"a journal from a newer Lapse", func(t *testing.T, path string) {
			makeJournal(t, path, 1)
			rawExec(t, path, fmt.Sprintf("PRAGMA user_version = %d", storage.SchemaVersion+1))
		}, fmt.Sprintf("newer Lapse (schema version %d; this Lapse knows up to %d)", storage.SchemaVersion+1, storage.SchemaVersion)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "journal.db")
			tt.make(t, path)
			sum := sha256File(t, path)
			assertUntouched(t, path, sum)

			_, err := storage.Open(context.Background(), path, storage.Options{Now: (&clock{t: testNow}).Now})
			assertCode(t, err, journal.EREFUSED)
			t.Log(err)
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Open: %q, want it to name the file and say %q", err, tt.want)
			}
			assertUntouched(t, path, sum)

			_, err = storage.Inspect(context.Background(), path)
			assertCode(t, err, journal.EREFUSED)
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Inspect: %q, want %q", err, tt.want)
			}
			assertUntouched(t, path, sum)
			if baks, _ := filepath.Glob(path + "*.bak"); len(baks) != 0 {
				t.Errorf("a refused file was backed up: %v", baks)
			}
		})
	}
}

func writeFile(t *testing.T, path string, buf []byte) {
	t.Helper()
	if err := os.WriteFile(path, buf, 0o600); err != nil {
		t.Fatal(err)
	}
}

func truncate(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

func TestOpen_MigratesAnOlderJournalAfterABackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	// A journal at version 0: Lapse's id, no migration applied, some data.
	rawExec(t, path,
		fmt.Sprintf("PRAGMA application_id = %d", storage.ApplicationID),
		"CREATE TABLE legacy_notes (body TEXT)",
		"INSERT INTO legacy_notes VALUES ('kept in the backup')")
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}

	db := MustOpenPath(t, path, &clock{t: testNow.Add(500 * time.Millisecond)})
	MustCreateService(t, db, "Claude")
	h, err := storage.Inspect(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if h.SchemaVersion != storage.SchemaVersion || h.Counts.Services != 1 {
		t.Errorf("after migrating: %+v, want version %d with the new service", h, storage.SchemaVersion)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the migrated journal is %04o, want 0600", fi.Mode().Perm())
	}

	bak := path + ".v0-20261125T101500Z.bak"
	fi, err := os.Stat(bak)
	if err != nil {
		t.Fatalf("no backup beside the journal: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %04o, want 0600", fi.Mode().Perm())
	}
	raw, err := sql.Open("sqlite", "file:"+bak+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var check, body string
	var version, appID int
	if err := raw.QueryRow("PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("backup quick_check = %q, %v", check, err)
	}
	if err := raw.QueryRow("SELECT body FROM legacy_notes").Scan(&body); err != nil || body != "kept in the backup" {
		t.Errorf("backup data = %q, %v", body, err)
	}
	if err := raw.QueryRow("SELECT user_version, application_id FROM pragma_user_version, pragma_application_id").Scan(&version, &appID); err != nil {
		t.Fatal(err)
	}
	if version != 0 || appID != storage.ApplicationID {
		t.Errorf("backup is version %d id %#x, want the journal as it was: version 0, id %#x", version, appID, storage.ApplicationID)
	}
}

func TestOpen_AdoptsABlankSQLiteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	rawExec(t, path, "CREATE TABLE t (x)", "DROP TABLE t")
	db := MustOpenPath(t, path, &clock{t: testNow})
	MustCreateService(t, db, "Claude")
	if baks, _ := filepath.Glob(path + "*.bak"); len(baks) != 0 {
		t.Errorf("a blank file was backed up: %v", baks)
	}
}

func TestInspect(t *testing.T) {
	ctx := context.Background()
	t.Run("ErrMissingFileIsNotCreated", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "nowhere")
		path := filepath.Join(dir, "journal.db")
		_, err := storage.Inspect(ctx, path)
		assertCode(t, err, journal.ENOTFOUND)
		if !strings.Contains(err.Error(), path) {
			t.Errorf("message %q does not name the file", err)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("Inspect created %s", dir)
		}
	})
	t.Run("ErrEmptyFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.db")
		writeFile(t, path, nil)
		_, err := storage.Inspect(ctx, path)
		assertCode(t, err, journal.ENOTFOUND)
		assertUntouched(t, path, sha256File(t, path))
	})
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.db")
		makeJournal(t, path, 3)
		sum := sha256File(t, path)
		h, err := storage.Inspect(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		want := storage.Health{Path: path, SchemaVersion: storage.SchemaVersion, QuickCheck: "ok", Counts: storage.Counts{Services: 1, Outages: 3}}
		if *h != want {
			t.Errorf("Inspect = %+v, want %+v", *h, want)
		}
		assertUntouched(t, path, sum)
	})
	t.Run("WhileTheJournalIsOpen", func(t *testing.T) {
		db, _ := MustOpenDBClock(t)
		s := MustCreateService(t, db, "Claude")
		MustCreateOutage(t, db, s.ID, "Login loop", testNow, time.Hour)
		h, err := storage.Inspect(ctx, db.Path())
		if err != nil {
			t.Fatal(err)
		}
		if h.Counts.Services != 1 || h.Counts.Outages != 1 {
			t.Errorf("Inspect sees %+v, want what the open journal committed", h.Counts)
		}
	})
	t.Run("OlderJournal", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.db")
		rawExec(t, path, fmt.Sprintf("PRAGMA application_id = %d", storage.ApplicationID), "CREATE TABLE legacy_notes (body TEXT)")
		sum := sha256File(t, path)
		h, err := storage.Inspect(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if h.SchemaVersion != 0 || h.QuickCheck != "ok" {
			t.Errorf("Inspect = %+v, want version 0, ok", h)
		}
		assertUntouched(t, path, sum)
		if baks, _ := filepath.Glob(path + "*.bak"); len(baks) != 0 {
			t.Errorf("Inspect made a backup: %v", baks)
		}
	})
}
