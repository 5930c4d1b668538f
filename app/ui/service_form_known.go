package ui

import "lapse/app/statuswatch"

// prefillKnownPages fills in the status page of a widely used service as
// its name is typed ("GitHub" brings https://www.githubstatus.com). The
// address stays the user's: one they typed or edited is never replaced,
// and a prefilled one is taken back when the name stops matching.
func (f *serviceForm) prefillKnownPages() {
	prefilled := ""
	f.name.OnChanged = func(name string) {
		if f.status.Text != prefilled {
			return // the user typed or changed it
		}
		page, ok := statuswatch.LookupKnown(name)
		if !ok {
			page.URL = ""
		}
		prefilled = page.URL
		f.status.SetText(page.URL)
	}
}
