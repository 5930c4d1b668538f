package verdict

import (
	"fmt"
	"strings"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/words"
)

// Code names the rule behind a reason.
type Code string

// Reason codes, in the order reasons of one level are listed.
const (
	CodeUnusable          Code = "unusable"            // unusable time in the window
	CodeBadMonths         Code = "bad_months"          // months of availability below the minimum
	CodeUnansweredTicket  Code = "unanswered_ticket"   // open tickets still waiting for a human
	CodePaidWhileUnusable Code = "paid_while_unusable" // money paid for unusable time
	CodeSilence           Code = "silence"             // a long stretch without a human reply
	CodeNothingToCancel   Code = "nothing_to_cancel"   // cancel-level figures but no plan to cancel
	CodeBetterAlternative Code = "better_alternative"  // an alternative fared better
	CodeEnded             Code = "ended"               // every plan has ended or is cancelled
)

// Codes lists every reason code in listing order.
var Codes = []Code{CodeUnusable, CodeBadMonths, CodeUnansweredTicket, CodePaidWhileUnusable, CodeSilence, CodeNothingToCancel, CodeBetterAlternative, CodeEnded}

// Reason is one rule that fired, with the figures it fired on. Which
// figures are set depends on Code.
type Reason struct {
	Code  Code
	Level Kind // the verdict this reason raises to; Keep for a note that raises nothing
	// WindowDays is the look-back window of the rules, in days; the texts of
	// unusable, paid while unusable and better alternative name it.
	WindowDays int
	// Unusable is the unusable time in the window: the service's
	// (unusable) or the alternative's (better alternative).
	Unusable time.Duration

	BadMonths   int             // bad months: how many of the last OfMonths were bad
	OfMonths    int             // bad months: how many completed months were looked at
	MinPermille int             // bad months: the availability a month must reach, in ‰
	Months      []figures.Month // bad months: the bad ones, oldest first

	Paid    journal.Money // paid while unusable, in the home currency
	Cost    journal.Money // the accrued cost of the window, in the home currency
	Percent int           // Paid as a whole percentage of Cost, rounded down

	TicketID      int64         // silence, unanswered: the ticket with the longest silence
	TicketRef     string        // its reference with the service ("48213"), if any
	TicketSubject string        // its subject, if any
	Silence       time.Duration // silence, unanswered: how long it lasted (so far)
	Tickets       int           // silence, unanswered: how many tickets passed the threshold

	AlternativeID int64  // better alternative: its service
	Alternative   string // better alternative: its name

	Ends journal.Date // ended: the last plan's end date (the end of its last paid period)
	Over bool         // ended: that date had passed as of the verdict
}

