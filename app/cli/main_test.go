package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// childEnv makes the test binary, re-executed, act as another process
// instead of running the tests: "cli" runs the command in its arguments as
// `lapse` would, "writer" writes outages and tickets (see writeLoop).
const childEnv = "LAPSE_TEST_CHILD"

// fileSizeEnv caps the size of every file the child writes (RLIMIT_FSIZE):
// a disk that fills up.
const fileSizeEnv = "LAPSE_TEST_MAX_FILE_SIZE"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "cli":
		limitFileSize()
		os.Exit(Run(context.Background(), Env{Stdout: os.Stdout, Stderr: os.Stderr, Now: time.Now}, os.Args[1:]))
	case "reader":
		readLoop(os.Args[1:])
		os.Exit(0)
	case "writer":
		if err := writeLoop(os.Getenv("LAPSE_DB"), os.Getenv("LAPSE_WRITES"), os.Getenv("LAPSE_REOPEN") == "1"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	fmt.Fprintln(os.Stderr, "unknown", childEnv)
	os.Exit(2)
}

// writeLoop writes into the journal at path, alternately an outage and a
// ticket with its three messages, each in one transaction, and prints
// "outage ID" or "ticket ID" once the write is committed. It writes n
// times, or until killed when n is empty; with reopen it opens the journal
// for each write, as separate `lapse` commands do.
func writeLoop(path, n string, reopen bool) error {
	ctx := context.Background()
	limit, _ := strconv.Atoi(n)
	out := bufio.NewWriter(os.Stdout)
	var db *storage.DB
	open := func() (err error) {
		db, err = storage.Open(ctx, path, storage.Options{Now: time.Now})
		return err
	}
	if err := open(); err != nil {
		return err
	}
	svc, err := db.ServiceByName(ctx, "Parley AI")
	if err != nil {
		return err
	}
	for i := 0; limit == 0 || i < limit; i++ {
		if reopen && i > 0 {
			if err := open(); err != nil {
				return fmt.Errorf("write %d: %w", i, err)
			}
		}
		at := time.Now().UTC().Truncate(time.Second)
		var line string
		if i%2 == 0 {
			end := at.Add(time.Minute)
			o := &journal.Outage{ServiceID: svc.ID, Title: fmt.Sprintf("write %d", i), Start: at.Add(-time.Hour), End: &end,
				Impact: journal.ImpactDown, Source: journal.SourceMe}
			if err := db.CreateOutage(ctx, o); err != nil {
				return fmt.Errorf("write %d: %w", i, err)
			}
			line = fmt.Sprintf("outage %d", o.ID)
		} else {
			tk := &journal.Ticket{ServiceID: svc.ID, Subject: fmt.Sprintf("write %d", i), Channel: journal.ChannelEmail, OpenedAt: at}
			for j, author := range []journal.AuthorKind{journal.AuthorMe, journal.AuthorBot, journal.AuthorHuman} {
				dir := journal.Received
				if author == journal.AuthorMe {
					dir = journal.Sent
				}
				tk.Messages = append(tk.Messages, journal.Message{At: at.Add(time.Duration(j) * time.Minute), Direction: dir,
					Author: author, Summary: fmt.Sprintf("message %d of write %d", j+1, i)})
			}
			if err := db.CreateTicket(ctx, tk); err != nil {
				return fmt.Errorf("write %d: %w", i, err)
			}
			line = fmt.Sprintf("ticket %d", tk.ID)
		}
		if reopen {
			if err := db.Close(); err != nil {
				return fmt.Errorf("write %d: close: %w", i, err)
			}
		}
		fmt.Fprintln(out, line)
		if err := out.Flush(); err != nil {
			return err
		}
	}
	if !reopen {
		return db.Close()
	}
	return nil
}

// readLoop runs `lapse check`, and every fourth time `lapse report`, with
// the flags in args until its standard input closes, printing "read" after
// each and what a failing one said on standard error.
func readLoop(args []string) {
	closed := make(chan struct{})
	go func() {
		io.Copy(io.Discard, os.Stdin)
		close(closed)
	}()
	for i := 0; ; i++ {
		select {
		case <-closed:
			if i >= 4 {
				return
			}
		default:
		}
		cmd := "check"
		if i%4 == 3 {
			cmd = "report"
		}
		var stderr bytes.Buffer
		if code := Run(context.Background(), Env{Stdout: io.Discard, Stderr: &stderr, Now: time.Now}, append([]string{cmd}, args...)); code != 0 || stderr.Len() > 0 {
			fmt.Fprintf(os.Stderr, "exit %d: %s", code, stderr.String())
		}
		fmt.Println("read")
	}
}
