package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/app/journal"
)

func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	t.Run("FIFO", func(t *testing.T) {
		fifo := filepath.Join(dir, "subscriptions.csv")
		if err := mkfifo(fifo); err != nil {
			t.Skipf("no FIFO here: %v", err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := importer.ReadFile(fifo, importer.MaxSize)
			done <- err
		}()
		select {
		case err := <-done:
			if want := fifo + ": it is a named pipe (FIFO), not a file"; err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v, want %q", err, want)
			}
		case <-time.After(5 * time.Second):
			// Unblock the reader so the test ends.
			if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				f.Close()
			}
			t.Fatal("reading a FIFO hangs")
		}
	})
	t.Run("Folder", func(t *testing.T) {
		_, err := importer.ReadFile(dir, importer.MaxSize)
		if want := dir + ": it is a folder, not a file"; err == nil || err.Error() != want {
			t.Errorf("error %v, want %q", err, want)
		}
	})
	t.Run("TooLarge", func(t *testing.T) {
		big := filepath.Join(dir, "big.csv")
		must(t, os.WriteFile(big, make([]byte, 3<<20), 0o600))
		_, err := importer.ReadFile(big, 2<<20)
		if want := big + ": it is 3 MiB, larger than the 2 MiB Lapse imports from one source"; err == nil || err.Error() != want {
			t.Errorf("error %v, want %q", err, want)
		}
	})
}

func TestNotUTF8NamesLineAndOffset(t *testing.T) {
	// Latin-1 "é" (0xE9) on line 3, at byte 99 of the file (the BOM counts).
	csv := "\uFEFFService,Plan,Price,Currency,Billing,Start Date\n" +
		"Netflix,Standard,15.49,USD,monthly,2026-01-01\n" +
		"Caf\xe9 \xff\xfe,Basic,3.00,EUR,monthly,2026-01-01\n"
	_, err := importer.ParseCSV("subs.csv", []byte(csv), nil)
	if want := "line 3, byte offset 99 (0xE9) is not UTF-8"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("CSV error %v, want it to contain %q", err, want)
	}
	doc := "{\n  \"incidents\": [\n    {\"name\": \"caf\xe9\"}]}"
	_, err = importer.ParseStatuspage("incidents.json", []byte(doc), &journal.Service{ID: 1, Name: "X"}, nil)
	if want := "incidents.json: it is not UTF-8 text: line 3, byte offset 36 (0xE9) is not UTF-8"; err == nil || err.Error() != want {
		t.Errorf("JSON error %v, want %q", err, want)
	}
}

func TestMailErrorsInPlainWords(t *testing.T) {
	head := "From: Support <help@example.com>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nSubject: Re: login\r\n"
	multi := head + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"XX\"\r\n\r\n"
	ticket := &journal.Ticket{ID: 1, OpenedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		name, raw, want string
	}{
		{"LongPreambleLine", multi + strings.Repeat("a", 5000) + "\r\n--XX\r\nContent-Type: text/plain\r\n\r\nhi\r\n--XX--\r\n",
			"reply.eml: its MIME parts are damaged: a line longer than 4 KiB stands where a part boundary should be"},
		{"CutShort", multi + "--XX\r\nContent-Type: text/plain\r\n\r\nhi, we are looking into it",
			"reply.eml: its text cannot be decoded: the file ends before its MIME parts are closed (it is cut short)"},
		{"BadPartHeader", multi + "--XX\r\nthis is no header\r\n\r\nhi\r\n--XX--\r\n",
			`reply.eml: its MIME parts are damaged: the header line "this is no header" is not "Name: value"`},
		{"BadHeader", "From: a@example.com\r\n" + strings.Repeat("x", 300) + "\r\n\r\nhi",
			`reply.eml: it is not an e-mail: the header line "xxxxxxxx`},
		{"BadBase64", head + "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8*d29ybGQ=\r\n",
			"reply.eml: its text cannot be decoded: its base64 encoding breaks at byte 7"},
		{"Empty", "", `reply.eml: it is empty: an e-mail starts with header lines like "From: …" and "Date: …"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importer.ParseMail([]importer.MailFile{{Name: "reply.eml", Data: []byte(tc.raw)}}, ticket, nil)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant it to start with %q", err, tc.want)
			}
			for _, raw := range []string{"bufio", "multipart:", "malformed", "illegal base64", "EOF"} {
				if strings.Contains(err.Error(), raw) {
					t.Errorf("error %q shows Go's own text %q", err, raw)
				}
			}
			if len(err.Error()) > 200 {
				t.Errorf("error is %d bytes long: a damaged line is shown whole", len(err.Error()))
			}
		})
	}
}
