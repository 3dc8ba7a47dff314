package carepath

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// TreatmentPlanStatus says whether a treatment plan is still being written or has been signed.
type TreatmentPlanStatus string

// The plan statuses. A signed plan is never edited: a new version is started instead.
const (
	TreatmentPlanDraft  TreatmentPlanStatus = "draft"
	TreatmentPlanSigned TreatmentPlanStatus = "signed"
)

// InterventionKind is the kind of treatment an intervention delivers.
type InterventionKind string

// The intervention kinds.
const (
	InterventionCBT               InterventionKind = "cbt"
	InterventionDBT               InterventionKind = "dbt"
	InterventionMI                InterventionKind = "mi"
	InterventionMAT               InterventionKind = "mat"
	InterventionRelapsePrevention InterventionKind = "relapse_prevention"
	InterventionFamilyTherapy     InterventionKind = "family_therapy"
	InterventionLifeSkills        InterventionKind = "life_skills"
	InterventionOther             InterventionKind = "other"
)

// Valid reports whether k is one of the intervention kinds.
func (k InterventionKind) Valid() bool {
	switch k {
	case InterventionCBT, InterventionDBT, InterventionMI, InterventionMAT, InterventionRelapsePrevention,
		InterventionFamilyTherapy, InterventionLifeSkills, InterventionOther:
		return true
	}
	return false
}

// AcknowledgementMethod is how a client acknowledged their plan.
type AcknowledgementMethod string

// The acknowledgement methods.
const (
	AcknowledgedInPerson AcknowledgementMethod = "in_person"
	AcknowledgedSigned   AcknowledgementMethod = "signed"
	AcknowledgedVerbal   AcknowledgementMethod = "verbal"
)

// Valid reports whether m is one of the acknowledgement methods.
func (m AcknowledgementMethod) Valid() bool {
	switch m {
	case AcknowledgedInPerson, AcknowledgedSigned, AcknowledgedVerbal:
		return true
	}
	return false
}

// DefaultReviewDays is how many days after its creation a plan is reviewed unless it says
// otherwise.
const DefaultReviewDays = 30

// The limits of a plan's contents.
const (
	MaxPlanItems     = 20   // problems, goals per problem, objectives per goal, interventions per objective
	MaxPlanStatement = 1000 // characters in a statement, own words or description
	MaxPlanFrequency = 100  // characters in an intervention's frequency
)

// TreatmentPlan is one version of a client's treatment plan: problems, their goals, measurable
// objectives with target dates, and the interventions that serve them, written in clinical
// words and in the person's own. Version numbers the plan's versions per client (1, 2, 3…);
// each version is a row of its own. Revision counts the changes to this version, and a change
// must name the revision it read. A signed plan is never edited.
type TreatmentPlan struct {
	ID              string                `json:"id"`
	ClientID        string                `json:"client_id"`
	Version         int                   `json:"version"`
	Status          TreatmentPlanStatus   `json:"status"`
	Problems        []Problem             `json:"problems"`
	ReviewDate      string                `json:"review_date"` // YYYY-MM-DD
	CreatedBy       string                `json:"created_by"`
	CreatedAt       time.Time             `json:"created_at"`
	UpdatedAt       time.Time             `json:"updated_at"`
	SignedBy        string                `json:"signed_by,omitempty"`
	SignedAt        *time.Time            `json:"signed_at,omitempty"`
	AcknowledgedAt  *time.Time            `json:"acknowledged_at,omitempty"`
	AcknowledgedHow AcknowledgementMethod `json:"acknowledged_how,omitempty"`
	Revision        int                   `json:"revision"`
}

// Problem is one problem the plan addresses.
type Problem struct {
	Statement  string `json:"statement"`              // in clinical words
	InOwnWords string `json:"in_own_words,omitempty"` // in the person's words
	Goals      []Goal `json:"goals"`
}

// Goal is what the person wants to reach about a problem.
type Goal struct {
	Statement  string      `json:"statement"`
	InOwnWords string      `json:"in_own_words,omitempty"`
	Objectives []Objective `json:"objectives"`
}

