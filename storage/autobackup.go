package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"lapse/app/journal"
)

// Reasons for an automatic backup; each is part of its file's name.
const (
	BackupDaily           = "daily"
	BackupBeforeRestore   = "before-restore"
	BackupBeforeMigration = "before-migration"
)

// backupsKept is how many automatic backups of each reason rotation keeps in
// the backups folder. Each reason rotates on its own, so a burst of restores
// never pushes out the last daily copy.
var backupsKept = map[string]int{BackupDaily: 7, BackupBeforeRestore: 5, BackupBeforeMigration: 5}

// stampLayout is the UTC time in an automatic backup's name.
const stampLayout = "20060102T150405Z"

// AutoBackup is one automatic copy of the journal file.
type AutoBackup struct {
	Path   string
	Time   time.Time // when it was made, UTC, as its name says
	Reason string    // BackupDaily, BackupBeforeRestore or BackupBeforeMigration
	Size   int64     // bytes
}

// autoBackup is an AutoBackup with what orders two made in the same second.
type autoBackup struct {
	AutoBackup
	seq int
}

// BackupDir is the folder of a journal's automatic backups, beside it and
// named after it ("journal.db.backups"), so it is Lapse's own even when the
// journal sits in a folder of the user's such as Documents.
func BackupDir(journalPath string) string {
	return journalPath + ".backups"
}

// execer is a *sql.DB or a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// BackupFile copies the journal with VACUUM INTO into BackupDir (a 0700
// folder) as a 0600 file named "<journal>.<UTC time>.<reason>.bak", then
// rotates the backups of that reason. It returns the new file's path.
func (db *DB) BackupFile(ctx context.Context, reason string) (string, error) {
	if _, ok := backupsKept[reason]; !ok {
		return "", fmt.Errorf("back up journal: unknown reason %q", reason)
	}
	path, err := writeAutoBackup(db.path, reason, db.now(), func(tmp string) error {
		return vacuumInto(ctx, db.db, tmp)
	})
	if err != nil {
		return "", fmt.Errorf("back up journal %s: %w", db.path, err)
	}
	return path, nil
}

// DailyBackup makes a BackupDaily copy unless one was made today (UTC) or
// the journal is empty. The app calls it at start; most days it only lists a folder.
func (db *DB) DailyBackup(ctx context.Context) error {
	list, err := listAutoBackups(db.path)
	if err != nil {
		return fmt.Errorf("daily backup: %w", err)
	}
	y, m, d := db.now().UTC().Date()
	for _, b := range list {
		if by, bm, bd := b.Time.Date(); b.Reason == BackupDaily && by == y && bm == m && bd == d {
			return nil
		}
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return fmt.Errorf("daily backup: %w", err)
	}
	if empty {
		return nil
	}
	if _, err := db.BackupFile(ctx, BackupDaily); err != nil {
		return fmt.Errorf("daily backup: %w", err)
	}
	return nil
}

// AutoBackups lists the journal's automatic backups, newest first: those in
// BackupDir, and the copies Open leaves beside the journal before migrating
// it ("journal.db.v0-20261125T101500Z.bak", listed as BackupBeforeMigration).
func (db *DB) AutoBackups() ([]AutoBackup, error) {
	list, err := listAutoBackups(db.path)
	if err != nil {
		return nil, fmt.Errorf("list automatic backups: %w", err)
	}
	out := make([]AutoBackup, len(list))
	for i, b := range list {
		out[i] = b.AutoBackup
	}
	return out, nil
}

// RestoreFile puts the journal file back from a backup file (an automatic
// backup, or any journal file). The journal must be closed by every process
// first: the file is swapped underneath, and its -wal, -shm and -journal
// siblings are deleted so SQLite cannot replay the old file's log onto the
// new one. The backup is checked as Inspect does and refused untouched if
// Lapse would not open it. The journal as it was is first saved as a
// BackupBeforeRestore backup (a byte copy if it is damaged), whose path is
// returned ("" when there was no journal to save). The swap is atomic: a
// temporary copy in the journal's folder, synced, renamed over it. now
// dates the saved copy.
func RestoreFile(ctx context.Context, journalPath, backupPath string, now time.Time) (string, error) {
	saved, err := restoreFile(ctx, journalPath, backupPath, now)
	if err != nil {
		return saved, fmt.Errorf("restore %s from %s: %w", journalPath, backupPath, err)
	}
	return saved, nil
}

