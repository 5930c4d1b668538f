package storage_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// crashCopy copies a journal and its -wal while a writer has it open, as a
// power cut would leave them, into dir.
func crashCopy(t *testing.T, path, dir string) string {
	t.Helper()
	dst := filepath.Join(dir, filepath.Base(path))
	for _, suffix := range []string{"", "-wal"} {
		buf, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dst+suffix, buf)
	}
	return dst
}

// lastPage1Frame returns the newest copy of page 1 in a -wal file.
func lastPage1Frame(t *testing.T, wal []byte) []byte {
	t.Helper()
	pageSize := int(binary.BigEndian.Uint32(wal[8:12]))
	var page1 []byte
	for off := 32; off+24+pageSize <= len(wal); off += 24 + pageSize {
		if binary.BigEndian.Uint32(wal[off:off+4]) == 1 {
			page1 = wal[off+24 : off+24+pageSize]
		}
	}
	if page1 == nil {
		t.Fatal("no page 1 in the -wal")
	}
	return page1
}

// A checkpoint cut short (a full disk, a kill) can leave the main file's
// header counting pages that are still only in the -wal: SQLite reads such
// a journal whole, so Lapse must not call it damaged.
func TestOpen_HeaderCountsPagesStillInTheWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	makeJournal(t, path, 1)
	db := MustOpenPath(t, path, &clock{t: testNow})
	svc, err := db.ServiceByName(ctx, "Claude")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		o := &journal.Outage{ServiceID: svc.ID, Title: fmt.Sprintf("later %d", i), Start: testNow.Add(time.Duration(i) * time.Minute),
			Impact: journal.ImpactDown, Source: journal.SourceMe, Symptoms: strings.Repeat("still in the wal ", 60)}
		if err := db.CreateOutage(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	copyPath := crashCopy(t, path, t.TempDir())
	wal, err := os.ReadFile(copyPath + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	page1 := lastPage1Frame(t, wal)
	f, err := os.OpenFile(copyPath, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(page1, 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fi, _ := os.Stat(copyPath)
	if pages := int64(binary.BigEndian.Uint32(page1[28:32])); pages*int64(len(page1)) <= fi.Size() {
		t.Fatalf("setup: header counts %d pages, the file holds %d bytes", pages, fi.Size())
	}

	h, err := storage.Inspect(ctx, copyPath)
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	if h.QuickCheck != "ok" || h.Counts.Outages != 201 {
		t.Errorf("Inspect = %+v, want ok and all 201 outages", h)
	}
	ro, err := storage.Open(ctx, copyPath, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("Open read-only: %v", err)
	}
	if c, err := ro.Counts(ctx); err != nil || c.Outages != 201 {
		t.Errorf("read-only Counts = %+v, %v; want 201 outages", c, err)
	}
	ro.Close()
	rw, err := storage.Open(ctx, copyPath, storage.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	MustCreateService(t, rw, "After the crash")
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
}

// holdWriteLock takes the journal's write lock from another connection, as
// a long import in another process does, until the test ends.
func holdWriteLock(t *testing.T, path string) {
	t.Helper()
	other, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		tx.Rollback()
		other.Close()
	})
}

func TestOpen_ReadersDoNotWaitForAWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	makeJournal(t, path, 3)
	holdWriteLock(t, path)

	start := time.Now()
	ro, err := storage.Open(ctx, path, storage.Options{ReadOnly: true, Wait: time.Second})
	if err != nil {
		t.Fatalf("read-only Open while another process writes: %v", err)
	}
	defer ro.Close()
	if c, err := ro.Counts(ctx); err != nil || c.Outages != 3 {
		t.Errorf("Counts = %+v, %v; want 3 outages", c, err)
	}
	h, err := storage.Inspect(ctx, path)
	if err != nil || h.Counts.Outages != 3 {
		t.Errorf("Inspect = %+v, %v", h, err)
	}
	// A current journal opened for writing takes no lock until it writes.
	rw, err := storage.Open(ctx, path, storage.Options{Wait: time.Second})
	if err != nil {
		t.Fatalf("Open for writing while another process writes: %v", err)
	}
	defer rw.Close()
	if d := time.Since(start); d > 900*time.Millisecond {
		t.Errorf("opening took %s: something waited for the write lock", d)
	}
	if _, err := rw.Settings(ctx); err != nil {
		t.Errorf("a read through the writing handle: %v", err)
	}

	err = rw.CreateService(ctx, &journal.Service{Name: "Waits"})
	var busy *storage.BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("a write behind another writer: %v, want a BusyError", err)
	}
	want := "journal " + path + " is busy: another Lapse is writing to it (waited 1s)"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("message %q, want %q", err, want)
	}
	err = ro.CreateService(ctx, &journal.Service{Name: "Refused"})
	var readOnly *storage.ReadOnlyError
	if !errors.As(err, &readOnly) || !strings.Contains(err.Error(), path) {
		t.Errorf("a write through a read-only handle: %v, want a ReadOnlyError naming the journal", err)
	}
}

