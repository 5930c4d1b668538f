package ui

import (
	"context"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/words"
)

// noFigure stands for a metric that has no value yet.
const noFigure = "—"

// threadJournal is what a ticket thread and its message forms read and write.
type threadJournal interface {
	AddMessage(ctx context.Context, m *journal.Message) error
	DeleteMessage(ctx context.Context, id int64) (int64, error)
	Ticket(ctx context.Context, id int64) (*journal.Ticket, error)
	UpdateMessage(ctx context.Context, m *journal.Message) error
	UpdateTicket(ctx context.Context, t *journal.Ticket) error
}

// ticketThread shows one ticket as a thread: its header, the live metrics,
// the messages in time order with the gaps between them, and a form that
// adds the next message in one step.
type ticketThread struct {
	ses    *session
	db     threadJournal
	tab    *supportTab
	id     int64
	ticket *journal.Ticket // nil until loaded, or once deleted
	load   loader          // the ticket being read again

	title      *textCell
	status     *widget.Label
	info       *textCell
	resolveBtn *widget.Button
	reopenBtn  *widget.Button

	firstResponse  *widget.Label
	firstHuman     *widget.Label
	longestSilence *widget.Label
	silenceRunning *widget.Label
	followUps      *widget.Label
	resolution     *widget.Label

	messages   *fyne.Container
	scroll     *container.Scroll
	gaps       []*widget.Label // the line before each message but the first
	nudge      *widget.Label   // "waiting for a human reply for …" on an open ticket
	closedNote *widget.Label

	composer *messageForm
	addBtn   *widget.Button
}

// newTicketThread is the thread of ticketID; known is that ticket with its
// messages when the list has it already (nil: it is read in the background).
func newTicketThread(u *session, tab *supportTab, ticketID int64, known *journal.Ticket) *ticketThread {
	return &ticketThread{ses: u, db: u.db, tab: tab, id: ticketID, ticket: known, load: loader{thread: u.thread}}
}

func (th *ticketThread) build() fyne.CanvasObject {
	back := &widget.Button{Text: lang.X("action.all_tickets", "All tickets"), Icon: theme.NavigateBackIcon(), OnTapped: th.tab.showList}
	edit := &widget.Button{Text: lang.X("action.edit_ticket", "Edit ticket"), Icon: theme.DocumentCreateIcon(), OnTapped: func() { th.onEdit() }}
	th.resolveBtn = &widget.Button{Text: lang.X("action.mark_resolved", "Close ticket"), Icon: theme.ConfirmIcon(), OnTapped: func() { th.onResolve() }}
	th.reopenBtn = &widget.Button{Text: lang.X("action.reopen", "Reopen"), Icon: theme.ViewRefreshIcon(), OnTapped: th.onReopen}
	th.title = newStyledCell("", widget.MediumImportance, fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText)
	th.status = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	th.info = newTextCell("", widget.MediumImportance)
	header := container.NewBorder(nil, nil, back, container.NewHBox(edit, th.resolveBtn, th.reopenBtn), th.title)
	infoLine := container.NewBorder(nil, nil, th.status, nil, th.info)

	th.messages = container.NewVBox()
	th.nudge = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	th.closedNote = &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	th.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(th.messages, th.nudge, th.closedNote)))

	th.composer = newMessageForm(th.ses, nil, nil)
	th.addBtn = &widget.Button{Text: lang.X("action.add_message", "Add"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: th.onAddMessage}
	(&formKeys{submit: th.onAddMessage}).bind(th.composer.form.grid)
	composeTitle := &widget.Label{Text: lang.X("support.compose_title", "Add a message"), TextStyle: fyne.TextStyle{Bold: true}}
	th.composer.body.SetMinRowsVisible(2)
	// The Add button stays in sight however little room the form has.
	compose := container.NewBorder(composeTitle, container.NewHBox(layout.NewSpacer(), th.addBtn), nil, nil,
		container.NewVScroll(th.composer.form.content()))
	split := container.NewHSplit(th.scroll, compose)
	split.Offset = 0.6

	metrics := th.buildMetrics()
	if th.ticket != nil {
		th.composer.ticket = th.ticket
		th.render()
	} else {
		th.reload()
	}
	th.resetComposer()
	top := container.NewVBox(header, infoLine, metrics, widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, split)
}

