package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/storage"
)

var pinned = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// run runs a command with a pinned clock and returns its exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("LAPSE_DB", "")
	var out, errOut bytes.Buffer
	code := Run(context.Background(), Env{Stdout: &out, Stderr: &errOut, Now: func() time.Time { return pinned }}, args)
	return code, out.String(), errOut.String()
}

func TestDemoWritesNewFileOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "demo.db")
	if code, _, stderr := run(t, "demo", "--db", path, "--size", "small"); code != 0 {
		t.Fatalf("demo exit %d: %s", code, stderr)
	}
	code, out, _ := run(t, "check", "--db", path)
	if code != 0 || !strings.Contains(out, "Services:        4") || !strings.Contains(out, "Quick check:     ok") {
		t.Fatalf("check after demo: exit %d\n%s", code, out)
	}
	before := fileHash(t, path)
	if code, _, stderr := run(t, "demo", "--db", path); code == 0 || !strings.Contains(stderr, "already exists") {
		t.Errorf("demo over an existing file: exit %d, %q", code, stderr)
	}
	if fileHash(t, path) != before {
		t.Errorf("demo changed an existing file")
	}
	if code, _, _ := run(t, "demo", "--db", filepath.Join(t.TempDir(), "x.db"), "--size", "huge"); code != 2 {
		t.Errorf("bad --size: exit %d, want 2", code)
	}
}

