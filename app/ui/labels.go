package ui

import (
	"fyne.io/fyne/v2/lang"

	"lapse/app/journal"
)

// Labels of the journal's enumerations, translated.

var impactText = map[journal.Impact]string{
	journal.ImpactDown: "Down", journal.ImpactDegraded: "Degraded", journal.ImpactPartial: "Partly down",
}

var channelText = map[journal.Channel]string{
	journal.ChannelEmail: "E-mail", journal.ChannelChat: "Chat", journal.ChannelForm: "Web form",
	journal.ChannelPhone: "Phone", journal.ChannelSocial: "Social media",
}

var outcomeText = map[journal.Outcome]string{
	journal.OutcomeOpen: "Open", journal.OutcomeResolved: "Resolved", journal.OutcomeUnresolved: "Unresolved",
	journal.OutcomeRefund: "Refunded", journal.OutcomeCredit: "Credited", journal.OutcomeCancelled: "Cancelled",
}

var authorText = map[journal.AuthorKind]string{
	journal.AuthorMe: "Me", journal.AuthorHuman: "Human", journal.AuthorBot: "Bot", journal.AuthorAuto: "Automatic reply",
}

var unitText = map[journal.PeriodUnit]string{
	journal.Days: "days", journal.Weeks: "weeks", journal.Months: "months", journal.Years: "years",
}

var decisionText = map[journal.DecisionKind]string{
	journal.DecisionCancelled: "Cancelled", journal.DecisionDowngraded: "Downgraded", journal.DecisionSwitched: "Switched",
	journal.DecisionRefundRequested: "Refund requested", journal.DecisionRefundReceived: "Refund received",
}

func impactLabel(i journal.Impact) string { return lang.X("impact."+string(i), impactText[i]) }
func channelLabel(c journal.Channel) string {
	return lang.X("channel."+string(c), channelText[c])
}
func outcomeLabel(o journal.Outcome) string {
	key := string(o)
	if o == journal.OutcomeOpen {
		key = "open"
	}
	return lang.X("outcome."+key, outcomeText[o])
}
func authorLabel(a journal.AuthorKind) string { return lang.X("author."+string(a), authorText[a]) }
func unitLabel(u journal.PeriodUnit) string   { return lang.X("unit."+string(u), unitText[u]) }
func decisionLabel(d journal.DecisionKind) string {
	return lang.X("decision."+string(d), decisionText[d])
}

// dynamicKeys lists the keys built from enumerations, for the translation test.
func dynamicKeys() map[string]string {
	m := map[string]string{}
	for k, v := range impactText {
		m["impact."+string(k)] = v
	}
	for k, v := range channelText {
		m["channel."+string(k)] = v
	}
	for k, v := range outcomeText {
		key := string(k)
		if k == journal.OutcomeOpen {
			key = "open"
		}
		m["outcome."+key] = v
	}
	for k, v := range authorText {
		m["author."+string(k)] = v
	}
	for k, v := range unitText {
		m["unit."+string(k)] = v
	}
	for k, v := range decisionText {
		m["decision."+string(k)] = v
	}
	for k, v := range hitKindText {
		m["hit."+k] = v
	}
	for en, k := range importColumns {
		m[k] = en
	}
	for i, k := range importHintKeys {
		m[k] = importHints[i]
	}
	for k, v := range backupReasonText {
		m["backup.reason."+k] = v
	}
	for k, v := range trashKindText {
		m["trash.kind."+k] = v
	}
	return m
}