func TestOpen_ReadOnlyNeverCreatesOrAdopts(t *testing.T) {
	ctx := context.Background()
	t.Run("missing", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "typo")
		_, err := storage.Open(ctx, filepath.Join(dir, "x.db"), storage.Options{ReadOnly: true})
		assertCode(t, err, journal.ENOTFOUND)
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("a read-only Open created %s", dir)
		}
	})
	for _, tc := range []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"empty file", func(t *testing.T, path string) { writeFile(t, path, nil) }},
		{"SQLite file without tables", func(t *testing.T, path string) {
			rawExec(t, path, "CREATE TABLE t (x)", "DROP TABLE t")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "journal.db")
			tc.make(t, path)
			sum := sha256File(t, path)
			_, err := storage.Open(ctx, path, storage.Options{ReadOnly: true})
			assertCode(t, err, journal.ENOTFOUND)
			if !strings.Contains(err.Error(), path+" is empty") {
				t.Errorf("message %q, want it to say the journal is empty", err)
			}
			assertUntouched(t, path, sum)
		})
	}
	t.Run("older journal", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.db")
		rawExec(t, path, fmt.Sprintf("PRAGMA application_id = %d", storage.ApplicationID), "PRAGMA user_version = 1", "CREATE TABLE services (id INTEGER)")
		sum := sha256File(t, path)
		_, err := storage.Open(ctx, path, storage.Options{ReadOnly: true})
		assertCode(t, err, journal.EREFUSED)
		assertUntouched(t, path, sum)
		if baks, _ := filepath.Glob(path + "*.bak"); len(baks) != 0 {
			t.Errorf("a read-only Open made a backup: %v", baks)
		}
	})
}

// makeReadOnly makes a file or folder unwritable until the test ends: by
// its mode, and for root, whom modes do not stop, by the immutable flag.
func makeReadOnly(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, mode|0o200) })
	if os.Geteuid() != 0 {
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("root cannot make %s read-only here: chattr: %v %s", path, err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

func TestOpen_ReadOnlyJournal(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, why string
		lock      func(t *testing.T, path string)
	}{
		{"read-only file", "its file does not allow writing", func(t *testing.T, path string) { makeReadOnly(t, path, 0o400) }},
		{"read-only folder", "does not allow creating files", func(t *testing.T, path string) { makeReadOnly(t, filepath.Dir(path), 0o500) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "journal.db")
			makeJournal(t, path, 2)
			sum := sha256File(t, path)
			tc.lock(t, path)

			ro, err := storage.Open(ctx, path, storage.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("read-only Open: %v", err)
			}
			if c, err := ro.Counts(ctx); err != nil || c.Outages != 2 {
				t.Errorf("Counts = %+v, %v", c, err)
			}
			ro.Close()
			h, err := storage.Inspect(ctx, path)
			if err != nil || h.QuickCheck != "ok" {
				t.Errorf("Inspect = %+v, %v", h, err)
			}

			rw, err := storage.Open(ctx, path, storage.Options{})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if c, err := rw.Counts(ctx); err != nil || c.Outages != 2 {
				t.Errorf("a read through the writing handle: %+v, %v", c, err)
			}
			err = rw.CreateService(ctx, &journal.Service{Name: "Refused"})
			rw.Close()
			var readOnly *storage.ReadOnlyError
			if !errors.As(err, &readOnly) {
				t.Fatalf("a write: %v, want a ReadOnlyError", err)
			}
			if want := "journal " + path + " is read-only: "; !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), tc.why) {
				t.Errorf("message %q, want %q saying %q", err, want, tc.why)
			}
			if got := sha256File(t, path); got != sum {
				t.Errorf("the read-only journal changed")
			}
		})
	}
}

func TestOpen_DanglingLink(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	target := filepath.Join(dir, "moved", "journal.db")
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	for _, readOnly := range []bool{false, true} {
		_, err := storage.Open(context.Background(), path, storage.Options{ReadOnly: readOnly})
		assertCode(t, err, journal.ENOTFOUND)
		if want := "journal " + path + " is a link to " + target + ", which does not exist"; !strings.Contains(err.Error(), want) {
			t.Errorf("ReadOnly %v: %q, want %q", readOnly, err, want)
		}
	}
	if _, err := os.Lstat(filepath.Dir(target)); err == nil {
		t.Errorf("Open created the link's missing folder")
	}
}

// One flipped bit in the stored schema passes quick_check; the schema check
// names what differs.
func TestOpen_RefusesAnUnexpectedSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	makeJournal(t, path, 3)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Flip the first occurrence SQLite reads as schema (earlier ones may be
	// stale bytes in a page's free space).
	flipped := false
	for off := 0; !flipped; {
		i := bytes.Index(orig[off:], []byte("created_at"))
		if i < 0 {
			t.Fatal("setup: no live created_at in the schema")
		}
		buf := bytes.Clone(orig)
		buf[off+i+1] ^= 'r' ^ 's' // created_at → cseated_at
		writeFile(t, path, buf)
		off += i + 1
		raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
		if err != nil {
			t.Fatal(err)
		}
		var n int
		var qc string
		if err := raw.QueryRow("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%cseated_at%'").Scan(&n); err == nil && n == 1 {
			if err := raw.QueryRow("PRAGMA quick_check").Scan(&qc); err != nil || qc != "ok" {
				t.Fatalf("setup: quick_check = %q, %v; want a file quick_check passes", qc, err)
			}
			flipped = true
		}
		raw.Close()
	}
	sum := sha256File(t, path)

	for _, open := range []func() error{
		func() error { _, err := storage.Inspect(context.Background(), path); return err },
		func() error {
			_, err := storage.Open(context.Background(), path, storage.Options{ReadOnly: true})
			return err
		},
		func() error { _, err := storage.Open(context.Background(), path, storage.Options{}); return err },
	} {
		err := open()
		assertCode(t, err, journal.EREFUSED)
		for _, want := range []string{"its tables are not the ones this Lapse expects", "table outages lacks column created_at INTEGER NOT NULL;",
			"table outages has an unexpected column cseated_at INTEGER NOT NULL"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%q lacks %q", err, want)
			}
		}
	}
	assertUntouched(t, path, sum)
}
