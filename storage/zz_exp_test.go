package storage_test

import (
	"database/sql"
	"os"
	"testing"
	"time"
)

func BenchmarkZZ(b *testing.B) {
	path := bigJournal(b)
	fi, _ := os.Stat(path)
	b.Logf("size %d MB", fi.Size()>>20)
	db, _ := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	defer db.Close()
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		var s string
		db.QueryRow("PRAGMA quick_check").Scan(&s)
		b.Logf("quick_check %s in %v", s, time.Since(t0))
	}
	b.Loop()
}
