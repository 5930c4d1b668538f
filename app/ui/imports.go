package ui

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/storage"
)

// The kinds of import, in the order the dialog offers them.
const (
	importCSV = iota
	importWallos
	importStatuspage
	importMail
)

// importHints say what each kind reads (keys, then English).
var (
	importHintKeys = []string{"import.hint_csv", "import.hint_wallos", "import.hint_statuspage", "import.hint_mail"}
	importHints    = []string{
		"A header row, then one subscription a row: service, plan, price, currency, period (monthly, yearly, every 3 months…), start, end.",
		"In Wallos: Profile → Export → JSON. Prices, currencies, cycles and next payments are read; inactive ones as ended.",
		"A saved incidents.json, or the status page's address ending in /api/v2/incidents.json. Incidents imported again are updated, not repeated.",
		"E-mails saved from your mail program (.eml), or a mailbox file (mbox). Your own addresses (Settings) mark what you sent.",
	}
)

// importDialog reads a file (or a status page's address), shows what it
// would write, and writes it all or nothing when the user says so.
type importDialog struct {
	ses         *session
	kind        *keySelect
	source      *keyEntry
	browse      *widget.Button
	service     *keySelect
	ticket      *keySelect
	tickets     []*journal.Ticket
	form        *fieldForm
	kindHnt     *widget.Label // what the chosen kind reads
	load        loader        // the preview being read or the import being written
	ticketsLoad loader        // the chosen service's tickets
	preview     *fyne.Container
	keys        *formKeys // Enter and Escape, for the rows a preview adds
	plan        importer.Plan
	check       *widget.Button
	apply       *widget.Button
	dlg         dialog.Dialog
}

