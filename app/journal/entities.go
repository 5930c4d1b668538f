package journal

import "time"

// Service is an online service the user pays for (or might switch to).
type Service struct {
	ID           int64
	Name         string // unique, case-insensitive
	Category     string
	Website      string
	StatusPage   string
	Notes        string
	Archived     bool
	Alternatives []int64 // IDs of services the user could switch to
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// PeriodUnit is the unit of a billing period.
type PeriodUnit string

// Billing period units.
const (
	Days   PeriodUnit = "day"
	Weeks  PeriodUnit = "week"
	Months PeriodUnit = "month"
	Years  PeriodUnit = "year"
)

// PeriodUnits lists the units in display order.
var PeriodUnits = []PeriodUnit{Days, Weeks, Months, Years}

// Period is a billing period of N units ("1 month", "3 months", "1 year").
type Period struct {
	N    int
	Unit PeriodUnit
}

// AddTo returns the k-th billing date after start. Months and years are
// counted from start each time, so clamping never drifts: Jan 31, Feb 28, Mar 31.
func (p Period) AddTo(start Date, k int) Date {
	switch p.Unit {
	case Days:
		return start.AddDays(k * p.N)
	case Weeks:
		return start.AddDays(7 * k * p.N)
	case Years:
		return start.AddMonthsClamped(12 * k * p.N)
	default:
		return start.AddMonthsClamped(k * p.N)
	}
}

// PriceChange is a price in force from its effective date on.
type PriceChange struct {
	ID        int64
	Effective Date
	Amount    int64 // minor units of the subscription's currency
}

// Subscription is a paid plan of a service.
type Subscription struct {
	ID           int64
	ServiceID    int64
	Plan         string
	Amount       int64  // the starting price, minor units
	Currency     string // ISO 4217
	Period       Period
	Start        Date
	End          Date // zero: still running; the last charge is on or before it
	TrialEnd     Date // zero: no trial; no charge falls before it
	PaymentNote  string
	ReminderDays int           // lead time for renewal reminders; 0 means the default
	Prices       []PriceChange // later price changes, by effective date
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// PriceOn returns the price in force on d: the latest change effective on or
// before d, else the starting price.
func (s *Subscription) PriceOn(d Date) int64 {
	price := s.Amount
	var best Date
	for _, c := range s.Prices {
		if !c.Effective.After(d) && (best.IsZero() || !c.Effective.Before(best)) {
			best, price = c.Effective, c.Amount
		}
	}
	return price
}

// Impact is how badly an outage hit.
type Impact string

// Outage impacts.
const (
	ImpactDown     Impact = "down"     // unusable
	ImpactDegraded Impact = "degraded" // usable with problems
	ImpactPartial  Impact = "partial"  // some platforms or features down
)

// Impacts lists the impacts in display order.
var Impacts = []Impact{ImpactDown, ImpactPartial, ImpactDegraded}

// Source says who recorded an outage.
type Source string

// Outage sources.
const (
	SourceMe       Source = "me"
	SourceOfficial Source = "official"
)

// Step is one troubleshooting step tried, with its result.
type Step struct {
	Action string
	Result string
}

// Outage is an incident the user lived through (or an official one).
type Outage struct {
	ID          int64
	ServiceID   int64
	Title       string
	Start       time.Time  // UTC
	End         *time.Time // nil: ongoing
	Impact      Impact
	Platforms   []string // affected platforms/features ("Chrome desktop", "Android app")
	StillWorked string
	Symptoms    string
	Steps       []Step
	Resolution  string
	Source      Source
	Link        string
	ExternalID  string // official incident ID, so a re-import updates instead of duplicating
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Ongoing reports whether the outage has no end yet.
func (o *Outage) Ongoing() bool { return o.End == nil }

// Channel is how a ticket was raised.
type Channel string

// Support channels.
const (
	ChannelEmail  Channel = "email"
	ChannelChat   Channel = "chat"
	ChannelForm   Channel = "form"
	ChannelPhone  Channel = "phone"
	ChannelSocial Channel = "social"
)

// Channels lists the channels in display order.
var Channels = []Channel{ChannelEmail, ChannelChat, ChannelForm, ChannelPhone, ChannelSocial}

// Outcome is how a ticket ended; empty while it is open.
type Outcome string

// Ticket outcomes.
const (
	OutcomeOpen       Outcome = ""
	OutcomeResolved   Outcome = "resolved"
	OutcomeUnresolved Outcome = "unresolved"
	OutcomeRefund     Outcome = "refund"
	OutcomeCredit     Outcome = "credit"
	OutcomeCancelled  Outcome = "cancelled"
)

// Outcomes lists the closing outcomes in display order.
var Outcomes = []Outcome{OutcomeResolved, OutcomeUnresolved, OutcomeRefund, OutcomeCredit, OutcomeCancelled}

// Ticket is a support contact with a service.
type Ticket struct {
	ID         int64
	ServiceID  int64
	OutageID   *int64 // optional link to the outage it is about
	Subject    string
	Channel    Channel
	Reference  string
	OpenedAt   time.Time  // UTC
	ResolvedAt *time.Time // nil while open
	Outcome    Outcome
	Messages   []Message // time order; filled by storage when asked
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Open reports whether the ticket is not resolved yet.
func (t *Ticket) Open() bool { return t.ResolvedAt == nil }

// Direction is who sent a message.
type Direction string

// Message directions.
const (
	Sent     Direction = "sent"     // by me
	Received Direction = "received" // from the service
)

// AuthorKind is what kind of author wrote a message.
type AuthorKind string

// Author kinds.
const (
	AuthorMe    AuthorKind = "me"
	AuthorHuman AuthorKind = "human"
	AuthorBot   AuthorKind = "bot"
	AuthorAuto  AuthorKind = "auto" // automatic acknowledgement
)

// AuthorKinds lists the kinds in display order.
var AuthorKinds = []AuthorKind{AuthorMe, AuthorHuman, AuthorBot, AuthorAuto}

// Message is one message in a ticket's thread.
type Message struct {
	ID        int64
	TicketID  int64
	At        time.Time // UTC
	Direction Direction
	Author    AuthorKind
	From      string // sender's name or address, optional
	Summary   string
	Body      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// DecisionKind is what the user decided about a service.
type DecisionKind string

// Decision kinds.
const (
	DecisionCancelled       DecisionKind = "cancelled"
	DecisionDowngraded      DecisionKind = "downgraded"
	DecisionSwitched        DecisionKind = "switched"
	DecisionRefundRequested DecisionKind = "refund_requested"
	DecisionRefundReceived  DecisionKind = "refund_received"
)

// DecisionKinds lists the kinds in display order.
var DecisionKinds = []DecisionKind{DecisionCancelled, DecisionDowngraded, DecisionSwitched, DecisionRefundRequested, DecisionRefundReceived}

// Decision is an event such as a cancellation or a refund.
type Decision struct {
	ID         int64
	ServiceID  int64
	Kind       DecisionKind
	Date       Date
	Amount     *Money // refunds; nil when it does not apply
	SwitchedTo *int64 // the service switched to, for DecisionSwitched
	Note       string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Rate is the value of one unit of Currency in the home currency, as a
// decimal string ("151.20"), so conversion stays exact until the final rounding.
type Rate struct {
	Currency string
	Rate     string
	AsOf     Date
}

// Settings are the user's preferences that numbers and screens depend on.
type Settings struct {
	HomeCurrency string
	Rates        []Rate
	TimeZone     string // IANA name; empty: the system's
	Language     string // "", "en" or "ja"; empty: the system's
	ReminderDays int    // default renewal lead time
	Thresholds   Thresholds
	MyAddresses  []string // the user's own e-mail addresses, for .eml import
	KeepInTray   bool
	// StatusPollMinutes is how often watched status pages are fetched;
	// 0 means the default (DefaultStatusPollMinutes).
	StatusPollMinutes int
}

// DefaultStatusPollMinutes is how often a status page is fetched unless set.
const DefaultStatusPollMinutes = 5

// Thresholds drive the verdict rules; see DefaultThresholds.
type Thresholds struct {
	WindowDays              int // the look-back window of the rules, in days
	WatchUnusableHours      int // unusable hours in the window that make a service "watch"
	SwitchUnusableHours     int // ... "consider switching"
	CancelUnusableHours     int // ... "cancel before"
	MinAvailabilityPermille int // availability (‰) below which a month counts as bad
	BadMonthsToSwitch       int // consecutive bad months that make it "consider switching"
	PaidUnusablePercent     int // paid while unusable as % of cost that fires a reason
	SilenceDays             int // days without a human reply that fire a reason
	WaitingTicketDays       int // days a ticket waits for a human before a reminder
}

// DefaultThresholds are the documented defaults.
func DefaultThresholds() Thresholds {
	return Thresholds{
		WindowDays:              30,
		WatchUnusableHours:      4,
		SwitchUnusableHours:     24,
		CancelUnusableHours:     72,
		MinAvailabilityPermille: 990,
		BadMonthsToSwitch:       2,
		PaidUnusablePercent:     10,
		SilenceDays:             3,
		WaitingTicketDays:       3,
	}
}

// DefaultSettings are what a new journal starts with.
func DefaultSettings() Settings {
	return Settings{HomeCurrency: "USD", ReminderDays: 7, Thresholds: DefaultThresholds()}
}

// TrashItem is a deleted record that can be restored.
type TrashItem struct {
	ID        int64
	Kind      string // "service", "subscription", "outage", "ticket", "message"
	RecordID  int64
	Label     string
	DeletedAt time.Time
}