// Objective is a measurable step toward a goal, due by TargetDate (YYYY-MM-DD).
type Objective struct {
	Statement     string         `json:"statement"`
	TargetDate    string         `json:"target_date"`
	Interventions []Intervention `json:"interventions"`
}

// Intervention is a treatment that serves an objective, and how often it is given.
type Intervention struct {
	Kind        InterventionKind `json:"kind"`
	Description string           `json:"description,omitempty"`
	Frequency   string           `json:"frequency,omitempty"`
}

// TreatmentPlanInput is the content of a plan draft: its problems and review date. An empty ReviewDate
// means DefaultReviewDays after the plan's creation. When a new version is started with no
// problems, it copies the latest version's.
type TreatmentPlanInput struct {
	Problems   []Problem `json:"problems"`
	ReviewDate string    `json:"review_date,omitempty"`
}

// TreatmentPlanDraftUpdate replaces the content of a draft; Revision is the revision it was based on.
type TreatmentPlanDraftUpdate struct {
	Revision   int       `json:"revision"`
	Problems   []Problem `json:"problems"`
	ReviewDate string    `json:"review_date,omitempty"`
}

// Check trims in's text and checks it for a plan created on created (YYYY-MM-DD); an empty
// created skips the date ranges. Field errors name JSON paths such as problems,
// problems[0].statement and problems[0].goals[1].objectives[0].target_date (a real date, not
// before the creation), and review_date.
func (in *TreatmentPlanInput) Check(created string) error {
	var errs FieldErrors
	checkItems(&errs, "problems", len(in.Problems), "problem")
	for i := range in.Problems {
		p := &in.Problems[i]
		pp := fmt.Sprintf("problems[%d]", i)
		checkPlanText(&errs, pp+".statement", &p.Statement, true, MaxPlanStatement)
		checkPlanText(&errs, pp+".in_own_words", &p.InOwnWords, false, MaxPlanStatement)
		checkItems(&errs, pp+".goals", len(p.Goals), "goal")
		for j := range p.Goals {
			g := &p.Goals[j]
			gp := fmt.Sprintf("%s.goals[%d]", pp, j)
			checkPlanText(&errs, gp+".statement", &g.Statement, true, MaxPlanStatement)
			checkPlanText(&errs, gp+".in_own_words", &g.InOwnWords, false, MaxPlanStatement)
			checkItems(&errs, gp+".objectives", len(g.Objectives), "objective")
			for k := range g.Objectives {
				o := &g.Objectives[k]
				op := fmt.Sprintf("%s.objectives[%d]", gp, k)
				checkPlanText(&errs, op+".statement", &o.Statement, true, MaxPlanStatement)
				checkPlanDate(&errs, op+".target_date", &o.TargetDate, true, created)
				if len(o.Interventions) > MaxPlanItems {
					errs.Add(op+".interventions", "too_many", "Please keep to %d interventions.", MaxPlanItems)
				}
				if o.Interventions == nil {
					o.Interventions = []Intervention{}
				}
				for m := range o.Interventions {
					iv := &o.Interventions[m]
					ip := fmt.Sprintf("%s.interventions[%d]", op, m)
					switch {
					case iv.Kind == "":
						errs.Add(ip+".kind", "required", "Please give the kind of intervention.")
					case !iv.Kind.Valid():
						errs.Add(ip+".kind", "enum", "Use one of cbt, dbt, mi, mat, relapse_prevention, family_therapy, life_skills, other.")
					}
					checkPlanText(&errs, ip+".description", &iv.Description, iv.Kind == InterventionOther, MaxPlanStatement)
					checkPlanText(&errs, ip+".frequency", &iv.Frequency, false, MaxPlanFrequency)
				}
			}
		}
	}
	checkPlanDate(&errs, "review_date", &in.ReviewDate, false, created)
	return errs.Err()
}

