package carepath

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// EpisodeStatus says whether an episode of care is still open.
type EpisodeStatus string

// The episode statuses.
const (
	EpisodeOpen       EpisodeStatus = "open"
	EpisodeDischarged EpisodeStatus = "discharged"
)

// DischargeReason is why an episode of care ended.
type DischargeReason string

// The discharge reasons.
const (
	DischargeCompleted         DischargeReason = "completed"
	DischargeTransferred       DischargeReason = "transferred"
	DischargeLeftAgainstAdvice DischargeReason = "left_against_advice"
	DischargeOther             DischargeReason = "other"
)

// Valid reports whether r is one of the discharge reasons.
func (r DischargeReason) Valid() bool {
	switch r {
	case DischargeCompleted, DischargeTransferred, DischargeLeftAgainstAdvice, DischargeOther:
		return true
	}
	return false
}

// Direction is which way a transfer moves a client between levels of care.
type Direction string

// The transfer directions.
const (
	StepUp   Direction = "step_up"
	StepDown Direction = "step_down"
)

// TransferDirection is step_up when to is more intensive than from, step_down otherwise.
func TransferDirection(from, to Level) Direction {
	if to.Rank() > from.Rank() {
		return StepUp
	}
	return StepDown
}

// Episode is one client's stay in one program: admitted at a level, transferred between
// levels, and discharged. Dates are YYYY-MM-DD in the program's time zone. Version counts the
// changes; a transfer or discharge must name the version it read.
type Episode struct {
	ID              string          `json:"id"`
	ClientID        string          `json:"client_id"`
	ProgramID       string          `json:"program_id"`
	Level           Level           `json:"level"` // the current level
	AdmittedOn      string          `json:"admitted_on"`
	Status          EpisodeStatus   `json:"status"`
	DischargedOn    string          `json:"discharged_on,omitempty"`
	DischargeReason DischargeReason `json:"discharge_reason,omitempty"`
	DischargeNote   string          `json:"discharge_note,omitempty"`
	Transfers       []Transfer      `json:"transfers"`
	Version         int             `json:"version"`
	CreatedAt       time.Time       `json:"created_at"`
	UpdatedAt       time.Time       `json:"updated_at"`
}

// Transfer is one move of an episode from one level of care to another.
type Transfer struct {
	ID        string    `json:"id"`
	FromLevel Level     `json:"from_level"`
	ToLevel   Level     `json:"to_level"`
	On        string    `json:"on"`
	Direction Direction `json:"direction"`
	Reason    string    `json:"reason"`
}

// EpisodeAdmit admits a client to a program. An empty Level takes the program's level.
type EpisodeAdmit struct {
	ClientID  string `json:"client_id"`
	ProgramID string `json:"program_id"`
	Level     Level  `json:"level,omitempty"`
	On        string `json:"on"`
}

// Validate checks a's fields; field errors name client_id, program_id, level and on.
func (a *EpisodeAdmit) Validate() error {
	var errs FieldErrors
	a.ClientID, a.ProgramID = strings.TrimSpace(a.ClientID), strings.TrimSpace(a.ProgramID)
	if a.ClientID == "" {
		errs.Add("client_id", "required", "Please name the client.")
	}
	if a.ProgramID == "" {
		errs.Add("program_id", "required", "Please name the program.")
	}
	if a.Level != "" {
		checkCareLevel(&errs, "level", a.Level)
	}
	checkDate(&errs, "on", &a.On)
	return errs.Err()
}

// EpisodeTransfer moves an open episode to another level of care.
type EpisodeTransfer struct {
	Version int    `json:"version"`
	ToLevel Level  `json:"to_level"`
	On      string `json:"on"`
	Reason  string `json:"reason"`
}

