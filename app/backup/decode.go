package backup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"lapse/app/journal"
	"lapse/app/jsontext"
	"lapse/app/textpos"
	"lapse/storage"
)

// MaxSize is the largest backup Lapse reads: far beyond a decade of heavy
// use, small enough that a wrong file cannot exhaust memory.
const MaxSize = 512 << 20

// maxSize is MaxSize, lowered by tests.
var maxSize int64 = MaxSize

// Decode reads a backup document strictly: a file that is not a Lapse
// backup, damaged or written by a newer Lapse is refused (EREFUSED); a
// field that is missing, unknown, of the wrong JSON type or not a valid date
// or time is a *storage.PathError naming it ("outages[3].end"); and the
// snapshot must pass storage's Snapshot.Validate, so what Decode accepts
// Load and Replace accept too.
func Decode(data []byte) (*storage.Snapshot, error) {
	if int64(len(data)) > maxSize {
		return nil, tooLarge()
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // a byte-order mark some editors add
	if !utf8.Valid(data) {
		return nil, refused("it is damaged or not a backup: it is not UTF-8 text (" + textpos.BadByte(data) + " is not UTF-8)")
	}
	var top json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, refused("it is damaged or not a backup: " + syntaxProblem(data, err))
	}
	if jsonKind(top) != "an object" {
		return nil, refused("it is not a Lapse backup (it is not a JSON object)")
	}
	r := &reader{}
	o := r.object("", top)
	if r.err != nil {
		return nil, r.err
	}
	v, err := checkHeader(o.fields)
	if err != nil {
		return nil, err
	}
	r.version = v
	o.str("format")
	o.integer("version")
	o.time("exported_at")
	s := &storage.Snapshot{Settings: r.settings(o.value("settings"), "settings")}
	eachElement(o, "services", func(raw json.RawMessage, path string) {
		s.Services = append(s.Services, r.service(raw, path))
	})
	eachElement(o, "subscriptions", func(raw json.RawMessage, path string) {
		s.Subscriptions = append(s.Subscriptions, r.subscription(raw, path))
	})
	eachElement(o, "outages", func(raw json.RawMessage, path string) {
		s.Outages = append(s.Outages, r.outage(raw, path))
	})
	eachElement(o, "tickets", func(raw json.RawMessage, path string) {
		s.Tickets = append(s.Tickets, r.ticket(raw, path))
	})
	eachElement(o, "messages", func(raw json.RawMessage, path string) {
		s.Messages = append(s.Messages, r.message(raw, path))
	})
	eachElement(o, "decisions", func(raw json.RawMessage, path string) {
		s.Decisions = append(s.Decisions, r.decision(raw, path))
	})
	eachElement(o, "trash", func(raw json.RawMessage, path string) {
		s.Trash = append(s.Trash, r.trashItem(raw, path))
	})
	o.done()
	if r.err != nil {
		return nil, r.err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// refused is the error for a file Lapse will not restore.
func refused(why string) error {
	return journal.Errorf(journal.EREFUSED, "Lapse will not restore this file: %s", why)
}

func tooLarge() error {
	return refused(fmt.Sprintf("it is larger than %d MiB, more than any Lapse backup", MaxSize>>20))
}

// checkHeader refuses a document of another format or a newer version
// before any of its records is read, and returns its version.
func checkHeader(fields map[string]json.RawMessage) (int, error) {
	var format string
	raw, ok := fields["format"]
	if !ok {
		return 0, refused(`it is not a Lapse backup (it has no "format" field)`)
	}
	if json.Unmarshal(raw, &format) != nil || format != Format {
		return 0, refused(fmt.Sprintf(`it is not a Lapse backup (its "format" is %s, not %q)`, raw, Format))
	}
	raw, ok = fields["version"]
	if !ok {
		return 0, refused(`it has no "version" field`)
	}
	v, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || v < 1 {
		return 0, refused(fmt.Sprintf(`its "version" is %s, not a backup version`, raw))
	}
	if v > Version {
		return 0, refused(fmt.Sprintf("it was written by a newer Lapse (backup version %d; this Lapse reads up to version %d). "+
			"Update Lapse to restore it", v, Version))
	}
	return int(v), nil
}

// syntaxProblem says where a JSON document stops making sense.
func syntaxProblem(data []byte, err error) string {
	line, col, cut, ok := jsontext.Position(data, err)
	switch {
	case !ok:
		return err.Error()
	case cut && line > 0:
		return fmt.Sprintf("it ends too early (line %d): the file is cut short", line)
	case cut:
		return "it ends too early: the file is cut short"
	}
	return fmt.Sprintf("invalid JSON at line %d, column %d (%v)", line, col, err)
}

// reader decodes one document, keeping the first problem it meets; after
// one, every read returns a zero value and records nothing more.
type reader struct {
	err     error
	version int // of the document being read: older ones lack later fields
}

func (r *reader) fail(path, format string, args ...any) {
	if r.err == nil {
		r.err = &storage.PathError{Path: path, Err: journal.Errorf(journal.EINVALID, format, args...)}
	}
}

// object is one JSON object being read field by field.
type object struct {
	r      *reader
	path   string
	fields map[string]json.RawMessage
	keys   []string // in document order, to name the first unknown one
	seen   map[string]bool
}

// join is the path of a field of the value at path.
func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

var (
	jsonKind = jsontext.Kind
	isNull   = jsontext.IsNull
)

// object reads the value at path as a JSON object, refusing a key that appears twice.
func (r *reader) object(path string, raw json.RawMessage) *object {
	o := &object{r: r, path: path, fields: map[string]json.RawMessage{}, seen: map[string]bool{}}
	if r.err != nil {
		return o
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		r.fail(path, "must be an object, not %s", jsonKind(raw))
		return o
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			r.fail(path, "is not valid JSON: %v", err)
			return o
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			r.fail(join(path, key), "is not valid JSON: %v", err)
			return o
		}
		if _, dup := o.fields[key]; dup {
			r.fail(join(path, key), "appears twice")
			return o
		}
		o.fields[key] = v
		o.keys = append(o.keys, key)
	}
	return o
}

// value returns a field's raw value; a missing field is a problem.
func (o *object) value(name string) json.RawMessage {
	o.seen[name] = true
	raw, ok := o.fields[name]
	if !ok {
		o.r.fail(join(o.path, name), "is missing")
	}
	return raw
}

// done refuses a field the format does not have: it would be lost.
func (o *object) done() {
	for _, k := range o.keys {
		if !o.seen[k] {
			o.r.fail(join(o.path, k), "is not a field of a version %d backup", o.r.version)
			return
		}
	}
}

// decode reads a field into v, which must be of the JSON kind want names.
func (o *object) decode(name, want string, v any) bool {
	raw := o.value(name)
	if o.r.err != nil {
		return false
	}
	if isNull(raw) || json.Unmarshal(raw, v) != nil {
		o.r.fail(join(o.path, name), "must be %s, not %s", want, jsonKind(raw))
		return false
	}
	return true
}

func (o *object) str(name string) string {
	var s string
	o.decode(name, "a string", &s)
	return s
}

func (o *object) boolean(name string) bool {
	var b bool
	o.decode(name, "true or false", &b)
	return b
}

// integer reads a whole number: no fraction, no exponent.
func (o *object) integer(name string) int64 {
	raw := o.value(name)
	if o.r.err != nil {
		return 0
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 64)
	if err != nil {
		o.r.fail(join(o.path, name), "must be a whole number, not %s", describe(raw))
	}
	return n
}

// describe names a JSON value for a message: numbers are shown as written.
func describe(raw json.RawMessage) string {
	if t := bytes.TrimSpace(raw); len(t) > 0 && (t[0] == '-' || (t[0] >= '0' && t[0] <= '9')) {
		return string(t) // "not 20.5" reads better than "not a number (20.5)"
	}
	return jsonKind(raw)
}

func (o *object) smallInt(name string) int {
	n := o.integer(name)
	if int64(int(n)) != n {
		o.r.fail(join(o.path, name), "is too large")
	}
	return int(n)
}

// optID reads a reference that may be null.
func (o *object) optID(name string) *int64 {
	if isNull(o.value(name)) || o.r.err != nil {
		return nil
	}
	n := o.integer(name)
	return &n
}

// trashID reads trash_id: null while the record is live.
func (o *object) trashID() int64 {
	id := o.optID("trash_id")
	if id == nil {
		return 0
	}
	if *id <= 0 {
		o.r.fail(join(o.path, "trash_id"), "must be null or a whole number above zero, not %d", *id)
	}
	return *id
}

const timeHint = `a time in RFC 3339, like "2026-11-25T10:15:00Z"`

func (o *object) time(name string) time.Time {
	var s string
	if !o.decode(name, timeHint, &s) {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		o.r.fail(join(o.path, name), "must be %s, not %q", timeHint, s)
		return time.Time{}
	}
	return t.UTC().Truncate(time.Second)
}

func (o *object) optTime(name string) *time.Time {
	if isNull(o.value(name)) || o.r.err != nil {
		return nil
	}
	t := o.time(name)
	return &t
}

const dateHint = `a date like "2026-11-25"`

func (o *object) date(name string) journal.Date {
	var s string
	if !o.decode(name, dateHint, &s) {
		return journal.Date{}
	}
	d, err := journal.ParseDate(s)
	if err != nil {
		o.r.fail(join(o.path, name), "must be %s, not %q", dateHint, s)
	}
	return d
}

// optDate reads a date that may be null; null is the zero date.
func (o *object) optDate(name string) journal.Date {
	if isNull(o.value(name)) || o.r.err != nil {
		return journal.Date{}
	}
	return o.date(name)
}

// list reads a field that must be a JSON list (possibly empty, never null).
func (o *object) list(name string) []json.RawMessage {
	var items []json.RawMessage
	if !o.decode(name, "a list", &items) {
		return nil
	}
	return items
}

// eachElement calls fn for each element of a list field, with its path,
// until the first problem.
func eachElement(o *object, name string, fn func(raw json.RawMessage, path string)) {
	for i, raw := range o.list(name) {
		if o.r.err != nil {
			return
		}
		fn(raw, fmt.Sprintf("%s[%d]", join(o.path, name), i))
	}
}

// strings reads a list of strings.
func (o *object) strings(name string) []string {
	var out []string
	eachElement(o, name, func(raw json.RawMessage, path string) {
		var s string
		if isNull(raw) || json.Unmarshal(raw, &s) != nil {
			o.r.fail(path, "must be a string, not %s", jsonKind(raw))
		}
		out = append(out, s)
	})
	return out
}

// ids reads a list of record IDs.
func (o *object) ids(name string) []int64 {
	var out []int64
	eachElement(o, name, func(raw json.RawMessage, path string) {
		n, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 64)
		if err != nil {
			o.r.fail(path, "must be a whole number, not %s", describe(raw))
		}
		out = append(out, n)
	})
	return out
}