// metricColumns gives the longest silence room for "still running" beside it.
var metricColumns = columns{1, 1.2, 1.6, 0.9, 1.1}

// buildMetrics lays the five ticket metrics out side by side.
func (th *ticketThread) buildMetrics() fyne.CanvasObject {
	value := func() *widget.Label { return &widget.Label{TextStyle: fyne.TextStyle{Bold: true}} }
	stat := func(caption string, v fyne.CanvasObject) fyne.CanvasObject {
		c := widget.NewRichText(&widget.TextSegment{Text: caption, Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder}})
		c.Truncation = fyne.TextTruncateEllipsis
		return container.NewVBox(c, v)
	}
	th.firstResponse, th.firstHuman, th.longestSilence, th.followUps, th.resolution = value(), value(), value(), value(), value()
	th.silenceRunning = &widget.Label{Text: lang.X("support.still_running", "still running"), Importance: widget.DangerImportance}
	return container.New(metricColumns,
		stat(lang.X("support.first_response", "First response"), th.firstResponse),
		stat(lang.X("support.first_human_response", "First human reply"), th.firstHuman),
		stat(lang.X("support.longest_silence", "Longest silence"), container.NewHBox(th.longestSilence, th.silenceRunning)),
		stat(lang.X("support.follow_ups", "Follow-ups"), th.followUps),
		stat(lang.X("support.time_to_resolution", "Time to resolution"), th.resolution))
}

// reload reads the ticket again off the UI thread and redraws the thread;
// a ticket gone to the trash returns to the list.
func (th *ticketThread) reload() { th.reloadThen(nil) }

// reloadThen is reload, then after (if not nil) once the thread is redrawn.
func (th *ticketThread) reloadThen(after func()) {
	db, id := th.db, th.id
	th.load.start(func(ctx context.Context) func() {
		tk, err := db.Ticket(ctx, id)
		return func() {
			if journal.ErrorCode(err) == journal.ENOTFOUND {
				th.ticket = nil
				if th.tab.thread == th {
					th.tab.showList()
				}
				return
			}
			if err != nil {
				th.ses.showError(err)
				return
			}
			first := th.ticket == nil
			th.ticket = tk
			th.composer.ticket = tk
			th.render()
			if first && th.composer.summary.Text == "" {
				th.resetComposer() // it answers the last message, now known
			}
			if after != nil {
				after()
			}
		}
	}, nil)
}

// leave drops a read still running: its thread is no longer shown.
func (th *ticketThread) leave() { th.load.stop() }

func (th *ticketThread) render() {
	tk := th.ticket
	th.title.set(subjectText(tk), widget.MediumImportance)
	th.status.Text, th.status.Importance = outcomeLabel(tk.Outcome), statusImportance(tk)
	th.status.Refresh()
	th.info.set(th.infoText(), widget.MediumImportance)
	if tk.Open() {
		th.resolveBtn.Show()
		th.reopenBtn.Hide()
	} else {
		th.resolveBtn.Hide()
		th.reopenBtn.Show()
	}
	th.renderMetrics()
	th.renderMessages()
	th.scrollToEnd()
}

// scrollToEnd shows the latest messages and the nudge. It only works once
// the thread has a size, so openThread calls it again after the layout.
func (th *ticketThread) scrollToEnd() {
	if th.scroll.Size().IsZero() {
		return // not laid out yet: a layout now would be done again
	}
	th.scroll.Refresh()
	th.scroll.ScrollToBottom()
}