func (u *session) openImport() *importDialog {
	d := &importDialog{ses: u, form: newFieldForm(), preview: container.NewVBox(), load: loader{thread: u.thread}, ticketsLoad: loader{thread: u.thread}}
	d.kind = newKeySelect([]string{
		lang.X("import.csv", "Subscriptions from a CSV file"),
		lang.X("import.wallos", "Subscriptions from a Wallos export (JSON)"),
		lang.X("import.statuspage", "Official incidents from a status page (incidents.json)"),
		lang.X("import.mail", "Support e-mails (.eml or mbox) into a ticket"),
	}, func(string) { d.onKind() })
	d.source = multi(false, lang.X("hint.import_file", "File to read"))
	d.source.ExtendBaseWidget(d.source)
	// A preview is only good for what it was made from: any change forgets it,
	// so Import can never write something other than what was shown.
	d.source.OnChanged = func(string) { d.clearPreview() }
	d.browse = &widget.Button{Text: lang.X("action.browse", "Browse…"), Icon: theme.FolderOpenIcon(), OnTapped: d.onBrowse}
	names := make([]string, len(u.services))
	for i, s := range u.services {
		names[i] = s.Name
	}
	d.service = newKeySelect(names, func(string) { d.loadTickets(); d.clearPreview() })
	d.ticket = newKeySelect(nil, func(string) { d.clearPreview() })
	d.service.PlaceHolder = lang.X("hint.choose", "Choose…")
	d.kindHnt = &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	d.form.add("kind", lang.X("import.kind", "What to import"), container.NewVBox(d.kind, d.kindHnt))
	d.form.add("source", lang.X("import.source", "From"), container.NewBorder(nil, nil, nil, d.browse, d.source))
	d.form.add("service", lang.X("field.service", "Service"), d.service)
	d.form.add("ticket", lang.X("import.ticket", "Ticket"), d.ticket)
	d.check = &widget.Button{Text: lang.X("action.preview", "Preview"), Icon: theme.VisibilityIcon(), OnTapped: d.onPreview}
	d.apply = &widget.Button{Text: lang.X("action.import", "Import"), Importance: widget.HighImportance, OnTapped: d.onApply}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { d.dlg.Hide() }}
	hint := &widget.Label{Text: lang.X("import.hint", "Nothing is written until you press Import, and then everything or nothing: a problem anywhere leaves the journal as it was."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	content := container.NewBorder(container.NewVBox(d.form.content(), hint), container.NewHBox(layout.NewSpacer(), cancel, d.check, d.apply), nil, nil,
		container.NewVScroll(d.preview))
	d.apply.Disable()
	d.kind.SetSelectedIndex(importCSV)
	if svc := u.serviceByID(u.selected); svc != nil {
		d.service.SetSelected(svc.Name)
	} else if len(names) > 0 {
		d.service.SetSelectedIndex(0)
	}
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.import", "Import"), content, u.win)
	d.dlg.SetOnClosed(func() { // a preview, an import or a ticket list still running is dropped
		d.load.stop()
		d.ticketsLoad.stop()
	})
	d.dlg.Resize(fyne.NewSize(900, 640))
	d.dlg.Show()
	d.keys = u.bindKeys(d.dlg, content, d.onEnter)
	return d
}

// onKind shows the fields the chosen kind needs and forgets an earlier preview.
func (d *importDialog) onKind() {
	k := d.kind.SelectedIndex()
	d.form.showRow("service", k == importStatuspage || k == importMail)
	d.form.showRow("ticket", k == importMail)
	d.source.PlaceHolder = lang.X("hint.import_file", "File to read")
	d.kindHnt.SetText(lang.X(importHintKeys[k], importHints[k]))
	if k == importStatuspage {
		d.source.PlaceHolder = lang.X("hint.import_statuspage", "File, or https://status.example.com/api/v2/incidents.json")
	}
	d.source.Refresh()
	d.clearPreview()
}

func (d *importDialog) clearPreview() {
	if d.apply == nil {
		return // still building the dialog
	}
	d.load.stop()
	d.plan = nil
	d.preview.Objects = nil
	d.preview.Refresh()
	d.apply.Disable()
}

// loadTickets lists the chosen service's tickets, read off the UI thread,
// as the choices for an e-mail import.
func (d *importDialog) loadTickets() {
	d.showTickets(nil)
	i := d.service.SelectedIndex()
	if i < 0 {
		return
	}
	db, id := d.ses.db, d.ses.services[i].ID
	d.ticketsLoad.start(func(ctx context.Context) func() {
		ts, err := db.Tickets(ctx, storage.TicketFilter{ServiceID: &id})
		if err != nil {
			return func() { d.form.show(err) }
		}
		return func() { d.showTickets(ts) }
	}, nil)
}

func (d *importDialog) showTickets(tickets []*journal.Ticket) {
	d.tickets = tickets
	var labels []string
	for _, t := range d.tickets {
		s := t.Subject
		if s == "" {
			s = lang.X("support.no_subject", "(no subject)")
		}
		labels = append(labels, d.ses.formatTime(t.OpenedAt)+" — "+s)
	}
	d.ticket.Options = labels
	d.ticket.PlaceHolder = lang.X("hint.choose", "Choose…")
	if len(labels) == 0 {
		d.ticket.PlaceHolder = lang.X("import.no_tickets", "No tickets for this service yet: add one in its Support tab")
	}
	d.ticket.ClearSelected()
	if len(labels) > 0 {
		d.ticket.SetSelectedIndex(0)
	}
	d.ticket.Refresh()
}

func (d *importDialog) onBrowse() {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			d.form.show(err)
			return
		}
		if r == nil {
			return
		}
		d.source.SetText(r.URI().Path())
		r.Close()
		d.clearPreview()
	}, d.ses.win)
	fd.Show()
}

// onPreview reads and checks the source off the UI thread; nothing is
// written. Changing the source, kind or service, or closing the dialog,
// drops a preview still being read.
// onEnter imports what the preview shows, or previews first: nothing is
// written that was not seen.
func (d *importDialog) onEnter() {
	if d.apply.Disabled() {
		d.onPreview()
		return
	}
	d.onApply()
}

func (d *importDialog) onPreview() {
	d.clearPreview()
	read, err := d.reader()
	if err != nil {
		d.showPlan(nil, err)
		return
	}
	d.check.Disable()
	src := strings.TrimSpace(d.source.Text)
	d.load.start(func(ctx context.Context) func() {
		plan, err := read(ctx)
		return func() {
			d.check.Enable()
			d.clearPreview()
			d.showPlan(plan, err)
		}
	}, func() {
		text := lang.X("status.loading", "Loading…")
		if strings.Contains(src, "://") {
			text = lang.X("import.fetching", "Fetching {{.Address}}…", map[string]any{"Address": src})
		}
		d.preview.Add(&widget.Label{Text: text, Importance: widget.LowImportance})
		d.preview.Refresh()
	})
}

func (d *importDialog) showPlan(plan importer.Plan, err error) {
	if d.form.show(err) {
		return
	}
	d.plan = plan
	d.showPreview(plan.Preview())
	d.apply.Enable()
}

