package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/report"
)

// exportJournal writes a journal with one service that has a plan, an
// outage and a ticket in October 2026, and returns its path.
func exportJournal(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, path)
	defer db.Close()
	ctx := context.Background()
	svc := mustService(t, db, "Parley AI")
	s, err := db.Settings(ctx)
	must(t, err)
	s.HomeCurrency, s.TimeZone = "USD", "UTC"
	must(t, db.SaveSettings(ctx, s))
	must(t, db.CreateSubscription(ctx, &journal.Subscription{ServiceID: svc.ID, Plan: "Plus", Amount: 2000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: journal.Date{Year: 2026, Month: 9, Day: 1}}))
	start, end := time.Date(2026, 10, 10, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 13, 0, 0, 0, 0, time.UTC)
	must(t, db.CreateOutage(ctx, &journal.Outage{ServiceID: svc.ID, Title: "cannot log in", Start: start, End: &end,
		Impact: journal.ImpactDown, Source: journal.SourceMe}))
	tk := &journal.Ticket{ServiceID: svc.ID, Channel: journal.ChannelEmail, Reference: "#48213", OpenedAt: start}
	must(t, db.CreateTicket(ctx, tk))
	must(t, db.AddMessage(ctx, &journal.Message{TicketID: tk.ID, At: start, Direction: journal.Sent, Author: journal.AuthorMe, Summary: "help"}))
	return path
}

func TestExportWritesEachFormatPrivately(t *testing.T) {
	db := exportJournal(t)
	dir := t.TempDir()
	tests := []struct {
		name  string
		args  []string
		file  string
		check func(t *testing.T, data []byte)
	}{
		{"markdown", []string{"--format", "md"}, "s.md", func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("# Summary before cancelling: Parley AI")) {
				t.Errorf("markdown starts %q", b[:min(len(b), 60)])
			}
		}},
		{"html by extension", nil, "s.html", func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
				t.Errorf("not HTML")
			}
		}},
		{"pdf in Japanese", []string{"--format", "pdf", "--lang", "ja"}, "s.pdf", func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("not a PDF")
			}
		}},
		{"json", []string{"--format", "json"}, "s.json", func(t *testing.T, b []byte) {
			var d report.Doc
			if err := json.Unmarshal(b, &d); err != nil || d.Figures.Services[0].Figures.UnusableSeconds != 3*86400 || d.Letter.Body == "" {
				t.Errorf("json: %v, %+v", err, d.Figures)
			}
		}},
		{"csv zip of every table", []string{"--format", "csv"}, "s.zip", func(t *testing.T, b []byte) {
			z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil || len(z.File) != len(report.Tables) {
				t.Errorf("zip: %v", err)
			}
		}},
		{"one csv table", []string{"--format", "csv", "--table", "charges"}, "charges.csv", func(t *testing.T, b []byte) {
			// A byte order mark and CRLF line ends, for Excel (docs/EXPORTS.md).
			if !strings.HasPrefix(string(b), "\uFEFFdate,plan,amount,currency,pays_until\r\n2026-10-01,Plus,20.00,USD,2026-11-01\r\n") {
				t.Errorf("charges.csv:\n%s", b)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.file)
			args := append([]string{"export", "--db", db, "--service", "parley ai", "--from", "2026-10-01", "--to", "2026-10-31", "-o", out}, tc.args...)
			if code, stdout, stderr := run(t, args...); code != 0 || !strings.Contains(stdout, out) {
				t.Fatalf("exit %d: %s %s", code, stdout, stderr)
			}
			fi, err := os.Stat(out)
			must(t, err)
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s has mode %v, want 0600", out, fi.Mode().Perm())
			}
			data, err := os.ReadFile(out)
			must(t, err)
			tc.check(t, data)
		})
	}
}

func TestExportRefusesToOverwrite(t *testing.T) {
	db := exportJournal(t)
	out := filepath.Join(t.TempDir(), "summary.md")
	must(t, os.WriteFile(out, []byte("my notes\n"), 0o644))
	code, _, stderr := run(t, "export", "--db", db, "--service", "Parley AI", "--format", "md", "-o", out)
	if code == 0 || !strings.Contains(stderr, "already exists") {
		t.Errorf("export over a file: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "my notes\n" {
		t.Errorf("the existing file changed: %q", b)
	}
	if code, _, stderr := run(t, "export", "--db", db, "--service", "Parley AI", "--format", "md", "-o", out, "--force"); code != 0 {
		t.Fatalf("--force: exit %d, %s", code, stderr)
	}
	fi, err := os.Stat(out)
	must(t, err)
	if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), "# Summary") || fi.Mode().Perm() != 0o600 {
		t.Errorf("--force wrote %v %q", fi.Mode().Perm(), b[:min(len(b), 20)])
	}
}

func TestExportMistakes(t *testing.T) {
	db := exportJournal(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no output file", []string{"--db", db, "--service", "Parley AI", "--format", "md"}, 2, "-o FILE"},
		{"no service", []string{"--db", db, "--format", "md", "-o", filepath.Join(dir, "a.md")}, 2, "--service NAME"},
		{"unknown format", []string{"--db", db, "--service", "Parley AI", "--format", "docx", "-o", filepath.Join(dir, "a.docx")}, 2, "--format"},
		{"no format, no extension", []string{"--db", db, "--service", "Parley AI", "-o", filepath.Join(dir, "summary")}, 2, "which format"},
		{"table without csv", []string{"--db", db, "--service", "Parley AI", "--format", "md", "--table", "charges", "-o", filepath.Join(dir, "b.md")}, 2, "--table"},
		{"unknown table", []string{"--db", db, "--service", "Parley AI", "--format", "csv", "--table", "secrets", "-o", filepath.Join(dir, "c.csv")}, 2, "--table"},
		{"bad language", []string{"--db", db, "--service", "Parley AI", "--lang", "fr", "-o", filepath.Join(dir, "d.md")}, 2, "--lang"},
		{"bad date", []string{"--db", db, "--service", "Parley AI", "--from", "last week", "-o", filepath.Join(dir, "e.md")}, 2, "--from"},
		{"unknown service", []string{"--db", db, "--service", "Nope", "-o", filepath.Join(dir, "f.md")}, 1, "known: Parley AI"},
		{"missing journal", []string{"--db", missing, "--service", "Parley AI", "-o", filepath.Join(dir, "g.md")}, 1, "does not exist"},
	}
	for _, tc := range tests {
		code, _, stderr := run(t, append([]string{"export"}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%s: exit %d, %q; want exit %d mentioning %q", tc.name, code, stderr, tc.code, tc.stderr)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("export created a journal at %s", missing)
	}
	entries, err := os.ReadDir(dir)
	must(t, err)
	if len(entries) != 0 {
		t.Errorf("failed exports left files: %v", entries)
	}
}

func TestExportCalendar(t *testing.T) {
	db := exportJournal(t)
	out := filepath.Join(t.TempDir(), "renewals.ics")
	code, stdout, stderr := run(t, "export", "--db", db, "-o", out)
	if code != 0 || !strings.Contains(stdout, "renewals calendar") {
		t.Fatalf("export ics: exit %d, %q %q", code, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	must(t, err)
	text := string(b)
	if !strings.HasPrefix(text, "BEGIN:VCALENDAR\r\n") || !strings.Contains(text, "Parley AI") || !strings.Contains(text, "BEGIN:VALARM") {
		t.Errorf("calendar:\n%s", text)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("calendar mode %v", fi.Mode().Perm())
	}
}
