package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"lapse/app/journal"
	"lapse/app/words"
)

// Letter details at most this many outages and tickets: a request that
// reads in a minute gets answered; the summary beside it holds the rest.
const (
	letterOutages = 3
	letterTickets = 3
)

// Letter is the drafted cancellation and refund request in the summary's
// language: a subject line, a blank line, then the body, ready to paste
// into an email. Every sentence states a recorded fact or a request built
// on one; a part with no data behind it is left out. The user fills in
// the bracketed placeholders (account e-mail, name).
func Letter(s *Summary) string {
	subject, body := s.letter()
	return pick(s.Lang, "Subject: ", "件名：") + subject + "\n\n" + body
}

// letter returns the subject and the body of the request.
func (s *Summary) letter() (subject, body string) {
	l := s.Lang
	name := oneLine(s.Service.Name)
	var refs []string
	for _, t := range s.letterTickets() {
		if r := oneLine(t.Reference); r != "" {
			refs = append(refs, r)
		}
	}
	subject = pick(l, "Cancellation and refund request — "+name, "解約および返金のお願い（"+name+"）")
	if !s.asksRefund() {
		subject = pick(l, "Cancellation request — "+name, "解約のお願い（"+name+"）")
	}
	if len(refs) > 0 {
		subject += pick(l, " (ref. "+strings.Join(refs, ", ")+")", "／問い合わせ番号 "+strings.Join(refs, "、"))
	}

	var b strings.Builder
	para := func(lines ...string) {
		sep := b.Len() > 0
		for _, line := range lines {
			if line == "" {
				continue
			}
			if sep {
				b.WriteString("\n")
				sep = false
			}
			b.WriteString(line + "\n")
		}
	}
	para(pick(l, "Dear "+name+" support team,", name+" サポートご担当者様"))
	para(s.letterOpening()...)
	para(s.letterOutages()...)
	for _, t := range s.letterTickets() {
		para(s.letterTicket(&t))
	}
	para(s.letterPaid())
	para(s.letterRequests()...)
	closing := pick(l, "Please confirm by reply once this is done.", "お手数をおかけいたしますが、ご対応いただけましたらご返信いただけますと幸いです。")
	if len(s.downOutages()) > 0 || len(s.Tickets) > 0 {
		closing += pick(l, " I keep a dated record of the outages and of our messages and can send it on request.",
			"障害の日時とやり取りの記録は手元にございますので、必要でしたらお送りいたします。")
	}
	para(closing, pick(l, "", "何卒よろしくお願いいたします。"))
	para(pick(l, "Kind regards,\n[your name]", "［お名前］"))
	return subject, strings.TrimRight(b.String(), "\n")
}

// letterOpening names the account and the plans.
func (s *Summary) letterOpening() []string {
	l := s.Lang
	name := oneLine(s.Service.Name)
	plans := s.planList()
	if l == words.JA {
		who := name + "を利用している者です。"
		if plans != "" {
			who = name + "（" + plans + "）を利用している者です。"
		}
		return []string{"いつもお世話になっております。", who + "登録しているメールアドレスは［ご登録のメールアドレス］です。",
			s.letterWhyJA()}
	}
	what := "my " + name + " account"
	if plans != "" {
		what = "my " + name + " subscription (" + plans + ")"
	}
	return []string{"I am writing about " + what + ", registered under [your account email]."}
}

// letterWhyJA is the Japanese opening's purpose sentence, which business
// letters put before the facts.
func (s *Summary) letterWhyJA() string {
	switch {
	case s.Figures.Summary.Unusable > 0 && s.asksRefund():
		return "サービスを利用できない状態が続いたため、解約と返金をお願いしたくご連絡いたしました。"
	case s.Figures.Summary.Unusable > 0:
		return "サービスを利用できない状態が続いたため、解約をお願いしたくご連絡いたしました。"
	}
	return "解約についてご連絡いたしました。"
}

// planList names the plans of the period: "Plus, 20.00 USD / month".
func (s *Summary) planList() string {
	var out []string
	for i := range s.Plans {
		p := &s.Plans[i]
		name := s.planName(p.Plan)
		if s.Lang == words.JA {
			out = append(out, name+"プラン、"+s.priceText(p))
		} else {
			out = append(out, name+" plan, "+s.priceText(p))
		}
	}
	return strings.Join(out, pick(s.Lang, "; ", "／"))
}

// downOutages are the period's unusable outages.
func (s *Summary) downOutages() []journal.Outage {
	var out []journal.Outage
	for _, o := range s.Outages {
		if o.Impact == journal.ImpactDown {
			out = append(out, o)
		}
	}
	return out
}

