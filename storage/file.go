package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"lapse/app/journal"

	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteMagic opens every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// headerSize is the length of the database header at the start of page 1.
const headerSize = 100

// fileKind is what sits at a journal path before Lapse opens it.
type fileKind int

const (
	fileMissing fileKind = iota
	fileEmpty            // 0 bytes: treated as a new journal
	fileSQLite           // a SQLite file whose header passed the checks
)

// Health is what `lapse check` reports about a journal.
type Health struct {
	Path          string
	SchemaVersion int
	Counts        Counts
	QuickCheck    string // "ok", or SQLite's first findings
}

// Counts are the live (not trashed) records of a journal, and the trash items.
type Counts struct {
	Services, Subscriptions, PriceChanges, Outages, Tickets, Messages, Decisions, Trash int
}

// Open opens the journal at path: it creates a new one (0600, in 0700
// folders it makes), refuses files that are not Lapse journals, damaged or
// from a newer Lapse without touching them, and migrates an older journal
// after backing it up beside itself. With opts.ReadOnly it only reads: a
// missing, empty or older journal is an error, nothing is created, migrated
// or locked for writing.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	wait := opts.Wait
	if wait <= 0 {
		wait = DefaultWait
	}
	kind, err := preflight(path)
	if err != nil {
		return nil, err
	}
	if opts.ReadOnly {
		return openReadOnly(ctx, path, kind, now, wait)
	}
	version := 0
	switch kind {
	case fileMissing:
		if err := createPrivateFile(path); err != nil {
			return nil, fmt.Errorf("create journal %s: %w", path, err)
		}
	case fileEmpty:
		if err := os.Chmod(path, 0o600); err != nil {
			return nil, fmt.Errorf("open journal %s: %w", path, err)
		}
	case fileSQLite:
		if version, err = prepareExisting(ctx, path, now); err != nil {
			return nil, err
		}
	}
	why := whyReadOnly(path)
	if why != "" && version < SchemaVersion {
		return nil, &ReadOnlyError{Path: path, Why: why + ", and this Lapse must first update its tables"}
	}
	// A journal Lapse cannot write is still read, through a connection that
	// needs no new file beside it; writes say why they are refused.
	dsn := readWriteDSN(path, wait, opts.Unsynced)
	if why != "" {
		dsn = readDSN(path, wait, true)
	}
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open journal %s: %w", path, err)
	}
	db := &DB{db: sdb, path: path, now: now, wait: wait, readOnly: why}
	// The first read makes the -wal and -shm files: on a full disk it
	// fails here, with a message saying so.
	if err := sdb.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(new(int)); err != nil {
		sdb.Close()
		return nil, db.writeError(fmt.Errorf("open journal %s: %w", path, err))
	}
	// Only a journal that is behind takes the write lock on open.
	if version < SchemaVersion {
		if err := db.migrate(ctx); err != nil {
			sdb.Close()
			return nil, fmt.Errorf("open journal %s: %w", path, err)
		}
	}
	return db, nil
}

// openReadOnly opens an existing, current journal for reading.
func openReadOnly(ctx context.Context, path string, kind fileKind, now func() time.Time, wait time.Duration) (*DB, error) {
	switch kind {
	case fileMissing:
		return nil, journal.Errorf(journal.ENOTFOUND, "journal %s does not exist", path)
	case fileEmpty:
		return nil, emptyJournal(path)
	}
	sdb, err := openReader(ctx, path, wait, true)
	if err != nil {
		return nil, err
	}
	in, err := examine(ctx, sdb, path)
	if err == nil && in.tables == 0 {
		err = emptyJournal(path)
	}
	if err == nil && in.version < readableVersion {
		err = journal.Errorf(journal.EREFUSED, "journal %s has schema version %d and this Lapse reads versions %d to %d: "+
			"open it in Lapse, or run a command that writes to it, to update it (its file is backed up first)", path, in.version, readableVersion, SchemaVersion)
	}
	if err != nil {
		sdb.Close()
		return nil, err
	}
	return &DB{db: sdb, path: path, now: now, wait: wait, readOnly: "it was opened for reading only"}, nil
}

// emptyJournal is the error for a journal nothing has been written to: only
// a command that writes adopts it.
func emptyJournal(path string) error {
	return journal.Errorf(journal.ENOTFOUND, "journal %s is empty: nothing has been written to it yet", path)
}

