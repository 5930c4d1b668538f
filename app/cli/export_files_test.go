package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A .csv file holds one table and a .zip all of them: a name that does not
// fit what is asked for is refused, naming --table, and nothing is written.
func TestExportCSVTargets(t *testing.T) {
	db := exportJournal(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		name, file string
		args       []string
		want       string
	}{
		{"all tables into a .csv", "all.csv", []string{"--format", "csv"}, "--table"},
		{"all tables into a .csv by extension", "x.csv", nil, "--table"},
		{"one table into a .zip", "one.zip", []string{"--table", "charges"}, "name it .csv"},
	} {
		out := filepath.Join(dir, tc.file)
		code, _, stderr := run(t, append([]string{"export", "--db", db, "--service", "Parley AI", "-o", out}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, %q; want exit 2 mentioning %q", tc.name, code, stderr, tc.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: %s was written", tc.name, tc.file)
		}
	}
	out := filepath.Join(dir, "charges.csv")
	if code, _, stderr := run(t, "export", "--db", db, "--service", "Parley AI", "--table", "charges", "-o", out); code != 0 {
		t.Fatalf("--table charges -o charges.csv: exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "\uFEFFdate,plan,") {
		t.Errorf("charges.csv = %q, %v", b, err)
	}
}

// Two journals' calendars never share a UID (the journal's identifier is
// in each), and one journal's UIDs stay the same from export to export.
func TestExportCalendarUIDsPerJournal(t *testing.T) {
	uids := func(db string) []string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "r.ics")
		if code, _, stderr := run(t, "export", "--db", db, "-o", out); code != 0 {
			t.Fatalf("export ics: exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		must(t, err)
		got := regexp.MustCompile(`(?m)^UID:(.*)\r$`).FindAllStringSubmatch(string(b), -1)
		var ids []string
		for _, m := range got {
			ids = append(ids, m[1])
		}
		if len(ids) == 0 {
			t.Fatalf("no UID in\n%s", b)
		}
		return ids
	}
	a, b := exportJournal(t), exportJournal(t) // the same plan with the same IDs in both
	first, again, other := uids(a), uids(a), uids(b)
	if strings.Join(first, " ") != strings.Join(again, " ") {
		t.Errorf("UIDs changed between exports of one journal:\n%v\n%v", first, again)
	}
	seen := map[string]bool{}
	for _, u := range first {
		seen[u] = true
	}
	for _, u := range other {
		if seen[u] {
			t.Errorf("UID %s is in both journals' calendars", u)
		}
	}
}