// letterOutages states the unusable time of the period, then the longest outages in detail.
func (s *Summary) letterOutages() []string {
	l := s.Lang
	sum := s.Figures.Summary
	down := s.downOutages()
	if sum.Unusable <= 0 || len(down) == 0 {
		return nil
	}
	from, to := dateText(s.FirstDay(), l), dateText(s.LastDay(), l)
	var lines []string
	if l == words.JA {
		lines = append(lines, fmt.Sprintf("%sから%sまでの間に、サービスを利用できなかった時間は合計%s（障害%d件、可用性%s）でした。",
			from, to, s.dur(sum.Unusable), len(down), availability(sum.Availability)))
	} else {
		lines = append(lines, fmt.Sprintf("Between %s and %s the service was unusable for %s in total, over %s (availability %s).",
			from, to, s.dur(sum.Unusable), count(len(down), "outage"), availability(sum.Availability)))
	}
	longest := slices.Clone(down)
	slices.SortStableFunc(longest, func(a, b journal.Outage) int {
		return cmp.Compare(s.OutageEnd(&b).Sub(b.Start), s.OutageEnd(&a).Sub(a.Start))
	})
	longest = longest[:min(len(longest), letterOutages)]
	switch {
	case len(down) > len(longest):
		lines = append(lines, pick(l, "The longest of them:", "主なものは次のとおりです。"))
	case len(down) > 1:
		lines = append(lines, pick(l, "In detail:", "内訳は次のとおりです。"))
	}
	for i := range longest {
		lines = append(lines, s.letterOutage(&longest[i]))
	}
	if zone := s.Location.String(); zone != "Local" {
		lines = append(lines, pick(l, "(Times are "+zone+" time.)", "（時刻はすべて"+zone+"の時刻です。）"))
	}
	return lines
}

// letterOutage is one outage as a bullet with its platforms and what was tried.
func (s *Summary) letterOutage(o *journal.Outage) string {
	l := s.Lang
	end := s.OutageEnd(o)
	var b strings.Builder
	if l == words.JA {
		if o.Ongoing() {
			fmt.Fprintf(&b, "・%sから現在まで（%s、継続中）", s.dateTime(o.Start), s.dur(end.Sub(o.Start)))
		} else {
			fmt.Fprintf(&b, "・%sから%sまで（%s）", s.dateTime(o.Start), s.dateTime(end), s.dur(end.Sub(o.Start)))
		}
		if t := oneLine(o.Title); t != "" {
			b.WriteString("：" + t)
		}
		b.WriteString("。")
		if len(o.Platforms) > 0 {
			b.WriteString("影響を受けた環境：" + list(cleanAll(o.Platforms), l) + "。")
		}
		if v := oneLine(o.Symptoms); v != "" {
			b.WriteString("症状：" + strings.TrimSuffix(v, "。") + "。")
		}
		if v := oneLine(o.StillWorked); v != "" {
			b.WriteString("使えたもの：" + strings.TrimSuffix(v, "。") + "。")
		}
		if steps := s.steps(o); steps != "" {
			b.WriteString("試した対処：" + steps + "。")
		}
		return b.String()
	}
	if o.Ongoing() {
		fmt.Fprintf(&b, "- Since %s (%s so far)", s.dateTime(o.Start), s.dur(end.Sub(o.Start)))
	} else {
		fmt.Fprintf(&b, "- From %s to %s (%s)", s.dateTime(o.Start), s.dateTime(end), s.dur(end.Sub(o.Start)))
	}
	if t := oneLine(o.Title); t != "" {
		b.WriteString(": " + t)
	}
	b.WriteString(".")
	if len(o.Platforms) > 0 {
		b.WriteString(" Affected: " + list(cleanAll(o.Platforms), l) + ".")
	}
	if v := oneLine(o.Symptoms); v != "" {
		b.WriteString(" Symptoms: " + sentence(v))
	}
	if v := oneLine(o.StillWorked); v != "" {
		b.WriteString(" Still working: " + sentence(v))
	}
	if steps := s.steps(o); steps != "" {
		b.WriteString(" Already tried: " + steps + ".")
	}
	return b.String()
}

// steps lists what was tried with the results.
func (s *Summary) steps(o *journal.Outage) string {
	var out []string
	for _, st := range o.Steps {
		if t := stepText(st, s.Lang); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, pick(s.Lang, "; ", "、"))
}

