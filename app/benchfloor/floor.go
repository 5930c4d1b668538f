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
	return SQLiteShellCost(b, path, query).Wall
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

// Cost is a floor in wall time and in CPU time (user + system). On a busy
// machine the wall time of both sides swings with the other processes;
// the CPU time is the work itself.
type Cost struct {
	Wall, CPU time.Duration
}

// SQLiteShellCost is SQLiteShell measuring CPU time too.
func SQLiteShellCost(b *testing.B, path, query string) Cost {
	b.Helper()
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("sqlite3 shell not installed (apt-get install sqlite3): no floor to compare with")
	}
	const runs = 5
	var c Cost
	for i := 0; i < runs; i++ {
		cmd := exec.Command(bin, "-readonly", path, query)
		cmd.Stdout, cmd.Stderr = nil, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("sqlite3 %q: %v", query, err)
		}
		c.Wall += time.Since(start)
		c.CPU += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	return Cost{Wall: c.Wall / runs, CPU: c.CPU / runs}
}

// ProcessCPU is the CPU time this process has used so far, every thread
// counted (the garbage collector's work is part of the cost).
func ProcessCPU(b *testing.B) time.Duration {
	b.Helper()
	cpu, err := processCPU()
	if err != nil {
		b.Fatal(err)
	}
	return cpu
}

// ReportCost adds the ratios of the benchmark's wall time per operation
// (x-name) and CPU time per operation (cpu-x-name, cpu spent over the
// b.N operations) to the floor's.
func ReportCost(b *testing.B, floor Cost, cpu time.Duration, name string) {
	b.Helper()
	if b.N == 0 || floor.Wall <= 0 || floor.CPU <= 0 {
		return
	}
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(floor.Wall), "x-"+name)
	b.ReportMetric(float64(cpu/time.Duration(b.N))/float64(floor.CPU), "cpu-x-"+name)
	b.ReportMetric(float64(floor.Wall.Microseconds())/1000, "floor-ms")
	b.ReportMetric(float64(floor.CPU.Microseconds())/1000, "floor-cpu-ms")
}
