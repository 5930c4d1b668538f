package ui

// TEMPORARY file for a UX review; must be deleted afterwards.

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"lapse/app/demo"
	"lapse/app/journal"
	"lapse/storage"
)

const uxDir = "/tmp/uxreview/shots"

func TestZZUXReview(t *testing.T) {
	if os.Getenv("UXREVIEW") == "" {
		t.Skip()
	}
	os.MkdirAll(uxDir, 0o755)
	sizes := []fyne.Size{fyne.NewSize(1024, 700)}
	if os.Getenv("UXBIG") != "" {
		sizes = append(sizes, fyne.NewSize(1280, 800))
	}
	for _, lng := range []string{"en", "ja"} {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s-%d", lng, int(sz.Width)), func(t *testing.T) { uxRender(t, lng, sz) })
		}
	}
}

func uxRender(t *testing.T, lng string, sz fyne.Size) {
	a := test.NewTempApp(t)
	if err := SetLanguage(lng); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetLanguage("en") })
	var u *UI
	nowFn := func() time.Time {
		if u == nil {
			return fixedNow
		}
		return u.now()
	}
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"), storage.Options{Now: nowFn})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, _ := db.Settings(context.Background())
	s.TimeZone = map[string]string{"en": "Europe/London", "ja": "Asia/Tokyo"}[lng]
	db.SaveSettings(context.Background(), s)
	if err := demo.Fill(context.Background(), db, demo.Small, lng, fixedNow); err != nil {
		t.Fatal(err)
	}
	u = New(a, db, Options{Now: func() time.Time { return fixedNow }})
	u.win.Resize(sz)
	u.win.Show()
	defer u.win.Close()
	prefix := fmt.Sprintf("%s-%d-", lng, int(sz.Width))
	c := u.win.Canvas()
	shot := func(name string) {
		t.Helper()
		time.Sleep(350 * time.Millisecond)
		img := c.Capture()
		f, err := os.Create(filepath.Join(uxDir, prefix+name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		png.Encode(f, img)
	}
	closeAll := func() {
		for o := c.Overlays().Top(); o != nil; o = c.Overlays().Top() {
			c.Overlays().Remove(o)
		}
	}
	shot("01-overview")
	// scroll overview to the bottom
	if sc := findScroll(u.body); sc != nil {
		sc.ScrollToBottom()
		shot("01b-overview-bottom")
	}
	var chat, video, drive *journal.Service
	for _, svc := range u.services {
		switch svc.Website {
		case "https://parley.example":
			chat = svc
		case "https://streamly.example":
			video = svc
		case "https://boxdrive.example":
			drive = svc
		}
	}
	for _, tab := range []struct {
		index int
		name  string
	}{{tabSummary, "summary"}, {tabOutages, "outages"}, {tabSupport, "support"}, {tabPlan, "plan"}} {
		u.service.lastTab = tab.index
		u.show(chat.ID)
		shot("02-chat-" + tab.name)
		if tab.index == tabSummary || tab.index == tabPlan {
			if sc := findScroll(u.service.tabs.Selected().Content); sc != nil {
				sc.ScrollToOffset(fyne.NewPos(0, 330))
				shot("02-chat-" + tab.name + "-mid")
				sc.ScrollToBottom()
				shot("02-chat-" + tab.name + "-bottom")
			}
		}
		if tab.index == tabSupport && len(u.service.support.tickets) > 0 {
			u.service.support.openThread(u.service.support.tickets[0].ID)
			shot("02-chat-thread")
			u.service.support.thread.scroll.ScrollToTop()
			shot("02-chat-thread-top")
			u.service.support.showList()
		}
	}
	// video plan (price change) and support
	u.service.lastTab = tabPlan
	u.show(video.ID)
	shot("03-video-plan")
	u.service.lastTab = tabSummary
	u.show(video.ID)
	shot("03-video-summary")
	u.service.lastTab = tabSupport
	u.show(video.ID)
	u.service.support.openThread(u.service.support.tickets[0].ID)
	shot("03-video-thread")
	u.service.lastTab = tabOutages
	u.show(drive.ID)
	shot("04-drive-outages")
	u.service.lastTab = tabSummary
	u.show(drive.ID)
	shot("04-drive-summary")

	// dialogs
	u.show(chat.ID)
	u.openSettings()
	shot("10-settings")
	closeAll()
	u.openExport()
	shot("11-export")
	u.lastExport.period.choice.SetSelectedIndex(periodCustom)
	shot("11b-export-custom")
	u.lastExport.period.choice.SetSelectedIndex(period12)
	closeAll()
	u.openImport()
	shot("12-import")
	u.lastImport.kind.SetSelectedIndex(importMail)
	shot("12b-import-mail")
	closeAll()
	u.openBackups()
	shot("13-backups")
	closeAll()
	u.openTrash()
	shot("14-trash")
	closeAll()
	u.openDownNow()
	shot("15-downnow")
	closeAll()
	u.openHelp()
	shot("16-help")
	closeAll()
	newServiceForm(u, nil).open()
	shot("17-add-service")
	closeAll()
	newServiceForm(u, chat).open()
	shot("17b-edit-service")
	closeAll()
	newOutageForm(u, chat, nil, func() {}).open()
	shot("18-add-outage")
	closeAll()
	outs, _ := u.db.Outages(u.ctx, storage.OutageFilter{ServiceID: &chat.ID})
	var login *journal.Outage
	for _, o := range outs {
		if len(o.Steps) > 0 {
			login = o
		}
	}
	if login != nil {
		f := newOutageForm(u, chat, login, func() {})
		f.open()
		shot("18b-edit-outage")
		closeAll()
	}
	u.service.lastTab = tabSupport
	u.show(chat.ID)
	tf := newTicketForm(u, u.service.support, nil)
	tf.open()
	shot("19-new-ticket")
	closeAll()
	u.service.support.openThread(u.service.support.tickets[0].ID)
	th := u.service.support.thread
	th.onEdit()
	shot("19b-edit-ticket")
	closeAll()
	th.onResolve()
	shot("19c-resolve")
	closeAll()
	th.onEditMessage(th.ticket.Messages[1])
	shot("19d-edit-message")
	closeAll()
	subs, _ := u.db.Subscriptions(u.ctx, storage.SubscriptionFilter{ServiceID: &chat.ID})
	newSubscriptionForm(u, chat, nil, func() {}).open()
	shot("20-add-sub")
	closeAll()
	newPriceChangeForm(u, subs[0], func() {}).open()
	shot("20b-price-change")
	closeAll()
	newCancelForm(u, subs[0], func() {}).open()
	shot("20c-cancel-plan")
	closeAll()
	df := newDecisionForm(u, chat, nil, "USD", func() {})
	df.open()
	shot("21-decision")
	df.kind.SetSelectedIndex(3)
	shot("21b-decision-refund")
	df.kind.SetSelectedIndex(2)
	shot("21c-decision-switch")
	closeAll()

	// search
	q := "login"
	if lng == "ja" {
		q = "ログイン"
	}
	u.openSearch(q)
	shot("30-search")
	u.openSearch("zzzznothing")
	shot("30b-search-none")

	// Extra checks
	{
		u.service.lastTab = tabPlan
		u.show(video.ID)
		vsubs, _ := u.db.Subscriptions(u.ctx, storage.SubscriptionFilter{ServiceID: &video.ID})
		newSubscriptionForm(u, video, vsubs[0], func() {}).open()
		shot("70-edit-sub-with-history")
		closeAll()
		// open ticket with long running silence
		u.service.lastTab = tabSupport
		u.show(chat.ID)
		opened := fixedNow.Add(-12 * 24 * time.Hour)
		tk := &journal.Ticket{ServiceID: chat.ID, Subject: "Charged twice this month", Channel: journal.ChannelEmail, OpenedAt: opened}
		if err := u.db.CreateTicket(u.ctx, tk); err != nil {
			t.Fatal(err)
		}
		for _, m := range []journal.Message{
			{At: opened, Direction: journal.Sent, Author: journal.AuthorMe, Summary: "I was charged twice on 30 Oct"},
			{At: opened.Add(time.Hour), Direction: journal.Received, Author: journal.AuthorBot, Summary: "Rate your conversation"},
			{At: opened.Add(26 * time.Hour), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "Following up"},
		} {
			m.TicketID = tk.ID
			u.db.AddMessage(u.ctx, &m)
		}
		u.show(chat.ID)
		u.service.support.openThread(tk.ID)
		u.win.Resize(fyne.NewSize(sz.Width+2, sz.Height))
		u.win.Resize(sz)
		shot("71-thread-running-silence")
		u.service.support.showList()
		shot("72-support-list-two")
		u.show(0)
		shot("73-overview-with-waiting")
		u.service.lastTab = tabSummary
		for _, svc := range u.services {
			if svc.Website == "https://quill.example" {
				u.show(svc.ID)
			}
		}
		shot("74-quill-summary")
	}
	// Flow: add a service
	sf := newServiceForm(u, nil)
	sf.open()
	test.Type(sf.name, "Mailbox Pro")
	sf.category.SetText("Email")
	test.Tap(sf.save)
	shot("40-new-service-summary")
	newSvc := u.serviceByID(u.selected)
	u.service.lastTab = tabOutages
	u.show(newSvc.ID)
	shot("41-new-service-outages-empty")
	u.service.lastTab = tabSupport
	u.show(newSvc.ID)
	shot("42-new-service-support-empty")
	u.service.lastTab = tabPlan
	u.show(newSvc.ID)
	shot("43-new-service-plan-empty")
	u.show(0)
	shot("44-overview-with-new")
	// Down now then It's back
	u.show(newSvc.ID)
	u.openDownNow()
	test.Type(u.lastDownNow.note, "webmail 502")
	shot("45-downnow-filled")
	test.Tap(u.lastDownNow.start)
	shot("46-after-downnow")
	// 2 hours later
	later := fixedNow.Add(2*time.Hour + 10*time.Minute)
	u.now = func() time.Time { return later }
	u.service.outages.onBack()
	shot("47-after-back")
	u.service.lastTab = tabSummary
	u.show(newSvc.ID)
	shot("48-new-summary-after-outage")
	// subscription
	u.service.lastTab = tabPlan
	u.show(newSvc.ID)
	plan := newPlanTab(u, newSvc)
	u.body.Objects = []fyne.CanvasObject{container.NewStack(plan.build())}
	u.body.Refresh()
	subF := newSubscriptionForm(u, newSvc, nil, plan.afterChange)
	subF.open()
	test.Type(subF.plan, "Premium")
	test.Type(subF.price, "9.99")
	subF.start.entry.SetText("2026-01-10")
	shot("49-sub-filled")
	test.Tap(subF.save)
	shot("50-plan-after-sub")
	if len(plan.cards) > 0 {
		pf := newPriceChangeForm(u, plan.cards[0].sub, plan.afterChange)
		pf.open()
		pf.price.SetText("12.99")
		shot("51-price-change-filled")
		test.Tap(pf.save)
		shot("52-plan-after-price")
	}
	// ticket flow
	u.service.lastTab = tabSupport
	u.show(newSvc.ID)
	st := u.service.support
	tf2 := newTicketForm(u, st, nil)
	tf2.open()
	test.Type(tf2.subject, "Webmail returns 502")
	test.Type(tf2.first, "Webmail gives 502 since this morning; IMAP works.")
	tf2.outage.SetSelectedIndex(1)
	shot("53-ticket-filled")
	test.Tap(tf2.save)
	shot("54-thread-new")
	th2 := st.thread
	if th2 != nil {
		later2 := later.Add(30 * time.Minute)
		u.now = func() time.Time { return later2 }
		th2.composer.direction.SetSelectedIndex(1)
		th2.composer.author.SetSelectedIndex(1)
		th2.composer.at.entry.SetText(later2.In(u.loc).Format(timeLayout))
		test.Type(th2.composer.summary, "Thanks for contacting us, rate your conversation")
		test.Tap(th2.addBtn)
		later3 := later.Add(3 * 24 * time.Hour)
		u.now = func() time.Time { return later3 }
		th2.composer.at.entry.SetText(later3.In(u.loc).Format(timeLayout))
		test.Type(th2.composer.summary, "Any news? Still 502.")
		test.Tap(th2.addBtn)
		shot("55-thread-after-messages")
		// empty summary error
		th2.composer.summary.SetText("")
		test.Tap(th2.addBtn)
		shot("56-thread-empty-summary-error")
	}
	u.service.lastTab = tabSupport
	u.show(newSvc.ID)
	shot("57-support-list-new")
	u.show(0)
	shot("58-overview-final")
	// service form error
	ef := newServiceForm(u, nil)
	ef.open()
	test.Type(ef.name, "parley ai")
	test.Tap(ef.save)
	shot("59-dup-service-error")
	closeAll()
	// bad subscription
	bf := newSubscriptionForm(u, newSvc, nil, func() {})
	bf.open()
	test.Type(bf.price, "abc")
	test.Tap(bf.save)
	shot("60-bad-price-error")
	closeAll()
	// Empty journal welcome: separate db
	db2, _ := storage.Open(context.Background(), filepath.Join(t.TempDir(), "empty.db"), storage.Options{Now: nowFn})
	defer db2.Close()
	old := u.db
	u.db = db2
	u.selected = 0
	u.reload()
	u.show(0)
	shot("61-welcome")
	u.openExport()
	shot("62-export-empty")
	closeAll()
	u.db = old
}

func findScroll(o fyne.CanvasObject) *container.Scroll {
	switch v := o.(type) {
	case *container.Scroll:
		return v
	case *fyne.Container:
		for _, c := range v.Objects {
			if s := findScroll(c); s != nil {
				return s
			}
		}
	}
	return nil
}