// letterTickets are the tickets the letter names: those with the longest
// silences, in the order they were opened.
func (s *Summary) letterTickets() []Ticket {
	ts := slices.Clone(s.Tickets)
	silence := func(t *Ticket) time.Duration {
		if t.Metrics.LongestSilence == nil {
			return 0
		}
		return t.Metrics.LongestSilence.Length()
	}
	slices.SortStableFunc(ts, func(a, b Ticket) int { return cmp.Compare(silence(&b), silence(&a)) })
	ts = ts[:min(len(ts), letterTickets)]
	slices.SortStableFunc(ts, func(a, b Ticket) int { return a.OpenedAt.Compare(b.OpenedAt) })
	return ts
}

var channelEN = map[journal.Channel]string{journal.ChannelEmail: "by email", journal.ChannelChat: "by chat",
	journal.ChannelForm: "through your web form", journal.ChannelPhone: "by phone", journal.ChannelSocial: "on social media"}

var channelJA = map[journal.Channel]string{journal.ChannelEmail: "メールで", journal.ChannelChat: "チャットで",
	journal.ChannelForm: "お問い合わせフォームから", journal.ChannelPhone: "お電話で", journal.ChannelSocial: "SNSで"}

// letterTicket tells one ticket: when and how it was raised, the first
// human reply, the longest silence and how it stands.
func (s *Summary) letterTicket(t *Ticket) string {
	l := s.Lang
	m := t.Metrics
	ref := oneLine(t.Reference)
	var b strings.Builder
	if l == words.JA {
		b.WriteString(s.date(t.OpenedAt) + "に" + channelJA[t.Channel] + "お問い合わせしました")
		if ref != "" {
			b.WriteString("（問い合わせ番号：" + ref + "）")
		}
		b.WriteString("。")
		if h := m.FirstHumanResponse; h != nil {
			b.WriteString("担当者の方から最初のご返信をいただいたのは、最初の連絡から" + s.dur(h.After) + "後でした")
			if automatedIn(t, firstSent(t), h.At) {
				b.WriteString("（それまでに届いたのは自動送信のメッセージのみでした）")
			}
			b.WriteString("。")
		} else {
			b.WriteString("担当者の方からのご返信はまだいただいておりません。")
		}
		if sl := m.LongestSilence; sl != nil && sl.Length() > 0 && (m.FirstHumanResponse == nil || sl.From.After(firstSent(t))) {
			if sl.Running {
				b.WriteString(s.date(sl.From) + "にお送りした連絡には、" + s.dur(sl.Length()) + "経った現在も担当者の方からのご返信がありません")
			} else if replied(t, sl.To) {
				b.WriteString(s.date(sl.From) + "にお送りした連絡から担当者の方のご返信（" + s.date(sl.To) + "）まで、" + s.dur(sl.Length()) + "お待ちしました")
			} else {
				b.WriteString(s.date(sl.From) + "にお送りした連絡には、解決（" + s.date(sl.To) + "）まで" + s.dur(sl.Length()) + "ご返信がありませんでした")
			}
			if automatedIn(t, sl.From, sl.To) {
				b.WriteString("（その間に届いたのは自動送信のメッセージのみでした）")
			}
			b.WriteString("。")
		}
		if t.ResolvedAt != nil && !t.ResolvedAt.After(s.AsOf) {
			b.WriteString("本件は" + s.date(*t.ResolvedAt) + "に解決済みとなりました。")
		} else {
			b.WriteString("本件は現在も解決しておりません。")
		}
		return b.String()
	}
	b.WriteString("I contacted your support " + channelEN[t.Channel] + " on " + s.date(t.OpenedAt))
	if ref != "" {
		b.WriteString(" (reference " + ref + ")")
	}
	b.WriteString(".")
	if h := m.FirstHumanResponse; h != nil {
		b.WriteString(" The first reply from a person came " + s.dur(h.After) + " after my first message")
		if automatedIn(t, firstSent(t), h.At) {
			b.WriteString("; only automated messages arrived before it")
		}
		b.WriteString(".")
	} else {
		b.WriteString(" No person has replied yet.")
	}
	if sl := m.LongestSilence; sl != nil && sl.Length() > 0 && (m.FirstHumanResponse == nil || sl.From.After(firstSent(t))) {
		switch {
		case sl.Running:
			b.WriteString(" My message of " + s.date(sl.From) + " has had no reply from a person for " + s.dur(sl.Length()) + " so far")
		case replied(t, sl.To):
			b.WriteString(" After my message of " + s.date(sl.From) + ", I waited " + s.dur(sl.Length()) + " for a reply from a person (until " + s.date(sl.To) + ")")
		default:
			b.WriteString(" My message of " + s.date(sl.From) + " had no reply from a person for " + s.dur(sl.Length()) + ", until the ticket was closed on " + s.date(sl.To))
		}
		if automatedIn(t, sl.From, sl.To) {
			b.WriteString("; only automated messages arrived in between")
		}
		b.WriteString(".")
	}
	if t.ResolvedAt != nil && !t.ResolvedAt.After(s.AsOf) {
		b.WriteString(" The ticket was marked resolved on " + s.date(*t.ResolvedAt) + ".")
	} else {
		b.WriteString(" The ticket is still open.")
	}
	return b.String()
}

