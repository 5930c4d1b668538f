package cli

import (
	"fmt"
	"io"

	"lapse/app/review"
	"lapse/app/words"
)

// printOfficial sets the status page's word beside the user's for every
// service with a status page or official incidents: "The status page
// reported 2 hours 10 minutes of incidents in this period; you recorded
// 15 days 3 hours unusable."
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
		reported := "no incidents"
		if off.Incidents > 0 {
			reported = fmt.Sprintf("%s of incidents (%s", words.Duration(off.Time, words.EN), plural(off.Incidents, "incident"))
			if off.Unusable > 0 {
				reported += fmt.Sprintf(", %s of it a major outage", words.Duration(off.Unusable, words.EN))
			}
			reported += ")"
		}
		lived := "nothing"
		if s.Summary.Unusable > 0 {
			lived = words.Duration(s.Summary.Unusable, words.EN)
		}
		fmt.Fprintf(w, "%s: the status page reported %s in this period; you recorded %s unusable.\n",
			s.Data.Service.Name, reported, lived)
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
