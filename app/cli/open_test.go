package cli

import (
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadingCommandsNeverCreateOrAdopt(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo", "x.db")
	for _, args := range [][]string{
		{"report"}, {"check"}, {"backup", "-o", filepath.Join(dir, "b.json")},
		{"export", "--service", "Parley AI", "-o", filepath.Join(dir, "s.md")},
	} {
		code, _, stderr := run(t, append(args, "--db", typo)...)
		if code == 0 || !strings.Contains(stderr, "journal "+typo+" does not exist") {
			t.Errorf("lapse %s on a missing journal: exit %d, %q", args[0], code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Dir(typo)); !os.IsNotExist(err) {
		t.Errorf("a reading command created %s", filepath.Dir(typo))
	}

	empty := filepath.Join(dir, "empty.db")
	must(t, os.WriteFile(empty, nil, 0o644))
	for _, args := range [][]string{{"report"}, {"backup", "-o", "-"}, {"export", "--service", "X", "--format", "md", "-o", "-"}} {
		code, stdout, stderr := run(t, append(args, "--db", empty)...)
		if code == 0 || stdout != "" || !strings.Contains(stderr, "journal "+empty+" is empty") {
			t.Errorf("lapse %s on an empty file: exit %d, %q, %q", args[0], code, stdout, stderr)
		}
	}
	if fi, err := os.Stat(empty); err != nil || fi.Size() != 0 || fi.Mode().Perm() != 0o644 {
		t.Errorf("a reading command changed the empty file: %v %v", fi, err)
	}
	if siblings, _ := filepath.Glob(empty + "-*"); len(siblings) != 0 {
		t.Errorf("files left beside it: %v", siblings)
	}
}

func TestExportToStandardOutput(t *testing.T) {
	path := sampleJournal(t)
	t.Chdir(t.TempDir())
	code, stdout, stderr := run(t, "export", "--db", path, "--service", "Parley AI", "--format", "md", "-o", "-")
	if code != 0 {
		t.Fatalf("export -o -: exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "# ") || !strings.Contains(stdout, "Parley AI") || strings.Contains(stdout, "Wrote the") {
		t.Errorf("stdout is not the summary alone:\n%s", stdout)
	}
	if _, err := os.Lstat("-"); err == nil {
		t.Errorf("export -o - wrote a file named -")
	}
}

// A write refused for permissions names the journal, never the file being imported.
func TestReadOnlyJournalIsNamed(t *testing.T) {
	path := sampleJournal(t)
	dir := filepath.Dir(path)
	must(t, os.Chmod(dir, 0o500))
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
			t.Skipf("root cannot make a read-only folder here: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
	}
	csv := importerTestdata("subscriptions.csv")

	if code, out, stderr := run(t, "report", "--db", path); code != 0 || !strings.Contains(out, "Parley AI") {
		t.Errorf("report on a read-only journal: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "check", "--db", path); code != 0 {
		t.Errorf("check on a read-only journal: exit %d, %q", code, stderr)
	}
	for _, args := range [][]string{{"import", "--csv", csv, "--yes"}, {"down", "Parley AI"}} {
		code, _, stderr := run(t, append(args, "--db", path)...)
		want := "journal " + path + " is read-only: its folder " + dir + " does not allow creating files"
		if code == 0 || !strings.Contains(stderr, want) || strings.Contains(stderr, "subscriptions.csv row") {
			t.Errorf("lapse %s: exit %d, %q; want it to say %q", args[0], code, stderr, want)
		}
	}
}

// While another process holds the write lock (a long import), reading
// commands run at once and a write says what it waited for.
func TestWritesWaitAndSayForWhat(t *testing.T) {
	path := sampleJournal(t)
	other, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
	must(t, err)
	defer other.Close()
	tx, err := other.Begin()
	must(t, err)
	defer tx.Rollback()

	start := time.Now()
	for _, args := range [][]string{{"report"}, {"check"}, {"backup", "-o", "-"}} {
		if code, _, stderr := run(t, append(args, "--db", path)...); code != 0 {
			t.Errorf("lapse %s while another Lapse writes: exit %d, %q", args[0], code, stderr)
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("reading commands took %s behind a writer", d)
	}
	want := "journal " + path + " is busy: another Lapse is writing to it (waited 1s)"
	for _, args := range [][]string{{"down", "Parley AI", "--wait", "1s"}, {"import", "--csv", importerTestdata("subscriptions.csv"), "--yes", "--wait", "1s"}} {
		code, _, stderr := run(t, append(args, "--db", path)...)
		if code == 0 || !strings.Contains(stderr, want) || strings.Contains(stderr, "migrate") {
			t.Errorf("lapse %s behind a writer: exit %d, %q; want %q", args[0], code, stderr, want)
		}
	}
}
