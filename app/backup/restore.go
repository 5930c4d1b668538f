package backup

import (
	"context"
	"fmt"

	"lapse/storage"
)

// Export reads the whole journal and encodes it, stamped with the journal's clock.
func Export(ctx context.Context, db *storage.DB) ([]byte, *storage.Snapshot, error) {
	s, err := db.Dump(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("export backup: %w", err)
	}
	data, err := Encode(s, db.Now())
	if err != nil {
		return nil, nil, fmt.Errorf("export backup: %w", err)
	}
	return data, s, nil
}

// ExportFile writes the whole journal to a backup file (atomic, 0600) and
// returns what it wrote, for a summary.
func ExportFile(ctx context.Context, db *storage.DB, path string) (*storage.Snapshot, error) {
	data, s, err := Export(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := WriteFile(path, data); err != nil {
		return nil, fmt.Errorf("export backup: %w", err)
	}
	return s, nil
}

// Restore puts a decoded backup into the journal, all or nothing, never
// merging. Into an empty journal it just loads it. A journal holding anything
// is refused with storage.ErrNotEmpty unless replace is set (the user said
// yes); then its file is first saved as an automatic backup, whose path is
// returned, and everything in it is replaced.
func Restore(ctx context.Context, db *storage.DB, s *storage.Snapshot, replace bool) (string, error) {
	if !replace {
		return "", db.Load(ctx, s)
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return "", err
	}
	var saved string
	if !empty {
		if saved, err = db.BackupFile(ctx, storage.BackupBeforeRestore); err != nil {
			return "", fmt.Errorf("save the journal before restoring: %w", err)
		}
	}
	return saved, db.Replace(ctx, s)
}

// Read reads and checks a backup file as Decode does, naming the file in
// any error; nothing is written anywhere.
func Read(path string) (*storage.Snapshot, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read backup %s: %w", path, err)
	}
	s, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("read backup %s: %w", path, err)
	}
	return s, nil
}
