package report

import (
	"slices"

	"lapse/app/journal"
	"lapse/app/review"
)

// officialSection sets the status page's word beside the user's: the
// sentence comparing their times over the period and the official
// incidents that overlap it, listed like the lived outages. Nil for a
// service with no status page and no official incidents.
func (s *Summary) officialSection() *section {
	if s.Service.StatusPage == "" && len(s.Figures.Official) == 0 {
		return nil
	}
	sec := &section{ID: "official", Title: s.t("report.official_incidents"),
		Intro: []string{review.OfficialLine(s.Review.Official(s.Figures), s.Figures.Summary.Unusable, s.Lang)}}
	var listed []journal.Outage
	w := s.elapsed()
	for _, o := range s.Figures.Official {
		end := s.OutageEnd(&o)
		if o.Start.Before(w.End) && (end.After(w.Start) || !o.Start.Before(w.Start)) {
			listed = append(listed, o)
		}
	}
	if len(listed) == 0 {
		return sec
	}
	slices.SortStableFunc(listed, func(a, b journal.Outage) int { return a.Start.Compare(b.Start) })
	t := &table{Head: []string{s.t("report.start"), s.t("report.end"), s.t("report.duration"), s.t("report.impact"), s.t("report.what"),
		s.t("report.official_link")}, Right: []bool{false, false, true, false, false, false}, Keep: []bool{true, true}, Wide: 4}
	for i := range listed {
		o := &listed[i]
		end := s.t("report.ongoing")
		if !o.Ongoing() && !o.End.After(s.AsOf) {
			end = s.dateTime(*o.End)
		}
		t.Rows = append(t.Rows, []string{s.dateTime(o.Start), end, s.short(s.OutageEnd(o).Sub(o.Start)), s.label("impact", string(o.Impact)),
			oneLine(o.Title), oneLine(o.Link)})
	}
	sec.Table = t
	sec.Note = s.t("report.official_note")
	return sec
}