// whyReadOnly says why the journal at path cannot be written ("" if it can):
// its file's permissions, or a folder where SQLite cannot create the -wal
// file it writes through.
func whyReadOnly(path string) string {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "its file does not allow writing (" + err.Error() + ")"
	}
	f.Close()
	if !exists(path+"-wal") && !dirWritable(filepath.Dir(path)) {
		return "its folder " + filepath.Dir(path) + " does not allow creating files, and SQLite writes through a -wal file beside it"
	}
	return ""
}

// prepareExisting checks an existing SQLite file without writing to it,
// backs it up if it is about to be migrated, and makes it private to the
// user. It returns the journal's schema version.
func prepareExisting(ctx context.Context, path string, now func() time.Time) (int, error) {
	conn, err := openInspector(ctx, path)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	in, err := examine(ctx, conn, path)
	if err != nil {
		return 0, err
	}
	if in.version < SchemaVersion && in.tables > 0 {
		if err := backup(ctx, conn, path, in.version, now()); err != nil {
			return 0, fmt.Errorf("back up journal %s before migrating: %w", path, err)
		}
	}
	if err := conn.Close(); err != nil {
		return 0, fmt.Errorf("open journal %s: %w", path, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return 0, fmt.Errorf("open journal %s: %w", path, err)
	}
	if fi.Mode().Perm()&0o077 != 0 && whyReadOnly(path) == "" {
		if err := os.Chmod(path, 0o600); err != nil {
			return 0, fmt.Errorf("make journal %s private: %w", path, err)
		}
	}
	return in.version, nil
}

// Inspect reports on the journal at path for `lapse check`. It opens the
// file read-only, never creates it and never writes to it. A missing or
// empty file is ENOTFOUND; a file Open would refuse is EREFUSED with the reason.
func Inspect(ctx context.Context, path string) (*Health, error) {
	kind, err := preflight(path)
	if err != nil {
		return nil, err
	}
	switch kind {
	case fileMissing:
		return nil, journal.Errorf(journal.ENOTFOUND, "journal %s does not exist", path)
	case fileEmpty:
		return nil, emptyJournal(path)
	}
	conn, err := openInspector(ctx, path)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	in, err := examine(ctx, conn, path)
	if err != nil {
		return nil, err
	}
	health := &Health{Path: path, SchemaVersion: in.version, QuickCheck: in.quickCheck}
	// An older journal's tables are not the ones counted; Open migrates it first.
	if in.version >= readableVersion {
		if health.Counts, err = countRecords(ctx, conn); err != nil {
			if damaged(err) {
				return nil, refused(path, "it is damaged ("+err.Error()+")")
			}
			return nil, fmt.Errorf("check journal %s: %w", path, err)
		}
	}
	return health, nil
}

// refused is the error for a file Lapse will not open.
func refused(path, why string) error {
	return journal.Errorf(journal.EREFUSED, "Lapse will not open %s: %s. The file was left untouched", path, why)
}

// preflight looks at the file's bytes before any SQLite code touches it, so
// a file that is not a journal is refused without a byte written or a -wal
// or -shm sibling created.
func preflight(path string) (fileKind, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := os.Readlink(path); lerr == nil {
			return 0, journal.Errorf(journal.ENOTFOUND, "journal %s is a link to %s, which does not exist: "+
				"restore that file, or remove the link to start a new journal", path, target)
		}
		return fileMissing, nil
	}
	if err != nil {
		return 0, fmt.Errorf("open journal %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return 0, refused(path, "it is not a regular file")
	}
	if fi.Size() == 0 {
		return fileEmpty, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("open journal %s: %w", path, err)
	}
	defer f.Close()
	buf := make([]byte, headerSize)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return 0, fmt.Errorf("read journal %s: %w", path, err)
	}
	if why := checkHeader(buf[:n], fi.Size()); why != "" {
		return 0, refused(path, why)
	}
	return fileSQLite, nil
}

