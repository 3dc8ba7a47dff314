package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
	"github.com/carepath/carepath/internal/httpserver"
)

// claimErrors are the claim pages' words for what goes wrong.
var claimErrors = errorPage{notFound: errorText{"Claim batch not found", "There is no claim batch at this address."},
	forbidden: "Claims are the billing office's work: your role does not make or read them.",
	internal:  "The claims could not be read or written just now. Nothing was changed. Please try again in a minute."}

// claimBatchesView is the view model of the claim batches page: the batches newest first, the
// filter as chosen, and what the role may do from here.
type claimBatchesView struct {
	page
	Rows     []claimBatchRow
	Payers   []*carepath.Payer
	PayerID  string
	Status   string
	Statuses []claimStatusView
	Error    string
	CanPost  bool // post a remittance (admin)
	Filtered bool
}

// claimBatchRow is one batch of the list with its claims counted by status.
type claimBatchRow struct {
	*carepath.ClaimBatchSummary
	Counts []claimStatusCount
}

// claimStatusCount is how many claims of a batch are in one status, for the list.
type claimStatusCount struct {
	claimStatusView
	Count int
}

// claimStatusView is a claim status as a page shows it: a word, a mark that does not rely on
// colour, and the class that colours it.
type claimStatusView struct {
	Status, Word, Mark, Class string
}

// claimStatusWords are the claim statuses in words, with their marks.
var claimStatusWords = map[string][2]string{
	carepath.ClaimDraft:         {"Draft", "✎"},
	carepath.ClaimHeld:          {"Held", "⏸"},
	carepath.ClaimSubmitted:     {"Submitted", "→"},
	carepath.ClaimPaid:          {"Paid", "✓"},
	carepath.ClaimPartiallyPaid: {"Partially paid", "◐"},
	carepath.ClaimDenied:        {"Denied", "✗"},
	carepath.ClaimReplaced:      {"Replaced", "⇄"},
	carepath.ClaimVoided:        {"Voided", "⊘"},
	"reversed":                  {"Reversed by the payer", "↺"},
}

// claimStatusOf is status as a page shows it.
func claimStatusOf(status string) claimStatusView {
	w, ok := claimStatusWords[status]
	if !ok {
		w = [2]string{strings.ReplaceAll(status, "_", " "), "•"}
	}
	return claimStatusView{Status: status, Word: w[0], Mark: w[1], Class: "claim-status claim-" + strings.ReplaceAll(status, "_", "-")}
}

// claimBatchView is the view model of one batch's page.
type claimBatchView struct {
	page
	Batch   *carepath.ClaimBatch
	Claims  []claimRow
	HasFile bool // some claim was sent, so there is an 837 to download
	CanPost bool
	Summary []errorLink // a refused replacement or void
}

// claimRow is one claim of a batch: its client by name (a link to the chart when the viewer may
// open it) and, when held, why and what to do.
type claimRow struct {
	*carepath.Claim
	ClientName string
	ChartLink  bool
	State      claimStatusView
	Holds      []holdView
	LeftOut    []leftOutView        // the client's charges held when the claim was made
	Fix        *claimCorrectionForm // a refused replacement or void of this claim
}

// leftOutView is a charge a claim went out without, with why in plain words.
type leftOutView struct {
	carepath.ChargeLeftOut
	Holds []holdView
}

// Correctable reports whether the page offers to correct any of its claims (or shows a refused
// correction again).
func (v claimBatchView) Correctable() bool {
	for _, c := range v.Claims {
		if c.Correctable() || c.Fix != nil {
			return true
		}
	}
	return false
}

// Correctable reports whether the claim may be replaced or voided: it was sent, is not a void,
// and was not corrected already.
func (c claimRow) Correctable() bool {
	switch c.Status {
	case carepath.ClaimDraft, carepath.ClaimHeld, carepath.ClaimReplaced, carepath.ClaimVoided:
		return false
	}
	return c.Frequency != billing.FrequencyVoid && c.CorrectedBy == ""
}

// Kind says what the claim is when it corrects another: a replacement or a void.
func (c claimRow) Kind() string {
	switch c.Frequency {
	case billing.FrequencyReplacement:
		return "Replacement of"
	case billing.FrequencyVoid:
		return "Void of"
	}
	return ""
}

// FormError is the error of the claim's refused correction form action at its field (""
// for the form itself, "pcc" for the payer's claim control number).
func (c claimRow) FormError(action, field string) string {
	if c.Fix == nil || c.Fix.Action != action {
		return ""
	}
	id := correctionID(action, c.ID)
	if field != "" {
		id += "-" + field
	}
	return c.Fix.Errors[id]
}