// reader checks the choices on the UI thread and returns the work that
// reads the chosen source into a plan, on the journal open now; errors
// name the field to fix.
func (d *importDialog) reader() (func(ctx context.Context) (importer.Plan, error), error) {
	u := d.ses
	db, myAddresses := u.db, u.settings.MyAddresses
	src := strings.TrimSpace(d.source.Text)
	if src == "" {
		return nil, journal.Invalid("source", journal.ReasonRequired)
	}
	kind := d.kind.SelectedIndex()
	var svc *journal.Service
	if kind == importStatuspage {
		i := d.service.SelectedIndex()
		if i < 0 {
			return nil, journal.Invalid("service", journal.ReasonRequired)
		}
		svc = u.services[i]
	}
	var ticketID int64
	if kind == importMail {
		i := d.ticket.SelectedIndex()
		if i < 0 || i >= len(d.tickets) {
			return nil, journal.Invalid("ticket", journal.ReasonRequired)
		}
		ticketID = d.tickets[i].ID
	}
	return func(ctx context.Context) (importer.Plan, error) {
		switch kind {
		case importCSV, importWallos:
			services, err := db.Services(ctx, storage.ServiceFilter{IncludeArchived: true})
			if err != nil {
				return nil, err
			}
			data, err := importer.ReadFile(src, importer.MaxSize)
			if err != nil {
				return nil, err
			}
			if kind == importCSV {
				return importer.ParseCSV(src, data, services)
			}
			return importer.ParseWallos(src, data, services, importer.WallosOptions{})
		case importStatuspage:
			var data []byte
			var err error
			if strings.Contains(src, "://") {
				data, err = importer.Fetcher{}.Fetch(ctx, src)
			} else {
				data, err = importer.ReadFile(src, importer.MaxSize)
			}
			if err != nil {
				return nil, err
			}
			official := journal.SourceOfficial
			known, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID, Source: &official})
			if err != nil {
				return nil, err
			}
			return importer.ParseStatuspage(src, data, svc, known)
		default:
			t, err := db.Ticket(ctx, ticketID)
			if err != nil {
				return nil, err
			}
			data, err := importer.ReadFile(src, importer.MaxMailSize)
			if err != nil {
				return nil, err
			}
			return importer.ParseMail([]importer.MailFile{{Name: src, Data: data}}, t, myAddresses)
		}
	}, nil
}

// importColumns translate the importer's column headings.
// importWarnings are the translation keys of the import warnings that have a code.
var importWarnings = map[string]string{
	importer.WarnEncoding:      "import.warn_encoding",
	importer.WarnColumnIgnored: "import.warn_column_ignored",
	importer.WarnColumnChosen:  "import.warn_column_chosen",
}

// importWarning words a warning in the user's language; one without a code
// is shown as the importer wrote it.
func importWarning(w importer.Warning) string {
	key, ok := importWarnings[w.Code]
	if !ok {
		return w.Text
	}
	values := map[string]any{}
	for k, v := range w.Values {
		values[k] = v
	}
	return lang.X(key, w.Text, values)
}

var importColumns = map[string]string{
	"Service": "import.col.service", "Plan": "import.col.plan", "Price": "import.col.price", "Every": "import.col.every",
	"Start": "import.col.start", "End": "import.col.end", "Incident": "import.col.incident", "Start (UTC)": "import.col.start_utc",
	"End (UTC)": "import.col.end_utc", "Impact": "import.col.impact", "Components": "import.col.components",
	"Date (UTC)": "import.col.date_utc", "From": "import.col.from", "Direction": "import.col.direction",
	"Author": "import.col.author", "Summary": "import.col.summary",
}

// cellText translates the importer's fixed words in a preview cell: kinds,
// directions, impacts, "new" / "update", "ongoing".
func cellText(col, v string) string {
	switch col {
	case "Direction":
		return directionLabel(journal.Direction(v))
	case "Author":
		return authorLabel(journal.AuthorKind(v))
	case "Impact":
		return impactLabel(journal.Impact(v))
	case "":
		switch v {
		case "new":
			return lang.X("import.state_new", "new")
		case "update":
			return lang.X("import.state_update", "update")
		}
	case "End (UTC)":
		if v == "ongoing" {
			return lang.X("outage.ongoing", "ongoing")
		}
	case "Service":
		if name, ok := strings.CutSuffix(v, " (new)"); ok {
			return lang.X("import.new_service", "{{.Name}} (new)", map[string]any{"Name": name})
		}
	}
	return v
}

