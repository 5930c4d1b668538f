package ui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/atomicfile"
	"lapse/app/report"
	"lapse/app/review"
	"lapse/app/words"
)

// exportFormat is one choice of the Export dialog.
type exportFormat struct {
	key, ext, label string
}

func exportFormats() []exportFormat {
	return []exportFormat{
		{"pdf", ".pdf", lang.X("export.pdf", "PDF document")},
		{"html", ".html", lang.X("export.html", "Web page (HTML, prints well)")},
		{"md", ".md", lang.X("export.md", "Markdown")},
		{"csv", ".zip", lang.X("export.csv", "Spreadsheet tables (CSV in a zip)")},
		{"json", ".json", lang.X("export.json", "JSON data")},
		{"ics", ".ics", lang.X("export.ics", "Calendar of renewals (.ics)")},
		{"letter", ".txt", lang.X("export.letter", "Drafted letter (text)")},
		{"letter-md", ".md", lang.X("export.letter_md", "Drafted letter (Markdown)")},
	}
}

// renderExport renders a summary in a format of the dialog: the letter
// alone, or the summary as `lapse export` writes it.
func renderExport(s *report.Summary, key string) ([]byte, error) {
	switch key {
	case "letter":
		return s.LetterText(), nil
	case "letter-md":
		return s.LetterMarkdown(), nil
	}
	return s.Render(key, "")
}

// exportDialog writes the summary before cancelling, or the renewals
// calendar, to a file the user picks.
type exportDialog struct {
	ses      *session
	service  *keySelect
	period   *periodPicker
	format   *keySelect
	language *keySelect
	form     *fieldForm
	exportBt *widget.Button
	copyBt   *widget.Button // copies the drafted letter
	copied   *widget.Label  // says the letter is on the clipboard
	copying  loader
	dlg      dialog.Dialog
	formats  []exportFormat
}

