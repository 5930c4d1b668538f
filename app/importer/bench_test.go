package importer_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/storage"
)

// csvRows is a subscriptions CSV of n rows: each row its own service when
// services is 0, otherwise spread over that many services.
func csvRows(n, services int) []byte {
	var b strings.Builder
	b.WriteString("Service,Plan,Price,Currency,Billing,Start Date,End Date,Payment method\n")
	for i := range n {
		svc := i
		if services > 0 {
			svc = i % services
		}
		start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%3650)
		fmt.Fprintf(&b, "Service %d,Plan %d,%d.99,USD,monthly,%s,,Visa ending 4242\n", svc, i, 1+i%50, start.Format("2006-01-02"))
	}
	return []byte(b.String())
}

// BenchmarkCSVImport parses and applies a CSV into a new journal: the time
// per row must not grow with the number of rows (docs/BENCHMARKS.md).
func BenchmarkCSVImport(b *testing.B) {
	for _, shape := range []struct {
		name     string
		services int
	}{{"services=rows", 0}, {"services=1", 1}} {
		for _, n := range []int{1_000, 10_000, 100_000} {
			data := csvRows(n, shape.services)
			b.Run(fmt.Sprintf("%s/rows=%d", shape.name, n), func(b *testing.B) {
				for i := range b.N {
					b.StopTimer()
					db, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("j%d.db", i)),
						storage.Options{Now: func() time.Time { return pinned }})
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					plan, err := importer.ParseCSV("bench.csv", data, nil)
					if err != nil {
						b.Fatal(err)
					}
					res, err := plan.Apply(context.Background(), db)
					if err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					if res.Created != n {
						b.Fatalf("created %d, want %d", res.Created, n)
					}
					db.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/row")
			})
		}
	}
}

// TestCSVImportIsLinear imports n and 8n rows: the time per row must not grow
// with the rows (it did: 8,000 rows of one service took 234 s, reading every
// subscription of the service again for each row). A quadratic import takes
// about 8 times as long per row; a linear one about the same, so 3 leaves
// room for a busy machine. Each size is timed twice and the faster run
// counts, so a pause of the machine does not fail the test. Under the race
// detector (make test) only the one-service shape runs, once per size: the
// other would take over a minute there.
func TestCSVImportIsLinear(t *testing.T) {
	runs := 2
	if raceDetector {
		runs = 1
	}
	for _, shape := range []struct {
		name     string
		services int
	}{{"each row its own service", 0}, {"one service", 1}} {
		t.Run(shape.name, func(t *testing.T) {
			if raceDetector && shape.services == 0 {
				t.Skip("too slow under the race detector: run go test without -race")
			}
			perRow := func(n int) time.Duration {
				best := time.Duration(0)
				for range runs {
					db := mustOpen(t)
					data := csvRows(n, shape.services)
					start := time.Now()
					plan, err := importer.ParseCSV("big.csv", data, nil)
					must(t, err)
					res, err := plan.Apply(context.Background(), db)
					must(t, err)
					if res.Created != n {
						t.Fatalf("created %d, want %d", res.Created, n)
					}
					if d := time.Since(start) / time.Duration(n); best == 0 || d < best {
						best = d
					}
				}
				return best
			}
			small, large := perRow(1000), perRow(8000)
			t.Logf("%s per row with 1,000 rows, %s with 8,000", small, large)
			if large > 3*small {
				t.Errorf("%s per row with 8,000 rows, %s with 1,000: the import grows faster than the rows", large, small)
			}
		})
	}
}
