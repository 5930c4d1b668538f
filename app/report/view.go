package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"lapse/app/journal"
	"lapse/app/words"
)

// The Markdown, HTML and PDF renderers draw the same outline: a list of
// sections of plain, unescaped text built here once. Each renderer escapes
// for its own format.

// section is one heading of the summary and what stands under it, drawn in
// this order: Lead, Intro, Pairs, Chart, Table, Bullets, Letter, Note, Subs.
type section struct {
	ID      string // anchor and CSS hook: "figures", "outages", ...
	Title   string
	Lead    string   // a line set apart (the verdict)
	Intro   []string // paragraphs
	Pairs   []pair   // a two-column list of label and value
	Chart   bool     // the monthly chart stands here
	Table   *table
	Bullets []string
	Letter  string    // verbatim text to copy
	Note    string    // a remark in small print
	Subs    []section // one level of sub-sections (outage details, tickets)
}

// pair is a label and its value, or its list of values.
type pair struct {
	Label, Value string
	List         []string
	Link         bool // Value is an address the user entered; Markdown may link it
}

// table is a table of text cells.
type table struct {
	Head  []string
	Rows  [][]string
	Foot  []string // a totals row; nil for none
	Right []bool   // columns of numbers, right-aligned and kept on one line
	Keep  []bool   // other columns kept on one line (dates)
	Wide  int      // index of the column that takes the spare width in the PDF; -1 for none
}

// right reports whether column i is right-aligned.
func (t *table) right(i int) bool { return i < len(t.Right) && t.Right[i] }

// shortCell is the widest a cell may be, in half-width columns, for its
// column to stay on one line whatever the page: a label such as 利用不可
// must not wrap one character per line beside a long title.
const shortCell = 16

// keepShortColumns keeps on one line every table column of sec (and its
// sub-sections) whose cells are all short.
func keepShortColumns(sec *section) {
	if t := sec.Table; t != nil && len(t.Rows) > 0 {
		keep := make([]bool, len(t.Head))
		copy(keep, t.Keep)
		for i := range keep {
			short := true
			for _, r := range t.Rows {
				short = short && (i >= len(r) || displayWidth(r[i]) <= shortCell)
			}
			keep[i] = keep[i] || short
		}
		t.Keep = keep
	}
	for i := range sec.Subs {
		keepShortColumns(&sec.Subs[i])
	}
}

// displayWidth is s's width in half-width columns: wide (CJK) characters count two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			n++
		}
	}
	return n
}

// kept reports whether the cells of column i stay on one line.
func (t *table) kept(i int) bool { return t.right(i) || (i < len(t.Keep) && t.Keep[i]) }

// outline is the title, the meta lines and the sections of the summary.
type outline struct {
	Lang     words.Lang
	Title    string
	Subtitle string
	Meta     []pair
	Sections []section
	Footer   string
}

// outline builds the shared outline of the summary.
func (s *Summary) outline() outline {
	o := outline{
		Lang:     s.Lang,
		Title:    s.t("report.title") + s.colon() + oneLine(s.Service.Name),
		Subtitle: s.t("report.period") + s.colon() + s.periodText(),
		Footer:   s.t("report.footer"),
	}
	o.Meta = append(o.Meta, pair{Label: s.t("report.as_of"), Value: s.dateTime(s.AsOf)},
		pair{Label: s.t("report.time_zone"), Value: s.Location.String()},
		pair{Label: s.t("report.money_in"), Value: s.Home})
	for _, p := range []pair{{Label: s.t("report.category"), Value: s.Service.Category}, {Label: s.t("report.website"), Value: s.Service.Website, Link: true},
		{Label: s.t("report.status_page"), Value: s.Service.StatusPage, Link: true}} {
		if v := oneLine(p.Value); v != "" {
			o.Meta = append(o.Meta, pair{Label: p.Label, Value: v, Link: p.Link})
		}
	}
	if v := s.verdictSection(); v != nil {
		o.Sections = append(o.Sections, *v)
	}
	o.Sections = append(o.Sections, s.figuresSection(), s.monthsSection(), s.chargesSection(), s.outagesSection())
	if off := s.officialSection(); off != nil {
		o.Sections = append(o.Sections, *off)
	}
	o.Sections = append(o.Sections, s.supportSection())
	if len(s.Decisions) > 0 {
		o.Sections = append(o.Sections, s.decisionsSection())
	}
	o.Sections = append(o.Sections, section{ID: "letter", Title: s.t("report.letter"), Intro: []string{s.t("report.letter_hint")}, Letter: Letter(s)})
	for i := range o.Sections {
		keepShortColumns(&o.Sections[i])
	}
	return o
}

