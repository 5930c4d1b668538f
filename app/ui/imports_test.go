package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/storage"
)

func testdata(name string) string { return filepath.Join("..", "importer", "testdata", name) }

func TestImportSubscriptionsCSVThroughTheDialog(t *testing.T) {
	u := newTestUI(t)
	d := u.openImport()
	d.kind.SetSelectedIndex(importCSV)
	test.Tap(d.apply) // disabled before a preview: nothing happens
	if n := len(sidebarNames(t, u)); n != 0 {
		t.Fatalf("import applied without a preview")
	}
	test.Tap(d.check)
	settle(u)
	if got := d.form.errorOf("source"); got != "Source is required" {
		t.Errorf("empty source error = %q", got)
	}
	d.source.SetText(testdata("subscriptions.csv"))
	test.Tap(d.check)
	settle(u)
	if d.plan == nil || len(d.preview.Objects) < 2 {
		t.Fatalf("no preview (form error %q)", d.form.banner.Text)
	}
	test.Tap(d.apply)
	settle(u)
	names := sidebarNames(t, u)
	if len(names) < 4 || names[0] != "Backblaze" {
		t.Errorf("after importing the CSV the sidebar lists %v", names)
	}
}

func TestImportBrokenFileChangesNothing(t *testing.T) {
	u := newTestUI(t)
	d := u.openImport()
	d.kind.SetSelectedIndex(importWallos)
	d.source.SetText(testdata("subscriptions.csv")) // not JSON
	test.Tap(d.check)
	settle(u)
	if d.plan != nil || d.form.banner.Text == "" {
		t.Errorf("a CSV read as a Wallos export gave plan %v, message %q", d.plan, d.form.banner.Text)
	}
	if n := len(sidebarNames(t, u)); n != 0 {
		t.Errorf("a refused import wrote %d services", n)
	}
}

func TestImportStatuspageAndMail(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Parley AI")
	tk := &journal.Ticket{ServiceID: svc.ID, Subject: "Cannot log in", Channel: journal.ChannelEmail, OpenedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	if err := u.db.CreateTicket(u.ctx, tk); err != nil {
		t.Fatal(err)
	}
	d := u.openImport()
	d.kind.SetSelectedIndex(importStatuspage)
	d.service.SetSelected("Parley AI")
	settle(u)
	d.source.SetText(testdata("statuspage-incidents.json"))
	test.Tap(d.check)
	settle(u)
	if d.plan == nil {
		t.Fatalf("statuspage preview failed: %q", d.form.banner.Text)
	}
	test.Tap(d.apply)
	settle(u)
	official := journal.SourceOfficial
	outs, err := u.db.Outages(u.ctx, storage.OutageFilter{ServiceID: &svc.ID, Source: &official})
	if err != nil || len(outs) != 3 {
		t.Fatalf("official outages = %d, %v; want 3", len(outs), err)
	}

	d = previewMail(u)
	authors := authorChoices(d.preview)
	if d.apply.Disabled() || len(authors) != 1 || authors[0].Selected != "Human" {
		t.Fatalf("mail preview: Import enabled %v, author choices %v, message %q", !d.apply.Disabled(), authors, d.form.banner.Text)
	}
	authors[0].SetSelectedIndex(1) // it was a bot after all
	test.Tap(d.apply)
	settle(u)
	got, err := u.db.Ticket(u.ctx, tk.ID)
	if err != nil || len(got.Messages) != 1 || got.Messages[0].Author != journal.AuthorBot || got.Messages[0].Direction != journal.Received {
		t.Fatalf("ticket messages = %+v, %v", got.Messages, err)
	}
}

func TestImportPreviewForgottenWhenTheTargetChanges(t *testing.T) {
	u := newTestUI(t)
	a := addService(t, u, "Parley AI")
	addService(t, u, "Quill Assistant")
	d := u.openImport()
	d.kind.SetSelectedIndex(importStatuspage)
	d.service.SetSelected("Parley AI")
	settle(u)
	d.source.SetText(testdata("statuspage-incidents.json"))
	test.Tap(d.check)
	settle(u)
	if d.plan == nil {
		t.Fatalf("no preview: %q", d.form.banner.Text)
	}
	d.service.SetSelected("Quill Assistant")
	settle(u)
	if d.plan != nil || !d.apply.Disabled() {
		t.Fatalf("the preview for Parley AI survived choosing another service")
	}
	test.Tap(d.apply)
	settle(u)
	official := journal.SourceOfficial
	if outs, _ := u.db.Outages(u.ctx, storage.OutageFilter{ServiceID: &a.ID, Source: &official}); len(outs) != 0 {
		t.Errorf("incidents were written to the service previewed before: %d", len(outs))
	}
}

func TestImportPreviewInJapanese(t *testing.T) {
	u := newTestUI(t)
	addService(t, u, "Parley AI")
	if err := SetLanguage("ja"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetLanguage("en") })
	d := u.openImport()
	d.kind.SetSelectedIndex(importStatuspage)
	d.service.SetSelected("Parley AI")
	settle(u)
	d.source.SetText(testdata("statuspage-incidents.json"))
	test.Tap(d.check)
	settle(u)
	if d.plan == nil {
		t.Fatalf("no preview: %q", d.form.banner.Text)
	}
	all := strings.Join(texts(d.preview), "|")
	for _, want := range []string{"statuspage-incidents.json から 3 件", "障害", "開始（UTC）", "影響", "新規"} {
		if !strings.Contains(all, want) {
			t.Errorf("Japanese preview lacks %q: %s", want, all)
		}
	}
}

