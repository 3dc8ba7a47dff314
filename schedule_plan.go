package carepath

import (
	"context"
	"time"
)

// The states of a schedule plan.
const (
	SchedulePlanProposed = "proposed"
	SchedulePlanApplied  = "applied"
)

// SchedulePlanCreate asks for a proposal for one program's week: Week is an ISO week
// (YYYY-Www; empty: next week in the program's time zone) and Without lists the staff ids of
// clinicians who leave or are away that week.
type SchedulePlanCreate struct {
	Week    string   `json:"week,omitempty"`
	Without []string `json:"without,omitempty"`
}

// SchedulePlan is a proposed assignment of a program's clients to groups and therapists for
// one week, with the changes against the week as it stands. Nothing changes until it is
// applied; applying it changes rosters from the week's Monday, books the individual sessions
// as one-off sessions of that week, and makes each client's planned therapist their primary
// clinician.
type SchedulePlan struct {
	ID        string   `json:"id"`
	ProgramID string   `json:"program_id"`
	Week      string   `json:"week"`
	Monday    string   `json:"monday"`
	Without   []string `json:"without"`
	Status    string   `json:"status"`
	// Objective is the planned week's objective; CurrentObjective that of the week as it
	// stands (its memberships and sessions that are still feasible), for comparison.
	Objective        int `json:"objective"`
	CurrentObjective int `json:"current_objective"`
	TargetGroupSize  int `json:"target_group_size"`
	// Weights are the objective's weights: per group minute, per individual session, per
	// client who keeps their therapist, and per member beyond the target group size.
	Weights SchedulePlanWeights `json:"weights"`
	// Summary counts the changes.
	Summary    SchedulePlanSummary     `json:"summary"`
	Groups     []SchedulePlanGroup     `json:"groups"`
	Clients    []SchedulePlanClient    `json:"clients"`
	Sessions   []SchedulePlanSession   `json:"sessions"`
	Clinicians []SchedulePlanClinician `json:"clinicians"`
	// Uncovered lists the groups whose facilitator is among Without: they need a substitute.
	Uncovered []string `json:"uncovered"`
	// LeftOut lists the program's clients the plan does not place, and why (a level of care
	// the program's groups do not serve): their bookings stay as they are.
	LeftOut []SchedulePlanLeftOut `json:"left_out"`
	// FixedBookings counts the week's bookings the plan keeps as they are because they are not
	// its to move: sessions and groups of the program's clinicians and clients in other
	// programs, and the sessions of clients it leaves out.
	FixedBookings int       `json:"fixed_bookings"`
	CreatedAt     time.Time `json:"created_at"`
	CreatedBy     string    `json:"created_by"`
	AppliedAt     time.Time `json:"applied_at,omitzero"`
	AppliedBy     string    `json:"applied_by,omitempty"`
}

// SchedulePlanWeights are the objective's coefficients (schedule.Weights).
type SchedulePlanWeights struct {
	GroupMinute       int `json:"group_minute"`
	IndividualSession int `json:"individual_session"`
	Continuity        int `json:"continuity"`
	OverTarget        int `json:"over_target"`
}

// SchedulePlanSummary counts what a plan changes.
type SchedulePlanSummary struct {
	MembershipsKept    int `json:"memberships_kept"`
	MembershipsAdded   int `json:"memberships_added"`
	MembershipsDropped int `json:"memberships_dropped"`
	ClientsMoved       int `json:"clients_moved"`
	NewTherapist       int `json:"new_therapist"`
	TherapistKept      int `json:"therapist_kept"`
	ShortOfMinimum     int `json:"short_of_minimum"`
	SessionsToBook     int `json:"sessions_to_book"`
}

// SchedulePlanGroup is one group's size before and after, against its capacity and the target size.
type SchedulePlanGroup struct {
	GroupID    string   `json:"group_id"`
	Name       string   `json:"name"`
	Slots      []string `json:"slots"`
	Capacity   int      `json:"capacity"`
	Before     int      `json:"before"`
	After      int      `json:"after"`
	OverTarget bool     `json:"over_target"`
	OverCap    bool     `json:"over_capacity"`
	// OverTargetReason says, when the plan puts more members in the group than the target
	// size, why no smaller arrangement was taken.
	OverTargetReason string `json:"over_target_reason,omitempty"`
}

// SchedulePlanLeftOut is one client of the program a plan does not place, and why.
type SchedulePlanLeftOut struct {
	ClientID string `json:"client_id"`
	Name     string `json:"name,omitempty"` // filled on reading, never stored
	Level    Level  `json:"level"`
	Reason   string `json:"reason"`
}

// SchedulePlanClient is one client's week before and after: groups (ids), therapist (staff id),
// planned group minutes against the minimum.
type SchedulePlanClient struct {
	ClientID        string   `json:"client_id"`
	Name            string   `json:"name,omitempty"` // filled on reading, never stored
	Level           Level    `json:"level"`
	AvailabilitySet bool     `json:"availability_set"`
	GroupsBefore    []string `json:"groups_before"`
	GroupsAfter     []string `json:"groups_after"`
	ClinicianBefore string   `json:"clinician_before,omitempty"`
	ClinicianAfter  string   `json:"clinician_after,omitempty"`
	SessionSlots    []string `json:"session_slots"`
	PlannedMinutes  int      `json:"planned_minutes"`
	RequiredMinutes int      `json:"required_minutes"`
	Moved           bool     `json:"moved"`
	NewTherapist    bool     `json:"new_therapist"`
	Short           bool     `json:"short"`
}

// SchedulePlanSession is one individual session the plan books (or keeps, when Existing).
type SchedulePlanSession struct {
	ClientID    string `json:"client_id"`
	ClinicianID string `json:"clinician_id"`
	Slot        string `json:"slot"`
	Date        string `json:"date"`
	StartTime   string `json:"start_time"`
	Existing    bool   `json:"existing"`
}

// SchedulePlanClinician is one clinician in the plan: caseload before and after.
type SchedulePlanClinician struct {
	StaffID    string `json:"staff_id"`
	Name       string `json:"name"`
	MaxClients int    `json:"max_clients"`
	Before     int    `json:"before"`
	After      int    `json:"after"`
	Away       bool   `json:"away"`
	Received   int    `json:"received"` // clients of departing clinicians they now see
	// Elsewhere counts the clients they see that week outside the plan (in other programs,
	// or left out of it): they count towards MaxClients.
	Elsewhere int `json:"elsewhere"`
}

// SchedulePlanService proposes and applies weekly schedule plans.
type SchedulePlanService interface {
	// ProposeSchedulePlan builds the week's instance, solves it and stores the proposal.
	// EINVALID names week or without[i]; ENOTFOUND for an unknown program; EFORBIDDEN for roles
	// other than the program director (admin).
	ProposeSchedulePlan(ctx context.Context, programID string, in SchedulePlanCreate) (*SchedulePlan, error)
	// FindSchedulePlanByID returns a stored proposal; ENOTFOUND when there is none.
	FindSchedulePlanByID(ctx context.Context, id string) (*SchedulePlan, error)
	// ApplySchedulePlan applies a proposal in one transaction. ECONFLICT when it was already
	// applied, or when rosters, sessions or therapists changed since it was proposed (propose
	// again); ENOTFOUND when there is none.
	ApplySchedulePlan(ctx context.Context, id string) (*SchedulePlan, error)
}