// infoText is the ticket's channel, reference, opening time and outage.
func (th *ticketThread) infoText() string {
	tk := th.ticket
	parts := []string{channelLabel(tk.Channel)}
	if tk.Reference != "" {
		parts = append(parts, lang.X("support.info_reference", "ref. {{.Reference}}", map[string]any{"Reference": tk.Reference}))
	}
	parts = append(parts, lang.X("support.info_opened", "opened {{.Time}}", map[string]any{"Time": th.ses.formatTime(tk.OpenedAt)}))
	if title := th.tab.outageTitle(tk.OutageID); title != "" {
		parts = append(parts, lang.X("support.info_outage", "about the outage \"{{.Title}}\"", map[string]any{"Title": title}))
	}
	return strings.Join(parts, " · ")
}

// renderMetrics shows figures.TicketMetrics as of now, so the silence of an
// open ticket keeps growing.
func (th *ticketThread) renderMetrics() {
	m := figures.TicketMetrics(*th.ticket, th.ses.now())
	l := th.ses.lang()
	duration := func(d *time.Duration) string {
		if d == nil {
			return noFigure
		}
		return words.Duration(*d, l)
	}
	response := func(r *figures.Response) string {
		if r == nil {
			return noFigure
		}
		return words.Duration(r.After, l)
	}
	th.firstResponse.SetText(response(m.FirstResponse))
	th.firstHuman.SetText(response(m.FirstHumanResponse))
	th.silenceRunning.Hide()
	if s := m.LongestSilence; s != nil {
		d := s.Length()
		th.longestSilence.SetText(duration(&d))
		if s.Running {
			th.silenceRunning.Show()
		}
	} else {
		th.longestSilence.SetText(noFigure)
	}
	th.followUps.SetText(strconv.Itoa(m.FollowUps))
	th.resolution.SetText(duration(m.TimeToResolution))

	th.nudge.Hide()
	if w := m.Waiting; w != nil {
		th.nudge.Text = lang.X("support.nudge", "Waiting for a human reply for {{.Duration}}", map[string]any{"Duration": words.Duration(w.Length(), l)})
		th.nudge.Importance = overDays(w.Length(), th.ses.settings.Thresholds.WaitingTicketDays, widget.WarningImportance)
		th.nudge.Show()
		th.nudge.Refresh()
	}
	th.closedNote.Hide()
	if tk := th.ticket; !tk.Open() {
		th.closedNote.SetText(lang.X("support.closed_note", "Closed as {{.Outcome}} on {{.Time}}",
			map[string]any{"Outcome": outcomeLabel(tk.Outcome), "Time": th.ses.formatTime(*tk.ResolvedAt)}))
		th.closedNote.Show()
	}
}

// renderMessages draws a card per message and, between them, the gap in
// words, marked as figures.Thread marks it: a bot reply does not end a
// silence, and nothing is awaited after the resolution.
func (th *ticketThread) renderMessages() {
	msgs := th.ticket.Messages
	th.gaps = nil
	objs := make([]fyne.CanvasObject, 0, 2*len(msgs))
	// Every message is shown, even one dated after now by mistake.
	until := th.ses.now()
	for _, m := range msgs {
		if m.At.After(until) {
			until = m.At
		}
	}
	for i, mark := range figures.Thread(*th.ticket, until) {
		if i > 0 {
			g := th.gapLine(mark)
			th.gaps = append(th.gaps, g)
			objs = append(objs, g)
		}
		objs = append(objs, th.messageCard(mark.Message))
	}
	if len(msgs) == 0 {
		objs = append(objs, &widget.Label{Text: lang.X("support.no_messages", "No messages yet. Add what you sent, then each reply as it comes."),
			Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter})
	}
	th.messages.Objects = objs
	th.messages.Refresh()
}