// Check checks u as TreatmentPlanInput.Check does, and that Revision is given.
func (u *TreatmentPlanDraftUpdate) Check(created string) error {
	in := TreatmentPlanInput{Problems: u.Problems, ReviewDate: u.ReviewDate}
	err := in.Check(created)
	u.ReviewDate = in.ReviewDate
	if u.Revision < 1 {
		fields := append([]FieldError{{Field: "revision", Code: "required",
			Message: "Please give the revision the change is based on."}}, ErrorFields(err)...)
		return FieldErrors(fields).Err()
	}
	return err
}

// DefaultReviewDate returns the date DefaultReviewDays after created, as YYYY-MM-DD in UTC.
func DefaultReviewDate(created time.Time) string {
	return created.UTC().AddDate(0, 0, DefaultReviewDays).Format(DateLayout)
}

func checkItems(errs *FieldErrors, path string, n int, noun string) {
	switch {
	case n == 0:
		errs.Add(path, "required", "Please give at least one %s.", noun)
	case n > MaxPlanItems:
		errs.Add(path, "too_many", "Please keep to %d of these.", MaxPlanItems)
	}
}

func checkPlanText(errs *FieldErrors, path string, s *string, required bool, max int) {
	*s = strings.TrimSpace(*s)
	switch {
	case *s == "" && required:
		errs.Add(path, "required", "Please fill this in.")
	case utf8.RuneCountInString(*s) > max:
		errs.Add(path, "too_long", "Please keep this under %d characters.", max)
	}
}

// checkPlanDate checks that *s is a real date, not before created when created is given.
func checkPlanDate(errs *FieldErrors, path string, s *string, required bool, created string) {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		if required {
			errs.Add(path, "required", "Please give the date as YYYY-MM-DD.")
		}
		return
	}
	if _, err := time.Parse(DateLayout, *s); err != nil {
		errs.Add(path, "format", "Please give a real date as YYYY-MM-DD.")
	} else if created != "" && *s < created {
		errs.Add(path, "range", "The date cannot be before the plan was started (%s).", created)
	}
}

// TreatmentPlanService stores treatment plans. Every call reads or writes client data and is audited.
type TreatmentPlanService interface {
	// CreatePlan starts a draft plan for the client: version 1, or one more than the latest
	// version, copying the latest version's problems when in has none. EINVALID names the
	// fields; ECONFLICT when the client already has a draft; ENOTFOUND when there is no such
	// client or it is outside the actor's care team; EFORBIDDEN for roles that may not write plans.
	CreatePlan(ctx context.Context, clientID string, in TreatmentPlanInput) (*TreatmentPlan, error)
	// UpdateDraft replaces the content of draft plan id. EINVALID names the fields; ECONFLICT
	// when u.Revision is stale or the plan is signed (nothing changes); ENOTFOUND when there is
	// no such plan or the actor may not see its client.
	UpdateDraft(ctx context.Context, id string, u TreatmentPlanDraftUpdate) (*TreatmentPlan, error)
	// SignPlan signs draft plan id at revision as the actor. EINVALID names the paths whose
	// content no longer passes (a target date copied from an earlier version that has passed);
	// ECONFLICT when revision is stale or the plan is already signed; ENOTFOUND as UpdateDraft; EFORBIDDEN for roles other than
	// clinician and admin.
	SignPlan(ctx context.Context, id string, revision int) (*TreatmentPlan, error)
	// AcknowledgePlan records that the client acknowledged signed plan id, and how. EINVALID
	// naming how; ECONFLICT when the plan is a draft or already acknowledged; ENOTFOUND as
	// UpdateDraft.
	AcknowledgePlan(ctx context.Context, id string, how AcknowledgementMethod) (*TreatmentPlan, error)
	// FindPlans lists every version of the client's plan, newest first. ENOTFOUND and
	// EFORBIDDEN as CreatePlan.
	FindPlans(ctx context.Context, clientID string) ([]*TreatmentPlan, error)
	// FindPlanByID returns one plan; ENOTFOUND when there is none or the actor may not see
	// its client.
	FindPlanByID(ctx context.Context, id string) (*TreatmentPlan, error)
}