// TestImportWarningsInJapanese: the importer's coded warnings (the encoding
// read, the column chosen of two) are worded in the user's language.
func TestImportWarningsInJapanese(t *testing.T) {
	u := newTestUI(t)
	if err := SetLanguage("ja"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetLanguage("en") })
	d := u.openImport()
	d.kind.SetSelectedIndex(importCSV)
	d.source.SetText(testdata("subscriptions-excel-cp932.csv"))
	test.Tap(d.check)
	settle(u)
	if d.plan == nil {
		t.Fatalf("no preview: %q", d.form.banner.Text)
	}
	var texts []string
	for _, o := range d.preview.Objects {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"⚠ ファイルが UTF-8 ではないため、Shift_JIS (CP932) として読み込みました",
		"⚠ 列「支払方法」と「メモ」は同じ項目を表すため、「支払方法」を使い、「メモ」は取り込みません"} {
		if !strings.Contains(all, want) {
			t.Errorf("preview lacks %q: %s", want, all)
		}
	}
}

// Escape from a focused choice of who wrote an e-mail closes the import,
// as from any other field of it.
func TestImportAuthorChoiceTakesEscape(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Parley AI")
	tk := &journal.Ticket{ServiceID: svc.ID, Subject: "Cannot log in", Channel: journal.ChannelEmail, OpenedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	if err := u.db.CreateTicket(u.ctx, tk); err != nil {
		t.Fatal(err)
	}
	d := previewMail(u)
	authors := authorChoices(d.preview)
	if len(authors) != 1 {
		t.Fatalf("%d author choices, want 1: %q", len(authors), d.form.banner.Text)
	}
	c := u.win.Canvas()
	c.Focus(authors[0])
	press(t, c, fyne.KeyEscape, 0)
	if top := c.Overlays().Top(); top != nil {
		t.Errorf("Escape from the author choice left the import open")
	}
}

// previewMail opens the import and previews an e-mail for Parley AI's ticket.
func previewMail(u *UI) *importDialog {
	d := u.openImport()
	d.kind.SetSelectedIndex(importMail)
	d.service.SetSelected("Parley AI")
	settle(u)
	d.source.SetText(testdata("mail-reply-utf8.eml"))
	test.Tap(d.check)
	settle(u)
	return d
}

// authorChoices are the choices of who wrote each received e-mail in an
// import's preview, in order.
func authorChoices(o fyne.CanvasObject) []*keySelect {
	var out []*keySelect
	walkFields(o, func(f fyne.CanvasObject) {
		if s, ok := f.(*keySelect); ok && slices.Equal(s.Options, []string{"Human", "Bot", "Automatic reply"}) {
			out = append(out, s)
		}
	})
	return out
}
