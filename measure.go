package carepath

import (
	"context"
	"time"
)

// The ways a measure reaches the chart.
const (
	MeasureByStaff = "staff" // entered by a clinician in session
	MeasureByLink  = "link"  // answered by the client through an answer link
	// MeasureByIntake: answered in the public decision aid and carried over from the intake
	// request when it became a client, dated when the person answered.
	MeasureByIntake = "intake"
)

// Measure is one scored questionnaire (or substance-use check-in) a client answered. Answers
// are option indices in the published order (the check-in's are its three numbers); Score,
// Severity and Item9 are computed by the store. EnteredBy is the staff id, or the answer
// link's id when Source is MeasureByLink. Change judges it against the client's first measure
// of the same instrument (the baseline), when the instrument has thresholds.
type Measure struct {
	ID         string         `json:"id"`
	ClientID   string         `json:"client_id"`
	EpisodeID  string         `json:"episode_id,omitempty"`
	Instrument string         `json:"instrument"`
	Answers    []int          `json:"answers"`
	Score      int            `json:"score"`
	Severity   string         `json:"severity,omitempty"`
	Item9      int            `json:"item9"`
	TakenAt    time.Time      `json:"taken_at"`
	Source     string         `json:"source"`
	EnteredBy  string         `json:"entered_by"`
	CreatedAt  time.Time      `json:"created_at"`
	Change     *MeasureChange `json:"change,omitempty"`
}

// MeasureChange is a measure against the client's baseline on the same instrument (see
// outcome.Change): Delta is score − baseline, so a fall in symptoms is negative.
type MeasureChange struct {
	Baseline              int  `json:"baseline"`
	Delta                 int  `json:"delta"`
	ReliableImprovement   bool `json:"reliable_improvement"`
	ReliableDeterioration bool `json:"reliable_deterioration"`
	Response              bool `json:"response"`
	Remission             bool `json:"remission"`
	CaseAtBaseline        bool `json:"case_at_baseline"`
	CaseAtLatest          bool `json:"case_at_latest"`
	Recovery              bool `json:"recovery"`
	ReliableRecovery      bool `json:"reliable_recovery"`
}

// MeasureInput is one questionnaire entered by a clinician. Sex only matters for the AUDIT-C.
type MeasureInput struct {
	Instrument string    `json:"instrument"`
	Answers    []int     `json:"answers"`
	TakenAt    time.Time `json:"taken_at"`
	Sex        Sex       `json:"sex,omitempty"`
}

// MeasureSchedule is when a client is asked for which measures: the defaults of the level of
// their open episode (outcome.DefaultSchedule) unless Override holds the clinic's choice.
type MeasureSchedule struct {
	Level     Level    `json:"level,omitempty"`
	EveryDays int      `json:"every_days"`
	Repeated  []string `json:"repeated"`
	Bookends  []string `json:"bookends"`
	Override  bool     `json:"override"`
	// NextDue is the next due date (YYYY-MM-DD) from today, "" when none.
	NextDue string `json:"next_due,omitempty"`
	// Missed counts the due dates in a row that passed unanswered.
	Missed int `json:"missed"`
}

// MeasureScheduleUpdate overrides a client's schedule. EveryDays 0 means admission and
// discharge only.
type MeasureScheduleUpdate struct {
	EveryDays int      `json:"every_days"`
	Repeated  []string `json:"repeated"`
	Bookends  []string `json:"bookends"`
}

// CrisisFlag marks a client in crisis: PHQ-9 item 9 answered positively, a positive C-SSRS,
// or a crisis intake request converted into the client. It is shown on the chart until a
// clinician acknowledges the safety alert that raised it (AlertID). Source says what raised
// it: phq9, cssrs or intake.
type CrisisFlag struct {
	MeasureID string    `json:"measure_id"`
	AlertID   string    `json:"alert_id,omitempty"`
	Source    string    `json:"source,omitempty"`
	Since     time.Time `json:"since"`
}

// MeasureSeries is a client's measures, oldest first, with their schedule and crisis flag.
type MeasureSeries struct {
	ClientID   string           `json:"client_id"`
	Measures   []*Measure       `json:"measures"`
	Schedule   *MeasureSchedule `json:"schedule,omitempty"`
	CrisisFlag *CrisisFlag      `json:"crisis_flag,omitempty"`
}

// MeasureAlert asks a clinician to act on what a client's measures show (see outcome.Alerts):
// safety_item9 (priority 1, with the crisis protocol), reliable_deterioration, relapse and
// missed_measures (computed when read). Each is acknowledged once, with a note.
type MeasureAlert struct {
	ID             string     `json:"id"`
	ClientID       string     `json:"client_id"`
	Kind           string     `json:"kind"`
	Priority       int        `json:"priority"`
	Instrument     string     `json:"instrument,omitempty"`
	MeasureID      string     `json:"measure_id,omitempty"`
	At             time.Time  `json:"at"`
	Reason         string     `json:"reason"`
	Protocol       string     `json:"protocol,omitempty"`
	AcknowledgedBy string     `json:"acknowledged_by,omitempty"`
	AcknowledgedAt *time.Time `json:"acknowledged_at,omitempty"`
	Note           string     `json:"note,omitempty"`
	// Key identifies the alert within its client's alerts (outcome.Alert.Key); not shown.
	Key string `json:"-"`
}