func (r *reader) settings(raw json.RawMessage, path string) journal.Settings {
	o := r.object(path, raw)
	var s journal.Settings
	s.HomeCurrency = o.str("home_currency")
	eachElement(o, "rates", func(raw json.RawMessage, path string) {
		ro := r.object(path, raw)
		rate := journal.Rate{Currency: ro.str("currency"), Rate: ro.str("rate"), AsOf: ro.optDate("as_of")}
		ro.done()
		s.Rates = append(s.Rates, rate)
	})
	s.TimeZone = o.str("time_zone")
	s.Language = o.str("language")
	s.ReminderDays = o.smallInt("reminder_days")
	to := r.object(join(path, "thresholds"), o.value("thresholds"))
	s.Thresholds = journal.Thresholds{
		WindowDays:              to.smallInt("window_days"),
		WatchUnusableHours:      to.smallInt("watch_unusable_hours"),
		SwitchUnusableHours:     to.smallInt("switch_unusable_hours"),
		CancelUnusableHours:     to.smallInt("cancel_unusable_hours"),
		MinAvailabilityPermille: to.smallInt("min_availability_permille"),
		BadMonthsToSwitch:       to.smallInt("bad_months_to_switch"),
		PaidUnusablePercent:     to.smallInt("paid_unusable_percent"),
		SilenceDays:             to.smallInt("silence_days"),
		WaitingTicketDays:       to.smallInt("waiting_ticket_days"),
	}
	to.done()
	s.MyAddresses = o.strings("my_addresses")
	s.KeepInTray = o.boolean("keep_in_tray")
	if r.version >= 2 {
		s.StatusPollMinutes = o.smallInt("status_poll_minutes")
	} // a version 1 backup has no poll interval: the default, as before it was set
	o.done()
	return s
}

