package ui

import (
	"path/filepath"
	"slices"
	"strings"
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
	settle(u)
	if n := b.list.Length(); n != 1 {
		t.Fatalf("%d automatic copies listed, want one made before the restore", n)
	}
	if got := texts(b.list); !slices.Contains(got, "Before a restore") {
		t.Errorf("the copy listed says %q, want it made before a restore", got)
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
	settle(u)
	autos, err := u.db.AutoBackups()
	if n := b.list.Length(); err != nil || n != 1 || len(autos) != 1 {
		t.Fatalf("%d automatic copies listed, want the daily one (%v)", n, err)
	}
	b.restoreFile(autos[0].Path)
	if got := u.status.Text; !strings.HasPrefix(got, "Opening ") {
		t.Errorf("while the copy is put back the status line says %q, want Opening…", got)
	}
	settle(u)
	if got := sidebarNames(t, u); len(got) != 1 || got[0] != "Parley AI" {
		t.Errorf("after restoring the daily copy the sidebar lists %v, want [Parley AI]", got)
	}
	autos, _ = u.db.AutoBackups()
	if len(autos) != 2 {
		t.Errorf("the journal as it was before the restore was not kept: %+v", autos)
	}
}
