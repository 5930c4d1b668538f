package cli

import (
	"fmt"
	"io"

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