// Text renders the reason as a sentence with its figure and window, in l.
func (r Reason) Text(l words.Lang) string {
	d := func(x time.Duration) string { return words.Duration(x, l) }
	switch r.Code {
	case CodeUnusable:
		return pick(l,
			fmt.Sprintf("unusable %s in the last %s", d(r.Unusable), days(r.WindowDays, l)),
			fmt.Sprintf("直近%s間で%s利用できませんでした", days(r.WindowDays, l), d(r.Unusable)))
	case CodeBadMonths:
		return r.badMonthsText(l)
	case CodeUnansweredTicket:
		if r.Tickets > 1 {
			return pick(l,
				fmt.Sprintf("%d open tickets are waiting for a human reply; %s for %s", r.Tickets, ticketName(l, r.TicketID, r.TicketRef, r.TicketSubject), d(r.Silence)),
				fmt.Sprintf("未解決の問い合わせ%d件が担当者の返信を待っています（最長は%sの%s）", r.Tickets, ticketName(l, r.TicketID, r.TicketRef, r.TicketSubject), d(r.Silence)))
		}
		return pick(l,
			fmt.Sprintf("%s is still open and has waited %s for a human reply", ticketName(l, r.TicketID, r.TicketRef, r.TicketSubject), d(r.Silence)),
			fmt.Sprintf("%sは未解決のまま、担当者の返信を%s待っています", ticketName(l, r.TicketID, r.TicketRef, r.TicketSubject), d(r.Silence)))
	case CodePaidWhileUnusable:
		return pick(l,
			fmt.Sprintf("paid %s for time it was unusable in the last %s (%d%% of the %s it cost)", money(r.Paid), days(r.WindowDays, l), r.Percent, money(r.Cost)),
			fmt.Sprintf("直近%s間の費用%sのうち%s（%d%%）は利用できなかった時間の分でした", days(r.WindowDays, l), money(r.Cost), money(r.Paid), r.Percent))
	case CodeSilence:
		en := fmt.Sprintf("no human reply for %s on %s", d(r.Silence), ticketName(words.EN, r.TicketID, r.TicketRef, r.TicketSubject))
		ja := fmt.Sprintf("%sでは担当者の返信がない状態が%s続きました", ticketName(words.JA, r.TicketID, r.TicketRef, r.TicketSubject), d(r.Silence))
		if r.Tickets > 1 {
			en += fmt.Sprintf(" (the longest of %d tickets)", r.Tickets)
			ja += fmt.Sprintf("（該当%d件のうち最長）", r.Tickets)
		}
		return pick(l, en, ja)
	case CodeNothingToCancel:
		return pick(l, "no active plan, so nothing to cancel", "有効な契約がないため、解約するものはありません")
	case CodeEnded:
		if r.Over {
			return pick(l, "the last plan ended "+longDate(r.Ends, l), "最後の契約は"+longDate(r.Ends, l)+"に終了しました")
		}
		return pick(l, "paid until "+longDate(r.Ends, l)+"; nothing more will be charged",
			longDate(r.Ends, l)+"まで支払い済みで、これ以上の請求はありません")
	case CodeBetterAlternative:
		if r.Unusable == 0 {
			return pick(l,
				fmt.Sprintf("%s was never unusable in the same %s", r.Alternative, days(r.WindowDays, l)),
				fmt.Sprintf("直近%s間、%sに利用できない時間はありませんでした", days(r.WindowDays, l), r.Alternative))
		}
		return pick(l,
			fmt.Sprintf("%s was unusable %s in the same %s", r.Alternative, d(r.Unusable), days(r.WindowDays, l)),
			fmt.Sprintf("直近%s間、%sが利用できなかったのは%sでした", days(r.WindowDays, l), r.Alternative, d(r.Unusable)))
	}
	return string(r.Code)
}

func (r Reason) badMonthsText(l words.Lang) string {
	least := permille(r.MinPermille)
	switch {
	case r.BadMonths == r.OfMonths && r.OfMonths == 1:
		return pick(l,
			fmt.Sprintf("availability below %s last month", least),
			fmt.Sprintf("先月の可用性が%sを下回りました", least))
	case r.BadMonths == r.OfMonths:
		return pick(l,
			fmt.Sprintf("availability below %s in each of the last %d months", least, r.OfMonths),
			fmt.Sprintf("直近%dか月いずれも可用性が%sを下回りました", r.OfMonths, least))
	}
	return pick(l,
		fmt.Sprintf("availability below %s in %d of the last %d months", least, r.BadMonths, r.OfMonths),
		fmt.Sprintf("直近%dか月のうち%dか月で可用性が%sを下回りました", r.OfMonths, r.BadMonths, least))
}

// ticketName names a ticket the way the user knows it: by the service's
// reference ("ticket #48213"), else by its subject, else by Lapse's number.
func ticketName(l words.Lang, id int64, ref, subject string) string {
	switch {
	case ref != "":
		if !strings.HasPrefix(ref, "#") && strings.Trim(ref, "0123456789") == "" {
			ref = "#" + ref
		}
		return pick(l, "ticket "+ref, "問い合わせ"+ref)
	case subject != "":
		return pick(l, "ticket “"+subject+"”", "問い合わせ「"+subject+"」")
	}
	return pick(l, fmt.Sprintf("ticket #%d", id), fmt.Sprintf("問い合わせ#%d", id))
}