func (s *Summary) verdictSection() *section {
	v := s.Verdict
	if v == nil {
		return nil
	}
	sec := &section{ID: "verdict", Title: s.t("report.verdict"), Lead: capitalize(v.Text(s.Lang)),
		Intro: []string{s.verdictAsOf()}}
	for _, r := range v.Reasons {
		sec.Bullets = append(sec.Bullets, r.Text(s.Lang))
	}
	// The next charge with its amount, from the summary's plans.
	if n := s.Next; n != nil {
		left := s.tf("report.days_left", journal.DateOf(s.AsOf.In(s.Location)).DaysUntil(n.Date))
		if n.Date == journal.DateOf(s.AsOf.In(s.Location)).AddDays(1) {
			left = s.t("report.day_left")
		}
		sec.Intro = append(sec.Intro, s.t("report.next_charge")+s.colon()+dateText(n.Date, s.Lang)+s.paren(left))
	}
	days := int(v.Window.End.Sub(v.Window.Start).Hours()/24 + 0.5)
	sec.Note = s.tf("report.verdict_window", days, s.dateTime(s.AsOf))
	return sec
}

// verdictAsOf says the moment the verdict was judged as of: "Verdict as of 30 Jul 2024 12:00".
func (s *Summary) verdictAsOf() string { return s.tf("report.verdict_as_of", s.dateTime(s.AsOf)) }

func (s *Summary) figuresSection() section {
	sum := s.Figures.Summary
	refund := s.homeMoney(sum.PaidWhileUnusable)
	if s.Refund.Currency != s.Home {
		refund = moneyText(s.Refund) + s.paren(refund)
	}
	none := s.t("report.none")
	first, silence := none, none
	if w := sum.WorstFirstResponse; w != nil {
		first = s.dur(w.After) + s.paren(s.tf("report.on_ticket", s.ticketLabel(w.TicketID)))
	}
	if l := sum.LongestSilence; l != nil {
		detail := s.tf("report.on_ticket", s.ticketLabel(l.TicketID)) + s.comma() + s.date(l.From) + " – " + s.date(l.To)
		if l.Running {
			detail += s.comma() + s.t("report.still_waiting")
		}
		silence = s.dur(l.Length()) + s.paren(detail)
	}
	return section{ID: "figures", Title: s.t("report.key_figures"), Pairs: []pair{
		{Label: s.t("report.paid"), Value: s.homeMoney(sum.Cash)},
		{Label: s.t("report.accrued"), Value: s.homeMoney(sum.Accrued)},
		{Label: s.t("report.unusable"), Value: s.dur(sum.Unusable)},
		{Label: s.t("report.impaired"), Value: s.dur(sum.Impaired)},
		{Label: s.t("report.availability"), Value: availability(sum.Availability)},
		{Label: s.t("report.paid_unusable"), Value: refund},
		{Label: s.t("report.outages"), Value: fmt.Sprint(sum.Outages)},
		{Label: s.t("report.tickets"), Value: fmt.Sprint(sum.Tickets)},
		{Label: s.t("report.first_response"), Value: first},
		{Label: s.t("report.longest_silence"), Value: silence},
	}}
}

// ticketLabel names a ticket of the summary by its reference, else its number.
func (s *Summary) ticketLabel(id int64) string {
	for i := range s.Tickets {
		if s.Tickets[i].ID == id {
			return ticketName(&s.Tickets[i].Ticket)
		}
	}
	return fmt.Sprintf("#%d", id)
}

func (s *Summary) monthsSection() section {
	home := " (" + s.Home + ")"
	t := &table{Head: []string{s.t("report.month"), s.t("report.m.unusable"), s.t("report.m.impaired"), s.t("report.availability"),
		s.t("report.m.paid") + home, s.t("report.m.accrued") + home, s.t("report.m.paid_unusable") + home},
		Right: []bool{false, true, true, true, true, true, true}, Keep: []bool{true}, Wide: -1}
	money := func(v int64) string { return journal.GroupDigits(journal.FormatAmount(v, s.Home)) }
	for _, m := range s.Figures.Months {
		t.Rows = append(t.Rows, []string{monthText(m.Month.Year, int(m.Month.Month), s.Lang), s.short(m.Unusable), s.short(m.Impaired),
			availability(m.Availability), money(m.Cash), money(m.Accrued), money(m.PaidWhileUnusable)})
	}
	return section{ID: "months", Title: s.t("report.by_month"), Chart: true, Table: t}
}

