package carepath

import (
	"context"
	"strings"
	"time"
)

// BillingProvider is the clinic as claims name it: name, NPI, tax id, address, and the
// submitter id its clearinghouse knows it by.
type BillingProvider struct {
	Name        string        `json:"name"`
	NPI         string        `json:"npi"`
	TaxID       string        `json:"tax_id"`
	Address     PostalAddress `json:"address"`
	Phone       string        `json:"phone,omitempty"`
	SubmitterID string        `json:"submitter_id"`
	Taxonomy    string        `json:"taxonomy,omitempty"`
	// The attending physician institutional claims name (the program's medical director).
	AttendingNPI   string `json:"attending_npi,omitempty"`
	AttendingLast  string `json:"attending_last_name,omitempty"`
	AttendingFirst string `json:"attending_first_name,omitempty"`
}

// Validate trims p and checks its form; the store checks the NPIs' check digits. Field errors
// name name, npi, tax_id, address.* (a ZIP+4, as claims need), phone, submitter_id and
// attending_last_name.
func (p *BillingProvider) Validate() error {
	var errs FieldErrors
	p.Name, p.NPI, p.TaxID = strings.TrimSpace(p.Name), strings.TrimSpace(p.NPI), strings.TrimSpace(p.TaxID)
	p.SubmitterID, p.Taxonomy, p.Phone = strings.TrimSpace(p.SubmitterID), strings.TrimSpace(p.Taxonomy), strings.TrimSpace(p.Phone)
	if p.Name == "" {
		errs.Add("name", "required", "Please give the clinic's name as payers know it.")
	}
	if len(strings.ReplaceAll(p.TaxID, "-", "")) != 9 || strings.Trim(strings.ReplaceAll(p.TaxID, "-", ""), "0123456789") != "" {
		errs.Add("tax_id", "format", "Please give the 9-digit tax id (EIN), e.g. 12-3456789.")
	}
	if p.Address == (PostalAddress{}) {
		errs.Add("address", "required", "Please give the clinic's address.")
	}
	p.Address.check(&errs, "address")
	if len(strings.ReplaceAll(p.Address.Zip, "-", "")) != 9 {
		errs.Add("address.zip", "zip4", "Claims need the clinic's nine-digit ZIP+4, e.g. 62701-1234.")
	}
	if p.Phone == "" {
		errs.Add("phone", "required", "Please give the billing office's phone number, for payers' questions.")
	}
	p.AttendingNPI, p.AttendingLast = strings.TrimSpace(p.AttendingNPI), strings.TrimSpace(p.AttendingLast)
	p.AttendingFirst = strings.TrimSpace(p.AttendingFirst)
	if p.AttendingNPI != "" && p.AttendingLast == "" {
		errs.Add("attending_last_name", "required", "Please name the attending physician whose NPI this is.")
	}
	if p.SubmitterID == "" || len(p.SubmitterID) > 15 {
		errs.Add("submitter_id", "format", "Please give the submitter id your clearinghouse assigned (up to 15 characters).")
	}
	return errs.Err()
}

// The statuses of a claim.
const (
	ClaimDraft         = "draft"
	ClaimHeld          = "held"
	ClaimSubmitted     = "submitted"
	ClaimPaid          = "paid"
	ClaimDenied        = "denied"
	ClaimPartiallyPaid = "partially_paid"
	// ClaimReplaced is a sent claim a replacement claim (frequency 7) corrected.
	ClaimReplaced = "replaced"
	// ClaimVoided is a sent claim a void (frequency 8) withdrew; its charges may be billed again.
	ClaimVoided = "voided"
)

// ClaimBatchInput asks for the claims of one payer for a period, in one file. ClientIDs, when
// given, limits the batch to those clients; each must have coverage with the payer.
type ClaimBatchInput struct {
	PayerID   string      `json:"payer_id"`
	From      string      `json:"from"`
	To        string      `json:"to"`
	Format    ClaimFormat `json:"format"`
	ClientIDs []string    `json:"client_ids,omitempty"`
}

// ClaimBatch is one file of claims to one payer.
type ClaimBatch struct {
	ID                 string      `json:"id"`
	PayerID            string      `json:"payer_id"`
	PayerName          string      `json:"payer_name"`
	Format             ClaimFormat `json:"format"`
	From               string      `json:"from"`
	To                 string      `json:"to"`
	InterchangeControl int         `json:"interchange_control"`
	Total              Cents       `json:"total_cents"`
	Claims             []*Claim    `json:"claims"`
	CreatedBy          string      `json:"created_by"`
	CreatedAt          time.Time   `json:"created_at"`
}

// ClaimBatchFilter picks claim batches: PayerID (the payer's record id or its payer id) keeps
// one payer's batches, Status those with at least one claim in that status; empty means any.
type ClaimBatchFilter struct {
	PayerID string `json:"payer_id,omitempty"`
	Status  string `json:"status,omitempty"`
}

