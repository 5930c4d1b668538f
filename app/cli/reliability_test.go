package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"lapse/app/demo"
	"lapse/storage"
)

// runsFromEnv reads a run count `make crash` raises; `make test` uses def.
func runsFromEnv(t *testing.T, name string, def int) int {
	t.Helper()
	if v := os.Getenv(name); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive number", name, v)
		}
		return n
	}
	return def
}

// child is this test binary re-executed as another process (see TestMain).
func child(mode string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), append([]string{childEnv + "=" + mode, "LAPSE_DB="}, env...)...)
	return cmd
}

// acks collects the "outage ID" / "ticket ID" lines a writer prints.
type acks struct {
	mu      sync.Mutex
	outages []int64
	tickets []int64
	notify  chan struct{}
}

func (a *acks) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		kind, id, ok := strings.Cut(sc.Text(), " ")
		n, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil {
			continue
		}
		a.mu.Lock()
		if kind == "outage" {
			a.outages = append(a.outages, n)
		} else {
			a.tickets = append(a.tickets, n)
		}
		a.mu.Unlock()
		if a.notify != nil {
			select {
			case a.notify <- struct{}{}:
			default:
			}
		}
	}
}

func (a *acks) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.outages) + len(a.tickets)
}

// verifyWrites checks what every process promised: the journal passes
// `lapse check`, and each acknowledged outage and ticket is there, the
// ticket with its three messages. It returns the writes checked.
func verifyWrites(t *testing.T, path string, a *acks) int {
	t.Helper()
	if code, out, stderr := run(t, "check", "--db", path); code != 0 || !strings.Contains(out, "Quick check:     ok") {
		t.Fatalf("check: exit %d\n%s%s", code, out, stderr)
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open after the writers: %v", err)
	}
	defer db.Close()
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, id := range a.outages {
		if _, err := db.Outage(ctx, id); err != nil {
			t.Errorf("acknowledged outage %d: %v", id, err)
		}
	}
	for _, id := range a.tickets {
		tk, err := db.Ticket(ctx, id)
		if err != nil {
			t.Errorf("acknowledged ticket %d: %v", id, err)
			continue
		}
		if len(tk.Messages) != 3 {
			t.Errorf("acknowledged ticket %d has %d messages, want 3", id, len(tk.Messages))
		}
	}
	return len(a.outages) + len(a.tickets)
}

// verify is verifyWrites on a journal only writeLoop wrote tickets to, where
// every ticket, acknowledged or not (killed after its commit), has three
// messages.
func verify(t *testing.T, path string, a *acks) int {
	t.Helper()
	n := verifyWrites(t, path, a)
	db, err := storage.Open(context.Background(), path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	counts, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if counts.Messages != 3*counts.Tickets {
		t.Errorf("%d tickets with %d messages: a ticket lacks its messages", counts.Tickets, counts.Messages)
	}
	return n
}

// writersJournal is a journal with the one service writeLoop writes to.
func writersJournal(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, path)
	mustService(t, db, "Parley AI")
	must(t, db.Close())
	return path
}

// A writer killed at random moments never damages the journal nor loses a
// write it acknowledged, and never leaves a ticket without its messages.
func TestCrash(t *testing.T) {
	runs := runsFromEnv(t, "LAPSE_CRASH_RUNS", 5)
	path := writersJournal(t)
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	all := &acks{}
	killed := 0
	for i := range runs {
		cmd := child("writer", []string{"LAPSE_DB=" + path})
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		run := &acks{notify: make(chan struct{}, 1)}
		done := make(chan struct{})
		go func() { run.read(stdout); close(done) }()
		// Kill after a random number of acknowledged writes, at a random
		// instant within the next one.
		target := rnd.IntN(30)
		deadline := time.After(30 * time.Second)
	wait:
		for run.count() < target {
			select {
			case <-run.notify:
			case <-done:
				break wait
			case <-deadline:
				break wait
			}
		}
		time.Sleep(time.Duration(rnd.IntN(3000)) * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err == nil {
			killed++
		}
		<-done
		cmd.Wait()
		if run.count() < target {
			t.Fatalf("run %d: the writer stopped after %d writes: %s", i, run.count(), stderr.String())
		}
		verify(t, path, run)
		all.outages = append(all.outages, run.outages...)
		all.tickets = append(all.tickets, run.tickets...)
	}
	checked := verify(t, path, all)
	t.Logf("crash: %d runs, %d kills, %d acknowledged writes checked, 0 lost", runs, killed, checked)
}

// concurrencyJournal is the large sample journal (cached, copied) when
// LAPSE_CONCURRENCY_JOURNAL=large, as `make crash` sets; otherwise the small
// one, so `make test` under -race stays within minutes.
func concurrencyJournal(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sample.db")
	if os.Getenv("LAPSE_CONCURRENCY_JOURNAL") != "large" {
		must(t, demo.WriteFile(context.Background(), path, demo.Small, "en", pinned))
		return path
	}
	src, err := demo.EnsureLarge(os.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(path, data, 0o600))
	return path
}

// Writers and readers at once on a sample journal, each write opening the
// journal as a separate `lapse` command does: no failure, no loss, and no
// healthy journal called damaged.
func TestConcurrentWritersAndReaders(t *testing.T) {
	writes := runsFromEnv(t, "LAPSE_CONCURRENCY_WRITES", 10)
	const writers, readers = 4, 2
	path := concurrencyJournal(t)

	all := &acks{}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	fail := func(s string) {
		mu.Lock()
		failures = append(failures, s)
		mu.Unlock()
	}
	for w := range writers {
		wg.Go(func() {
			cmd := child("writer", []string{"LAPSE_DB=" + path, "LAPSE_WRITES=" + strconv.Itoa(writes), "LAPSE_REOPEN=1"})
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				fail(fmt.Sprintf("writer %d: %v: %s", w, err, stderr.String()))
			}
			all.read(&stdout)
		})
	}
	var readersDone sync.WaitGroup
	reads := 0
	stops := make([]io.Closer, readers)
	for r := range readers {
		cmd := child("reader", nil, "--db", path)
		stdin, err := cmd.StdinPipe()
		must(t, err)
		stdout, err := cmd.StdoutPipe()
		must(t, err)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		must(t, cmd.Start())
		stops[r] = stdin
		readersDone.Go(func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				mu.Lock()
				reads++
				mu.Unlock()
			}
			if err := cmd.Wait(); err != nil || stderr.Len() > 0 {
				fail(fmt.Sprintf("reader %d: %v: %s", r, err, stderr.String()))
			}
		})
	}
	wg.Wait()
	for _, s := range stops {
		s.Close()
	}
	readersDone.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	if got := all.count(); got != writers*writes {
		t.Errorf("%d writes acknowledged, want %d", got, writers*writes)
	}
	checked := verifyWrites(t, path, all)
	t.Logf("concurrency: %d writers × %d writes, %d reads (report, check): %d failures, %d acknowledged writes checked, 0 lost",
		writers, writes, reads, len(failures), checked)
}