// monthText is "2026-03" in English and "2026年3月" in Japanese.
func monthText(y, m int, l words.Lang) string {
	if l == words.JA {
		return fmt.Sprintf("%d年%d月", y, m)
	}
	return fmt.Sprintf("%04d-%02d", y, m)
}

func (s *Summary) chargesSection() section {
	sec := section{ID: "charges", Title: s.t("report.charges")}
	if len(s.Plans) > 0 {
		pt := &table{Head: []string{s.t("report.plan"), s.t("report.price"), s.t("report.started"), s.t("report.ended")},
			Right: []bool{false, true, false, false}, Keep: []bool{false, false, true, true}, Wide: 0}
		for i := range s.Plans {
			p := &s.Plans[i]
			end := "—"
			if !p.End.IsZero() {
				end = dateText(p.End, s.Lang)
			}
			pt.Rows = append(pt.Rows, []string{s.planName(p.Plan), s.priceText(p), dateText(p.Start, s.Lang), end})
		}
		sec.Subs = append(sec.Subs, section{ID: "plans", Title: s.t("report.plans"), Table: pt})
	}
	ct := section{ID: "charge-list", Title: s.t("report.charge_list")}
	if s.Next != nil {
		ct.Intro = append(ct.Intro, s.t("report.next_charge")+s.colon()+dateText(s.Next.Date, s.Lang)+s.comma()+
			moneyText(journal.Money{Amount: s.Next.Amount, Currency: s.Next.Currency})+s.paren(s.planName(s.Next.Plan)))
	}
	if len(s.Charges) == 0 {
		ct.Intro = append([]string{s.t("report.no_charges")}, ct.Intro...)
	} else {
		t := &table{Head: []string{s.t("report.date"), s.t("report.plan"), s.t("report.amount")}, Right: []bool{false, false, true}, Keep: []bool{true}, Wide: 1}
		for _, c := range s.Charges {
			t.Rows = append(t.Rows, []string{dateText(c.Date, s.Lang), s.planName(c.Plan), moneyText(journal.Money{Amount: c.Amount, Currency: c.Currency})})
		}
		var totals []string
		for _, m := range s.chargeTotals() {
			totals = append(totals, moneyText(m))
		}
		t.Foot = []string{s.t("report.total"), fmt.Sprint(len(s.Charges)), strings.Join(totals, " + ")}
		ct.Table = t
	}
	sec.Subs = append(sec.Subs, ct)
	return sec
}

func (s *Summary) outagesSection() section {
	sec := section{ID: "outages", Title: s.t("report.outage_timeline")}
	if len(s.Outages) == 0 {
		sec.Intro = []string{s.t("report.no_outages")}
		return sec
	}
	t := &table{Head: []string{s.t("report.start"), s.t("report.end"), s.t("report.duration"), s.t("report.impact"), s.t("report.what"),
		s.t("report.platforms")}, Right: []bool{false, false, true, false, false, false}, Keep: []bool{true, true}, Wide: 4}
	for i := range s.Outages {
		o := &s.Outages[i]
		end := s.t("report.ongoing")
		if !o.Ongoing() && !o.End.After(s.AsOf) {
			end = s.dateTime(*o.End)
		}
		t.Rows = append(t.Rows, []string{s.dateTime(o.Start), end, s.short(s.OutageEnd(o).Sub(o.Start)), s.label("impact", string(o.Impact)),
			oneLine(o.Title), list(cleanAll(o.Platforms), s.Lang)})
		if d := s.outageDetails(o); d != nil {
			sec.Subs = append(sec.Subs, *d)
		}
	}
	sec.Table = t
	return sec
}

// outageDetails is the detail of an outage that has more than a line's worth.
func (s *Summary) outageDetails(o *journal.Outage) *section {
	d := section{ID: fmt.Sprintf("outage-%d", o.ID), Title: s.date(o.Start) + " — " + oneLine(o.Title)}
	add := func(key, v string) {
		if v = oneLine(v); v != "" {
			d.Pairs = append(d.Pairs, pair{Label: s.t(key), Value: v})
		}
	}
	add("report.platforms", list(cleanAll(o.Platforms), s.Lang))
	add("report.symptoms", o.Symptoms)
	add("report.still_worked", o.StillWorked)
	var steps []string
	for _, st := range o.Steps {
		if v := stepText(st, s.Lang); v != "" {
			steps = append(steps, v)
		}
	}
	if len(steps) > 0 {
		d.Pairs = append(d.Pairs, pair{Label: s.t("report.tried"), List: steps})
	}
	add("report.resolution", o.Resolution)
	if v := oneLine(o.Link); v != "" {
		d.Pairs = append(d.Pairs, pair{Label: s.t("report.link"), Value: v, Link: true})
	}
	if len(d.Pairs) == 0 {
		return nil
	}
	add("report.source", s.label("source", string(o.Source)))
	return &d
}

