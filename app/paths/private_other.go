//go:build !windows

package paths

// prepareDataDir has nothing to do here: storage creates the folder 0700
// when it creates the journal.
func prepareDataDir(string) error { return nil }
