package carepath

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// The actions a continued-stay review can suggest (the words of outcome.Action).
const (
	ReviewContinue         = "continue"          // stay at the current level
	ReviewStepDown         = "step_down"         // move to ToLevel, less intensive
	ReviewStepUp           = "step_up"           // move to ToLevel, more intensive
	ReviewSafetyEvaluation = "safety_evaluation" // a safety evaluation before anything else
	ReviewFit              = "review_fit"        // talk with the client about whether the level fits
)

// ReviewDecision is what a clinician decided about a review's suggestion.
type ReviewDecision string

// The review decisions.
const (
	ReviewPending  ReviewDecision = "pending"
	ReviewAccepted ReviewDecision = "accepted"
	ReviewDeclined ReviewDecision = "declined"
)

// Review is one continued-stay review of a client: the suggestion carepath's rules made from
// the client's measures, attendance and relapses (outcome.Rules), the data behind it as it was
// when the review ran, and the clinician's decision. Accepting a step up or step down
// transfers the client's open episode to ToLevel; TransferID names that transfer. Accepting
// any other suggestion (continue, a safety evaluation, a review of fit) records the decision
// and transfers nothing.
type Review struct {
	ID          string         `json:"id"`
	ClientID    string         `json:"client_id"`
	EpisodeID   string         `json:"episode_id"`
	Level       Level          `json:"level"` // the episode's level when the review ran
	Action      string         `json:"action"`
	ToLevel     Level          `json:"to_level,omitempty"`
	RuleID      string         `json:"rule_id"`
	Reasons     []string       `json:"reasons"`
	AlsoMatched []string       `json:"also_matched"`
	Data        ReviewData     `json:"data"`
	Decision    ReviewDecision `json:"decision"`
	DecidedBy   string         `json:"decided_by,omitempty"`
	DecidedAt   *time.Time     `json:"decided_at,omitempty"`
	// DeclineReason is why the suggestion was declined.
	DeclineReason string    `json:"decline_reason,omitempty"`
	TransferID    string    `json:"transfer_id,omitempty"`
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
}

// Transfers reports whether accepting the review moves the episode to another level.
func (r *Review) Transfers() bool {
	return (r.Action == ReviewStepUp || r.Action == ReviewStepDown) && r.ToLevel != "" && r.ToLevel != r.Level
}

// ActionName is the suggestion in words, e.g. "Step down to Outpatient".
func (r *Review) ActionName() string {
	switch r.Action {
	case ReviewStepDown:
		return "Step down to " + r.ToLevel.Name()
	case ReviewStepUp:
		return "Step up to " + r.ToLevel.Name()
	case ReviewSafetyEvaluation:
		return "Safety evaluation"
	case ReviewFit:
		return "Review of fit"
	}
	return "No change: continue at " + r.Level.Name()
}

// ReviewData is what a review looked at: the client's measures against their baseline, the
// share of sessions attended over the 4 weeks before it, and the last relapse.
type ReviewData struct {
	Measures   []ReviewMeasure  `json:"measures"`
	Attendance ReviewAttendance `json:"attendance"`
	// LastRelapse is the date (YYYY-MM-DD) of the last relapse reported, "" when none.
	LastRelapse string `json:"last_relapse,omitempty"`
}

// ReviewMeasure is one instrument's latest score against the client's baseline on it.
type ReviewMeasure struct {
	Instrument string `json:"instrument"`
	Name       string `json:"name"`
	Count      int    `json:"count"`
	Baseline   int    `json:"baseline"`
	BaselineOn string `json:"baseline_on"`
	// Previous is the score before the latest; nil when there is only one measure.
	Previous *int           `json:"previous,omitempty"`
	Latest   int            `json:"latest"`
	LatestOn string         `json:"latest_on"`
	Change   *MeasureChange `json:"change,omitempty"`
}

// ReviewAttendance counts the sessions scheduled and attended (present, late or left early)
// from From to To (YYYY-MM-DD, the program's time zone). Scheduled 0 means nothing is known.
type ReviewAttendance struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Attended  int    `json:"attended"`
	Scheduled int    `json:"scheduled"`
}

// Percent is the share attended, rounded down; 0 when nothing was scheduled.
func (a ReviewAttendance) Percent() int {
	if a.Scheduled == 0 {
		return 0
	}
	return 100 * a.Attended / a.Scheduled
}

// MaxDeclineReason is the longest reason for declining a suggestion.
const MaxDeclineReason = 1000

// CheckDeclineReason trims reason and checks it; the field error names reason.
func CheckDeclineReason(reason *string) error {
	var errs FieldErrors
	*reason = strings.TrimSpace(*reason)
	switch {
	case *reason == "":
		errs.Add("reason", "required", "Please say why the suggestion is declined.")
	case utf8.RuneCountInString(*reason) > MaxDeclineReason:
		errs.Add("reason", "too_long", "Please keep the reason under 1000 characters.")
	}
	return errs.Err()
}

// ReviewService runs continued-stay reviews and records what was decided.
type ReviewService interface {
	// RunReview reviews the client's open episode from the data as it is now, stores the
	// suggestion as a pending review (a suggestion to continue too, so the review is on
	// record) and returns it. ECONFLICT when the client has no open episode; ENOTFOUND for a
	// client the actor may not see; EFORBIDDEN.
	RunReview(ctx context.Context, clientID string) (*Review, error)
	// FindReviews lists the client's reviews, newest first. ENOTFOUND; EFORBIDDEN.
	FindReviews(ctx context.Context, clientID string) ([]*Review, error)
	// FindReviewByID returns one review. ENOTFOUND; EFORBIDDEN.
	FindReviewByID(ctx context.Context, id string) (*Review, error)
	// AcceptReview accepts a pending review: a step up or step down transfers the open
	// episode to the suggested level, dated today in the program's time zone, in the same
	// transaction. ECONFLICT when the review is already decided or the episode changed level
	// or was discharged since the review ran; ENOTFOUND; EFORBIDDEN.
	AcceptReview(ctx context.Context, id string) (*Review, error)
	// DeclineReview declines a pending review for reason. EINVALID names reason; ECONFLICT
	// when the review is already decided; ENOTFOUND; EFORBIDDEN.
	DeclineReview(ctx context.Context, id, reason string) (*Review, error)
}
