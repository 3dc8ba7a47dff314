package carepath

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

// Assessment is one clinician's level-of-care assessment of a client, kept in the chart. The
// store runs the placement engine on Profile itself, so Recommended is always the engine's own
// answer; FinalLevel is what the clinician decided, and a final level that differs from the
// recommendation carries a coded Variance. An assessment is never edited: a new one is taken.
type Assessment struct {
	ID            string          `json:"id"`
	ClientID      string          `json:"client_id"`
	TakenAt       time.Time       `json:"taken_at"`
	ClinicianID   string          `json:"clinician_id"` // the actor who took it
	Profile       json.RawMessage `json:"profile"`      // the placement profile as given
	Recommended   Level           `json:"recommended"`
	RubricVersion string          `json:"rubric_version"`
	Crisis        bool            `json:"crisis"`
	// Floor is the safety floor the engine computed from the risk answers (empty for
	// assessments stored before floors were kept), and Urgency how soon to be seen.
	Floor      Level            `json:"floor,omitempty"`
	Urgency    string           `json:"urgency,omitempty"`
	FinalLevel Level            `json:"final_level"`
	Variance   *Variance        `json:"variance,omitempty"`
	Source     AssessmentSource `json:"source"`
}

// AssessmentSource says where an assessment came from.
type AssessmentSource string

// The assessment sources: taken in the chart, or carried over from an intake request.
const (
	SourceChart  AssessmentSource = "chart"
	SourceIntake AssessmentSource = "intake"
)

// VarianceCode is the coded reason a final level differs from the recommended one.
type VarianceCode string

// The variance codes.
const (
	VarianceClientPreference     VarianceCode = "client_preference"
	VarianceNoBedAvailable       VarianceCode = "no_bed_available"
	VariancePayerAuthorizedOther VarianceCode = "payer_authorized_other"
	VarianceClinicalJudgment     VarianceCode = "clinical_judgment"
	VarianceOther                VarianceCode = "other"
)

// VarianceCodes lists every variance code.
var VarianceCodes = []VarianceCode{VarianceClientPreference, VarianceNoBedAvailable,
	VariancePayerAuthorizedOther, VarianceClinicalJudgment, VarianceOther}

// Variance is why the final level differs from the recommendation: a code and a note. The note
// is required for clinical_judgment and other.
type Variance struct {
	Code VarianceCode `json:"code"`
	Note string       `json:"note,omitempty"`
}

// MaxVarianceNote is the longest variance note, in characters.
const MaxVarianceNote = 2000

// check trims the note and checks v; field errors name variance.code and variance.note.
func (v *Variance) check(errs *FieldErrors) {
	v.Note = strings.TrimSpace(v.Note)
	switch v.Code {
	case VarianceClientPreference, VarianceNoBedAvailable, VariancePayerAuthorizedOther:
	case VarianceClinicalJudgment, VarianceOther:
		if v.Note == "" {
			errs.Add("variance.note", "required", "Please explain the variance in a note.")
		}
	case "":
		errs.Add("variance.code", "required", "Please give the reason for the variance.")
	default:
		errs.Add("variance.code", "enum", "Use one of client_preference, no_bed_available, payer_authorized_other, clinical_judgment, other.")
	}
	if utf8.RuneCountInString(v.Note) > MaxVarianceNote {
		errs.Add("variance.note", "too_long", "Please keep the note under %d characters.", MaxVarianceNote)
	}
}

// AssessmentInput is what a clinician sends to take an assessment: the placement profile, and
// optionally a final level other than the recommendation with its variance.
type AssessmentInput struct {
	Profile    json.RawMessage `json:"profile"`
	FinalLevel *Level          `json:"final_level,omitempty"`
	Variance   *Variance       `json:"variance,omitempty"`
}

