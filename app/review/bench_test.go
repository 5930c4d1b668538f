package review_test

import (
	"context"
	"os"
	"testing"
	"time"

	"lapse/app/benchfloor"
	"lapse/app/demo"
	"lapse/app/review"
	"lapse/storage"
)

// openLarge opens the cached large sample journal (written on first use).
func openLarge(b *testing.B) (*storage.DB, string) {
	b.Helper()
	path, err := demo.EnsureLarge(os.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	db, err := storage.Open(context.Background(), path, storage.Options{Now: func() time.Time { return demo.LargeEpoch }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, path
}

// BenchmarkOpen opens the large journal (header checks, quick_check) against
// the sqlite3 shell running quick_check on the same file.
func BenchmarkOpen(b *testing.B) {
	_, path := openLarge(b)
	floor := benchfloor.SQLiteShell(b, path, "PRAGMA quick_check;")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := storage.Open(context.Background(), path, storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	b.StopTimer()
	benchfloor.Report(b, floor, "sqlite3")
}

// BenchmarkOverview computes the Overview's figures for every service over
// the last 12 months against the shell reading every outage and message row.
func BenchmarkOverview(b *testing.B) {
	db, path := openLarge(b)
	floor := benchfloor.SQLiteShell(b, path, "SELECT * FROM outages; SELECT * FROM messages;")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := review.Build(context.Background(), db, review.Options{AsOf: demo.LargeEpoch, Location: time.UTC}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	benchfloor.Report(b, floor, "sqlite3")
}

// BenchmarkSearch searches the whole journal for a word in message bodies
// against the shell running a LIKE over the same columns.
func BenchmarkSearch(b *testing.B) {
	db, path := openLarge(b)
	floor := benchfloor.SQLiteShell(b, path, "SELECT id FROM messages WHERE summary LIKE '%steps%' OR body LIKE '%steps%' LIMIT 501;")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := db.Search(context.Background(), "steps", 501); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	benchfloor.Report(b, floor, "sqlite3")
}
