package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"lapse/app/review"
	"lapse/app/words"
)

// printOfficial sets the status page's word beside the user's for every
// service with a status page or official incidents.
func printOfficial(w io.Writer, r *review.Review) {
	first := true
	for i := range r.Services {
		s := &r.Services[i]
		off := r.Official(s)
		if s.Data.Service.StatusPage == "" && off.Incidents == 0 {
			continue
		}
		if first {
			fmt.Fprintln(w)
			first = false
		}
		fmt.Fprintf(w, "%s: %s\n", s.Data.Service.Name, review.OfficialLine(off, s.Summary.Unusable, words.EN))
		if off.Incidents > 0 {
			detail := fmt.Sprintf("%d official incidents", off.Incidents)
			if off.Incidents == 1 {
				detail = "1 official incident"
			}
			if off.Unusable > 0 {
				detail += fmt.Sprintf(", %s of it marked as a major outage", words.Duration(off.Unusable, words.EN))
			}
			fmt.Fprintf(w, "  %s.\n", detail)
		}
	}
}

// printOfficialMonths sets the status page's incidents beside the user's
// unusable time month by month, when the page reported any.
func printOfficialMonths(out io.Writer, s review.ServiceDoc) error {
	if s.OfficialIncidents == 0 {
		return nil
	}
	fmt.Fprintf(out, "\n%s by month, the status page beside you\n", s.Name)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "Month\tYou: unusable\tPage: incidents\tTheir time\tMajor outage\t")
	for i, m := range s.OfficialMonths {
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t\n", m.Month, dur(s.Months[i].UnusableSeconds), m.Incidents,
			dur(m.IncidentSeconds), dur(m.UnusableSeconds))
	}
	return w.Flush()
}