// checkHeader validates the database header and the journal's identity,
// returning why the file is refused ("" if it is not).
// See https://www.sqlite.org/fileformat.html#the_database_header.
func checkHeader(buf []byte, size int64) string {
	magic := []byte(sqliteMagic)
	if !bytes.HasPrefix(buf, magic[:min(len(buf), len(magic))]) {
		return "it is not a SQLite database, so not a Lapse journal"
	}
	if len(buf) < headerSize {
		return fmt.Sprintf("it is damaged (truncated to %d bytes)", size)
	}
	pageSize := int64(binary.BigEndian.Uint16(buf[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return "it is damaged (invalid page size)"
	}
	// Bytes 18 and 19 are the write and read format: 1 rollback journal, 2 WAL.
	if buf[18] < 1 || buf[18] > 2 || buf[19] < 1 || buf[19] > 2 {
		return "it is damaged (unknown file format version)"
	}
	// The file's size is not compared with the header's page count: while
	// committed pages sit in the -wal file, or after a checkpoint cut short
	// by a full disk, the file is shorter and SQLite still reads it whole.
	// SQLite and quick_check judge the pages.
	userVersion := int32(binary.BigEndian.Uint32(buf[60:64]))
	appID := binary.BigEndian.Uint32(buf[68:72])
	return identityProblem(appID, int(userVersion), 0)
}

// identityProblem says why a SQLite file is not a journal this build may
// open ("" if it is one): another application's id, a foreign file with
// tables but no id, or a newer schema.
func identityProblem(appID uint32, version, tables int) string {
	switch {
	case appID != 0 && appID != ApplicationID:
		return fmt.Sprintf("it belongs to another application (application_id 0x%08X)", appID)
	case appID == 0 && (version != 0 || tables > 0):
		return "it is another application's SQLite database (it has data but no Lapse application id)"
	case version > SchemaVersion:
		return fmt.Sprintf("it was written by a newer Lapse (schema version %d; this Lapse knows up to %d). Update Lapse to open it", version, SchemaVersion)
	case version < 0:
		return fmt.Sprintf("it is damaged (schema version %d)", version)
	}
	return ""
}

// inspection is what a read-only look at a journal found.
type inspection struct {
	version    int
	tables     int
	quickCheck string
}

// openInspector opens path for reading, without a write lock and without
// immutable (another process may be writing).
func openInspector(ctx context.Context, path string) (*sql.DB, error) {
	conn, err := openReader(ctx, path, DefaultWait, false)
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(1)
	return conn, nil
}

// openReader opens path for reading (see readDSN). When the -shm file SQLite
// needs cannot be made (a full disk) and the -wal holds nothing, no process
// can be writing the journal (a writer needs both), so it is read immutable
// rather than not at all.
func openReader(ctx context.Context, path string, wait time.Duration, queryOnly bool) (*sql.DB, error) {
	walEmpty := true
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		walEmpty = false
	}
	conn, err := sql.Open("sqlite", readDSN(path, wait, queryOnly))
	if err != nil {
		return nil, fmt.Errorf("open journal %s: %w", path, err)
	}
	var n int
	err = conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n)
	if err == nil || damaged(err) {
		return conn, nil // examine names the damage
	}
	conn.Close()
	if !walEmpty || !cannotMakeSiblings(err) {
		return nil, fmt.Errorf("open journal %s: %w", path, err)
	}
	conn, err = sql.Open("sqlite", immutableDSN(path, wait))
	if err != nil {
		return nil, fmt.Errorf("open journal %s: %w", path, err)
	}
	return conn, nil
}

// cannotMakeSiblings reports whether SQLite failed to create or size the
// -wal or -shm file it reads through.
func cannotMakeSiblings(err error) bool {
	code := sqliteCode(err)
	switch code {
	case sqlite3.SQLITE_IOERR_SHMSIZE, sqlite3.SQLITE_IOERR_SHMOPEN, sqlite3.SQLITE_IOERR_SHMMAP, sqlite3.SQLITE_IOERR_WRITE,
		sqlite3.SQLITE_IOERR_TRUNCATE:
		return true
	}
	switch code & 0xff {
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN:
		return true
	}
	return false
}