// ClaimStatuses are the statuses a claim may be in, in the order of its life.
var ClaimStatuses = []string{ClaimDraft, ClaimHeld, ClaimSubmitted, ClaimPaid, ClaimPartiallyPaid, ClaimDenied, ClaimReplaced, ClaimVoided}

// ClaimStatusCount is how many claims of a batch are in one status.
type ClaimStatusCount struct {
	Status string `json:"status"`
	Count  int    `json:"count"`
}

// ClaimBatchSummary is one claim batch as a list shows it: no claims, only how many are in each
// status (in the order of ClaimStatuses, statuses with none left out).
type ClaimBatchSummary struct {
	ID                 string             `json:"id"`
	PayerID            string             `json:"payer_id"`
	PayerName          string             `json:"payer_name"`
	Format             ClaimFormat        `json:"format"`
	From               string             `json:"from"`
	To                 string             `json:"to"`
	InterchangeControl int                `json:"interchange_control"`
	Total              Cents              `json:"total_cents"`
	Claims             int                `json:"claims"`
	ByStatus           []ClaimStatusCount `json:"claims_by_status"`
	CreatedAt          time.Time          `json:"created_at"`
}

// Claim is one client's claim in a batch: its lines' total, what the payer paid and left to
// the client, its status and, when held, why. Frequency is its claim frequency code (1 an
// original claim, 2–4 an interim one, 7 a replacement, 8 a void); PayerClaimControl the
// number the payer gave it (CLP07 of its 835); Corrects the claim a replacement or void
// corrects and CorrectedBy the one that replaced or voided this claim, each with its batch.
// LeftOut lists the client's charges of the period that were held when the claim was made, so
// a claim that went out with some of its days tells which stayed behind and why.
type Claim struct {
	ID                    string          `json:"id"`
	BatchID               string          `json:"batch_id"`
	ClientID              string          `json:"client_id"`
	Status                string          `json:"status"`
	Lines                 int             `json:"lines"`
	Total                 Cents           `json:"total_cents"`
	Paid                  Cents           `json:"paid_cents"`
	PatientResponsibility Cents           `json:"patient_responsibility_cents"`
	Holds                 []ChargeHold    `json:"holds,omitempty"`
	Frequency             string          `json:"frequency,omitempty"`
	PayerClaimControl     string          `json:"payer_claim_control,omitempty"`
	Corrects              string          `json:"corrects,omitempty"`
	CorrectsBatch         string          `json:"corrects_batch,omitempty"`
	CorrectedBy           string          `json:"corrected_by,omitempty"`
	CorrectedByBatch      string          `json:"corrected_by_batch,omitempty"`
	LeftOut               []ChargeLeftOut `json:"left_out,omitempty"`
}

// ChargeLeftOut is a charge a claim did not carry because it was held when the claim was made:
// its date, code, amount and holds. It goes on a later batch's claim once its holds clear.
type ChargeLeftOut struct {
	ChargeID string       `json:"charge_id"`
	Date     string       `json:"date"`
	Code     string       `json:"code"`
	Cents    Cents        `json:"cents"`
	Holds    []ChargeHold `json:"holds"`
}

// ClaimCorrectionInput is what a replacement or void of a sent claim takes: the payer's claim
// control number of the claim, needed when no 835 has told it (a biller types it from the
// payer's portal); when given it is used over the stored one, and stored with the claim.
type ClaimCorrectionInput struct {
	PayerClaimControl string `json:"payer_claim_control,omitempty"`
}

// Validate trims in and checks its form. The field error names payer_claim_control.
func (in *ClaimCorrectionInput) Validate() error {
	var errs FieldErrors
	in.PayerClaimControl = strings.TrimSpace(in.PayerClaimControl)
	if len(in.PayerClaimControl) > 50 || strings.Trim(in.PayerClaimControl,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		errs.Add("payer_claim_control", "format", "The payer's claim control number is up to 50 letters, digits and dashes, as the payer shows it.")
	}
	return errs.Err()
}

// Remittance is what posting an 835 did: the claims it decided, the postings made to charges,
// and the parts that matched no known claim or charge.
type Remittance struct {
	ID        string                `json:"id"`
	Claims    []*Claim              `json:"claims"`
	Postings  int                   `json:"postings"`
	Unmatched []RemittanceUnmatched `json:"unmatched"`
}

// RemittanceUnmatched is a part of a remittance that matched no known claim or charge.
type RemittanceUnmatched struct {
	Segment int    `json:"segment"`
	ClaimID string `json:"claim_id"`
	Reason  string `json:"reason"`
}

// ClientBalance is a client's account: charged, paid by payers, written off, owed by the client,
// paid by the client (their payments not voided), what the client still owes (ClientDue, owed
// minus paid; negative is a credit) and what is still awaiting a payer.
type ClientBalance struct {
	ClientID      string `json:"client_id"`
	Charged       Cents  `json:"charged_cents"`
	InsurancePaid Cents  `json:"insurance_paid_cents"`
	WrittenOff    Cents  `json:"written_off_cents"`
	ClientOwed    Cents  `json:"client_owed_cents"`
	ClientPaid    Cents  `json:"client_paid_cents"`
	ClientDue     Cents  `json:"client_due_cents"`
	AwaitingPayer Cents  `json:"awaiting_payer_cents"`
}