func restoreFile(ctx context.Context, journalPath, backupPath string, now time.Time) (string, error) {
	if _, err := Inspect(ctx, backupPath); err != nil {
		return "", err
	}
	if a, err := os.Stat(journalPath); err == nil {
		if b, err := os.Stat(backupPath); err == nil && os.SameFile(a, b) {
			return "", journal.Errorf(journal.EINVALID, "the backup is the journal itself")
		}
	}
	saved, err := saveBeforeRestore(ctx, journalPath, now)
	if err != nil {
		return "", fmt.Errorf("save the journal before restoring: %w", err)
	}
	if err := swapIn(journalPath, backupPath); err != nil {
		return saved, err
	}
	return saved, nil
}

// saveBeforeRestore backs up the closed journal at path: with VACUUM INTO if
// Lapse can open it, byte for byte if it is damaged or foreign, so nothing is
// lost either way. A missing or empty journal has nothing to save.
func saveBeforeRestore(ctx context.Context, path string, now time.Time) (string, error) {
	byteCopy := func(tmp string) error { return copyFile(tmp, path) }
	kind, err := preflight(path)
	if err != nil {
		if journal.ErrorCode(err) != journal.EREFUSED {
			return "", err
		}
		return writeAutoBackup(path, BackupBeforeRestore, now, byteCopy)
	}
	if kind != fileSQLite {
		return "", nil
	}
	conn, err := openInspector(ctx, path)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := examine(ctx, conn, path); err != nil {
		if journal.ErrorCode(err) != journal.EREFUSED {
			return "", err
		}
		return writeAutoBackup(path, BackupBeforeRestore, now, byteCopy)
	}
	return writeAutoBackup(path, BackupBeforeRestore, now, func(tmp string) error {
		return vacuumInto(ctx, conn, tmp)
	})
}