func (s *Summary) supportSection() section {
	sec := section{ID: "support", Title: s.t("report.support")}
	if len(s.Tickets) == 0 {
		sec.Intro = []string{s.t("report.no_tickets")}
		return sec
	}
	for i := range s.Tickets {
		sec.Subs = append(sec.Subs, s.ticketSection(&s.Tickets[i]))
	}
	return sec
}

func (s *Summary) ticketSection(t *Ticket) section {
	title := s.t("report.ticket") + " " + ticketName(&t.Ticket)
	if subj := oneLine(t.Subject); subj != "" {
		title += " — " + subj
	}
	sec := section{ID: fmt.Sprintf("ticket-%d", t.ID), Title: title}
	add := func(key, v string) { sec.Pairs = append(sec.Pairs, pair{Label: s.t(key), Value: v}) }
	add("report.channel", s.label("channel", string(t.Channel)))
	add("report.opened", s.dateTime(t.OpenedAt))
	resolved := t.ResolvedAt != nil && !t.ResolvedAt.After(s.AsOf)
	if resolved {
		add("report.resolved", s.dateTime(*t.ResolvedAt))
	}
	outcome := t.Outcome
	if !resolved {
		outcome = journal.OutcomeOpen
	}
	add("report.outcome", s.label("outcome", string(outcome)))
	m := t.Metrics
	none := s.t("report.none")
	first, human := none, none
	if r := m.FirstResponse; r != nil {
		first = s.dur(r.After)
	}
	if r := m.FirstHumanResponse; r != nil {
		human = s.dur(r.After)
	}
	add("report.first_reply", first)
	add("report.first_human", human)
	if l := m.LongestSilence; l != nil {
		add("report.longest_silence", s.dur(l.Length())+s.paren(s.date(l.From)+" – "+s.date(l.To)))
	}
	if w := m.Waiting; w != nil {
		add("report.waiting", s.dur(w.Length())+pick(s.Lang, " (since ", "（")+s.dateTime(w.From)+pick(s.Lang, ")", "から）"))
	}
	add("report.follow_ups", fmt.Sprint(m.FollowUps))
	if d := m.TimeToResolution; d != nil {
		add("report.to_resolution", s.dur(*d))
	}
	tb := &table{Head: []string{s.t("report.when"), s.t("report.gap"), s.t("report.from"), s.t("report.message"), s.t("report.silence_ended")},
		Right: []bool{false, true, false, false, true}, Keep: []bool{true}, Wide: 3}
	for i, e := range t.Thread {
		gap, ended := "", ""
		if i > 0 {
			gap = s.short(e.Gap)
		}
		switch {
		case e.EndsSilence > 0:
			ended = s.short(e.EndsSilence)
		case e.Automated:
			ended = s.t("report.silence_continues")
		}
		tb.Rows = append(tb.Rows, []string{s.dateTime(e.At), gap, s.author(&e.Message), oneLine(messageText(&e.Message)), ended})
	}
	sec.Table = tb
	return sec
}

func (s *Summary) decisionsSection() section {
	t := &table{Head: []string{s.t("report.date"), s.t("report.decision"), s.t("report.amount"), s.t("report.note")},
		Right: []bool{false, false, true, false}, Keep: []bool{true}, Wide: 3}
	for _, d := range s.Decisions {
		what := s.label("decision", string(d.Kind))
		if d.SwitchedTo != "" {
			what += pick(s.Lang, " ", "（") + s.tf("report.switched_to", oneLine(d.SwitchedTo)) + pick(s.Lang, "", "）")
		}
		amount := ""
		if d.Amount != nil {
			amount = moneyText(*d.Amount)
		}
		t.Rows = append(t.Rows, []string{dateText(d.Date, s.Lang), what, amount, oneLine(d.Note)})
	}
	return section{ID: "decisions", Title: s.t("report.decisions"), Table: t}
}

// capitalize upper-cases the first letter ("consider switching" → "Consider switching").
func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}