// MeasureLinkInput asks for an answer link: the instruments to ask and how to send it.
type MeasureLinkInput struct {
	Instruments []string `json:"instruments"`
	SendTo      string   `json:"send_to"` // "email" or "sms"
}

// MeasureLink is a single-use link a client answers questionnaires through, without signing
// in. Only a hash of its token is stored; the token exists only in the message sent.
type MeasureLink struct {
	ID          string     `json:"id"`
	ClientID    string     `json:"client_id,omitempty"`
	Instruments []string   `json:"instruments"`
	SendTo      string     `json:"send_to,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	ExpiresAt   time.Time  `json:"expires_at"`
	UsedAt      *time.Time `json:"used_at,omitempty"`
}

// MeasureLinkReceipt is what answering through a link did, so that what the client is told
// afterwards is true: whether the answers raised a safety alert, whether someone on call was
// alerted just now, and the office hours of the client's program (nil when it has none), from
// which the page says when the team will be in touch.
type MeasureLinkReceipt struct {
	Measures      []*Measure
	Safety        bool
	OnCallAlerted bool
	Hours         *OfficeHours
}

// MeasureLinkTTL is how long an answer link works.
const MeasureLinkTTL = 4 * 24 * time.Hour

// MeasureService keeps clients' measures, schedules and answer links.
type MeasureService interface {
	// CreateMeasure scores and stores one measure for a client on the actor's care team, and
	// returns it with its change against the baseline and the alerts it raised. EINVALID names
	// instrument, answers, answers[i] or taken_at (in the future, or before the client's first
	// episode); ENOTFOUND for a client the actor may not see; EFORBIDDEN. Nothing is stored on
	// any error.
	CreateMeasure(ctx context.Context, clientID string, in MeasureInput) (*Measure, []*MeasureAlert, error)
	// FindMeasures returns a client's series, oldest first, with change figures, the schedule
	// and the crisis flag. ENOTFOUND; EFORBIDDEN.
	FindMeasures(ctx context.Context, clientID string) (*MeasureSeries, error)
	// SetMeasureSchedule overrides a client's schedule. EINVALID names every_days, repeated[i]
	// or bookends[i]; ENOTFOUND; EFORBIDDEN.
	SetMeasureSchedule(ctx context.Context, clientID string, u MeasureScheduleUpdate) (*MeasureSchedule, error)
	// ResetMeasureSchedule removes a client's override so that the defaults of the level of
	// their open episode apply again, and returns that schedule (nil when no episode is open).
	// ENOTFOUND; EFORBIDDEN.
	ResetMeasureSchedule(ctx context.Context, clientID string) (*MeasureSchedule, error)
	// CreateMeasureLink makes a single-use answer link for a client and returns it with its
	// token (to be sent, never stored or logged). EINVALID names instruments, instruments[i]
	// or send_to (also when the client has no address of that kind); ENOTFOUND; EFORBIDDEN.
	CreateMeasureLink(ctx context.Context, clientID string, in MeasureLinkInput) (*MeasureLink, string, error)
	// OpenMeasureLink returns the unused, unexpired link of token, without its client. Anyone
	// may ask: the token decides. ENOTFOUND for an unknown, used or expired token alike, so that
	// the answer reveals nothing.
	OpenMeasureLink(ctx context.Context, token string) (*MeasureLink, error)
	// SubmitMeasureLink stores the answers (instrument → answers) given through a link and
	// marks it used, returning the measures and what the client should be told. EINVALID names
	// answers.<instrument>[i]; ENOTFOUND as OpenMeasureLink. Nothing is stored on any error.
	SubmitMeasureLink(ctx context.Context, token string, answers map[string][]int) (*MeasureLinkReceipt, error)
}

// MeasureAlertService lists and acknowledges measure alerts.
type MeasureAlertService interface {
	// FindMeasureAlerts lists the alerts of the clients on the actor's care team (every
	// client for an admin), most urgent first; acknowledged ones only when all is true.
	FindMeasureAlerts(ctx context.Context, all bool) ([]*MeasureAlert, error)
	// AcknowledgeMeasureAlert records who acknowledged an alert, when, and their note.
	// EINVALID names note; ENOTFOUND; ECONFLICT when it was already acknowledged.
	AcknowledgeMeasureAlert(ctx context.Context, id, note string) (*MeasureAlert, error)
	// FindMeasuresDue lists the measures due now for the clients on the actor's care team
	// (every client for an admin) with an open episode: due dates that have come and are not
	// yet answered, while their window is open. EFORBIDDEN.
	FindMeasuresDue(ctx context.Context) ([]*MeasureDue, error)
}

// MeasureDue is one client's measures due now: the due date (YYYY-MM-DD, in their program's
// zone), what kind of date it is (admission, routine, discharge), the questionnaires asked,
// and the last day of its window.
type MeasureDue struct {
	ClientID    string   `json:"client_id"`
	Due         string   `json:"due"`
	Kind        string   `json:"kind"`
	Instruments []string `json:"instruments"`
	Until       string   `json:"until"`
}
