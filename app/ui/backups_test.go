package ui

import (
	"path/filepath"
	"testing"

	"lapse/app/backup"
)

func TestBackupAndRestoreJSON(t *testing.T) {
	u := newTestUI(t)
	addService(t, u, "Parley AI")
	path := filepath.Join(t.TempDir(), "backup.json")
	if _, err := backup.ExportFile(u.ctx, u.db, path); err != nil {
		t.Fatal(err)
	}
	addService(t, u, "Streamly")
	b := u.openBackups()
	snap, err := backup.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	b.applyJSON(snap, true)
	settle(u)
	if got := sidebarNames(t, u); len(got) != 1 || got[0] != "Parley AI" {
		t.Errorf("after restoring the backup the sidebar lists %v, want [Parley AI]", got)
	}
	b.reload()
	if len(b.autos) != 1 || b.autos[0].Reason != "before-restore" {
		t.Errorf("automatic copies = %+v, want one made before the restore", b.autos)
	}
}

func TestRestoreAutomaticCopy(t *testing.T) {
	u := newTestUI(t)
	addService(t, u, "Parley AI")
	if err := u.db.DailyBackup(u.ctx); err != nil {
		t.Fatal(err)
	}
	addService(t, u, "Streamly")
	b := u.openBackups()
	if len(b.autos) != 1 {
		t.Fatalf("automatic copies = %+v", b.autos)
	}
	b.restoreFile(b.autos[0].Path)
	settle(u)
	if got := sidebarNames(t, u); len(got) != 1 || got[0] != "Parley AI" {
		t.Errorf("after restoring the daily copy the sidebar lists %v, want [Parley AI]", got)
	}
	autos, _ := u.db.AutoBackups()
	if len(autos) != 2 {
		t.Errorf("the journal as it was before the restore was not kept: %+v", autos)
	}
}
