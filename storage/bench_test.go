package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"lapse/storage"
)

// makeBigJournal writes a decade of heavy use: 50,000 outages with platforms
// and steps, 5,000 tickets and 50,000 messages. Rows go in through SQL in one
// transaction, as going through the API would take minutes of fsyncs.
func makeBigJournal(b *testing.B, path string) {
	b.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{Now: (&clock{t: testNow}).Now})
	if err != nil {
		b.Fatal(err)
	}
	s := MustCreateService(b, db, "Claude")
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	now := testNow.Unix()
	symptoms := strings.Repeat("Login stops at redirecting; ログインできません。", 6)
	body := strings.Repeat("Thank you for contacting support. We are looking into it. ", 8)
	for i := range 50_000 {
		start := now - int64(i)*3600*2
		res, err := tx.Exec(`INSERT INTO outages (service_id, title, start_at, end_at, impact, symptoms, source, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'down', ?, 'me', ?, ?)`, s.ID, fmt.Sprintf("Outage %d", i), start, start+1800, symptoms, now, now)
		if err != nil {
			b.Fatal(err)
		}
		id, _ := res.LastInsertId()
		for j, p := range []string{"Chrome desktop", "Android app"} {
			if _, err := tx.Exec(`INSERT INTO outage_platforms (outage_id, position, platform) VALUES (?, ?, ?)`, id, j, p); err != nil {
				b.Fatal(err)
			}
			if _, err := tx.Exec(`INSERT INTO outage_steps (outage_id, position, action, result) VALUES (?, ?, ?, 'no change')`, id, j, "Cleared cookies"); err != nil {
				b.Fatal(err)
			}
		}
	}
	for i := range 5_000 {
		opened := now - int64(i)*86400
		res, err := tx.Exec(`INSERT INTO tickets (service_id, subject, channel, opened_at, created_at, updated_at)
			VALUES (?, ?, 'email', ?, ?, ?)`, s.ID, fmt.Sprintf("Ticket %d", i), opened, now, now)
		if err != nil {
			b.Fatal(err)
		}
		id, _ := res.LastInsertId()
		for j := range 10 {
			if _, err := tx.Exec(`INSERT INTO messages (ticket_id, at, direction, author, summary, body, created_at, updated_at)
				VALUES (?, ?, 'received', 'human', ?, ?, ?, ?)`, id, opened+int64(j)*3600, fmt.Sprintf("Reply %d", j), body, now, now); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// bigJournal is built once per benchmark run.
func bigJournal(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "journal.db")
	makeBigJournal(b, path)
	return path
}

// BenchmarkOpenBigJournal measures Open (with its read-only quick_check) and
// Close on a journal of 50,000 outages and 50,000 messages.
func BenchmarkOpenBigJournal(b *testing.B) {
	path := bigJournal(b)
	ctx := context.Background()
	for b.Loop() {
		db, err := storage.Open(ctx, path, storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInspectBigJournal measures `lapse check` on the same journal.
func BenchmarkInspectBigJournal(b *testing.B) {
	path := bigJournal(b)
	for b.Loop() {
		if _, err := storage.Inspect(context.Background(), path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOutagesBigJournal measures listing one month of outages.
func BenchmarkOutagesBigJournal(b *testing.B) {
	path := bigJournal(b)
	db := MustOpenPath(b, path, &clock{t: testNow})
	from, to := testNow.AddDate(0, -1, 0), testNow
	for b.Loop() {
		list, err := db.Outages(context.Background(), storage.OutageFilter{From: &from, To: &to})
		if err != nil {
			b.Fatal(err)
		}
		if len(list) == 0 {
			b.Fatal("no outages in the last month")
		}
	}
}

// BenchmarkSearchBigJournal measures a search that scans every text column.
func BenchmarkSearchBigJournal(b *testing.B) {
	path := bigJournal(b)
	db := MustOpenPath(b, path, &clock{t: testNow})
	for b.Loop() {
		if _, err := db.Search(context.Background(), "ログイン", 50); err != nil {
			b.Fatal(err)
		}
	}
}
