//go:build windows

package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// These run on Windows, or under Wine: scripts/windows-check.sh.

// scratchDir stands in for t.TempDir, whose cleanup (os.RemoveAll) calls
// FileDispositionInformationEx, which Wine 8 does not have; os.Remove works.
func scratchDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "atomicfile")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			os.Remove(filepath.Join(dir, e.Name()))
		}
		if err := os.Remove(dir); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return dir
}

func writeOld(t *testing.T) (dir, path string) {
	t.Helper()
	dir = scratchDir(t)
	path = filepath.Join(dir, "summary.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

func assertContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Fatalf("%s holds %q (%v), want %q", path, got, err, want)
	}
}

func assertOnlyFile(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("folder holds %v (%v), want only the written file", entries, err)
	}
}

// os.Open shares read and write but not delete, like Excel keeping a CSV
// open: a plain rename over it fails at once; Write waits until it is closed.
func TestWindowsWriteWaitsForAReaderToClose(t *testing.T) {
	dir, path := writeOld(t)
	r, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	closed := make(chan struct{})
	go func() {
		time.Sleep(300 * time.Millisecond)
		r.Close()
		close(closed)
	}()
	if err := Write(path, []byte("new"), 0o600); err != nil {
		t.Fatalf("Write while a reader held the file for 300 ms: %v", err)
	}
	<-closed
	assertContent(t, path, "new")
	assertOnlyFile(t, dir)
}

// A file held open for good: Write gives up with an error naming the file,
// leaving the old content whole and no temporary file behind.
func TestWindowsWriteGivesUpOnAFileHeldOpen(t *testing.T) {
	dir, path := writeOld(t)
	r, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	start := time.Now()
	err = Write(path, []byte("new"), 0o600)
	if err == nil {
		t.Fatal("Write replaced a file another program held open without sharing delete")
	}
	if d := time.Since(start); d < replaceTimeout || d > replaceTimeout+2*time.Second {
		t.Errorf("Write gave up after %v, want about %v", d, replaceTimeout)
	}
	t.Logf("error: %v", err)
	r.Close()
	assertContent(t, path, "old")
	assertOnlyFile(t, dir)
}