// gapLine says how long after the message before it m came; when m is a
// human reply ending a silence it says how long the silence lasted instead.
func (th *ticketThread) gapLine(m figures.Mark) *widget.Label {
	l := th.ses.lang()
	gap := map[string]any{"Duration": words.Duration(m.Gap, l)}
	g := &widget.Label{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Italic: true}, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	switch {
	case m.EndsSilence > 0:
		g.Text = lang.X("support.gap_silence", "{{.Duration}} without a human reply", map[string]any{"Duration": words.Duration(m.EndsSilence, l)})
		g.Importance = overDays(m.EndsSilence, th.ses.settings.Thresholds.SilenceDays, widget.MediumImportance)
	case m.Automated && m.Author == journal.AuthorBot:
		g.Text = lang.X("support.gap_bot", "bot reply after {{.Duration}} — still no human", gap)
		g.Importance = widget.WarningImportance
	case m.Automated:
		g.Text = lang.X("support.gap_auto", "automatic reply after {{.Duration}} — still no human", gap)
		g.Importance = widget.WarningImportance
	default:
		g.Text = lang.X("support.gap_later", "{{.Duration}} later", gap)
	}
	return g
}

// messageCard shows one message: sent ones on the right, received ones on
// the left, like a chat.
func (th *ticketThread) messageCard(m journal.Message) fyne.CanvasObject {
	icon, bg := theme.MailReplyIcon(), theme.Color(theme.ColorNameInputBackground)
	if m.Direction == journal.Sent {
		icon, bg = theme.MailSendIcon(), theme.Color(theme.ColorNameSelection)
	}
	who := &widget.TextSegment{Text: directionLabel(m.Direction) + " · " + authorLabel(m.Author), Style: widget.RichTextStyleStrong}
	who.Style.Inline = true
	head := widget.NewRichText(who)
	if m.From != "" {
		head.Segments = append(head.Segments, &widget.TextSegment{Text: "   " + m.From,
			Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}})
	}
	head.Truncation = fyne.TextTruncateEllipsis
	when := &widget.Label{Text: th.ses.formatTime(m.At), SizeName: theme.SizeNameCaptionText}
	edit := &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { th.onEditMessage(m) }}
	top := container.NewBorder(nil, nil, widget.NewIcon(icon), container.NewHBox(when, edit), head)
	summary := &widget.Label{Text: m.Summary, Wrapping: fyne.TextWrapWord}
	if m.Author == journal.AuthorBot || m.Author == journal.AuthorAuto {
		summary.TextStyle.Italic = true
	}
	content := container.NewVBox(top, summary)
	if body := strings.TrimSpace(m.Body); body != "" {
		content.Add(&widget.Label{Text: body, Wrapping: fyne.TextWrapWord})
	}
	card := container.NewStack(cardBackground(bg), container.NewPadded(content))
	inset := canvas.NewRectangle(color.Transparent)
	inset.SetMinSize(fyne.NewSize(56, 0))
	if m.Direction == journal.Sent {
		return container.NewBorder(nil, nil, inset, nil, card)
	}
	return container.NewBorder(nil, nil, nil, inset, card)
}

// resetComposer readies the form for the next message: the direction
// opposite to the last message's (sent when there is none), now, no text.
// After a message is added, the time typed stays: a thread entered after
// the fact goes on from there instead of from now.
func (th *ticketThread) resetComposer() {
	th.composer.clearFor(th.nextDirection())
	now := th.ses.now()
	th.composer.at.set(&now)
}

// nextDirection is the opposite of the last message's (sent when there is none).
func (th *ticketThread) nextDirection() journal.Direction {
	dir := journal.Sent
	if th.ticket != nil {
		if n := len(th.ticket.Messages); n > 0 && th.ticket.Messages[n-1].Direction == journal.Sent {
			dir = journal.Received
		}
	}
	return dir
}

