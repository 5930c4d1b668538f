package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lapse/app/journal"
	"lapse/storage"
)

// addService creates a service directly in the journal and refreshes the window.
func addService(t *testing.T, u *UI, name string) *journal.Service {
	t.Helper()
	s := &journal.Service{Name: name}
	if err := u.db.CreateService(u.ctx, s); err != nil {
		t.Fatal(err)
	}
	u.reload()
	settle(u)
	return s
}

func outagesOf(t *testing.T, u *UI, svc *journal.Service) []*journal.Outage {
	t.Helper()
	outs, err := u.db.Outages(u.ctx, storage.OutageFilter{ServiceID: &svc.ID})
	if err != nil {
		t.Fatal(err)
	}
	return outs
}

func TestDownNowThenItsBack(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Parley AI")
	u.show(svc.ID) // on the Summary: "Down now" below opens Outages
	now := fixedNow
	u.now = func() time.Time { return now }

	d := u.openDownNow()
	d.service.SetSelected("Parley AI")
	test.Type(d.note, "login loop")
	test.Tap(d.start)
	settle(u)
	if !u.ongoing[svc.ID] {
		t.Fatalf("sidebar does not mark the service as down")
	}
	tab := u.service.outages
	if !tab.backBtn.Visible() || tab.downBtn.Visible() {
		t.Errorf("outages tab should offer It's back, not Down now, during an outage")
	}

	now = fixedNow.Add(2*time.Hour + 30*time.Minute)
	test.Tap(tab.backBtn)
	settle(u)
	outs := outagesOf(t, u, svc)
	if len(outs) != 1 {
		t.Fatalf("%d outages, want 1", len(outs))
	}
	o := outs[0]
	if o.Title != "login loop" || !o.Start.Equal(fixedNow) || o.End == nil || !o.End.Equal(now) {
		t.Errorf("outage = %q %v – %v, want login loop %v – %v", o.Title, o.Start, o.End, fixedNow, now)
	}
	if u.ongoing[svc.ID] {
		t.Errorf("the service is still marked down")
	}
}

func TestEditOutageEndTime(t *testing.T) {
	u := newTestUI(t)
	u.loc = time.UTC
	svc := addService(t, u, "Streamly")
	end := fixedNow.Add(time.Hour)
	if err := u.db.CreateOutage(u.ctx, &journal.Outage{ServiceID: svc.ID, Start: fixedNow, End: &end, Impact: journal.ImpactDown, Source: journal.SourceMe}); err != nil {
		t.Fatal(err)
	}
	u.showTab(svc.ID, tabOutages)
	settle(u)
	f := u.service.outages.edit(0)
	f.end.entry.SetText("2026-11-25 14:45")
	test.Tap(f.save)
	settle(u)
	o := outagesOf(t, u, svc)[0]
	if want := time.Date(2026, 11, 25, 14, 45, 0, 0, time.UTC); o.End == nil || !o.End.Equal(want) {
		t.Errorf("end = %v, want %v", o.End, want)
	}
}

func TestInvalidEndTimeShowsErrorAndSavesNothing(t *testing.T) {
	u := newTestUI(t)
	u.loc = time.UTC
	svc := addService(t, u, "Streamly")
	u.showTab(svc.ID, tabOutages)
	settle(u)
	f := u.service.outages.onAdd()
	f.start.entry.SetText("2026-11-25 10:00")
	f.end.entry.SetText("2026-11-24 09:00")
	test.Tap(f.save)
	settle(u)
	if got := f.form.errorOf("end"); got != "End must not be before the start" {
		t.Errorf("end error = %q", got)
	}
	f.end.entry.SetText("yesterday-ish")
	test.Tap(f.save)
	settle(u)
	if got := f.form.errorOf("end"); got != "End: not a date Lapse can read — type YYYY-MM-DD HH:MM, e.g. 2024-07-18 09:05" {
		t.Errorf("end error = %q", got)
	}
	if n := len(outagesOf(t, u, svc)); n != 0 {
		t.Errorf("%d outages saved, want 0", n)
	}
}

func TestDeleteOutageThenUndo(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Streamly")
	if err := u.db.CreateOutage(u.ctx, &journal.Outage{ServiceID: svc.ID, Title: "buffering", Start: fixedNow, Impact: journal.ImpactDegraded, Source: journal.SourceMe}); err != nil {
		t.Fatal(err)
	}
	u.showTab(svc.ID, tabOutages)
	settle(u)
	u.service.outages.edit(0).onDelete()
	settle(u)
	if n := len(outagesOf(t, u, svc)); n != 0 {
		t.Fatalf("outage still listed after delete")
	}
	if !u.undo.box.Visible() {
		t.Fatalf("no Undo offered after delete")
	}
	test.Tap(u.undo.button)
	settle(u)
	outs := outagesOf(t, u, svc)
	if len(outs) != 1 || outs[0].Title != "buffering" {
		t.Fatalf("undo did not restore the outage: %v", outs)
	}
	if len(u.service.outages.outages) != 1 {
		t.Errorf("the outages tab was not refreshed after undo")
	}
}