// showPreview lists what would be written; for e-mails, each message's
// author kind can be corrected before importing.
func (d *importDialog) showPreview(p importer.Preview) {
	summary := p.Summary
	if IsJapanese() {
		// The importer's summary is English; the count and the source say the essential.
		summary = lang.X("import.summary", "{{.Count}} items from {{.Source}}", map[string]any{"Count": d.plan.Len(), "Source": filepath.Base(p.Source)})
	}
	d.preview.Add(&widget.Label{Text: summary, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
	for _, w := range p.Warnings {
		d.preview.Add(&widget.Label{Text: "⚠ " + importWarning(w), Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord})
	}
	if len(p.Rows) > 0 {
		weights := make(columns, len(p.Columns))
		head := make([]fyne.CanvasObject, len(p.Columns))
		for i, c := range p.Columns {
			weights[i] = 1
			title := c
			if key, ok := importColumns[c]; ok {
				title = lang.X(key, c)
			}
			head[i] = heading(title)
		}
		d.preview.Add(container.New(weights, head...))
		for _, r := range p.Rows {
			cells := make([]fyne.CanvasObject, len(r))
			for i, c := range r {
				cells[i] = &widget.Label{Text: cellText(p.Columns[i], c), Truncation: fyne.TextTruncateEllipsis}
			}
			d.preview.Add(container.New(weights, cells...))
		}
	}
	if p.More > 0 {
		d.preview.Add(&widget.Label{Text: lang.X("import.more", "… and {{.Count}} more", map[string]any{"Count": p.More}), Importance: widget.LowImportance})
	}
	if mp, ok := d.plan.(*importer.MessagePlan); ok {
		d.addAuthorChoices(mp)
	}
	d.preview.Refresh()
}

// addAuthorChoices lets the user fix the guessed author kind of received e-mails.
func (d *importDialog) addAuthorChoices(mp *importer.MessagePlan) {
	msgs := mp.Messages()
	if len(msgs) == 0 {
		return
	}
	d.preview.Add(&widget.Label{Text: lang.X("import.authors", "Who wrote each received e-mail (a guess: correct it if needed)"), TextStyle: fyne.TextStyle{Bold: true}})
	kinds := []journal.AuthorKind{journal.AuthorHuman, journal.AuthorBot, journal.AuthorAuto}
	labels := make([]string, len(kinds))
	for i, k := range kinds {
		labels[i] = authorLabel(k)
	}
	for i, m := range msgs {
		if m.Direction != journal.Received {
			continue
		}
		i := i
		sel := newKeySelect(labels, nil)
		for k, kind := range kinds {
			if kind == m.Author {
				sel.SetSelectedIndex(k)
			}
		}
		sel.OnChanged = func(string) {
			if err := mp.SetAuthor(i, kinds[sel.SelectedIndex()]); err != nil {
				d.form.show(err)
			}
		}
		who := m.From
		if who == "" {
			who = m.Summary
		}
		row := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(180, sel.MinSize().Height), sel),
			&widget.Label{Text: d.ses.formatTime(m.At) + "  " + who, Truncation: fyne.TextTruncateEllipsis})
		d.keys.bind(row) // Escape from a focused choice still closes the dialog
		d.preview.Add(row)
	}
}

// onApply writes the previewed plan off the UI thread, all or nothing:
// closing the dialog meanwhile cancels it, and nothing is written.
func (d *importDialog) onApply() {
	if d.plan == nil {
		return
	}
	plan, db := d.plan, d.ses.db
	d.apply.Disable()
	d.check.Disable()
	d.load.start(func(ctx context.Context) func() {
		res, err := plan.Apply(ctx, db)
		return func() { d.applied(res, err) }
	}, nil)
}

// applied says what the import wrote, or why it wrote nothing.
func (d *importDialog) applied(res importer.Result, err error) {
	d.check.Enable()
	if d.form.show(err) {
		d.apply.Enable()
		return
	}
	d.dlg.Hide()
	d.ses.refresh()
	done := lang.X("import.done", "{{.Created}} added, {{.Updated}} updated, {{.Skipped}} already in the journal",
		map[string]any{"Created": res.Created, "Updated": res.Updated, "Skipped": res.Skipped})
	if len(res.NewServices) > 0 {
		done += "\n" + lang.X("import.done_services", "New services: {{.Names}}", map[string]any{"Names": strings.Join(res.NewServices, ", ")})
	}
	dialog.ShowInformation(lang.X("dialog.import", "Import"), done, d.ses.win)
}
