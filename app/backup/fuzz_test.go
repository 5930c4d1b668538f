package backup

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// FuzzDecode feeds any bytes to Decode and, when they decode, restores them
// over a journal that holds something, as "Restore (replace)" does: nothing
// panics, and a restore that fails leaves the journal as it was. `make fuzz`
// runs it for a minute; `go test` runs the seeds in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(f.TempDir(), "journal.db"), storage.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	svc := &journal.Service{Name: "Parley AI"}
	if err := db.CreateService(ctx, svc); err != nil {
		f.Fatal(err)
	}
	base, err := db.Dump(ctx)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(data)
		if err != nil {
			return
		}
		err = db.Replace(ctx, s)
		after, derr := db.Dump(ctx)
		if derr != nil {
			t.Fatalf("the journal cannot be read after a restore: %v", derr)
		}
		if err != nil {
			if !reflect.DeepEqual(after, base) {
				t.Fatalf("a failed restore (%v) changed the journal", err)
			}
			return
		}
		if _, err := Encode(after, testNow); err != nil {
			t.Fatalf("a restored journal cannot be backed up again: %v", err)
		}
		if err := db.Replace(ctx, base); err != nil {
			t.Fatalf("put the journal back: %v", err)
		}
	})
}
