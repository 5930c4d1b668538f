package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// importerTestdata is the path of one of the importer's samples.
func importerTestdata(name string) string {
	return filepath.Join("..", "importer", "testdata", name)
}

// writeFile writes a file in a temporary folder and returns its path.
func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	must(t, os.WriteFile(path, []byte(data), 0o600))
	return path
}

func TestImportCSVCommand(t *testing.T) {
	target := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, target)
	mustService(t, db, "Netflix")
	db.Close()
	file := importerTestdata("subscriptions.csv")

	before := exportOf(t, target)
	code, stdout, stderr := run(t, "import", "--db", target, "--csv", file)
	if code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"4 subscriptions of 4 services, 3 new", "Parley AI (new)", "20.00 USD",
		"Dry run: nothing written. Pass --yes to import."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, stdout)
		}
	}
	if !bytes.Equal(exportOf(t, target), before) {
		t.Errorf("a dry run changed the journal")
	}

	code, stdout, stderr = run(t, "import", "--db", target, "--csv", file, "--yes")
	if code != 0 {
		t.Fatalf("--yes: exit %d: %s", code, stderr)
	}
	if want := "Imported into " + target + ": 4 subscriptions added; new services: Parley AI, Backblaze, Proton"; !strings.Contains(stdout, want) {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	code, stdout, _ = run(t, "import", "--db", target, "--csv", file, "--yes")
	if code != 0 || !strings.Contains(stdout, "0 subscriptions added, 4 already in the journal") {
		t.Errorf("again: exit %d, %q", code, stdout)
	}

	t.Run("ErrBrokenChangesNothing", func(t *testing.T) {
		broken := writeFile(t, "subs.csv", "Service,Price,Currency,Period,Start\nParley AI,20,USD,monthly,2026-01-15\n"+
			"Netflix,twenty,USD,monthly,2026-01-15\n")
		before := exportOf(t, target)
		code, _, stderr := run(t, "import", "--db", target, "--csv", broken, "--yes")
		if want := broken + ` row 3, column "Price": not a number: "twenty". Nothing was changed`; code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, %q\nwant %q", code, stderr, want)
		}
		if !bytes.Equal(exportOf(t, target), before) {
			t.Errorf("a broken import changed the journal")
		}
		fresh := filepath.Join(t.TempDir(), "fresh.db")
		if code, _, _ := run(t, "import", "--db", fresh, "--csv", broken, "--yes"); code != 1 {
			t.Errorf("broken import into a new journal: exit %d", code)
		}
		if _, err := os.Stat(fresh); !os.IsNotExist(err) {
			t.Errorf("a broken import created the journal")
		}
	})
}

func TestImportWallosCommand(t *testing.T) {
	target := filepath.Join(t.TempDir(), "j.db")
	file := importerTestdata("wallos-subscriptions.json")
	code, stdout, stderr := run(t, "import", "--db", target, "--wallos", file, "--currency-symbol", "$=cad",
		"--currency-symbol", "¥=JPY", "--yes")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "Warning") || !strings.Contains(stdout, "6 subscriptions added") {
		t.Errorf("stdout %q", stdout)
	}
	db := mustOpen(t, target)
	defer db.Close()
	svc, err := db.ServiceByName(context.Background(), "Backblaze")
	must(t, err)
	list, err := db.Subscriptions(context.Background(), storage.SubscriptionFilter{ServiceID: &svc.ID})
	must(t, err)
	if len(list) != 1 || list[0].Currency != "CAD" {
		t.Errorf("Backblaze %+v, want CAD as --currency-symbol said", list)
	}
	if code, _, stderr := run(t, "import", "--db", target, "--wallos", file, "--currency-symbol", "CAD"); code != 2 ||
		!strings.Contains(stderr, "write SYMBOL=CODE") {
		t.Errorf("bad --currency-symbol: exit %d, %q", code, stderr)
	}
}