func (u *session) openExport() *exportDialog {
	if len(u.services) == 0 {
		dialog.ShowInformation(lang.X("dialog.export", "Export"), lang.X("down.no_services", "Add a service first."), u.win)
		return nil
	}
	d := &exportDialog{ses: u, form: newFieldForm(), formats: exportFormats(), copying: loader{thread: u.thread}}
	names := make([]string, len(u.services))
	for i, s := range u.services {
		names[i] = s.Name
	}
	d.service = newKeySelect(names, nil)
	d.service.SetSelectedIndex(0)
	// The service on screen, else the one the Overview's first reminder is about.
	if svc := u.serviceByID(u.selected); svc != nil {
		d.service.SetSelected(svc.Name)
	} else if svc := u.serviceByID(u.focus); u.selected == 0 && svc != nil {
		d.service.SetSelected(svc.Name)
	}
	// The period and moment are the screens' too: the screen behind follows.
	d.period = newPeriodPicker(u, u.refresh)
	labels := make([]string, len(d.formats))
	for i, f := range d.formats {
		labels[i] = f.label
	}
	d.format = newKeySelect(labels, func(string) {
		// The calendar holds every service's renewals: no service or period to choose.
		ics := d.chosen().key == "ics"
		d.form.showRow("service", !ics)
		d.form.showRow("period", !ics)
	})
	d.format.SetSelectedIndex(0)
	d.language = newKeySelect([]string{"English", "日本語"}, nil)
	if IsJapanese() {
		d.language.SetSelectedIndex(1)
	} else {
		d.language.SetSelectedIndex(0)
	}
	d.form.add("service", lang.X("field.service", "Service"), d.service)
	d.form.add("period", lang.X("period.label", "Period"), d.period.field())
	d.form.add("format", lang.X("export.format", "Format"), d.format)
	d.form.add("language", lang.X("export.language", "Language of the summary and letter"), d.language)
	hint := &widget.Label{Text: lang.X("export.hint", "The summary holds the key figures, the outage and support timelines, the charges, the verdict, the chart, and a drafted cancellation and refund request you can paste into an e-mail."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	d.exportBt = &widget.Button{Text: lang.X("action.export_to", "Export to a file…"), Importance: widget.HighImportance, OnTapped: func() { d.onExport() }}
	d.copyBt = &widget.Button{Text: lang.X("action.copy_letter", "Copy the letter"), Icon: theme.ContentCopyIcon(), OnTapped: d.onCopyLetter}
	d.copied = &widget.Label{Importance: widget.SuccessImportance, Wrapping: fyne.TextWrapWord}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { d.dlg.Hide() }}
	content := container.NewBorder(nil, container.NewHBox(d.copyBt, layout.NewSpacer(), cancel, d.exportBt), nil, nil, container.NewVBox(d.form.content(), hint, d.copied))
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.export", "Export"), content, u.win)
	d.dlg.SetOnClosed(d.copying.stop)
	d.dlg.Resize(fyne.NewSize(720, 420))
	d.dlg.Show()
	u.bindKeys(d.dlg, content, func() { d.onExport() })
	return d
}

func (d *exportDialog) chosen() exportFormat { return d.formats[d.format.SelectedIndex()] }

func (d *exportDialog) lang() words.Lang {
	if d.language.SelectedIndex() == 1 {
		return words.JA
	}
	return words.EN
}

// document reads the choices on the UI thread and returns the work that
// builds the chosen document, to run off it on the journal open now.
func (d *exportDialog) document() (func(ctx context.Context) ([]byte, error), error) {
	return d.documentIn(d.chosen())
}

// documentIn is document in a given format.
func (d *exportDialog) documentIn(f exportFormat) (func(ctx context.Context) ([]byte, error), error) {
	u := d.ses
	db, now, loc, l := u.db, u.now(), u.loc, d.lang()
	svc := u.services[d.service.SelectedIndex()]
	if f.key == "ics" {
		return func(ctx context.Context) ([]byte, error) { return review.Calendar(ctx, db, nil, now, loc, l) }, nil
	}
	// The period chosen here is the session's from now on, as on the screens.
	before := u.view
	if err := d.period.commit(); err != nil {
		return nil, err
	}
	if u.view.choice != before.choice || u.view.from != before.from || u.view.to != before.to {
		u.refresh()
	}
	w, asOf := u.period(), u.judgedAsOf()
	return func(ctx context.Context) ([]byte, error) {
		s, err := report.Build(ctx, db, report.Options{ServiceID: svc.ID, From: w.Start, To: w.End, AsOf: asOf, Lang: l, Location: loc})
		if err != nil {
			return nil, err
		}
		return renderExport(s, f.key)
	}, nil
}

// fileName suggests "parley-ai-summary-2025-12-01-2026-11-25.pdf" (the
// period's first and last day), "parley-ai-letter-….txt" for the letter,
// and "lapse-renewals-2026-11-25.ics" for the calendar.
func (d *exportDialog) fileName() string {
	f := d.chosen()
	if f.key == "ics" {
		return fmt.Sprintf("lapse-renewals-%s%s", d.ses.now().In(d.ses.loc).Format("2006-01-02"), f.ext)
	}
	kind := "summary"
	if strings.HasPrefix(f.key, "letter") {
		kind = "letter"
	}
	w := d.period.window()
	last := w.End.Add(-time.Nanosecond) // the window ends before its End
	return fmt.Sprintf("%s-%s-%s-%s%s", slug(d.ses.services[d.service.SelectedIndex()].Name), kind,
		w.Start.In(d.ses.loc).Format("2006-01-02"), last.In(d.ses.loc).Format("2006-01-02"), f.ext)
}

var nonSlug = regexp.MustCompile(`[^\p{L}\p{N}]+`)

func slug(s string) string {
	s = strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if s == "" {
		return "service"
	}
	return s
}

// onExport asks where to save; the document is built once the place is
// chosen, off the UI thread, and written atomically and privately (0600):
// a failure leaves a file of that name as it was.
func (d *exportDialog) onExport() *saveAsDialog {
	build, err := d.document()
	if d.form.show(err) {
		return nil
	}
	s := newSaveAsDialog(d.ses.win, d.ses.thread, d.ses.app.Preferences(), saveAs{
		title: lang.X("dialog.export", "Export"), name: d.fileName(), replace: true,
		write: func(ctx context.Context, path string) error {
			data, err := build(ctx)
			if err != nil {
				return err
			}
			return atomicfile.Write(path, data, 0o600)
		},
		done: func(path string) {
			d.dlg.Hide()
			d.ses.showSaved(lang.X("dialog.export", "Export"), path)
		},
	})
	s.show()
	return s
}

// onCopyLetter puts the drafted letter, in the chosen language and for the
// chosen service and period, on the clipboard, ready to paste into an e-mail.
func (d *exportDialog) onCopyLetter() {
	build, err := d.documentIn(exportFormat{key: "letter"})
	if d.form.show(err) {
		return
	}
	d.copied.SetText("")
	d.copyBt.Disable()
	d.copying.start(func(ctx context.Context) func() {
		data, err := build(ctx)
		return func() {
			d.copyBt.Enable()
			if d.form.show(err) {
				return
			}
			d.ses.app.Clipboard().SetContent(strings.TrimSpace(string(data)))
			d.copied.SetText(lang.X("export.letter_copied", "The letter is on the clipboard: paste it into an e-mail."))
		}
	}, nil)
}