// Check validates in against recommended, the level the engine recommends for in.Profile, and
// floor, the safety floor under it, and returns the final level: FinalLevel, or recommended
// when none is given. A final level that differs from recommended requires a variance
// (EINVALID naming variance.code); a variance without a difference is refused (EINVALID naming
// variance). A final level below the floor — less care than the risk answers allow — needs a
// coded variance and a note whatever the code (EINVALID naming variance.code and
// variance.note).
func (in *AssessmentInput) Check(recommended, floor Level) (Level, error) {
	var errs FieldErrors
	final := recommended
	if in.FinalLevel != nil {
		if !in.FinalLevel.Valid() {
			errs.Add("final_level", "enum", "Use one of none, outpatient, iop, php, residential, inpatient.")
		} else {
			final = *in.FinalLevel
		}
	}
	switch {
	case in.Variance != nil:
		in.Variance.check(&errs)
		if len(errs) == 0 && final == recommended {
			errs.Add("variance", "not_needed", "A variance is only recorded when the final level differs from the recommendation.")
		}
	case final != recommended && len(errs) == 0:
		errs.Add("variance.code", "required", "The final level differs from the recommended %s: please give the reason for the variance.", recommended)
	}
	if floor.Valid() && final.Rank() < floor.Rank() && len(errs) == 0 {
		if in.Variance == nil || strings.TrimSpace(in.Variance.Note) == "" {
			errs.Add("variance.note", "below_floor", "The final level %s is below the safety floor (%s) that the risk answers set: "+
				"explain in a note why less care is safe, and what keeps the person safe meanwhile.", final.Name(), floor.Name())
		}
	}
	return final, errs.Err()
}

// AssessmentService stores clinician assessments in the chart.
type AssessmentService interface {
	// CreateAssessment scores in.Profile with the placement engine and stores an assessment of
	// the client. EINVALID names the fields (profile errors prefixed "profile."); ENOTFOUND when
	// there is no such client or the actor may not see it; EFORBIDDEN for roles that may not
	// take assessments.
	CreateAssessment(ctx context.Context, clientID string, in AssessmentInput) (*Assessment, error)
	// FindAssessments lists the client's assessments, newest first. ENOTFOUND and EFORBIDDEN
	// as for CreateAssessment.
	FindAssessments(ctx context.Context, clientID string) ([]*Assessment, error)
}

// ClientInput is the client an intake request becomes. Empty Email and Phone are taken from the
// intake request.
type ClientInput struct {
	GivenName          string `json:"given_name"`
	FamilyName         string `json:"family_name"`
	PreferredName      string `json:"preferred_name,omitempty"`
	BirthDate          string `json:"birth_date"`
	Pronouns           string `json:"pronouns,omitempty"`
	Email              string `json:"email,omitempty"`
	Phone              string `json:"phone,omitempty"`
	PreferredLanguage  string `json:"preferred_language,omitempty"`
	PrimaryClinicianID string `json:"primary_clinician_id,omitempty"`
	CaseManagerID      string `json:"case_manager_id,omitempty"`
}

// Client returns the client in describes.
func (in ClientInput) Client() *Client {
	return &Client{GivenName: in.GivenName, FamilyName: in.FamilyName, PreferredName: in.PreferredName,
		BirthDate: in.BirthDate, Pronouns: in.Pronouns, Email: in.Email, Phone: in.Phone,
		PreferredLanguage: in.PreferredLanguage, PrimaryClinicianID: in.PrimaryClinicianID,
		CaseManagerID: in.CaseManagerID}
}

// IntakeConverter turns intake requests into clients.
type IntakeConverter interface {
	// ConvertIntake creates the client described by in from the intake request intakeID, stores
	// the request's answers as the client's first assessment, and marks the request converted,
	// all at once. EINVALID names the fields; ENOTFOUND when there is no such request;
	// ECONFLICT when it was converted already; EFORBIDDEN for roles that may not convert.
	ConvertIntake(ctx context.Context, intakeID string, in ClientInput) (*Client, error)
}