func TestDeleteServiceThenRestoreFromTrash(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Boxdrive")
	if err := u.db.CreateOutage(u.ctx, &journal.Outage{ServiceID: svc.ID, Start: fixedNow, Impact: journal.ImpactDown, Source: journal.SourceMe}); err != nil {
		t.Fatal(err)
	}
	if _, err := u.db.DeleteService(u.ctx, svc.ID); err != nil {
		t.Fatal(err)
	}
	u.refresh()
	settle(u)
	if len(sidebarNames(t, u)) != 0 {
		t.Fatalf("deleted service still listed")
	}
	tr := u.openTrash()
	settle(u)
	if len(tr.items) != 1 || tr.items[0].Label != "Service: Boxdrive" || trashLabel(tr.items[0]) != "Boxdrive" {
		t.Fatalf("trash = %+v", tr.items)
	}
	tr.onRestore(tr.items[0].ID)
	settle(u)
	if got := sidebarNames(t, u); len(got) != 1 || got[0] != "Boxdrive" {
		t.Fatalf("after restore the sidebar lists %v", got)
	}
	if n := len(outagesOf(t, u, svc)); n != 1 {
		t.Errorf("the service's outage did not come back (%d)", n)
	}
	if len(tr.items) != 0 {
		t.Errorf("trash still lists %d items", len(tr.items))
	}
}

func TestSearchFindsMessageBySummaryWord(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Parley AI")
	tk := &journal.Ticket{ServiceID: svc.ID, Channel: journal.ChannelEmail, OpenedAt: fixedNow.Add(-48 * time.Hour)}
	if err := u.db.CreateTicket(u.ctx, tk); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Cannot log in from Chrome", "Please clear your cookies"} {
		m := &journal.Message{TicketID: tk.ID, At: fixedNow.Add(-24 * time.Hour), Direction: journal.Received, Author: journal.AuthorHuman, Summary: s}
		if err := u.db.AddMessage(u.ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	test.Type(u.toolbar.search, "cookies")
	settle(u)
	hits := u.search.hits
	if len(hits) != 1 || hits[0].Kind != "message" || hits[0].ServiceID != svc.ID {
		t.Fatalf("search hits = %+v", hits)
	}
	u.search.onSelected(0)
	if u.selected != svc.ID || u.service.tabs.SelectedIndex() != tabSupport {
		t.Errorf("choosing the hit did not open the service's Support tab")
	}
	settle(u) // the thread reads its ticket
	if th := u.service.support.thread; th == nil || shown(th.title) != subjectText(tk) {
		t.Errorf("choosing the hit did not open the ticket's thread: %v %q", th == nil, texts(u.body))
	}
}

// "Down now" appears once the outages arrive, laid out at its size.
func TestDownNowShownOnceOutagesArrive(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Streamly")
	u.showTab(svc.ID, tabOutages)
	tab := u.service.outages
	if tab.downBtn.Visible() || tab.backBtn.Visible() {
		t.Errorf("Down now or It's back offered before the outages arrived")
	}
	settle(u)
	if !tab.downBtn.Visible() || tab.downBtn.Size().Width < tab.downBtn.MinSize().Width {
		t.Errorf("Down now: shown %v at %v, want shown at least %v", tab.downBtn.Visible(), tab.downBtn.Size(), tab.downBtn.MinSize())
	}
}

// The outage form offers the platforms used before, read off the UI thread.
func TestOutageFormSuggestsPlatformsUsedBefore(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Streamly")
	if err := u.db.CreateOutage(u.ctx, &journal.Outage{ServiceID: svc.ID, Start: fixedNow, Impact: journal.ImpactDown, Source: journal.SourceMe,
		Platforms: []string{"Chrome (PC)"}}); err != nil {
		t.Fatal(err)
	}
	u.showTab(svc.ID, tabOutages)
	settle(u)
	f := u.service.outages.onAdd()
	settle(u)
	test.Tap(f.platforms.input.ActionItem.(fyne.Tappable)) // open the list of choices
	if shown := canvasTexts(u.win.Canvas().Overlays().Top()); !slices.Contains(shown, "Chrome (PC)") {
		t.Errorf("the platforms offered are %q, want Chrome (PC) among them", shown)
	}
}
