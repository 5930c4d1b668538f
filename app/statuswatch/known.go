package statuswatch

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"lapse/assets"
)

// KnownPage is the public status page of a widely used service.
type KnownPage struct {
	Names []string `json:"names"` // the service's usual names, the first its own
	URL   string   `json:"url"`
	Kind  Kind     `json:"kind"` // "": found on the first poll
}

// KnownList is assets/statuspages.json: the pages, where the list comes
// from and when it was checked.
type KnownList struct {
	Source string      `json:"source"`
	Date   string      `json:"date"`
	Pages  []KnownPage `json:"pages"`
}

var knownList = sync.OnceValues(func() (*KnownList, error) {
	var l KnownList
	if err := json.Unmarshal(assets.StatusPages, &l); err != nil {
		return nil, fmt.Errorf("known status pages: %w", err)
	}
	return &l, nil
})

// Known returns the list of known status pages.
func Known() (*KnownList, error) { return knownList() }

// LookupKnown finds the status page of a service by one of its names,
// ignoring case and extra spaces ("chatgpt", " GitHub ").
func LookupKnown(name string) (KnownPage, bool) {
	l, err := knownList()
	if err != nil {
		return KnownPage{}, false
	}
	key := foldName(name)
	for _, p := range l.Pages {
		for _, n := range p.Names {
			if foldName(n) == key {
				return p, true
			}
		}
	}
	return KnownPage{}, false
}

// foldName is a name in lower case with its runs of white space as one
// space, for names typed with different care.
func foldName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
