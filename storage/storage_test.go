package storage_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// testNow is the pinned clock every test starts from.
var testNow = time.Date(2026, 11, 25, 10, 15, 0, 0, time.UTC)

// clock is a settable clock for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// MustOpenDB opens a new journal in a temporary folder with the clock pinned
// at testNow, closing it when the test ends.
func MustOpenDB(tb testing.TB) *storage.DB {
	tb.Helper()
	db, _ := MustOpenDBClock(tb)
	return db
}

// MustOpenDBClock is MustOpenDB, also returning the clock to move it.
func MustOpenDBClock(tb testing.TB) (*storage.DB, *clock) {
	tb.Helper()
	c := &clock{t: testNow}
	return MustOpenPath(tb, filepath.Join(tb.TempDir(), "journal.db"), c), c
}

// MustOpenPath opens the journal at path with clock c, closing it when the test ends.
func MustOpenPath(tb testing.TB, path string, c *clock) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{Now: c.Now})
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustCreateService creates a service with the given name.
func MustCreateService(tb testing.TB, db *storage.DB, name string) *journal.Service {
	tb.Helper()
	s := &journal.Service{Name: name}
	if err := db.CreateService(context.Background(), s); err != nil {
		tb.Fatalf("create service %q: %v", name, err)
	}
	return s
}

// MustCreateOutage creates a finished "down" outage of a service.
func MustCreateOutage(tb testing.TB, db *storage.DB, serviceID int64, title string, start time.Time, d time.Duration) *journal.Outage {
	tb.Helper()
	end := start.Add(d)
	o := &journal.Outage{ServiceID: serviceID, Title: title, Start: start, End: &end, Impact: journal.ImpactDown, Source: journal.SourceMe}
	if err := db.CreateOutage(context.Background(), o); err != nil {
		tb.Fatalf("create outage %q: %v", title, err)
	}
	return o
}

// MustCreateTicket creates an open e-mail ticket of a service.
func MustCreateTicket(tb testing.TB, db *storage.DB, serviceID int64, subject string, opened time.Time) *journal.Ticket {
	tb.Helper()
	t := &journal.Ticket{ServiceID: serviceID, Subject: subject, Channel: journal.ChannelEmail, OpenedAt: opened}
	if err := db.CreateTicket(context.Background(), t); err != nil {
		tb.Fatalf("create ticket %q: %v", subject, err)
	}
	return t
}

// MustAddMessage adds a message sent by me to a ticket.
func MustAddMessage(tb testing.TB, db *storage.DB, ticketID int64, summary string, at time.Time) *journal.Message {
	tb.Helper()
	m := &journal.Message{TicketID: ticketID, At: at, Direction: journal.Sent, Author: journal.AuthorMe, Summary: summary}
	if err := db.AddMessage(context.Background(), m); err != nil {
		tb.Fatalf("add message %q: %v", summary, err)
	}
	return m
}

// assertCode fails unless err carries the domain error code want.
func assertCode(tb testing.TB, err error, want journal.Code) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got no error, want %s", want)
	}
	if got := journal.ErrorCode(err); got != want {
		tb.Fatalf("error code = %s (%v), want %s", got, err, want)
	}
}

// assertFieldError fails unless err is a field error with that code, field and reason.
func assertFieldError(tb testing.TB, err error, code journal.Code, field string, reason journal.Reason) {
	tb.Helper()
	assertCode(tb, err, code)
	var e *journal.Error
	if !errors.As(err, &e) || e.Field != field || e.Reason != reason {
		tb.Fatalf("error = %#v (%v), want field %q reason %q", e, err, field, reason)
	}
}

// sha256File hashes a file's bytes.
func sha256File(tb testing.TB, path string) string {
	tb.Helper()
	buf, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// assertUntouched fails if the file's bytes changed or SQLite left a sibling beside it.
func assertUntouched(tb testing.TB, path, sum string) {
	tb.Helper()
	if got := sha256File(tb, path); got != sum {
		tb.Errorf("%s changed: sha256 %s, was %s", path, got, sum)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			tb.Errorf("%s%s was left behind", path, suffix)
		}
	}
}

// rawExec runs statements on a SQLite file with a plain connection, to build
// files Lapse did not write.
func rawExec(tb testing.TB, path string, stmts ...string) {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			tb.Fatalf("%s: %v", s, err)
		}
	}
}

func TestDB(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		if !strings.HasSuffix(db.Path(), "journal.db") {
			t.Errorf("Path() = %q", db.Path())
		}
		if !db.Now().Equal(testNow) {
			t.Errorf("Now() = %v, want the pinned %v", db.Now(), testNow)
		}
		c, err := db.Counts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if c != (storage.Counts{}) {
			t.Errorf("a new journal counts %+v, want nothing", c)
		}
	})
	t.Run("NilNowIsTheSystemClock", func(t *testing.T) {
		db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "j.db"), storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if d := time.Since(db.Now()); d < 0 || d > time.Minute {
			t.Errorf("Now() is %v away from the system clock", d)
		}
	})
	t.Run("ReopenKeepsData", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.db")
		c := &clock{t: testNow}
		db, err := storage.Open(context.Background(), path, storage.Options{Now: c.Now})
		if err != nil {
			t.Fatal(err)
		}
		s := MustCreateService(t, db, "Claude")
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		db = MustOpenPath(t, path, c)
		got, err := db.Service(context.Background(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Claude" {
			t.Errorf("after reopening, name = %q", got.Name)
		}
		if baks, _ := filepath.Glob(path + "*.bak"); len(baks) != 0 {
			t.Errorf("reopening a current journal made backups %v", baks)
		}
	})
	t.Run("PathWithSpacesAndJapanese", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "my journal ?#%", "日誌.db")
		db := MustOpenPath(t, path, &clock{t: testNow})
		MustCreateService(t, db, "Claude")
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("the journal is not at the path given: %v", err)
		}
	})
}
