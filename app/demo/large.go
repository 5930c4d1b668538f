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
// time (seconds) and reusing it afterwards: benchmarks share it.
func EnsureLarge(dir string) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("lapse-large-v%d-g%d.db", storage.SchemaVersion, largeGeneration))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := WriteFile(context.Background(), path, Large, "en", LargeEpoch); err != nil {
		// Another test process may have written it meanwhile.
		if _, serr := os.Stat(path); serr == nil {
			return path, nil
		}
		return "", err
	}
	return path, nil
}
