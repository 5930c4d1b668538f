package review_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"lapse/app/benchfloor"
	"lapse/app/demo"
	"lapse/app/review"
	"lapse/app/verdict"
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

// benchJournal is a journal the figure benchmarks run on.
type benchJournal struct {
	name   string
	ensure func(dir string) (string, error)
}

// benchJournals are the large sample and, when LAPSE_BENCH_10X is set
// (`make bench-10x`), the one ten times larger, measured in the same run so
// the growth from one to the other is reported too.
func benchJournals() []benchJournal {
	list := []benchJournal{{"large", demo.EnsureLarge}}
	if os.Getenv("LAPSE_BENCH_10X") != "" {
		list = append(list, benchJournal{"10x", demo.EnsureHuge})
	}
	return list
}

// onLarge keeps the wall and CPU time per operation of each benchmark on
// the large journal, for the 10x run's growth.
var onLarge = map[string]benchfloor.Cost{}

// eachJournal runs op as a sub-benchmark on each journal against the shell
// running floorSQL on the same file, and reports the 10x journal's wall and
// CPU times as multiples of the large one's (x-large, cpu-x-large).
func eachJournal(b *testing.B, floorSQL func(*storage.DB) string, op func(*storage.DB) error) {
	for _, j := range benchJournals() {
		b.Run(j.name, func(b *testing.B) {
			path, err := j.ensure(os.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			db, err := storage.Open(context.Background(), path, storage.Options{Now: func() time.Time { return demo.LargeEpoch }})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			floor := benchfloor.SQLiteShellCost(b, path, floorSQL(db))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := benchfloor.ProcessCPU(b)
			for i := 0; i < b.N; i++ {
				if err := op(db); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			cpu = benchfloor.ProcessCPU(b) - cpu
			benchfloor.ReportCost(b, floor, cpu, "sqlite3")
			per := benchfloor.Cost{Wall: b.Elapsed() / time.Duration(b.N), CPU: cpu / time.Duration(b.N)}
			base := strings.TrimSuffix(b.Name(), "/"+j.name)
			if j.name == "large" {
				onLarge[base] = per
			} else if large, ok := onLarge[base]; ok {
				b.ReportMetric(float64(per.Wall)/float64(large.Wall), "x-large")
				b.ReportMetric(float64(per.CPU)/float64(large.CPU), "cpu-x-large")
			}
		})
	}
}

// figureRowsSQL is what storage.FigureRows asks SQLite for the given
// services from since on (math.MinInt64: all), row for row and column for
// column: the floor the figures are measured against.
func figureRowsSQL(ids []int64, since int64) string {
	var q strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&q, `SELECT id, name, category, website, status_page, notes, archived, created_at, updated_at
			FROM services WHERE trash_id IS NULL AND id = %[1]d;
		SELECT id, service_id, plan, amount, currency, period_n, period_unit, start_date, end_date, trial_end,
			payment_note, reminder_days, created_at, updated_at
			FROM subscriptions WHERE trash_id IS NULL AND service_id = %[1]d ORDER BY start_date, id;
		SELECT id, start_at, end_at, impact, source, CASE WHEN end_at IS NULL THEN title ELSE '' END
			FROM outages WHERE service_id = %[1]d AND trash_id IS NULL AND (end_at IS NULL OR end_at >= %[2]d)
			ORDER BY start_at DESC, id DESC;
		SELECT id, subject, reference, opened_at, resolved_at
			FROM tickets WHERE service_id = %[1]d AND trash_id IS NULL AND (resolved_at IS NULL OR resolved_at >= %[2]d)
			ORDER BY opened_at DESC, id DESC;
		SELECT m.ticket_id, m.id, m.at, m.direction, m.author
			FROM tickets t JOIN messages m ON m.ticket_id = t.id
			WHERE t.service_id = %[1]d AND t.trash_id IS NULL AND (t.resolved_at IS NULL OR t.resolved_at >= %[2]d)
				AND m.trash_id IS NULL
			ORDER BY t.opened_at DESC, t.id DESC, m.at, m.id;
`, id, since)
	}
	return q.String()
}

// serviceIDs lists the journal's live services.
func serviceIDs(b *testing.B, db *storage.DB) []int64 {
	svcs, err := db.Services(context.Background(), storage.ServiceFilter{})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, len(svcs))
	for i, s := range svcs {
		ids[i] = s.ID
	}
	return ids
}

// overviewSince is the earliest instant the Overview reads: its 12 months
// (which hold as-of's month) or the verdicts' window, whichever begins first.
func overviewSince(b *testing.B, db *storage.DB) int64 {
	settings, err := db.Settings(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	since := review.DefaultWindow(demo.LargeEpoch, time.UTC).Start
	if v := verdict.Since(settings.Thresholds, demo.LargeEpoch, time.UTC); v.Before(since) {
		since = v
	}
	return since.Unix()
}

// BenchmarkOverview computes the Overview's figures — every service over
// the last 12 months — against the shell reading the same columns of the
// same rows.
func BenchmarkOverview(b *testing.B) {
	eachJournal(b, func(db *storage.DB) string { return figureRowsSQL(serviceIDs(b, db), overviewSince(b, db)) }, func(db *storage.DB) error {
		_, err := review.Build(context.Background(), db, review.Options{AsOf: demo.LargeEpoch, Location: time.UTC})
		return err
	})
}

// BenchmarkServiceFigures computes one service's figures over the last 12
// months (its Summary) against the shell reading that service's rows.
func BenchmarkServiceFigures(b *testing.B) {
	var one []int64 // set with the floor, before the operations run on that journal
	eachJournal(b, func(db *storage.DB) string {
		one = serviceIDs(b, db)[:1]
		return figureRowsSQL(one, math.MinInt64)
	}, func(db *storage.DB) error {
		_, err := review.Build(context.Background(), db, review.Options{ServiceIDs: one, AsOf: demo.LargeEpoch, Location: time.UTC})
		return err
	})
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