func TestImportStatuspageCommand(t *testing.T) {
	target := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, target)
	mustService(t, db, "Parley AI")
	db.Close()
	file := importerTestdata("statuspage-incidents.json")

	code, stdout, stderr := run(t, "import", "--db", target, "--statuspage", file, "--service", "parley ai", "--yes")
	if code != 0 || !strings.Contains(stdout, "3 official incidents added") {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "import", "--db", target, "--statuspage", file, "--service", "Parley AI", "--yes")
	if code != 0 || !strings.Contains(stdout, "0 new, 3 already imported") ||
		!strings.Contains(stdout, "0 official incidents added, 3 updated") {
		t.Errorf("re-import: exit %d: %s %s", code, stdout, stderr)
	}

	before := exportOf(t, target)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"NoService", []string{"--statuspage", file}, 2, "add --service NAME"},
		{"UnknownService", []string{"--statuspage", file, "--service", "Nope"}, 1, `no service named "Nope" (known: Parley AI)`},
		{"HTTP", []string{"--statuspage", "http://127.0.0.1:1/api/v2/incidents.json", "--service", "Parley AI", "--yes"}, 1,
			"http://127.0.0.1:1/api/v2/incidents.json: Lapse only downloads over https, not http. Nothing was changed"},
		{"MissingFile", []string{"--statuspage", filepath.Join(t.TempDir(), "none.json"), "--service", "Parley AI"}, 1,
			"no such file"},
	} {
		code, _, stderr := run(t, append([]string{"import", "--db", target}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, %q; want %d and %q", tc.name, code, stderr, tc.code, tc.want)
		}
	}
	if !bytes.Equal(exportOf(t, target), before) {
		t.Errorf("a refused import changed the journal")
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if code, _, stderr := run(t, "import", "--db", missing, "--statuspage", file, "--service", "X"); code != 1 ||
		!strings.Contains(stderr, "does not exist") {
		t.Errorf("into a missing journal: exit %d, %q", code, stderr)
	}
}

func TestImportMailCommand(t *testing.T) {
	target := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, target)
	svc := mustService(t, db, "Parley AI")
	tk := &journal.Ticket{ServiceID: svc.ID, Channel: journal.ChannelEmail, OpenedAt: time.Date(2026, 11, 3, 1, 15, 0, 0, time.UTC)}
	must(t, db.CreateTicket(context.Background(), tk))
	settings, err := db.Settings(context.Background())
	must(t, err)
	settings.MyAddresses = []string{"taro@example.jp"}
	must(t, db.SaveSettings(context.Background(), settings))
	db.Close()
	ticket := fmt.Sprint(tk.ID)

	code, stdout, stderr := run(t, "import", "--db", target, "--mbox", importerTestdata("thread.mbox"), "--ticket", ticket, "--yes")
	if code != 0 || !strings.Contains(stdout, "1 sent, 0 from a human, 1 from a bot, 1 automatic") ||
		!strings.Contains(stdout, "3 messages added") {
		t.Fatalf("--mbox: exit %d: %s %s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "import", "--db", target, "--eml", importerTestdata("mail-reply-utf8.eml"),
		importerTestdata("mail-reply-iso2022jp.eml"), "--ticket", ticket, "--yes")
	if code != 0 || !strings.Contains(stdout, "2 messages added") || !strings.Contains(stdout, "パーレイ サポート 佐藤") {
		t.Fatalf("--eml: exit %d: %s %s", code, stdout, stderr)
	}

	before := exportOf(t, target)
	early := writeFile(t, "early.eml", "Date: Sun, 2 Nov 2026 09:00:00 +0900\r\nFrom: taro@example.jp\r\nSubject: hi\r\n\r\nHello\r\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"NoTicket", []string{"--eml", early}, 2, "add --ticket ID"},
		{"UnknownTicket", []string{"--eml", early, "--ticket", "99"}, 1, "ticket 99 not found"},
		{"BeforeOpened", []string{"--eml", early, "--ticket", ticket, "--yes"}, 1,
			early + ": it is dated 2026-11-02 00:00 UTC, before the ticket was opened (2026-11-03 01:15 UTC)"},
		{"ExtraFileForCSV", []string{"--csv", early, "other.csv"}, 2, `unexpected "other.csv"`},
		// --mbox never falls back to reading the file as one e-mail.
		{"MboxGivenAnEML", []string{"--mbox", early, "--ticket", ticket, "--yes"}, 1,
			early + `: it is not an mbox: no line starts with "From "`},
	} {
		code, _, stderr := run(t, append([]string{"import", "--db", target}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, %q; want %d and %q", tc.name, code, stderr, tc.code, tc.want)
		}
	}
	if !bytes.Equal(exportOf(t, target), before) {
		t.Errorf("a refused import changed the journal")
	}
}
