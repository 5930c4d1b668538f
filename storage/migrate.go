package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// SchemaVersion is the latest journal schema this build knows; a journal's
// version is its PRAGMA user_version.
const SchemaVersion = 5

// readableVersion is the oldest schema that reads like SchemaVersion: the
// migrations since only added indexes, so a journal opened for reading is
// read as it is, never migrated.
const readableVersion = 4

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered .sql file: NNN_name.sql brings a journal to version NNN.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in order, checking they number
// 1..SchemaVersion without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its version number", base)
		}
		buf, err := fs.ReadFile(migrationFS, name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(buf)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d", m.name, i+1)
		}
	}
	if len(ms) != SchemaVersion {
		return nil, fmt.Errorf("%d migrations embedded, but SchemaVersion is %d", len(ms), SchemaVersion)
	}
	return ms, nil
}

// migrate applies the migrations the journal has not had yet, each in its
// own immediate transaction, so a failure leaves the journal at the last
// version that completed.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := db.migrateOne(ctx, m); err != nil {
			return fmt.Errorf("migrate to version %d (%s): %w", m.version, m.name, err)
		}
	}
	return nil
}

func (db *DB) migrateOne(ctx context.Context, m migration) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Read the version inside the write lock: another process may have
	// migrated the journal since it was inspected.
	var v int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	if v >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	// PRAGMA takes no parameters; both values are integers from this package.
	stamp := fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", ApplicationID, m.version)
	if _, err := tx.ExecContext(ctx, stamp); err != nil {
		return err
	}
	return tx.commit("migrate")
}
