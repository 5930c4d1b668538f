package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/review"
	"lapse/app/words"
)

// officialBeside sets the status page's word beside the user's over the
// Summary's period: the incidents' time next to the unusable time the user
// lived, and the sentence the summary before cancelling carries. Nil for a
// service with no status page and no official incidents.
func officialBeside(r *review.Review, s *review.ServiceReview, l words.Lang) fyne.CanvasObject {
	if s.Data.Service.StatusPage == "" && len(s.Official) == 0 {
		return nil
	}
	f := r.Official(s)
	value := func(text string, imp widget.Importance) *textCell {
		return newStyledCell(text, imp, fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText)
	}
	lived := widget.MediumImportance
	if s.Summary.Unusable > f.Time {
		lived = widget.DangerImportance // the user lived more than the page admits
	}
	official := statCard(lang.X("watch.official_time", "Status page: incidents"), value(durationOrZero(f.Time, l), widget.MediumImportance))
	mine := statCard(lang.X("watch.lived_time", "You: unusable"), value(durationOrZero(s.Summary.Unusable, l), lived))
	args := map[string]any{"Count": fmt.Sprint(f.Incidents), "Major": durationOrZero(f.Unusable, l)}
	detail := lang.X("watch.official_detail", "{{.Count}} official incidents, {{.Major}} of their time marked as a major outage", args)
	if f.Incidents == 1 {
		detail = lang.X("watch.official_detail_single", "1 official incident, {{.Major}} of its time marked as a major outage", args)
	}
	line := &widget.Label{Text: review.OfficialLine(f, s.Summary.Unusable, l), Wrapping: fyne.TextWrapWord}
	note := &widget.Label{Text: detail, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	return container.NewVBox(container.NewGridWithColumns(2, official, mine), line, note)
}

// officialOverview lists, for each service with a status page or official
// incidents, the page's time over the Overview's window (named by period)
// beside the unusable time the user lived, one row a service. Nil when no
// service has either.
func officialOverview(r *review.Review, period string, l words.Lang) fyne.CanvasObject {
	rows := container.NewVBox()
	for i := range r.Services {
		s := &r.Services[i]
		if s.Data.Service.StatusPage == "" && len(s.Official) == 0 {
			continue
		}
		f := r.Official(s)
		official := lang.X("watch.overview_official_none", "Status page: no incidents reported")
		if f.Incidents > 0 {
			official = lang.X("watch.overview_official", "Status page: {{.Time}} ({{.Count}} reported)",
				map[string]any{"Time": shortOrZero(f.Time, l), "Count": fmt.Sprint(f.Incidents)})
		}
		rows.Add(container.New(columns{1.6, 3.4, 2.6},
			&widget.Label{Text: s.Data.Service.Name, Truncation: fyne.TextTruncateEllipsis},
			&widget.Label{Text: official, Truncation: fyne.TextTruncateEllipsis},
			&widget.Label{Text: lang.X("watch.overview_lived", "You: {{.Time}} unusable",
				map[string]any{"Time": shortOrZero(s.Summary.Unusable, l)}), Truncation: fyne.TextTruncateEllipsis}))
	}
	if len(rows.Objects) == 0 {
		return nil
	}
	title := &widget.Label{Text: lang.X("watch.overview_title", "Status pages, {{.Period}}: incidents reported beside what you lived",
		map[string]any{"Period": period}), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	return container.NewVBox(title, rows)
}