// firstSent is the time of the ticket's first sent message (OpenedAt when none).
func firstSent(t *Ticket) time.Time {
	for _, e := range t.Thread {
		if e.Direction == journal.Sent {
			return e.At
		}
	}
	return t.OpenedAt
}

// replied reports whether a human reply came at at.
func replied(t *Ticket, at time.Time) bool {
	for _, e := range t.Thread {
		if e.At.Equal(at) && e.EndsSilence > 0 {
			return true
		}
	}
	return false
}

// automatedIn reports whether a bot or automatic reply came within (from, to).
func automatedIn(t *Ticket, from, to time.Time) bool {
	for _, e := range t.Thread {
		if e.Automated && e.At.After(from) && e.At.Before(to) {
			return true
		}
	}
	return false
}

// letterPaid states what the charges of the period came to, per currency.
func (s *Summary) letterPaid() string {
	totals := s.chargeTotals()
	if len(totals) == 0 {
		return ""
	}
	var parts []string
	for _, m := range totals {
		parts = append(parts, moneyText(m))
	}
	n := len(s.Charges)
	if s.Lang == words.JA {
		return fmt.Sprintf("この期間のお支払いは%d回、合計%sでした。", n, strings.Join(parts, "と"))
	}
	return fmt.Sprintf("Over this period I paid %s in %s.", strings.Join(parts, " and "), count(n, "charge"))
}

// chargeTotals sums the charges of the period per currency, in first-seen order.
func (s *Summary) chargeTotals() []journal.Money {
	var out []journal.Money
	for _, c := range s.Charges {
		i := slices.IndexFunc(out, func(m journal.Money) bool { return m.Currency == c.Currency })
		if i < 0 {
			out = append(out, journal.Money{Currency: c.Currency})
			i = len(out) - 1
		}
		out[i].Amount += c.Amount
	}
	return out
}

// asksRefund reports whether there is money paid for unusable time to ask back.
func (s *Summary) asksRefund() bool { return s.Refund.Amount > 0 }

// letterRequests are the numbered requests: cancel (before the next charge)
// and refund the paid-while-unusable amount.
func (s *Summary) letterRequests() []string {
	l := s.Lang
	var asks []string
	plans := s.planNames()
	switch {
	case s.Next != nil:
		asks = append(asks, pick(l,
			"cancel my "+plans+" subscription with immediate effect, so that the next charge, due on "+dateText(s.Next.Date, l)+", is not made;",
			plans+"プランを本日付で解約し、"+dateText(s.Next.Date, l)+"に予定されている次回の請求が行われないようにしていただけますでしょうか。"))
	case len(s.Plans) > 0:
		asks = append(asks, pick(l,
			"confirm that my "+plans+" subscription has ended and that no further charge will be made;",
			plans+"プランの契約が終了しており、今後請求が発生しないことをご確認いただけますでしょうか。"))
	}
	if s.asksRefund() {
		u := s.dur(s.Figures.Summary.Unusable)
		asks = append(asks, pick(l,
			"refund "+moneyText(s.Refund)+", the part of my fees that paid for the "+u+" the service could not be used in this period.",
			"この期間にサービスを利用できなかった"+u+"に相当する料金として、"+moneyText(s.Refund)+"を返金していただけますでしょうか。"))
	}
	if len(asks) == 0 {
		return nil
	}
	lines := []string{pick(l, "I therefore ask you to:", "つきましては、以下の点をお願いいたします。")}
	if l == words.JA && len(asks) > 1 {
		lines[0] = fmt.Sprintf("つきましては、以下の%d点をお願いいたします。", len(asks))
	}
	for i, a := range asks {
		lines = append(lines, fmt.Sprintf("%d. %s", i+1, a))
	}
	return lines
}

// planNames joins the names of the period's plans.
func (s *Summary) planNames() string {
	var names []string
	for _, p := range s.Plans {
		names = append(names, s.planName(p.Plan))
	}
	return list(names, s.Lang)
}

// count renders "1 outage", "3 outages".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// cleanAll applies oneLine to each item and drops the empty ones.
func cleanAll(items []string) []string {
	var out []string
	for _, it := range items {
		if v := oneLine(it); v != "" {
			out = append(out, v)
		}
	}
	return out
}
