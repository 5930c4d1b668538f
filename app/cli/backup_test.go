package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/backup"
	"lapse/app/journal"
	"lapse/storage"
)

// sampleJournal writes a journal with a service, an outage, a ticket with a
// message and something in the trash, and returns its path.
func sampleJournal(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, path)
	defer db.Close()
	svc := mustService(t, db, "Parley AI")
	end := pinned.Add(-time.Hour)
	o := &journal.Outage{ServiceID: svc.ID, Title: "Login loop", Start: pinned.Add(-3 * time.Hour), End: &end,
		Impact: journal.ImpactDown, Source: journal.SourceMe}
	must(t, db.CreateOutage(ctx, o))
	tk := &journal.Ticket{ServiceID: svc.ID, OutageID: &o.ID, Channel: journal.ChannelEmail, OpenedAt: pinned.Add(-2 * time.Hour)}
	must(t, db.CreateTicket(ctx, tk))
	must(t, db.AddMessage(ctx, &journal.Message{TicketID: tk.ID, At: pinned.Add(-2 * time.Hour), Direction: journal.Sent,
		Author: journal.AuthorMe, Summary: "Cannot log in"}))
	old := mustService(t, db, "Old Chat")
	if _, err := db.DeleteService(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	return path
}

// exportOf is a journal's backup as `lapse backup` writes it at the pinned time.
func exportOf(t *testing.T, path string) []byte {
	t.Helper()
	db := mustOpen(t, path)
	defer db.Close()
	data, _, err := backup.Export(context.Background(), db)
	must(t, err)
	return data
}

func TestBackupCommand(t *testing.T) {
	journalPath := sampleJournal(t)
	out := filepath.Join(t.TempDir(), "backup.json")

	code, stdout, stderr := run(t, "backup", "--db", journalPath, "-o", out)
	if code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	if want := "Backed up 2 services, 0 subscriptions, 1 outage, 1 ticket, 1 message, 0 decisions, 1 trash item to " + out; !strings.Contains(stdout, want) {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
	written, err := os.ReadFile(out)
	must(t, err)
	if !bytes.Equal(written, exportOf(t, journalPath)) {
		t.Errorf("the file is not the journal's backup")
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode: %v, %v; want 0600", fi.Mode().Perm(), err)
	}

	t.Run("ErrExistsWithoutForce", func(t *testing.T) {
		must(t, os.WriteFile(out, []byte("keep me"), 0o600))
		code, _, stderr := run(t, "backup", "--db", journalPath, "-o", out)
		if code != 1 || !strings.Contains(stderr, "already exists: pass --force") {
			t.Errorf("exit %d, %q", code, stderr)
		}
		if got, _ := os.ReadFile(out); string(got) != "keep me" {
			t.Errorf("a refused backup overwrote the file")
		}
		if code, _, stderr := run(t, "backup", "--db", journalPath, "-o", out, "--force"); code != 0 {
			t.Fatalf("--force: exit %d: %s", code, stderr)
		}
		if got, _ := os.ReadFile(out); !bytes.Equal(got, written) {
			t.Errorf("--force did not write the backup")
		}
	})
	t.Run("ToStandardOutput", func(t *testing.T) {
		code, stdout, stderr := run(t, "backup", "--db", journalPath, "-o", "-")
		if code != 0 || stdout != string(written) {
			t.Errorf("-o -: exit %d, %s; stdout is not the backup", code, stderr)
		}
	})
	t.Run("ErrMissingJournal", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "none.db")
		code, _, stderr := run(t, "backup", "--db", missing, "-o", filepath.Join(t.TempDir(), "b.json"))
		if code != 1 || !strings.Contains(stderr, "does not exist") {
			t.Errorf("exit %d, %q", code, stderr)
		}
		if _, err := os.Stat(missing); !os.IsNotExist(err) {
			t.Errorf("backup created the missing journal")
		}
	})
	t.Run("ErrNoOutput", func(t *testing.T) {
		if code, _, _ := run(t, "backup", "--db", journalPath); code != 2 {
			t.Errorf("no -o: exit %d, want 2", code)
		}
	})
}