func (th *ticketThread) onAddMessage() {
	if th.ticket == nil {
		return
	}
	m, err := th.composer.message()
	if th.composer.form.show(err) {
		return
	}
	db := th.db
	th.ses.submit(th.addBtn, func(ctx context.Context) error { return db.AddMessage(ctx, m) }, func(err error) {
		if th.composer.form.show(err) {
			return
		}
		th.reloadThen(func() { th.composer.clearFor(th.nextDirection()) })
	})
}

func (th *ticketThread) onEditMessage(m journal.Message) *messageForm {
	f := newMessageForm(th.ses, th.ticket, &m)
	f.done = th.reload
	f.open()
	return f
}

func (th *ticketThread) onEdit() *ticketForm {
	if th.ticket == nil {
		return nil
	}
	f := newTicketForm(th.ses, th.tab, th.ticket)
	f.open()
	return f
}

func (th *ticketThread) onResolve() *resolveForm {
	if th.ticket == nil {
		return nil
	}
	f := newResolveForm(th.ses, th.ticket, th.reload)
	f.open()
	return f
}

func (th *ticketThread) onReopen() {
	if th.ticket == nil {
		return
	}
	msg := lang.X("confirm.reopen_ticket", "Reopen this ticket? Its outcome ({{.Outcome}}) and the time it was closed will be cleared.",
		map[string]any{"Outcome": outcomeLabel(th.ticket.Outcome)})
	dialog.ShowConfirm(lang.X("dialog.reopen_ticket", "Reopen ticket"), msg, func(ok bool) {
		if ok {
			th.reopen()
		}
	}, th.ses.win)
}

// reopen clears the outcome, so the ticket counts as waiting again.
func (th *ticketThread) reopen() {
	if th.ticket == nil {
		return // gone to the trash while the question was asked
	}
	tk := *th.ticket
	tk.ResolvedAt, tk.Outcome = nil, journal.OutcomeOpen
	db := th.db
	th.ses.write(func(ctx context.Context) error { return db.UpdateTicket(ctx, &tk) }, func(err error) {
		if err != nil {
			th.ses.showError(err)
			return
		}
		th.reload()
	})
}

// messageForm edits a message's fields: inline at the bottom of a thread to
// add one, or in a dialog to edit one.
type messageForm struct {
	ses     *session
	db      threadJournal
	ticket  *journal.Ticket
	editing *journal.Message // nil when adding
	done    func()

	form      *fieldForm
	direction *keySelect
	author    *keySelect
	at        *timeField
	summary   *keyEntry
	from      *keyEntry
	body      *keyEntry
	save      *widget.Button
	del       *widget.Button
	dlg       dialog.Dialog
}

// receivedKinds are the author kinds a received message can have.
var receivedKinds = []journal.AuthorKind{journal.AuthorHuman, journal.AuthorBot, journal.AuthorAuto}

func newMessageForm(u *session, ticket *journal.Ticket, editing *journal.Message) *messageForm {
	f := &messageForm{ses: u, db: u.db, ticket: ticket, editing: editing, form: newFieldForm()}
	f.direction = newKeySelect([]string{directionLabel(journal.Sent), directionLabel(journal.Received)}, f.onDirection)
	f.author = newKeySelect(nil, nil)
	f.at = newTimeField(u.loc, u.now, false)
	f.summary = multi(false, lang.X("hint.message_summary", "What was said, in a line"))
	f.from = multi(false, lang.X("hint.message_from", "Name or address (optional)"))
	f.body = multi(true, lang.X("hint.message_body", "The full text (optional)"))
	f.form.add("direction", lang.X("field.direction", "Direction"), f.direction)
	f.form.add("author", lang.X("field.author", "Author"), f.author)
	f.form.add("time", lang.X("field.time", "Time"), f.at.entry)
	f.form.add("summary", lang.X("field.summary", "Summary"), f.summary)
	f.form.add("from", lang.X("field.from", "From"), f.from)
	f.form.add("body", lang.X("field.body", "Body"), f.body)
	if editing != nil {
		f.setDirection(editing.Direction)
		if editing.Direction == journal.Received {
			for i, k := range receivedKinds {
				if k == editing.Author {
					f.author.SetSelectedIndex(i)
				}
			}
		}
		f.at.set(&editing.At)
		f.summary.SetText(editing.Summary)
		f.from.SetText(editing.From)
		f.body.SetText(editing.Body)
	}
	return f
}

