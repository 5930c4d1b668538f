// Package officials tells when two official incidents saved from different
// sources (a Statuspage import, the page's API, its RSS or Atom feed) are
// one, and merges what each says: the status-page watch and the hand
// import of incidents.json both use it, so neither saves an incident twice.
package officials

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"lapse/app/journal"
)

// sameStartWithin is how far apart two sources may put the start of one
// incident that only its title ties together: Statuspage's feed dates an
// entry when it was posted, its API when the vendor says it began.
const sameStartWithin = time.Hour

// Match finds the saved official outage, not taken, that is the incident o
// as another source gave it:
//   - the same link;
//   - one is a Statuspage incident (its ID) and the other's link is that
//     incident's address on the page, ".../incidents/<ID>";
//   - from a different kind of source, the same title and a start within
//     sameStartWithin.
func Match(o journal.Outage, known []*journal.Outage, taken map[*journal.Outage]bool) *journal.Outage {
	var byTitle *journal.Outage
	for _, k := range known {
		if taken[k] {
			continue
		}
		if sameLink(o.Link, k.Link) || incidentOf(o.Link, k.ExternalID) || incidentOf(k.Link, o.ExternalID) ||
			incidentOf(k.ExternalID, o.ExternalID) || incidentOf(o.ExternalID, k.ExternalID) {
			return k
		}
		if byTitle == nil && statuspageID(o.ExternalID) != statuspageID(k.ExternalID) && fold(o.Title) == fold(k.Title) &&
			o.Start.Sub(k.Start).Abs() <= sameStartWithin {
			byTitle = k
		}
	}
	return byTitle
}

// statuspageIDs are Statuspage's incident IDs ("kw1x2ls5pyq9"); a feed's
// incidents go by a link, a guid or a title and date.
var statuspageIDs = regexp.MustCompile(`^[a-z0-9]{8,32}$`)

func statuspageID(id string) bool { return statuspageIDs.MatchString(id) }

// incidentOf reports whether address is a Statuspage incident's page,
// ".../incidents/<id>".
func incidentOf(address, id string) bool {
	if !statuspageID(id) {
		return false
	}
	u, err := url.Parse(address)
	return err == nil && u.Host != "" && strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), "/incidents/"+id)
}

// sameLink compares two addresses as the web does: scheme and host in any
// case, a trailing slash or not.
func sameLink(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil {
		return a == b
	}
	return strings.EqualFold(ua.Scheme, ub.Scheme) && strings.EqualFold(ua.Host, ub.Host) &&
		strings.TrimSuffix(ua.Path, "/") == strings.TrimSuffix(ub.Path, "/") && ua.RawQuery == ub.RawQuery
}

// fold is s in lower case with its runs of white space as one space, for
// names and titles typed or written with different care.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Merge is the saved outage told what another source says of it (in): it
// keeps its ID, title and what it has, fills in what it lacks, starts at
// the earlier start, takes the worse impact (a feed's "degraded" is the
// least claim, not news), and takes the other's end only when it had none
// (or only a zero-length placeholder) and the other knows whether the
// incident is over (stateKnown).
func Merge(saved, in journal.Outage, stateKnown bool) journal.Outage {
	o := saved
	if in.Start.Before(o.Start) {
		o.Start = in.Start
	}
	if slices.Index(journal.Impacts, in.Impact) < slices.Index(journal.Impacts, o.Impact) {
		o.Impact = in.Impact
	}
	if stateKnown && (o.End == nil || o.End.Equal(saved.Start)) {
		o.End = in.End
	}
	if o.End != nil && o.End.Before(o.Start) {
		end := o.Start
		o.End = &end
	}
	if o.Link == "" {
		o.Link = in.Link
	}
	if o.Symptoms == "" {
		o.Symptoms = in.Symptoms
	}
	if o.Resolution == "" {
		o.Resolution = in.Resolution
	}
	if len(o.Platforms) == 0 {
		o.Platforms = in.Platforms
	}
	return o
}

// Reconcile plans the saving of incoming official incidents against those
// saved (known): one outage per incoming incident, in its order. One saved
// under the same ExternalID is written as it comes (the save updates it);
// one that Match finds is merged into the saved one, keeping its ID, so the
// save updates that one; the others are new. stateKnown says whether the
// source tells if an incident is over (a Statuspage document does).
func Reconcile(known []*journal.Outage, incoming []journal.Outage, stateKnown bool) []journal.Outage {
	ids := make([]string, len(incoming))
	for i, in := range incoming {
		ids[i] = in.ExternalID
	}
	byID, taken := Index(known, ids)
	out := make([]journal.Outage, len(incoming))
	for i, in := range incoming {
		out[i] = in
		if byID[in.ExternalID] != nil {
			continue
		}
		if k := Match(in, known, taken); k != nil {
			taken[k] = true
			out[i] = Merge(*k, in, stateKnown)
		}
	}
	return out
}

// Index is the saved outages by ExternalID, and those taken: saved under
// an ID the incoming document lists (ids), so they cannot be another
// source's copy of something else in it, and Match must pass them by.
func Index(known []*journal.Outage, ids []string) (byID map[string]*journal.Outage, taken map[*journal.Outage]bool) {
	byID = map[string]*journal.Outage{}
	for _, k := range known {
		if k.ExternalID != "" {
			byID[k.ExternalID] = k
		}
	}
	taken = map[*journal.Outage]bool{}
	for _, id := range ids {
		if k := byID[id]; k != nil {
			taken[k] = true
		}
	}
	return byID, taken
}

// Saved reports whether an incoming incident is one of those saved, by its
// ExternalID or as Match finds it.
func Saved(known []*journal.Outage, in journal.Outage) bool {
	for _, k := range known {
		if k.ExternalID != "" && k.ExternalID == in.ExternalID {
			return true
		}
	}
	return Match(in, known, nil) != nil
}