// Typed is the payer's claim control number typed on the claim's refused form action.
func (c claimRow) Typed(action string) string {
	if c.Fix == nil || c.Fix.Action != action {
		return ""
	}
	return c.Fix.PayerClaimControl
}

// claimRows are claims with their clients named in one audited call: the clients the viewer may
// see by name with a link to the chart, any other by a short form of the id.
func (s *Server) claimRows(r *http.Request, claims []*carepath.Claim) []claimRow {
	var ids []string
	for _, c := range claims {
		ids = append(ids, c.ClientID)
	}
	found, err := s.Clients.FindClientNames(r.Context(), ids)
	if err != nil && httpserver.Status(err) != http.StatusForbidden {
		s.Log.Error("claim client names", "err", err)
	}
	var rows []claimRow
	for _, c := range claims {
		row := claimRow{Claim: c, ClientName: "Client " + shortID(c.ClientID), State: claimStatusOf(c.Status)}
		if n, ok := found[c.ClientID]; ok {
			row.ClientName, row.ChartLink = n.Display(), true
		}
		for _, h := range c.Holds {
			row.Holds = append(row.Holds, holdOf(h))
		}
		for _, l := range c.LeftOut {
			v := leftOutView{ChargeLeftOut: l}
			for _, h := range l.Holds {
				v.Holds = append(v.Holds, holdOf(h))
			}
			row.LeftOut = append(row.LeftOut, v)
		}
		rows = append(rows, row)
	}
	return rows
}

// holdView is one reason a claim is held, in plain words, with what to do about it.
type holdView struct {
	Title, Reason, Todo string
}

// holdAdvice says what each hold rule means and what clears it.
var holdAdvice = map[string][2]string{
	"note_signed":             {"A note is not signed", "Sign the note (the clinician who wrote it, or their supervisor), then make a new batch for the period."},
	"per_diem_minimum_hours":  {"Too few hours for a program day", "Check the day's attendance minutes; if they are right, the day cannot be billed as a program day."},
	"em_level_chosen":         {"No visit level on the note", "Ask the prescriber to choose the visit level (2–5) on the note and sign it."},
	"one_track_a_day":         {"Two tracks on one day", "Bill one track for the day: correct the attendance or the sessions of the other track."},
	"rendering_npi":           {"The clinician's NPI is wrong", "Correct the clinician's NPI on their staff account."},
	"charges":                 {"Nothing to bill", "The client has no charges in the period: check attendance and the period chosen."},
	"medicare_secondary_type": {"Why Medicare pays second is not recorded", "On the client's coverage page, record the Medicare coverage again as the secondary one, choosing why Medicare pays second; then make a new batch."},
	"primary_remittance":      {"Waiting on the primary payer", "Bill the client's primary payer first and post its remittance (835); then make a new batch for this secondary payer."},
}

// holdOf is a hold in plain words. Medicare's IOP rules share one piece of advice; a rule the
// page does not know is shown by its name.
func holdOf(h carepath.ChargeHold) holdView {
	if a, ok := holdAdvice[h.Rule]; ok {
		return holdView{Title: a[0], Reason: h.Reason, Todo: a[1]}
	}
	title := strings.ReplaceAll(strings.TrimPrefix(h.Rule, "medicare_iop."), "_", " ")
	if title == "" {
		title = "held"
	}
	title = strings.ToUpper(title[:1]) + title[1:]
	todo := "Correct what the reason names, then make a new batch for the period."
	if strings.HasPrefix(h.Rule, "medicare_iop.") {
		title = "Medicare IOP rule: " + strings.ToLower(title)
		todo = "Medicare will not pay the claim as it stands: correct what the reason names in the chart, then make a new batch."
	}
	return holdView{Title: title, Reason: h.Reason, Todo: todo}
}

// claimBatchFormView is the view model of the new batch form.
type claimBatchFormView struct {
	page
	Payers  []*carepath.Payer
	Clients []batchClientChoice
	Form    carepath.ClaimBatchInput
	Errors  map[string]string // by element id
	Summary []errorLink
	// NoProvider: the clinic's billing details are not set; CanSetProvider: this role may set
	// them (the page links to the form).
	NoProvider, CanSetProvider bool
	ChooseClients              bool // some clients are ticked: the list starts open
	// Payer is the chosen payer (nil: none chosen yet); CoveredTotal how many clients it
	// covers in the period, of which Clients holds at most carepath.MaxPayerClients.
	Payer        *carepath.Payer
	CoveredTotal int
}

// MaxClients is how many covered clients the form lists at most.
func (v claimBatchFormView) MaxClients() int { return carepath.MaxPayerClients }

// batchClientChoice is one client the form offers to limit the batch to.
type batchClientChoice struct {
	ID, Name, Error string
	Chosen          bool
}