// ClaimService makes claim batches and posts remittances.
type ClaimService interface {
	// SetBillingProvider sets the clinic as claims name it (admin). EINVALID names the field.
	SetBillingProvider(ctx context.Context, p BillingProvider) (*BillingProvider, error)
	// FindBillingProvider returns the clinic as billing provider, the clinic's reference data
	// that every role seeing payers reads; EINVALID naming billing_provider when it was never
	// set.
	FindBillingProvider(ctx context.Context) (*BillingProvider, error)
	// CreateClaimBatch builds the payer's claims for the period from the charges, writes them
	// as one X12 837 file and stores both, in one transaction. A charge is billed once per
	// payer: charges already on a claim to the payer that was sent (submitted, paid, partially
	// paid) are left out; those of a held, denied or reversed claim are billed again. The batch
	// bills the clients whose primary payer it is and those whose secondary payer it is; to a
	// secondary payer only the charges the primary's remittance settled leaving the client
	// something to pay, with the primary's adjudication on each line; a charge the primary has
	// not been sent or not answered is held, saying so. EINVALID names payer_id, from, to,
	// format, client_ids[i] (no coverage with the payer, every charge already billed, or
	// nothing left after the primary paid),
	// payer_id (nothing left to bill), client_id (a claim that cannot be made: no diagnosis, no
	// subscriber address) or billing_provider (not set); nothing is written then.
	CreateClaimBatch(ctx context.Context, in ClaimBatchInput) (*ClaimBatch, error)
	// ReplaceClaim corrects sent claim id (its claim id, e.g. B12C0001) with a replacement claim
	// (frequency 7) in a new batch of one claim to the same payer in the same format: the
	// claim's charges derived again from the chart (the same client, days and charges), with the
	// payer's claim control number of the original in REF*F8. The original becomes replaced
	// and its charges move to the new claim. ENOTFOUND for no such claim; ECONFLICT naming id
	// for a claim never sent (bill it in a new batch), one already replaced or voided (naming
	// the newer claim's batch) or a void; EINVALID naming payer_claim_control when no number is
	// known or it is malformed, or id when nothing of the claim can be billed now. Nothing is
	// written on refusal.
	ReplaceClaim(ctx context.Context, id string, in ClaimCorrectionInput) (*ClaimBatch, error)
	// VoidClaim withdraws sent claim id with a void (frequency 8) in a new batch of one claim:
	// the original's lines as sent, with its payer's claim control number in REF*F8. The
	// original becomes voided and its charges are free to bill again. Refusals as ReplaceClaim.
	VoidClaim(ctx context.Context, id string, in ClaimCorrectionInput) (*ClaimBatch, error)
	// FindClaimBatches lists the batches newest first, each with its payer, period, total and
	// how many of its claims are in each status. EINVALID names payer_id (no such payer) or
	// status (not a claim status); EFORBIDDEN for a role that may not read batches.
	FindClaimBatches(ctx context.Context, f ClaimBatchFilter) ([]*ClaimBatchSummary, error)
	// FindClaimBatch returns batch id with its claims. ENOTFOUND when there is none.
	FindClaimBatch(ctx context.Context, id string) (*ClaimBatch, error)
	// ClaimBatchFile returns the 837 file of batch id, exactly as written.
	ClaimBatchFile(ctx context.Context, id string) ([]byte, error)
	// PostRemittance reads an 835 and posts its payments, adjustments and patient
	// responsibility to the charges of the claims it names, in one transaction. EINVALID names
	// the segment of a malformed file; nothing is written then.
	PostRemittance(ctx context.Context, file []byte) (*Remittance, error)
	// FindClientBalance returns the client's account from their claims, postings and
	// payments.
	FindClientBalance(ctx context.Context, clientID string) (*ClientBalance, error)
	// RecordClientPayment records a payment the client made. EINVALID names date, cents,
	// method, reference or note; ENOTFOUND for a client the actor may not see; EFORBIDDEN.
	RecordClientPayment(ctx context.Context, clientID string, in ClientPaymentInput) (*ClientPayment, error)
	// FindClientPayments lists the payments f chooses, voided ones too, by date. EINVALID
	// names from, to or client_id; ENOTFOUND for a client the actor may not see; EFORBIDDEN.
	FindClientPayments(ctx context.Context, f ClientPaymentFilter) ([]*ClientPayment, error)
	// VoidClientPayment voids payment id for reason, which stays on record. EINVALID names
	// reason; ECONFLICT when it is already voided; ENOTFOUND; EFORBIDDEN.
	VoidClientPayment(ctx context.Context, id, reason string) (*ClientPayment, error)
	// FindPayerPostings lists what payers' remittances posted to the charges f chooses, by the
	// day paid. EINVALID names from, to or client_id; ENOTFOUND for a client the actor may not
	// see; EFORBIDDEN.
	FindPayerPostings(ctx context.Context, f PayerPostingFilter) ([]*PayerPosting, error)
}