func (r *reader) service(raw json.RawMessage, path string) storage.Record[journal.Service] {
	o := r.object(path, raw)
	v := journal.Service{
		ID:           o.integer("id"),
		Name:         o.str("name"),
		Category:     o.str("category"),
		Website:      o.str("website"),
		StatusPage:   o.str("status_page"),
		Notes:        o.str("notes"),
		Archived:     o.boolean("archived"),
		Alternatives: o.ids("alternatives"),
		CreatedAt:    o.time("created_at"),
		UpdatedAt:    o.time("updated_at"),
	}
	rec := storage.Record[journal.Service]{Value: v, TrashID: o.trashID()}
	o.done()
	return rec
}

func (r *reader) subscription(raw json.RawMessage, path string) storage.Record[journal.Subscription] {
	o := r.object(path, raw)
	v := journal.Subscription{
		ID:        o.integer("id"),
		ServiceID: o.integer("service_id"),
		Plan:      o.str("plan"),
		Amount:    o.integer("amount"),
		Currency:  o.str("currency"),
		Period:    journal.Period{N: o.smallInt("period_n"), Unit: journal.PeriodUnit(o.str("period_unit"))},
		Start:     o.date("start"),
		End:       o.optDate("end"),
		TrialEnd:  o.optDate("trial_end"),
	}
	v.PaymentNote = o.str("payment_note")
	v.ReminderDays = o.smallInt("reminder_days")
	eachElement(o, "prices", func(raw json.RawMessage, path string) {
		po := r.object(path, raw)
		p := journal.PriceChange{ID: po.integer("id"), Effective: po.date("effective"), Amount: po.integer("amount")}
		po.done()
		v.Prices = append(v.Prices, p)
	})
	v.CreatedAt, v.UpdatedAt = o.time("created_at"), o.time("updated_at")
	rec := storage.Record[journal.Subscription]{Value: v, TrashID: o.trashID()}
	o.done()
	return rec
}