// directionLabel names a direction from the user's side.
func directionLabel(d journal.Direction) string {
	if d == journal.Sent {
		return lang.X("direction.sent", "Sent")
	}
	return lang.X("direction.received", "Received")
}

// clearFor empties the form's text for a new message in direction dir; the
// time stays.
func (f *messageForm) clearFor(dir journal.Direction) {
	f.setDirection(dir)
	f.summary.SetText("")
	f.from.SetText("")
	f.body.SetText("")
	f.form.clear()
}

func (f *messageForm) setDirection(d journal.Direction) {
	if d == journal.Sent {
		f.direction.SetSelectedIndex(0)
	} else {
		f.direction.SetSelectedIndex(1)
	}
}

// onDirection makes the author follow the direction: a sent message is
// mine; a received one is a human's unless the user says bot or auto.
func (f *messageForm) onDirection(string) {
	if f.direction.SelectedIndex() == 0 {
		f.author.SetOptions([]string{authorLabel(journal.AuthorMe)})
		f.author.SetSelectedIndex(0)
		f.author.Disable()
		return
	}
	opts := make([]string, len(receivedKinds))
	for i, k := range receivedKinds {
		opts[i] = authorLabel(k)
	}
	f.author.SetOptions(opts)
	f.author.SetSelectedIndex(0)
	f.author.Enable()
}

// message reads the form; errors name the field.
func (f *messageForm) message() (*journal.Message, error) {
	m := &journal.Message{TicketID: f.ticket.ID}
	if f.editing != nil {
		c := *f.editing
		m = &c
	}
	at, err := f.at.value("time")
	if err != nil {
		return nil, err
	}
	m.At = *at
	m.Direction, m.Author = journal.Sent, journal.AuthorMe
	if f.direction.SelectedIndex() == 1 {
		m.Direction = journal.Received
		m.Author = ""
		if i := f.author.SelectedIndex(); i >= 0 {
			m.Author = receivedKinds[i]
		}
	}
	m.Summary = strings.TrimSpace(f.summary.Text)
	m.From = strings.TrimSpace(f.from.Text)
	m.Body = strings.TrimSpace(f.body.Text)
	return m, m.Validate(f.ticket)
}

// open shows the form in a dialog to edit the message, with Delete.
func (f *messageForm) open() {
	f.save = &widget.Button{Text: lang.X("action.save", "Save"), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.del = &widget.Button{Text: lang.X("action.delete", "Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: f.onDelete}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { f.dlg.Hide() }}
	buttons := container.NewHBox(f.del, layout.NewSpacer(), cancel, f.save)
	body := container.NewVScroll(f.form.content())
	f.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.edit_message", "Edit message"), container.NewBorder(nil, buttons, nil, nil, body), f.ses.win)
	f.dlg.Resize(fyne.NewSize(600, 440))
	f.dlg.Show()
	f.ses.bindKeys(f.dlg, f.form.grid, f.onSave)
}

func (f *messageForm) onSave() {
	m, err := f.message()
	if f.form.show(err) {
		return
	}
	db := f.db
	f.ses.saveForm(formDialog{f.form, f.dlg}, f.save, func(ctx context.Context) error { return db.UpdateMessage(ctx, m) }, f.done)
}

func (f *messageForm) onDelete() {
	db, id := f.db, f.editing.ID
	f.ses.trashForm(formDialog{f.form, f.dlg}, f.del, func(ctx context.Context) (int64, error) { return db.DeleteMessage(ctx, id) },
		lang.X("undo.message_deleted", "Message moved to the trash."), f.done, f.done)
}
