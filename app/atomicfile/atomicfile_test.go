package atomicfile

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.html")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("new content"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "new content" {
		t.Fatalf("content = %q, %v", got, err)
	}
	info, _ := os.Stat(path)
	want := os.FileMode(0o600)
	if runtime.GOOS == "windows" {
		// Windows keeps one read-only bit: 0600 is a writable file (0666 to
		// Go); who may read it comes from the folder's access list.
		want = 0o666
	}
	if info.Mode().Perm() != want {
		t.Errorf("mode = %v, want %v", info.Mode().Perm(), want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteIntoMissingFolderFailsCleanly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "x.csv")
	if err := Write(path, []byte("x"), 0o600); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}

// A write killed before its rename leaves a hidden .tmp; the next write to
// the same file removes it once it is old, and leaves a fresh one (a write
// in progress) alone.
func TestWriteRemovesStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.json")
	stale := filepath.Join(dir, ".backup.json.123456.tmp")
	fresh := filepath.Join(dir, ".backup.json.654321.tmp")
	other := filepath.Join(dir, ".other.json.111.tmp")
	for _, p := range []string{stale, stale + "-wal", fresh, other} {
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{stale, other} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(path, []byte("whole"), 0o600); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{".backup.json.654321.tmp", ".other.json.111.tmp", "backup.json"}
	if !slices.Equal(names, want) {
		t.Errorf("files after the write: %v, want %v", names, want)
	}
}