func (r *reader) outage(raw json.RawMessage, path string) storage.Record[journal.Outage] {
	o := r.object(path, raw)
	v := journal.Outage{
		ID:        o.integer("id"),
		ServiceID: o.integer("service_id"),
		Title:     o.str("title"),
		Start:     o.time("start"),
		End:       o.optTime("end"),
		Impact:    journal.Impact(o.str("impact")),
		Platforms: o.strings("platforms"),
	}
	v.StillWorked = o.str("still_worked")
	v.Symptoms = o.str("symptoms")
	eachElement(o, "steps", func(raw json.RawMessage, path string) {
		so := r.object(path, raw)
		st := journal.Step{Action: so.str("action"), Result: so.str("result")}
		so.done()
		v.Steps = append(v.Steps, st)
	})
	v.Resolution = o.str("resolution")
	v.Source = journal.Source(o.str("source"))
	v.Link = o.str("link")
	v.ExternalID = o.str("external_id")
	v.CreatedAt, v.UpdatedAt = o.time("created_at"), o.time("updated_at")
	rec := storage.Record[journal.Outage]{Value: v, TrashID: o.trashID()}
	o.done()
	return rec
}

func (r *reader) ticket(raw json.RawMessage, path string) storage.Record[journal.Ticket] {
	o := r.object(path, raw)
	v := journal.Ticket{
		ID:         o.integer("id"),
		ServiceID:  o.integer("service_id"),
		OutageID:   o.optID("outage_id"),
		Subject:    o.str("subject"),
		Channel:    journal.Channel(o.str("channel")),
		Reference:  o.str("reference"),
		OpenedAt:   o.time("opened_at"),
		ResolvedAt: o.optTime("resolved_at"),
		Outcome:    journal.Outcome(o.str("outcome")),
		CreatedAt:  o.time("created_at"),
		UpdatedAt:  o.time("updated_at"),
	}
	rec := storage.Record[journal.Ticket]{Value: v, TrashID: o.trashID()}
	o.done()
	return rec
}

func (r *reader) message(raw json.RawMessage, path string) storage.Record[journal.Message] {
	o := r.object(path, raw)
	v := journal.Message{
		ID:        o.integer("id"),
		TicketID:  o.integer("ticket_id"),
		At:        o.time("at"),
		Direction: journal.Direction(o.str("direction")),
		Author:    journal.AuthorKind(o.str("author")),
		From:      o.str("from"),
		Summary:   o.str("summary"),
		Body:      o.str("body"),
		CreatedAt: o.time("created_at"),
		UpdatedAt: o.time("updated_at"),
	}
	rec := storage.Record[journal.Message]{Value: v, TrashID: o.trashID()}
	o.done()
	return rec
}

func (r *reader) decision(raw json.RawMessage, path string) storage.Record[journal.Decision] {
	o := r.object(path, raw)
	v := journal.Decision{
		ID:        o.integer("id"),
		ServiceID: o.integer("service_id"),
		Kind:      journal.DecisionKind(o.str("kind")),
		Date:      o.date("date"),
	}
	amount := o.optID("amount")
	var currency *string
	if !isNull(o.value("currency")) {
		c := o.str("currency")
		currency = &c
	}
	switch {
	case amount != nil && currency != nil:
		v.Amount = &journal.Money{Amount: *amount, Currency: *currency}
	case amount != nil:
		r.fail(join(path, "currency"), "must be set when amount is")
	case currency != nil:
		r.fail(join(path, "amount"), "must be set when currency is")
	}
	v.SwitchedTo = o.optID("switched_to")
	v.Note = o.str("note")
	v.CreatedAt, v.UpdatedAt = o.time("created_at"), o.time("updated_at")
	rec := storage.Record[journal.Decision]{Value: v, TrashID: o.trashID()}
	o.done()
	return rec
}

func (r *reader) trashItem(raw json.RawMessage, path string) journal.TrashItem {
	o := r.object(path, raw)
	it := journal.TrashItem{
		ID:        o.integer("id"),
		Kind:      o.str("kind"),
		RecordID:  o.integer("record_id"),
		Label:     o.str("label"),
		DeletedAt: o.time("deleted_at"),
	}
	o.done()
	return it
}