// Validate checks t's fields; field errors name version, to_level, on and reason.
func (t *EpisodeTransfer) Validate() error {
	var errs FieldErrors
	checkVersion(&errs, t.Version)
	if t.ToLevel == "" {
		errs.Add("to_level", "required", "Please give the level to transfer to.")
	} else {
		checkCareLevel(&errs, "to_level", t.ToLevel)
	}
	checkDate(&errs, "on", &t.On)
	t.Reason = strings.TrimSpace(t.Reason)
	switch {
	case t.Reason == "":
		errs.Add("reason", "required", "Please give the reason for the transfer.")
	case utf8.RuneCountInString(t.Reason) > 500:
		errs.Add("reason", "too_long", "Please keep this under 500 characters.")
	}
	return errs.Err()
}

// EpisodeDischarge ends an open episode.
type EpisodeDischarge struct {
	Version int             `json:"version"`
	On      string          `json:"on"`
	Reason  DischargeReason `json:"reason"`
	Note    string          `json:"note,omitempty"`
}

// Validate checks d's fields; field errors name version, on, reason and note.
func (d *EpisodeDischarge) Validate() error {
	var errs FieldErrors
	checkVersion(&errs, d.Version)
	checkDate(&errs, "on", &d.On)
	switch {
	case d.Reason == "":
		errs.Add("reason", "required", "Please give the reason: completed, transferred, left_against_advice or other.")
	case !d.Reason.Valid():
		errs.Add("reason", "format", "The reason is completed, transferred, left_against_advice or other.")
	}
	d.Note = strings.TrimSpace(d.Note)
	if utf8.RuneCountInString(d.Note) > 2000 {
		errs.Add("note", "too_long", "Please keep this under 2000 characters.")
	}
	return errs.Err()
}

// CensusEntry is one open episode on a program's census.
type CensusEntry struct {
	EpisodeID  string `json:"episode_id"`
	ClientID   string `json:"client_id"`
	Level      Level  `json:"level"`
	AdmittedOn string `json:"admitted_on"`
}

// EpisodeService stores episodes of care.
type EpisodeService interface {
	// AdmitClient opens an episode. EINVALID names the fields; ECONFLICT naming program_id when
	// the client already has an open episode in the program; ENOTFOUND when the client or the
	// program does not exist or the client is outside the actor's care team.
	AdmitClient(ctx context.Context, a EpisodeAdmit) (*Episode, error)
	// TransferEpisode moves an open episode to t.ToLevel. EINVALID names the fields (to_level
	// when it is the current level, on when the date is before admission or in the future);
	// ECONFLICT when t.Version is stale or the episode is discharged; ENOTFOUND as AdmitClient.
	TransferEpisode(ctx context.Context, id string, t EpisodeTransfer) (*Episode, error)
	// DischargeEpisode ends an open episode, with the codes of TransferEpisode.
	DischargeEpisode(ctx context.Context, id string, d EpisodeDischarge) (*Episode, error)
	// FindEpisodes returns the client's episodes, oldest first, with their transfers.
	// ENOTFOUND when the client does not exist or is outside the actor's care team.
	FindEpisodes(ctx context.Context, clientID string) ([]*Episode, error)
	// Census lists the open episodes of a program that the actor may see, by admission date.
	// ENOTFOUND when there is no such program.
	Census(ctx context.Context, programID string) ([]CensusEntry, error)
}

func checkCareLevel(errs *FieldErrors, path string, l Level) {
	if !l.Valid() || l == LevelNone {
		errs.Add(path, "format", "The level is outpatient, iop, php, residential or inpatient.")
	}
}

func checkVersion(errs *FieldErrors, v int) {
	if v < 1 {
		errs.Add("version", "required", "Please give the version the change is based on.")
	}
}

func checkDate(errs *FieldErrors, path string, s *string) {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		errs.Add(path, "required", "Please give the date as YYYY-MM-DD.")
	} else if _, err := time.Parse(DateLayout, *s); err != nil {
		errs.Add(path, "format", "Please give a real date as YYYY-MM-DD.")
	}
}
