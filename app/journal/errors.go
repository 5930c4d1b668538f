package journal

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error so callers can react without parsing text.
type Code string

// Error codes, after benbjohnson/wtf.
const (
	EINVALID  Code = "invalid"  // a field's value is not acceptable
	ENOTFOUND Code = "notfound" // the record does not exist (or is in the trash)
	ECONFLICT Code = "conflict" // the value clashes with another record
	EREFUSED  Code = "refused"  // a journal file Lapse will not open
	EINTERNAL Code = "internal"
)

// Reason says why a field was refused. It doubles as the translation key
// suffix ("error.<reason>") so the UI can show the message in the user's language.
type Reason string

// Reasons a field can be refused.
const (
	ReasonRequired        Reason = "required"
	ReasonTooLong         Reason = "too_long"
	ReasonNegative        Reason = "negative"
	ReasonEndBeforeStart  Reason = "end_before_start"
	ReasonUnknownCurrency Reason = "unknown_currency"
	ReasonDuplicate       Reason = "duplicate"
	ReasonBeforeOpened    Reason = "before_opened"
	ReasonInvalidChoice   Reason = "invalid_choice"
	ReasonInvalidURL      Reason = "invalid_url"
	ReasonInvalidDate     Reason = "invalid_date"
	ReasonInvalidNumber   Reason = "invalid_number"
	ReasonNotPositive     Reason = "not_positive"
	ReasonSelfReference   Reason = "self_reference"
	ReasonNotFound        Reason = "not_found"
	ReasonInvalidTimeZone Reason = "invalid_time_zone"
	ReasonAlreadyDown     Reason = "already_down"
	ReasonNeedsHomeRate   Reason = "needs_home_rate"
)

// reasonText is the English sentence for each reason; translations live in assets.
var reasonText = map[Reason]string{
	ReasonRequired:        "is required",
	ReasonTooLong:         "is too long",
	ReasonNegative:        "must not be negative",
	ReasonEndBeforeStart:  "must not be before the start",
	ReasonUnknownCurrency: "is not a known ISO 4217 currency code",
	ReasonDuplicate:       "is already used",
	ReasonBeforeOpened:    "must not be before the ticket was opened",
	ReasonInvalidChoice:   "is not one of the allowed values",
	ReasonInvalidURL:      "is not a valid http(s) address",
	ReasonInvalidDate:     "is not a valid date (YYYY-MM-DD)",
	ReasonInvalidNumber:   "is not a valid number",
	ReasonNotPositive:     "must be greater than zero",
	ReasonSelfReference:   "cannot point to the same record",
	ReasonNotFound:        "does not exist",
	ReasonInvalidTimeZone: "is not a known time zone",
	ReasonAlreadyDown:     "already has an outage going on: press \"It's back\" first",
	ReasonNeedsHomeRate:   "cannot be restated in the new home currency: first add its rate in the old one, or type every rate anew",
}

// Error is a domain error: a code, and for field errors the field and reason.
type Error struct {
	Code   Code
	Field  string // e.g. "name", "end"; empty when not about one field
	Reason Reason // why the field was refused
	Detail string // extra English context (e.g. the duplicate value)
	Err    error  // wrapped cause, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(" ")
	}
	if t, ok := reasonText[e.Reason]; ok {
		b.WriteString(t)
	} else if e.Reason != "" {
		b.WriteString(string(e.Reason))
	}
	if e.Detail != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Detail)
	}
	if e.Err != nil {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	if b.Len() == 0 {
		return string(e.Code)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ReasonText returns the English sentence for a reason.
func ReasonText(r Reason) string { return reasonText[r] }

// Reasons lists every reason, for translation completeness tests.
func Reasons() []Reason {
	out := make([]Reason, 0, len(reasonText))
	for r := range reasonText {
		out = append(out, r)
	}
	return out
}

// Invalid builds a field error.
func Invalid(field string, reason Reason) *Error {
	return &Error{Code: EINVALID, Field: field, Reason: reason}
}

// Errorf builds an error with a code and an English message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Detail: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL otherwise.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// FieldError returns the first field error in err's chain, or nil.
func FieldError(err error) *Error {
	var e *Error
	if errors.As(err, &e) && e.Field != "" {
		return e
	}
	return nil
}
