//go:build unix

package storage_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// File modes: on Windows a journal is private by its folder's ACL instead
// (app/paths), so these are Unix's.

func TestOpen_NewJournalIsPrivate(t *testing.T) {
	for _, umask := range []int{0o000, 0o022, 0o077, 0o277} {
		t.Run(fmt.Sprintf("umask %03o", umask), func(t *testing.T) {
			old := syscall.Umask(umask)
			defer syscall.Umask(old)
			root := t.TempDir()
			path := filepath.Join(root, "a", "b", "journal.db")
			db := MustOpenPath(t, path, &clock{t: testNow})
			MustCreateService(t, db, "Claude") // a write, so the -wal exists
			want := map[string]fs.FileMode{
				filepath.Join(root, "a"):      0o700,
				filepath.Join(root, "a", "b"): 0o700,
				path:                          0o600,
				path + "-wal":                 0o600,
				path + "-shm":                 0o600,
			}
			for p, mode := range want {
				fi, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Mode().Perm() != mode {
					t.Errorf("%s: mode %04o, want %04o", strings.TrimPrefix(p, root), fi.Mode().Perm(), mode)
				}
			}
		})
	}
}

func TestOpen_ExistingFolderKeepsItsMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	MustOpenPath(t, filepath.Join(dir, "journal.db"), &clock{t: testNow})
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o755 {
		t.Errorf("an existing folder's mode changed to %04o", fi.Mode().Perm())
	}
}
