// Package benchfloor measures the floors Lapse's benchmarks are reported
// against: the sqlite3 shell on the same file, run in the same process's
// benchmark so both numbers come from the same machine state.
package benchfloor

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// SQLiteShell times the sqlite3 shell running query read-only on path,
// averaged over a few runs. It skips the benchmark when sqlite3 is missing.
func SQLiteShell(b *testing.B, path, query string) time.Duration {
	b.Helper()
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("sqlite3 shell not installed (apt-get install sqlite3): no floor to compare with")
	}
	const runs = 5
	var total time.Duration
	for i := 0; i < runs; i++ {
		cmd := exec.Command(bin, "-readonly", path, query)
		cmd.Stdout, cmd.Stderr = nil, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("sqlite3 %q: %v", query, err)
		}
		total += time.Since(start)
	}
	return total / runs
}

// Report adds the ratio of the benchmark's time per operation to the floor.
func Report(b *testing.B, floor time.Duration, name string) {
	b.Helper()
	if b.N == 0 || floor <= 0 {
		return
	}
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(floor), "x-"+name)
	b.ReportMetric(float64(floor.Microseconds())/1000, "floor-ms")
}
