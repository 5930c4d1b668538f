//go:build !windows

package atomicfile

import (
	"os"
	"path/filepath"
)

// replace moves tmp over path: rename(2) replaces atomically even while
// other programs hold path open. Syncing the folder makes the rename itself
// durable.
func replace(tmp, path string) error {
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync() // best effort: not every file system can sync a folder
		d.Close()
	}
	return nil
}