// swapIn replaces the journal file with a copy of src, atomically.
func swapIn(journalPath, src string) error {
	dir := filepath.Dir(journalPath)
	if err := mkdirPrivate(dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(journalPath)+".restore-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp) // a no-op once renamed
	if err := copyFile(tmp, src); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(journalPath + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(tmp, journalPath); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// copyFile copies src over dst (which exists, or is created) and syncs it,
// leaving dst 0600.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chmod(dst, 0o600)
}

// vacuumInto writes a compact, consistent copy of the database conn reads
// into the empty file at path, and syncs it.
func vacuumInto(ctx context.Context, conn execer, path string) error {
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeAutoBackup makes a new automatic backup: fill writes it into an
// empty, private temporary file in BackupDir, which is then renamed to its
// free name, so a crash never leaves a half-written backup under a backup's
// name. Then the backups of that reason are rotated.
func writeAutoBackup(journalPath, reason string, now time.Time, fill func(tmp string) error) (string, error) {
	dir := BackupDir(journalPath)
	// The folder holds copies of the journal: mkdirPrivate makes it 0700.
	if err := mkdirPrivate(dir); err != nil {
		return "", err
	}
	name, err := freeBackupName(dir, filepath.Base(journalPath), reason, now)
	if err != nil {
		return "", err
	}
	tmp := filepath.Join(dir, "."+filepath.Base(name)+".tmp")
	if err := os.Remove(tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := createPrivateFile(tmp); err != nil {
		return "", err
	}
	if err := fill(tmp); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return "", err
	}
	syncDir(dir)
	if err := rotate(journalPath, reason); err != nil {
		return name, fmt.Errorf("rotate %s backups: %w", reason, err)
	}
	return name, nil
}

// freeBackupName is "<journal>.<stamp>.<reason>.bak", or with ".2", ".3", ...
// before ".bak" when backups of that reason were made in the same second.
func freeBackupName(dir, base, reason string, now time.Time) (string, error) {
	stamp := now.UTC().Format(stampLayout)
	for seq := 1; seq < 1000; seq++ {
		name := fmt.Sprintf("%s.%s.%s.bak", base, stamp, reason)
		if seq > 1 {
			name = fmt.Sprintf("%s.%s.%s.%d.bak", base, stamp, reason, seq)
		}
		path := filepath.Join(dir, name)
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path, nil
		} else if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("too many %s backups made at %s", reason, stamp)
}

// parseBackupName reads "<stamp>.<reason>[.<seq>]", what follows
// "<journal>." in a name in BackupDir before ".bak".
func parseBackupName(middle string) (time.Time, string, int, bool) {
	parts := strings.Split(middle, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return time.Time{}, "", 0, false
	}
	t, err := time.Parse(stampLayout, parts[0])
	if err != nil {
		return time.Time{}, "", 0, false
	}
	if _, ok := backupsKept[parts[1]]; !ok {
		return time.Time{}, "", 0, false
	}
	seq := 1
	if len(parts) == 3 {
		if seq, err = strconv.Atoi(parts[2]); err != nil || seq < 2 {
			return time.Time{}, "", 0, false
		}
	}
	return t, parts[1], seq, true
}

// parseMigrationName reads "v<version>-<stamp>", what follows "<journal>."
// in the name of the copy Open makes before migrating.
func parseMigrationName(middle string) (time.Time, bool) {
	version, stamp, ok := strings.Cut(middle, "-")
	if !ok || len(version) < 2 || version[0] != 'v' {
		return time.Time{}, false
	}
	if _, err := strconv.Atoi(version[1:]); err != nil {
		return time.Time{}, false
	}
	t, err := time.Parse(stampLayout, stamp)
	return t, err == nil
}

// listAutoBackups finds the journal's automatic backups, newest first.
func listAutoBackups(journalPath string) ([]autoBackup, error) {
	base := filepath.Base(journalPath)
	var list []autoBackup
	scan := func(dir string, parse func(middle string) (time.Time, string, int, bool)) error {
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		for _, e := range entries {
			middle, ok := strings.CutPrefix(e.Name(), base+".")
			if !ok || !e.Type().IsRegular() {
				continue
			}
			if middle, ok = strings.CutSuffix(middle, ".bak"); !ok {
				continue
			}
			t, reason, seq, ok := parse(middle)
			if !ok {
				continue
			}
			info, err := e.Info()
			if err != nil {
				continue // removed since the folder was read
			}
			list = append(list, autoBackup{AutoBackup: AutoBackup{Path: filepath.Join(dir, e.Name()), Time: t,
				Reason: reason, Size: info.Size()}, seq: seq})
		}
		return nil
	}
	if err := scan(BackupDir(journalPath), parseBackupName); err != nil {
		return nil, err
	}
	err := scan(filepath.Dir(journalPath), func(middle string) (time.Time, string, int, bool) {
		t, ok := parseMigrationName(middle)
		return t, BackupBeforeMigration, 0, ok
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].Time.Equal(list[j].Time) {
			return list[i].Time.After(list[j].Time)
		}
		if list[i].seq != list[j].seq {
			return list[i].seq > list[j].seq
		}
		return list[i].Path < list[j].Path
	})
	return list, nil
}

// rotate deletes the backups of a reason in BackupDir beyond the newest
// backupsKept[reason]. The copies Open leaves beside the journal are never
// deleted: a migration is rare, and its copy is the only way back.
func rotate(journalPath, reason string) error {
	list, err := listAutoBackups(journalPath)
	if err != nil {
		return err
	}
	dir := BackupDir(journalPath)
	kept := 0
	for _, b := range list {
		if b.Reason != reason || filepath.Dir(b.Path) != dir {
			continue
		}
		kept++
		if kept > backupsKept[reason] {
			if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// syncDir makes a rename in dir durable. It is best effort: some systems
// (Windows) cannot sync a folder, and the file itself is already synced.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
