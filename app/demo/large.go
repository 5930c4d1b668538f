package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"lapse/storage"
)

// largeGeneration changes whenever the large sample's content changes, so a
// cached file from an older generator is not reused.
const largeGeneration = 3

// LargeEpoch is the "now" of the cached large journal, so its figures are
// the same on every run.
var LargeEpoch = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// EnsureLarge returns a large sample journal in dir, writing it the first
// time (tens of seconds) and reusing it afterwards: benchmarks share it.
func EnsureLarge(dir string) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("lapse-large-v%d-g%d.db", storage.SchemaVersion, largeGeneration))
	return ensure(path, func(ctx context.Context, db *storage.DB) error {
		return Fill(ctx, db, Large, "en", LargeEpoch)
	})
}

// ensure returns path, first writing it with fill as of LargeEpoch when it
// does not exist. It is written under another name and renamed when
// complete, so an interrupted run never leaves a half journal to reuse.
func ensure(path string, fill func(context.Context, *storage.DB) error) (string, error) {
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".partial"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(p)
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, tmp, storage.Options{Now: func() time.Time { return LargeEpoch }})
	if err != nil {
		return "", err
	}
	if err := fill(ctx, db); err != nil {
		db.Close()
		return "", err
	}
	if err := db.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}