// exists reports whether a file is present at path.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// examine reads the journal's identity through SQLite (authoritative when a
// WAL holds changes the header bytes do not show yet) and checks its pages
// with PRAGMA quick_check. On a 57 MB journal (50,000 outages, 50,000
// messages) the check takes about 85 ms, so Open runs it every time.
func examine(ctx context.Context, conn *sql.DB, path string) (*inspection, error) {
	var appID int64
	in := &inspection{}
	err := conn.QueryRowContext(ctx, `
		SELECT (SELECT application_id FROM pragma_application_id),
		       (SELECT user_version FROM pragma_user_version),
		       (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\')
	`).Scan(&appID, &in.version, &in.tables)
	if err != nil {
		if damaged(err) {
			return nil, refused(path, "it is damaged ("+err.Error()+")")
		}
		return nil, fmt.Errorf("inspect journal %s: %w", path, err)
	}
	if why := identityProblem(uint32(appID), in.version, in.tables); why != "" {
		return nil, refused(path, why)
	}
	if in.quickCheck, err = quickCheck(ctx, conn); err != nil {
		if damaged(err) {
			return nil, refused(path, "it is damaged ("+err.Error()+")")
		}
		return nil, fmt.Errorf("check journal %s: %w", path, err)
	}
	if in.quickCheck != "ok" {
		return nil, refused(path, "it is damaged (quick_check: "+in.quickCheck+")")
	}
	// quick_check reads pages, not the schema's text: a flipped bit there
	// passes it and breaks every query that names the column.
	if in.version == SchemaVersion {
		diff, err := schemaDiff(ctx, conn)
		if err != nil {
			if damaged(err) {
				return nil, refused(path, "it is damaged ("+err.Error()+")")
			}
			return nil, fmt.Errorf("check journal %s: %w", path, err)
		}
		if diff != "" {
			return nil, refused(path, "it is damaged: its tables are not the ones this Lapse expects ("+diff+")")
		}
	}
	return in, nil
}

// quickCheck runs PRAGMA quick_check and joins its first findings.
func quickCheck(ctx context.Context, conn *sql.DB) (string, error) {
	rows, err := conn.QueryContext(ctx, `PRAGMA quick_check(10)`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		found = append(found, strings.ReplaceAll(s, "\n", "; "))
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return strings.Join(found, "; "), nil
}

// damaged reports whether SQLite found the file corrupt or not a database.
func damaged(err error) bool {
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}

// backup copies the journal beside itself (journal.db.v0-20261125T101500Z.bak)
// with VACUUM INTO, private to the user and synced before any migration runs.
func backup(ctx context.Context, conn *sql.DB, path string, version int, now time.Time) error {
	name := fmt.Sprintf("%s.v%d-%s.bak", path, version, now.UTC().Format("20060102T150405Z"))
	// VACUUM INTO accepts an empty target, so the file can be made 0600 first
	// whatever the umask.
	if err := createPrivateFile(name); err != nil {
		return err
	}
	if err := vacuumInto(ctx, conn, name); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

// createPrivateFile creates an empty file only the user can read and write,
// making missing parent folders 0700. Modes are set explicitly so the umask
// cannot loosen or tighten them.
func createPrivateFile(path string) error {
	if err := mkdirPrivate(filepath.Dir(path)); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}

// MkdirPrivate makes dir and its missing parents with mode 0700, as for a
// new journal, whatever the umask; folders that already exist keep their mode.
func MkdirPrivate(dir string) error { return mkdirPrivate(dir) }

// mkdirPrivate makes dir and its missing parents with mode 0700; folders that
// already exist keep their mode.
func mkdirPrivate(dir string) error {
	fi, err := os.Stat(dir)
	if err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s is not a folder", dir)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := mkdirPrivate(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return os.Chmod(dir, 0o700)
}

// queryRower is a *sql.DB or a *sql.Tx.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// countRecords counts the live records and the trash items.
func countRecords(ctx context.Context, q queryRower) (Counts, error) {
	var c Counts
	err := q.QueryRowContext(ctx, `
		SELECT (SELECT count(*) FROM services WHERE trash_id IS NULL),
		       (SELECT count(*) FROM subscriptions WHERE trash_id IS NULL),
		       (SELECT count(*) FROM price_changes p JOIN subscriptions s ON s.id = p.subscription_id WHERE s.trash_id IS NULL),
		       (SELECT count(*) FROM outages WHERE trash_id IS NULL),
		       (SELECT count(*) FROM tickets WHERE trash_id IS NULL),
		       (SELECT count(*) FROM messages WHERE trash_id IS NULL),
		       (SELECT count(*) FROM decisions WHERE trash_id IS NULL),
		       (SELECT count(*) FROM trash)
	`).Scan(&c.Services, &c.Subscriptions, &c.PriceChanges, &c.Outages, &c.Tickets, &c.Messages, &c.Decisions, &c.Trash)
	if err != nil {
		return Counts{}, fmt.Errorf("count records: %w", err)
	}
	return c, nil
}

// Counts counts the live records and the trash items.
func (db *DB) Counts(ctx context.Context) (Counts, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return Counts{}, err
	}
	defer tx.Rollback()
	return countRecords(ctx, tx)
}
