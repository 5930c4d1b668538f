// Package paths decides where the journal file lives.
package paths

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// EnvDB is the environment variable that overrides the journal path.
const EnvDB = "LAPSE_DB"

// FileName is the journal's file name inside the data folder.
const FileName = "journal.db"

// DefaultJournal returns the default journal path:
//   - Linux/BSD: $XDG_DATA_HOME/lapse/journal.db (~/.local/share/lapse/journal.db)
//   - macOS: ~/Library/Application Support/Lapse/journal.db
//   - Windows: %AppData%\Lapse\journal.db
//
// On Windows the Lapse folder is created here, private to the user
// (private_windows.go), because Windows files take their permissions from
// the folder they are created in.
func DefaultJournal() (string, error) {
	switch runtime.GOOS {
	case "darwin", "windows":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(dir, "Lapse")
		if err := prepareDataDir(dir); err != nil {
			return "", err
		}
		return filepath.Join(dir, FileName), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "lapse", FileName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if home == "" {
		return "", errors.New("no home folder: pass --db PATH or set " + EnvDB)
	}
	return filepath.Join(home, ".local", "share", "lapse", FileName), nil
}

// Resolve picks the journal path: the --db flag, then $LAPSE_DB, then the default.
func Resolve(flagValue string) (string, error) {
	p := flagValue
	if p == "" {
		p = os.Getenv(EnvDB)
	}
	if p == "" {
		return DefaultJournal()
	}
	return filepath.Abs(p)
}
