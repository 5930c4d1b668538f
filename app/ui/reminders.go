package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/verdict"
)

// reminderEvery is how often a running Lapse looks for reminders to notify.
const reminderEvery = time.Hour

// activeReminders are the reminders that are neither dismissed nor snoozed.
func (u *UI) activeReminders() ([]verdict.Reminder, error) {
	all, err := review.Reminders(u.ctx, u.db, u.now(), u.loc)
	if err != nil {
		return nil, err
	}
	return u.notQuiet(all)
}

// notQuiet drops the reminders the user dismissed or snoozed.
func (u *UI) notQuiet(all []verdict.Reminder) ([]verdict.Reminder, error) {
	states, err := u.db.ReminderStates(u.ctx)
	if err != nil {
		return nil, err
	}
	now := u.now()
	var out []verdict.Reminder
	for _, r := range all {
		if !states[r.Key].Quiet(now) {
			out = append(out, r)
		}
	}
	return out, nil
}

// checkReminders sends a desktop notification for each active reminder that
// was not notified today yet; the journal remembers what was sent.
func (u *UI) checkReminders() {
	rs, err := u.activeReminders()
	if err != nil {
		fyne.LogError("check reminders", err)
		return
	}
	today := journal.DateOf(u.now().In(u.loc))
	l := u.lang()
	for _, r := range rs {
		first, err := u.db.MarkNotified(u.ctx, r.Key, today)
		if err != nil {
			fyne.LogError("remember reminder "+r.Key, err)
			continue
		}
		if first {
			u.app.SendNotification(fyne.NewNotification(r.Title(l), r.Body(l)))
		}
	}
}

// watchReminders checks now and then every reminderEvery while Lapse runs.
func (u *UI) watchReminders() {
	u.checkReminders()
	go func() {
		t := time.NewTicker(reminderEvery)
		defer t.Stop()
		for range t.C {
			fyne.Do(u.checkReminders)
		}
	}()
}

// remindersPanel lists what needs attention on the Overview, each with
// "Snooze a day" and "Dismiss".
type remindersPanel struct {
	ui     *UI
	review *review.Review // the Overview's figures, whose records the reminders reuse
	items  []verdict.Reminder
	rows   []*fyne.Container
}

func (p *remindersPanel) build() fyne.CanvasObject {
	all, err := p.review.Reminders(p.ui.ctx, p.ui.db)
	if err != nil {
		return nil
	}
	rs, err := p.ui.notQuiet(all)
	if err != nil || len(rs) == 0 {
		return nil
	}
	p.items = rs
	l := p.ui.lang()
	box := container.NewVBox(&widget.Label{Text: lang.X("reminders.title", "Needs your attention"), TextStyle: fyne.TextStyle{Bold: true}})
	for _, r := range rs {
		r := r
		title := &widget.Button{Text: r.Title(l), Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading,
			OnTapped: func() { p.open(r) }}
		body := &widget.Label{Text: r.Body(l), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
		snooze := &widget.Button{Text: lang.X("action.snooze", "Snooze a day"), Importance: widget.LowImportance, OnTapped: func() { p.onSnooze(r.Key) }}
		dismiss := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: func() { p.onDismiss(r.Key) }}
		row := container.NewBorder(nil, nil, widget.NewIcon(reminderIcon(r.Kind)), container.NewHBox(snooze, dismiss), container.NewVBox(title, body))
		p.rows = append(p.rows, row)
		box.Add(row)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewPadded(box))
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
		p.ui.service.lastTab = tabSupport
	case verdict.RemindOutageOpen:
		p.ui.service.lastTab = tabOutages
	default:
		p.ui.service.lastTab = tabPlan
	}
	p.ui.show(r.ServiceID)
}

func (p *remindersPanel) onSnooze(key string) {
	if err := p.ui.db.SnoozeReminder(p.ui.ctx, key, p.ui.now().Add(24*time.Hour)); err != nil {
		p.ui.showError(err)
		return
	}
	p.ui.show(0)
}

func (p *remindersPanel) onDismiss(key string) {
	if err := p.ui.db.DismissReminder(p.ui.ctx, key); err != nil {
		p.ui.showError(err)
		return
	}
	p.ui.show(0)
}
