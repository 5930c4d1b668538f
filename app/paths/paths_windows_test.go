//go:build windows

package paths

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"golang.org/x/sys/windows"
)

// These run on Windows, or under Wine: scripts/windows-check.sh.

// scratchDir stands in for t.TempDir, whose cleanup (os.RemoveAll) calls
// FileDispositionInformationEx, which Wine 8 does not have; os.Remove works.
func scratchDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "paths")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		var remove func(string)
		remove = func(d string) {
			entries, _ := os.ReadDir(d)
			for _, e := range entries {
				if e.IsDir() {
					remove(filepath.Join(d, e.Name()))
				}
				os.Remove(filepath.Join(d, e.Name()))
			}
		}
		remove(dir)
		if err := os.Remove(dir); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return dir
}

func dacl(t *testing.T, path string) string {
	t.Helper()
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatalf("access list of %s: %v", path, err)
	}
	return sd.String()
}

// allowed lists who an access list (in SDDL) lets in, sorted.
func allowed(sddl string) []string {
	var who []string
	for _, m := range regexp.MustCompile(`\(A;[^;]*;[^;]*;[^;]*;[^;]*;([^)]+)\)`).FindAllStringSubmatch(sddl, -1) {
		who = append(who, m[1])
	}
	slices.Sort(who)
	return who
}

// The folder lets in only the user and SYSTEM. That the journal inherits
// this list is Windows' rule and is not checked here: Wine 8 derives access
// lists from Unix modes and has no inheritance (docs/WINDOWS.md).
func TestWindowsDefaultJournalIsInAppDataInAPrivateFolder(t *testing.T) {
	appData := scratchDir(t)
	t.Setenv("APPDATA", appData)
	got, err := DefaultJournal()
	if err != nil {
		t.Fatal(err)
	}
	if want := appData + `\Lapse\journal.db`; got != want {
		t.Errorf("DefaultJournal() = %q, want %q", got, want)
	}
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	list := dacl(t, filepath.Dir(got))
	want := []string{u.User.Sid.String(), "SY"}
	slices.Sort(want)
	if who := allowed(list); !slices.Equal(who, want) {
		t.Errorf("the Lapse folder lets in %v (%s), want only you and SYSTEM %v", who, list, want)
	}
}

func TestWindowsDefaultJournalKeepsAnExistingFolderAsItIs(t *testing.T) {
	appData := scratchDir(t)
	t.Setenv("APPDATA", appData)
	dir := filepath.Join(appData, "Lapse")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	before := dacl(t, dir)
	if _, err := DefaultJournal(); err != nil {
		t.Fatal(err)
	}
	if after := dacl(t, dir); after != before {
		t.Errorf("an existing folder's access list changed from %s to %s", before, after)
	}
}

func TestWindowsResolvePaths(t *testing.T) {
	t.Setenv(EnvDB, "")
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ flag, want string }{
		{`C:\Users\me\Journals\journal.db`, `C:\Users\me\Journals\journal.db`},
		{`C:/Users/me/journal.db`, `C:\Users\me\journal.db`},
		{`d:\日記\ジャーナル.db`, `d:\日記\ジャーナル.db`},
		{`\\server\share\lapse\journal.db`, `\\server\share\lapse\journal.db`},
		{`sub\journal.db`, cwd + `\sub\journal.db`},
		{`C:\Users\me\..\you\journal.db`, `C:\Users\you\journal.db`},
	} {
		got, err := Resolve(tc.flag)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tc.flag, err)
			continue
		}
		if got != tc.want {
			t.Errorf("Resolve(%q) = %q, want %q", tc.flag, got, tc.want)
		}
	}
}
