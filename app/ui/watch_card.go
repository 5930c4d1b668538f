package ui

import (
	"context"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/statuswatch"
)

// watchCards are the Overview's questions about what the vendors' status
// pages report (statuswatch.Pending, so they outlive a restart): "are you
// affected?" with Down now / Not me, and "It's back?" with Yes / Still down.
type watchCards struct {
	ses       *session
	questions []statuswatch.Question
}

func (c *watchCards) build() fyne.CanvasObject {
	box := container.NewVBox()
	for _, q := range c.questions {
		box.Add(c.card(q))
	}
	return box
}

// card is one question with its two answers.
func (c *watchCards) card(q statuswatch.Question) fyne.CanvasObject {
	args := map[string]any{"Service": q.Service.Name, "Title": q.Incident.Title}
	var text string
	var yes, no *widget.Button
	icon := theme.NewWarningThemedResource(theme.WarningIcon())
	if q.Kind == statuswatch.EventBack {
		// Neutral on who ended it: an incident a feed dropped was ended by
		// Lapse, and the vendor said nothing (EventLeft).
		text = lang.X("watch.card_back", "{{.Service}}'s status page no longer lists “{{.Title}}” as going on. It's back?", args)
		yes = &widget.Button{Text: lang.X("watch.action_back", "Yes, it's back"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: func() { c.onBack(q) }}
		no = &widget.Button{Text: lang.X("watch.action_still_down", "Still down"), Importance: widget.LowImportance, OnTapped: func() { c.onNotMe(q) }}
		icon = theme.NewSuccessThemedResource(theme.HistoryIcon())
	} else {
		text = lang.X("watch.card_reported", "{{.Service}} reports “{{.Title}}” — are you affected?", args)
		yes = &widget.Button{Text: lang.X("action.down_now", "Down now"), Icon: theme.NewErrorThemedResource(theme.MediaRecordIcon()), Importance: widget.DangerImportance, OnTapped: func() { c.onDownNow(q) }}
		no = &widget.Button{Text: lang.X("watch.action_not_me", "Not me"), Importance: widget.LowImportance, OnTapped: func() { c.onNotMe(q) }}
	}
	since := &widget.Label{Text: lang.X("watch.card_since", "Since {{.Start}}", map[string]any{"Start": c.ses.formatTime(q.Incident.Start)}),
		Importance: widget.LowImportance}
	msg := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	under := container.NewHBox(since)
	if u, err := url.Parse(q.Incident.Link); err == nil && u.Scheme == "https" {
		under.Add(widget.NewHyperlink(lang.X("watch.open_incident", "The incident on the status page"), u))
	}
	row := container.NewBorder(nil, nil, widget.NewIcon(icon), container.NewCenter(container.NewHBox(yes, no)), container.NewVBox(msg, under))
	return container.NewStack(cardBackground(theme.Color(theme.ColorNameInputBackground)), container.NewPadded(row))
}

// onDownNow starts the user's outage linked to the incident (one write)
// and shows it on the service's Outages tab.
func (c *watchCards) onDownNow(q statuswatch.Question) {
	db := c.ses.db
	c.ses.write(func(ctx context.Context) error {
		_, err := statuswatch.DownNow(ctx, db, &q.Incident)
		return err
	}, func(err error) {
		if err != nil {
			c.ses.showError(err)
			return
		}
		c.ses.reloadThen(func() { c.ses.showTab(q.Service.ID, tabOutages) })
	})
}

// onBack ends the user's outage linked to the incident: it is back now.
func (c *watchCards) onBack(q statuswatch.Question) {
	db := c.ses.db
	c.ses.write(func(ctx context.Context) error {
		_, err := db.EndOutage(ctx, q.Lived.ID)
		return err
	}, c.afterWrite)
}

// onNotMe remembers the answer: the question is not asked again.
func (c *watchCards) onNotMe(q statuswatch.Question) {
	db := c.ses.db
	c.ses.write(func(ctx context.Context) error { return statuswatch.NotMe(ctx, db, q) }, c.afterWrite)
}

// afterWrite shows an answer's error, or the Overview without its question.
func (c *watchCards) afterWrite(err error) {
	if err != nil {
		c.ses.showError(err)
		return
	}
	c.ses.refresh()
}
