// Package schedule assigns the clients of one program to groups and to individual sessions
// with clinicians for one week of one-hour slots. It holds the instance and solution types,
// their validation, a rule-by-rule checker, the objective, a fast heuristic optimizer, an
// export of the same problem as a mixed-integer program in CPLEX LP format, reassignment when
// clinicians leave, and a reproducible instance generator. It is pure: no I/O beyond the
// readers and writers it is handed.
package schedule

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/carepath/carepath"
)

// SlotMinutes is what one hour slot is worth in the objective.
const SlotMinutes = 60

// Instance is one week of one program: its hour slots, clinicians, groups, clients and the
// weights of the objective.
type Instance struct {
	HourSlots       []string    `json:"hour_slots"`
	Clinicians      []Clinician `json:"clinicians"`
	Groups          []Group     `json:"groups"`
	Clients         []Client    `json:"clients"`
	Weights         Weights     `json:"weights"`
	TargetGroupSize int         `json:"target_group_size"`
}

// Clinician is a therapist who can hold individual sessions in the slots they are available
// and facilitate groups. MaxClients bounds the distinct clients they see individually.
type Clinician struct {
	ID         string   `json:"id"`
	Available  []string `json:"available"`
	MaxClients int      `json:"max_clients"`
}

// Group is a recurring group that meets in each of its Slots. Facilitator is a clinician id
// or empty; Levels lists the levels of care the group admits.
type Group struct {
	ID          string           `json:"id"`
	Slots       []string         `json:"slots"`
	Capacity    int              `json:"capacity"`
	Facilitator string           `json:"facilitator,omitempty"`
	Levels      []carepath.Level `json:"levels"`
}

// Client is one person in the program with the slots they can attend and what their plan
// asks for this week. CurrentClinician is the clinician they see now, or empty.
type Client struct {
	ID                         string         `json:"id"`
	Level                      carepath.Level `json:"level"`
	Available                  []string       `json:"available"`
	GroupMinutesRequired       int            `json:"group_minutes_required"`
	IndividualSessionsRequired int            `json:"individual_sessions_required"`
	CurrentClinician           string         `json:"current_clinician,omitempty"`
}

// Weights are the coefficients of the objective: per group minute counted towards a client's
// requirement, per individual session, per client who sees their current clinician, and per
// group member beyond the target group size.
type Weights struct {
	GroupMinute       int `json:"group_minute"`
	IndividualSession int `json:"individual_session"`
	Continuity        int `json:"continuity"`
	OverTarget        int `json:"over_target"`
}

// DefaultWeights weigh a group minute 1, an individual session 60, a client keeping their
// therapist 120 and a member beyond a group's target size 30; they are defaults, not rules.
var DefaultWeights = Weights{GroupMinute: 1, IndividualSession: 60, Continuity: 120, OverTarget: 30}

// Solution is one week's assignment: the members of each group, the individual sessions, and
// the objective the solver claims for it.
type Solution struct {
	Groups     map[string][]string `json:"groups"`
	Individual []Session           `json:"individual"`
	Objective  int                 `json:"objective"`
}

// Session is one individual session of a client with a clinician in a slot.
type Session struct {
	Client    string `json:"client"`
	Clinician string `json:"clinician"`
	Slot      string `json:"slot"`
}

// ParseInstance decodes an instance from JSON and validates it. Unknown fields, malformed
// JSON and invalid content are EINVALID errors that name the field.
func ParseInstance(r io.Reader) (*Instance, error) {
	var inst Instance
	if err := decodeStrict(r, &inst); err != nil {
		return nil, fmt.Errorf("read instance: %w", err)
	}
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	return &inst, nil
}

// ParseSolution decodes a solution from JSON. It checks only the shape; Check judges the content.
func ParseSolution(r io.Reader) (*Solution, error) {
	var sol Solution
	if err := decodeStrict(r, &sol); err != nil {
		return nil, fmt.Errorf("read solution: %w", err)
	}
	return &sol, nil
}

// decodeStrict decodes exactly one JSON value into v, rejecting unknown fields, and turns
// decoding problems into EINVALID errors.
func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var fe carepath.FieldErrors
		var te *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.As(err, &te):
			field := te.Field
			if field == "" {
				field = "(root)"
			}
			fe.Add(field, "type", "expected %s, got JSON %s", te.Type, te.Value)
		case errors.As(err, &se):
			fe.Add("(root)", "syntax", "malformed JSON at byte %d: %v", se.Offset, err)
		case err == io.EOF:
			fe.Add("(root)", "required", "empty input")
		default:
			fe.Add("(root)", "syntax", "%v", err)
		}
		return fe.Err()
	}
	if dec.More() {
		var fe carepath.FieldErrors
		fe.Add("(root)", "syntax", "unexpected data after the JSON value")
		return fe.Err()
	}
	return nil
}
