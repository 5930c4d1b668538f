package statuswatch

import (
	"encoding/json"
	"fmt"
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
	key := fold(name)
	for _, p := range l.Pages {
		for _, n := range p.Names {
			if fold(n) == key {
				return p, true
			}
		}
	}
	return KnownPage{}, false
}
