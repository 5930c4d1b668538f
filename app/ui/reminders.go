package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/verdict"
	"lapse/app/words"
	"lapse/storage"
)

// reminderEvery is how often a running Lapse looks for reminders to notify.
const reminderEvery = time.Hour

// notQuiet drops the reminders the user dismissed or snoozed.
func notQuiet(all []verdict.Reminder, states map[string]storage.ReminderState, now time.Time) []verdict.Reminder {
	var out []verdict.Reminder
	for _, r := range all {
		if !states[r.Key].Quiet(now) {
			out = append(out, r)
		}
	}
	return out
}

// checkReminders sends a desktop notification for each active reminder that
// was not notified today yet; the journal remembers what was sent. It runs
// off the UI thread, on the journal it is given.
func checkReminders(ctx context.Context, db *storage.DB, now time.Time, loc *time.Location, l words.Lang, send func(*fyne.Notification)) {
	all, err := review.Reminders(ctx, db, now, loc)
	if err != nil {
		fyne.LogError("check reminders", err)
		return
	}
	states, err := db.ReminderStates(ctx)
	if err != nil {
		fyne.LogError("check reminders", err)
		return
	}
	today := journal.DateOf(now.In(loc))
	for _, r := range notQuiet(all, states, now) {
		first, err := db.MarkNotified(ctx, r.Key, today)
		if err != nil {
			fyne.LogError("remember reminder "+r.Key, err)
			continue
		}
		if first {
			send(fyne.NewNotification(r.Title(l), r.Body(l)))
		}
	}
}

// watchReminders checks now and then every reminderEvery until the window
// closes.
func (u *UI) watchReminders() {
	ctx, cancel := context.WithCancel(context.Background())
	u.stopReminders = cancel
	check := func() { // on the UI thread: the journal open now
		db, now, loc, l := u.db, u.now(), u.loc, u.lang()
		u.thread.Go(func() { checkReminders(ctx, db, now, loc, l, u.app.SendNotification) })
	}
	check()
	go func() {
		t := time.NewTicker(reminderEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				u.thread.Do(check)
			}
		}
	}()
}

// remindersPanel lists what needs attention on the Overview, each with
// "Snooze a day" and "Dismiss".
type remindersPanel struct {
	ses   *session
	items []verdict.Reminder
}

func (p *remindersPanel) build() fyne.CanvasObject {
	rs := p.items
	l := p.ses.lang()
	box := container.NewVBox(&widget.Label{Text: lang.X("reminders.title", "Needs your attention"), TextStyle: fyne.TextStyle{Bold: true}})
	for _, r := range rs {
		r := r
		title := &widget.Button{Text: r.Title(l), Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading,
			OnTapped: func() { p.open(r) }}
		body := &widget.Label{Text: r.Body(l), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
		snooze := &widget.Button{Text: lang.X("action.snooze", "Snooze a day"), Importance: widget.LowImportance, OnTapped: func() { p.onSnooze(r.Key) }}
		dismiss := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: func() { p.onDismiss(r.Key) }}
		row := container.NewBorder(nil, nil, widget.NewIcon(reminderIcon(r.Kind)), container.NewHBox(snooze, dismiss), container.NewVBox(title, body))
		box.Add(row)
	}
	return container.NewStack(cardBackground(theme.Color(theme.ColorNameInputBackground)), container.NewPadded(box))
}

func reminderIcon(k verdict.ReminderKind) fyne.Resource {
	switch k {
	case verdict.RemindCancelBefore:
		return theme.NewErrorThemedResource(theme.WarningIcon())
	case verdict.RemindTicketWaiting:
		return theme.MailComposeIcon()
	case verdict.RemindOutageOpen:
		return theme.NewErrorThemedResource(theme.MediaRecordIcon())
	}
	return theme.HistoryIcon()
}

// open shows the service on the tab the reminder is about.
func (p *remindersPanel) open(r verdict.Reminder) {
	switch r.Kind {
	case verdict.RemindTicketWaiting:
		p.ses.tab = tabSupport
	case verdict.RemindOutageOpen:
		p.ses.tab = tabOutages
	default:
		p.ses.tab = tabPlan
	}
	p.ses.show(r.ServiceID)
}

func (p *remindersPanel) onSnooze(key string) {
	db, until := p.ses.db, p.ses.now().Add(24*time.Hour)
	p.ses.write(func(ctx context.Context) error { return db.SnoozeReminder(ctx, key, until) }, p.afterWrite)
}

func (p *remindersPanel) onDismiss(key string) {
	db := p.ses.db
	p.ses.write(func(ctx context.Context) error { return db.DismissReminder(ctx, key) }, p.afterWrite)
}

// afterWrite shows a snooze's or dismissal's error, or the Overview without it.
func (p *remindersPanel) afterWrite(err error) {
	if err != nil {
		p.ses.showError(err)
		return
	}
	p.ses.show(0)
}