// A `lapse demo` killed half-way leaves no journal at its path; its hidden
// leftovers go once old, and the next run writes the whole sample.
func TestDemoKilledLeavesNothingHalf(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	cmd := child("cli", nil, "demo", "--size", "large", "--db", path)
	must(t, cmd.Start())
	// Kill once the sample is being written.
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if m, _ := filepath.Glob(filepath.Join(dir, ".demo.db.*.tmp-wal")); len(m) > 0 {
			break
		}
	}
	time.Sleep(100 * time.Millisecond)
	must(t, cmd.Process.Signal(syscall.SIGKILL))
	cmd.Wait()
	if _, err := os.Lstat(path); !os.IsNotExist(err) {
		t.Fatalf("a killed demo left %s (%v)", path, err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".demo.db.*"))
	if len(left) == 0 {
		t.Fatal("setup: the demo was not killed while writing")
	}
	old := time.Now().Add(-time.Hour)
	for _, p := range left {
		must(t, os.Chtimes(p, old, old))
	}
	if code, _, stderr := run(t, "demo", "--db", path); code != 0 {
		t.Fatalf("demo after a killed one: exit %d: %s", code, stderr)
	}
	if code, out, _ := run(t, "check", "--db", path); code != 0 || !strings.Contains(out, "Services:        4") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files beside the sample: %v, want only demo.db", names)
	}
}

// A full disk, as a cap on the size of every file the command writes: each
// write fails with a clean message, nothing is lost or left behind, and the
// journal opens and passes check afterwards, and takes writes again.
func TestFullDisk(t *testing.T) {
	path := sampleJournal(t)
	if code, _, stderr := run(t, "import", "--db", path, "--csv", importerTestdata("subscriptions.csv"), "--yes"); code != 0 {
		t.Fatalf("setup import: %s", stderr)
	}
	// An ongoing outage for `back`.
	if code, _, stderr := run(t, "down", "--db", path, "Parley AI"); code != 0 {
		t.Fatalf("setup down: %s", stderr)
	}
	outDir := t.TempDir()
	csv := writeFile(t, "more.csv", "Service,Plan,Price,Currency,Billing,Start Date\nNewCo,Pro,9.00,USD,monthly,2026-01-05\n")
	var big strings.Builder
	big.WriteString("Service,Plan,Price,Currency,Billing,Start Date\n")
	for i := range 400 {
		fmt.Fprintf(&big, "Service number %d with a long name,Plan %d,9.00,USD,monthly,2026-01-05\n", i, i)
	}
	bigCSV := writeFile(t, "big.csv", big.String())
	before := exportOf(t, path)
	for _, tc := range []struct {
		limit int // bytes: 4 KB leaves no room for SQLite's -shm (32 KB); 36 KB fills up in the -wal
		args  []string
	}{
		{4096, []string{"down", "Backblaze"}},
		{4096, []string{"back", "Parley AI"}},
		{4096, []string{"import", "--csv", csv, "--yes"}},
		{4096, []string{"backup", "-o", filepath.Join(outDir, "backup.json")}},
		{36864, []string{"import", "--csv", bigCSV, "--yes"}},
	} {
		args := tc.args
		cmd := child("cli", []string{fileSizeEnv + "=" + strconv.Itoa(tc.limit)}, append(args, "--db", path)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		msg := stderr.String()
		t.Logf("lapse %s on a full disk: %v: %s", args[0], err, strings.TrimSpace(msg))
		if err == nil || !strings.HasPrefix(msg, "lapse "+args[0]+": ") || strings.Contains(msg, "goroutine") {
			t.Errorf("lapse %s on a full disk: %v, stderr %q; want a clean error", args[0], err, msg)
		}
		if code, out, stderr := run(t, "check", "--db", path); code != 0 {
			t.Fatalf("check after lapse %s on a full disk: exit %d\n%s%s", args[0], code, out, stderr)
		}
		if !bytes.Equal(exportOf(t, path), before) {
			t.Errorf("lapse %s on a full disk changed the journal", args[0])
		}
	}
	if left, _ := os.ReadDir(outDir); len(left) != 0 {
		t.Errorf("a backup on a full disk left %v", left)
	}
	if code, _, stderr := run(t, "back", "--db", path, "Parley AI"); code != 0 {
		t.Errorf("back once space is free: exit %d: %s", code, stderr)
	}
}