func TestCheckRefusesAndNeverCreates(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if code, _, _ := run(t, "check", "--db", missing); code == 0 {
		t.Errorf("check of a missing file succeeded")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("check created %s", missing)
	}
	notSQLite := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notSQLite, []byte("my shopping list\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, notSQLite)
	code, _, stderr := run(t, "check", "--db", notSQLite)
	if code == 0 || stderr == "" {
		t.Errorf("check of a text file: exit %d, stderr %q", code, stderr)
	}
	if fileHash(t, notSQLite) != before {
		t.Errorf("check changed a file it refused")
	}
}

func TestDownAndBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, path)
	mustService(t, db, "Parley AI")
	db.Close()
	if code, out, stderr := run(t, "down", "--db", path, "parley ai", "cannot", "log", "in"); code != 0 || !strings.Contains(out, "Parley AI is down") {
		t.Fatalf("down: exit %d, %q %q", code, out, stderr)
	}
	if code, _, stderr := run(t, "down", "--db", path, "Parley AI"); code == 0 || !strings.Contains(stderr, "already down since") {
		t.Errorf("second down: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "back", "--db", path, "Parley AI"); code != 0 {
		t.Fatalf("back: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "back", "--db", path, "Parley AI"); code == 0 || !strings.Contains(stderr, "no ongoing outage") {
		t.Errorf("second back: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "down", "--db", path, "Nope"); code == 0 || !strings.Contains(stderr, "known: Parley AI") {
		t.Errorf("unknown service: exit %d, %q", code, stderr)
	}
	db = mustOpen(t, path)
	defer db.Close()
	outs, err := db.Outages(context.Background(), storage.OutageFilter{})
	if err != nil || len(outs) != 1 {
		t.Fatalf("outages = %v, %v; want one", outs, err)
	}
	o := outs[0]
	if o.Title != "cannot log in" || o.End == nil || !o.Start.Equal(pinned) || !o.End.Equal(pinned) || o.Impact != journal.ImpactDown {
		t.Errorf("outage = %+v", o)
	}
}

func TestReportJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, path)
	ctx := context.Background()
	svc := mustService(t, db, "Parley AI")
	s, _ := db.Settings(ctx)
	s.HomeCurrency, s.TimeZone = "USD", "UTC"
	must(t, db.SaveSettings(ctx, s))
	start, _ := journal.ParseDate("2026-09-01")
	must(t, db.CreateSubscription(ctx, &journal.Subscription{ServiceID: svc.ID, Amount: 2000, Currency: "USD", Period: journal.Period{N: 1, Unit: journal.Months}, Start: start}))
	utc := func(s string) *time.Time { v, _ := time.Parse("2006-01-02 15:04", s); return &v }
	must(t, db.CreateOutage(ctx, &journal.Outage{ServiceID: svc.ID, Start: *utc("2026-10-10 00:00"), End: utc("2026-10-13 00:00"), Impact: journal.ImpactDown, Source: journal.SourceMe}))
	must(t, db.CreateOutage(ctx, &journal.Outage{ServiceID: svc.ID, Start: *utc("2026-10-20 10:00"), End: utc("2026-10-20 12:00"), Impact: journal.ImpactDegraded, Source: journal.SourceMe}))
	tk := &journal.Ticket{ServiceID: svc.ID, Channel: journal.ChannelEmail, OpenedAt: *utc("2026-10-10 09:00"), ResolvedAt: utc("2026-10-19 09:00"), Outcome: journal.OutcomeResolved}
	must(t, db.CreateTicket(ctx, tk))
	for _, m := range []journal.Message{
		{At: *utc("2026-10-10 09:00"), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "cannot log in"},
		{At: *utc("2026-10-10 09:02"), Direction: journal.Received, Author: journal.AuthorBot, Summary: "Rate your conversation"},
		{At: *utc("2026-10-18 09:00"), Direction: journal.Received, Author: journal.AuthorHuman, Summary: "fixed"},
	} {
		m.TicketID = tk.ID
		must(t, db.AddMessage(ctx, &m))
	}
	db.Close()

	doc := reportJSON(t, "--db", path, "--from", "2026-10-01", "--to", "2026-10-31", "--as-of", "2026-11-25T10:00:00Z")
	if len(doc.Services) != 1 {
		t.Fatalf("%d services", len(doc.Services))
	}
	f := doc.Services[0].Figures
	checks := []struct {
		name      string
		got, want any
	}{
		{"unusable = 3 days", f.UnusableSeconds, int64(3 * 86400)},
		{"impaired = 3 days + 2 hours", f.ImpairedSeconds, int64(3*86400 + 7200)},
		{"availability unusable", f.Availability.UnusableSeconds, int64(3 * 86400)},
		{"availability length = October", f.Availability.LengthSeconds, int64(31 * 86400)},
		{"cash = the Oct 1 charge", f.Cash.Minor, int64(2000)},
		{"accrued = Oct 1 charge's whole period", f.Accrued.Minor, int64(2000)},
		{"paid while unusable = 2000 × 3/31 = 193.5 → 194", f.PaidWhileUnusable.Minor, int64(194)},
		{"paid while unusable text", f.PaidWhileUnusable.Text, "1.94"},
		{"outages", doc.Services[0].Outages, 2},
		{"tickets", doc.Services[0].Tickets, 1},
		{"worst first response = the bot after 2 minutes", *doc.Services[0].WorstFirstResponseSeconds, int64(120)},
		{"longest silence = 8 days until the human", *doc.Services[0].LongestSilenceSeconds, int64(8 * 86400)},
		{"one month", len(doc.Services[0].Months), 1},
		{"home currency", doc.Currency, "USD"},
		{"zone", doc.TimeZone, "UTC"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	code, text, _ := run(t, "report", "--db", path, "--service", "parley ai", "--from", "2026-10-01", "--to", "2026-10-31", "--as-of", "2026-11-25 10:00")
	if code != 0 || !strings.Contains(text, "90.32%") || !strings.Contains(text, "3 days") || !strings.Contains(text, "2026-10") {
		t.Errorf("text report:\n%s", text)
	}
}

func TestUnknownCommandAndBadFlags(t *testing.T) {
	if code, _, _ := run(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command exit %d", code)
	}
	if code, _, _ := run(t, "report", "--from", "yesterday", "--db", filepath.Join(t.TempDir(), "j.db")); code != 2 {
		t.Errorf("bad --from exit %d", code)
	}
}

// reportJSON runs `lapse report --json` with args and reads what it printed.
func reportJSON(t *testing.T, args ...string) review.Doc {
	t.Helper()
	code, out, stderr := run(t, append([]string{"report", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var doc review.Doc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("report JSON: %v\n%s", err, out)
	}
	return doc
}

func mustOpen(t *testing.T, path string) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{Now: func() time.Time { return pinned }})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func mustService(t *testing.T, db *storage.DB, name string) *journal.Service {
	t.Helper()
	s := &journal.Service{Name: name}
	must(t, db.CreateService(context.Background(), s))
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
