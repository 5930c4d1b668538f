package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain lets a test run this binary's main, as the lapse command would.
func TestMain(m *testing.M) {
	if os.Getenv("LAPSE_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// Fyne's lang package logs an unparsable locale (C.UTF-8, the default of
// many containers) from its init; the command line must not show it.
func TestCommandLinePrintsNothingItDidNotMean(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	for _, args := range [][]string{{"help"}, {"check", "--db", db}} {
		for _, locale := range []string{"LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LANG=C", "LANG=ja_JP.UTF-8"} {
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), "LAPSE_RUN_MAIN=1", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "LANG=", locale)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			want := ""
			if args[0] == "check" {
				want = "lapse check: journal " + db + " does not exist\n"
			}
			if stderr.String() != want {
				t.Errorf("%s lapse %v: stderr %q, want %q", locale, args, stderr.String(), want)
			}
			if args[0] == "help" && (err != nil || stdout.Len() == 0) {
				t.Errorf("%s lapse help: %v, stdout %q", locale, err, stdout.String())
			}
		}
	}
}