func TestImportCommand(t *testing.T) {
	source := sampleJournal(t)
	file := filepath.Join(t.TempDir(), "backup.json")
	if code, _, stderr := run(t, "backup", "--db", source, "-o", file); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	want := exportOf(t, source)

	t.Run("IntoNewJournal", func(t *testing.T) {
		target := filepath.Join(t.TempDir(), "new.db")
		code, stdout, stderr := run(t, "import", "--db", target, "--backup", file)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "Restored 2 services,") || strings.Contains(stdout, "saved in") {
			t.Errorf("stdout = %q", stdout)
		}
		if got := exportOf(t, target); !bytes.Equal(got, want) {
			t.Errorf("the imported journal differs from the one backed up")
		}
	})
	t.Run("NonEmptyNeedsReplace", func(t *testing.T) {
		target := filepath.Join(t.TempDir(), "mine.db")
		db := mustOpen(t, target)
		mustService(t, db, "Mine")
		db.Close()
		before := exportOf(t, target)

		code, _, stderr := run(t, "import", "--db", target, "--backup", file)
		if code != 1 || !strings.Contains(stderr, "the journal is not empty") || !strings.Contains(stderr, "Pass --replace") {
			t.Errorf("without --replace: exit %d, %q", code, stderr)
		}
		if !bytes.Equal(exportOf(t, target), before) {
			t.Errorf("a refused import changed the journal")
		}

		code, stdout, stderr := run(t, "import", "--db", target, "--backup", file, "--replace")
		if code != 0 {
			t.Fatalf("--replace: exit %d: %s", code, stderr)
		}
		if !bytes.Equal(exportOf(t, target), want) {
			t.Errorf("after --replace the journal is not the backup")
		}
		db = mustOpen(t, target)
		list, err := db.AutoBackups()
		db.Close()
		must(t, err)
		if len(list) != 1 || list[0].Reason != storage.BackupBeforeRestore || !strings.Contains(stdout, "saved in "+list[0].Path) {
			t.Errorf("automatic backups %+v; stdout %q", list, stdout)
		}
	})
	t.Run("ErrBrokenFileChangesNothing", func(t *testing.T) {
		broken := filepath.Join(t.TempDir(), "broken.json")
		data := bytes.Replace(want, []byte(`"impact": "down"`), []byte(`"impact": 3`), 1)
		must(t, os.WriteFile(broken, data, 0o600))
		target := filepath.Join(t.TempDir(), "mine.db")
		db := mustOpen(t, target)
		mustService(t, db, "Mine")
		db.Close()
		before := exportOf(t, target)
		code, _, stderr := run(t, "import", "--db", target, "--backup", broken, "--replace")
		if code != 1 || !strings.Contains(stderr, broken) || !strings.Contains(stderr, "outages[0].impact: must be a string") {
			t.Errorf("exit %d, %q", code, stderr)
		}
		if !bytes.Equal(exportOf(t, target), before) {
			t.Errorf("a broken import changed the journal")
		}
		fresh := filepath.Join(t.TempDir(), "fresh.db")
		if code, _, _ := run(t, "import", "--db", fresh, "--backup", broken); code != 1 {
			t.Errorf("broken import into a new journal: exit %d", code)
		}
		if _, err := os.Stat(fresh); !os.IsNotExist(err) {
			t.Errorf("a broken import created the journal")
		}
	})
	t.Run("Usage", func(t *testing.T) {
		target := filepath.Join(t.TempDir(), "j.db")
		for _, tc := range []struct {
			name string
			args []string
			want string
		}{
			{"NoSource", []string{"import", "--db", target}, "give exactly one of --backup, --csv"},
			{"TwoSources", []string{"import", "--db", target, "--backup", file, "--csv", "subs.csv"}, "exactly one"},
			{"Positional", []string{"import", "--db", target, file}, "like --backup FILE"},
		} {
			code, _, stderr := run(t, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("%s: exit %d, %q; want 2 and %q", tc.name, code, stderr, tc.want)
			}
		}
		if _, err := os.Stat(target); !os.IsNotExist(err) {
			t.Errorf("a usage error created the journal")
		}
	})
}
