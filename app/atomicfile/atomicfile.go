// Package atomicfile writes files so that a reader sees either the old
// content or the new, never a half-written file: exports and backups go
// through it.
package atomicfile

import (
	"fmt"
	"os"
)

// Write writes data to path atomically with mode perm (0600 for anything
// holding the user's journal): a temporary file in the same folder is
// written, synced, and moved over path (replace_*.go: how each system makes
// that move atomic and durable).
func Write(path string, data []byte, perm os.FileMode) (err error) {
	tmp, err := Temp(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = replace(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
