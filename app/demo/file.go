package demo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"lapse/app/atomicfile"
	"lapse/storage"
)

// WriteFile writes the sample into a new journal at path, which must not
// exist: into a hidden temporary file first, synced and renamed into place
// only once whole, so a killed run leaves no half sample at path (the next
// run removes its leftovers).
func WriteFile(ctx context.Context, path string, size Size, lang string, now time.Time) (err error) {
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		if err == nil {
			return fmt.Errorf("%s already exists: the sample is only written into a new file", path)
		}
		return err
	}
	if err := storage.MkdirPrivate(filepath.Dir(path)); err != nil {
		return fmt.Errorf("sample journal %s: %w", path, err)
	}
	f, err := atomicfile.Temp(path)
	if err != nil {
		return fmt.Errorf("sample journal %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		if err != nil {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(tmp + suffix)
			}
		}
	}()
	db, err := storage.Open(ctx, tmp, storage.Options{Now: func() time.Time { return now }, Unsynced: true})
	if err != nil {
		return err
	}
	if err := Fill(ctx, db, size, lang, now); err != nil {
		db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("sample journal %s: %w", path, err)
	}
	// A link fails if a file appeared at path meanwhile, where a rename
	// would replace it.
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: the sample is only written into a new file", path)
		}
		return fmt.Errorf("sample journal %s: %w", path, err)
	}
	os.Remove(tmp)
	return nil
}

// syncFile flushes a file the journal wrote without syncing.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
