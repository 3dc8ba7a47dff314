package carepath

import (
	"context"
	"strings"
	"time"
)

// Diagnosis is an ICD-10-CM diagnosis on a client's chart: the code and its description as the
// code set had it when it was recorded, whether it is the primary diagnosis (claims list it
// first), when it began and, once it no longer applies, when it was resolved. A client has at
// most one primary diagnosis that is not resolved.
type Diagnosis struct {
	ID          string    `json:"id"`
	ClientID    string    `json:"client_id"`
	Code        string    `json:"code"`
	Description string    `json:"description"`
	Primary     bool      `json:"primary"`
	OnsetOn     string    `json:"onset,omitempty"`
	ResolvedOn  string    `json:"resolved,omitempty"`
	RecordedBy  string    `json:"recorded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// Active reports whether d still applies (it has not been resolved).
func (d *Diagnosis) Active() bool { return d.ResolvedOn == "" }

// DiagnosisInput is a diagnosis to add to a chart. Code must be a billable code of the code
// set (the store checks it against the shipped subset and the imported CMS files); Onset is
// optional. Adding a primary diagnosis makes the client's earlier primary one secondary.
type DiagnosisInput struct {
	Code    string `json:"code"`
	Primary bool   `json:"primary"`
	Onset   string `json:"onset,omitempty"`
}

// Validate trims in and checks its form: code is required and onset, when given, is a date.
// Whether the code is in the code set is the store's check.
func (in *DiagnosisInput) Validate() error {
	var errs FieldErrors
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	if in.Code == "" {
		errs.Add("code", "required", "Please give an ICD-10-CM code, e.g. F33.1.")
	}
	if in.Onset = strings.TrimSpace(in.Onset); in.Onset != "" {
		checkDate(&errs, "onset", &in.Onset)
	}
	return errs.Err()
}

// CheckResolvedOn checks the date a diagnosis was resolved on (a date, required).
func CheckResolvedOn(on *string) error {
	var errs FieldErrors
	checkDate(&errs, "resolved", on)
	return errs.Err()
}

// DiagnosisCode is one entry of the ICD-10-CM code set diagnoses are chosen from.
type DiagnosisCode struct {
	Code        string `json:"code"`
	Billable    bool   `json:"billable"`
	Description string `json:"description"`
}

// DiagnosisService keeps the diagnoses on clients' charts and the code set they come from.
type DiagnosisService interface {
	// AddDiagnosis records a diagnosis on the client's chart. EINVALID names code (not a
	// billable code of the set) or onset; ENOTFOUND when the client is not there or not the
	// actor's to see.
	AddDiagnosis(ctx context.Context, clientID string, in DiagnosisInput) (*Diagnosis, error)
	// FindDiagnoses lists the client's diagnoses: the primary first, then active ones, then
	// resolved ones; never nil. ENOTFOUND as AddDiagnosis.
	FindDiagnoses(ctx context.Context, clientID string) ([]*Diagnosis, error)
	// ResolveDiagnosis marks diagnosis id resolved on the date given. EINVALID names resolved
	// (not a date, or before the onset); ECONFLICT when it is already resolved; ENOTFOUND as
	// AddDiagnosis.
	ResolveDiagnosis(ctx context.Context, id, on string) (*Diagnosis, error)
	// SearchCodes finds up to limit codes of the set whose code or description matches query.
	SearchCodes(ctx context.Context, query string, limit int) ([]DiagnosisCode, error)
	// ImportCodes adds the codes of a CMS code file to the set (replacing descriptions of codes
	// already imported) and returns how many it stored. Admin and the command line only.
	ImportCodes(ctx context.Context, source string, codes []DiagnosisCode) (int, error)
}
