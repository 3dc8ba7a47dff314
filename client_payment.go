package carepath

import (
	"strings"
	"time"
	"unicode/utf8"
)

// The ways a client pays.
const (
	PaymentCash  = "cash"
	PaymentCard  = "card"
	PaymentCheck = "check"
	PaymentOther = "other"
)

// PaymentMethods are the ways a client pays, in the order forms offer them.
var PaymentMethods = []string{PaymentCash, PaymentCard, PaymentCheck, PaymentOther}

// PaymentMethodName is how pages and documents name a payment method: Cash, Card, Check or
// Other.
func PaymentMethodName(method string) string {
	switch method {
	case PaymentCash:
		return "Cash"
	case PaymentCard:
		return "Card"
	case PaymentCheck:
		return "Check"
	}
	return "Other"
}

// The longest texts of a client payment.
const (
	MaxPaymentReference = 100
	MaxPaymentNote      = 500
	MaxVoidReason       = 500
	// MaxPaymentCents is the largest single payment recorded: $100,000.
	MaxPaymentCents Cents = 100_000_00
)

// ClientPayment is money a client paid towards their account: a copay at the desk, a self-pay
// instalment. A payment recorded by mistake is never deleted: it is voided with a reason
// (VoidedAt set), stays on record, and no longer counts towards the balance, the superbill or
// the accounting export's totals.
type ClientPayment struct {
	ID         string     `json:"id"`
	ClientID   string     `json:"client_id"`
	Date       string     `json:"date"`
	Cents      Cents      `json:"cents"`
	Method     string     `json:"method"`
	Reference  string     `json:"reference,omitempty"` // a receipt, check or card slip number
	Note       string     `json:"note,omitempty"`
	CreatedBy  string     `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	VoidedBy   string     `json:"voided_by,omitempty"`
	VoidedAt   *time.Time `json:"voided_at,omitempty"`
	VoidReason string     `json:"void_reason,omitempty"`
}

// Voided reports whether the payment was voided.
func (p *ClientPayment) Voided() bool { return p.VoidedAt != nil }

// ClientPaymentInput is a payment to record.
type ClientPaymentInput struct {
	Date      string `json:"date"`
	Cents     Cents  `json:"cents"`
	Method    string `json:"method"`
	Reference string `json:"reference,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Validate trims in and checks it; the field errors name date, cents, method, reference and
// note.
func (in *ClientPaymentInput) Validate() error {
	var errs FieldErrors
	checkDate(&errs, "date", &in.Date)
	switch {
	case in.Cents <= 0:
		errs.Add("cents", "positive", "Please give the amount paid, more than $0.00.")
	case in.Cents > MaxPaymentCents:
		errs.Add("cents", "too_large", "A single payment can be at most $100,000.00.")
	}
	in.Method = strings.ToLower(strings.TrimSpace(in.Method))
	switch in.Method {
	case PaymentCash, PaymentCard, PaymentCheck, PaymentOther:
	case "":
		errs.Add("method", "required", "Please say how the client paid: cash, card, check or other.")
	default:
		errs.Add("method", "enum", "Use one of cash, card, check or other.")
	}
	in.Reference, in.Note = strings.TrimSpace(in.Reference), strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(in.Reference) > MaxPaymentReference {
		errs.Add("reference", "too_long", "Please keep the reference under %d characters.", MaxPaymentReference)
	}
	if utf8.RuneCountInString(in.Note) > MaxPaymentNote {
		errs.Add("note", "too_long", "Please keep the note under %d characters.", MaxPaymentNote)
	}
	return errs.Err()
}

// CheckVoidReason trims reason and checks it; the field error names reason.
func CheckVoidReason(reason *string) error {
	var errs FieldErrors
	*reason = strings.TrimSpace(*reason)
	switch {
	case *reason == "":
		errs.Add("reason", "required", "Please say why the payment is voided, e.g. recorded twice or refunded.")
	case utf8.RuneCountInString(*reason) > MaxVoidReason:
		errs.Add("reason", "too_long", "Please keep the reason under %d characters.", MaxVoidReason)
	}
	return errs.Err()
}

// ClientPaymentFilter chooses client payments: of one client (ClientID) or of every client
// the actor sees, paid from From through To (YYYY-MM-DD, each optional).
type ClientPaymentFilter struct {
	ClientID string
	From, To string
}
