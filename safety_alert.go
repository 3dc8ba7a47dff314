package carepath

import (
	"context"
	"time"
)

// SafetyAlert is an alert the on-call rota is paged about: a measure alert of a client (PHQ-9
// item 9, a positive C-SSRS) or a crisis intake request from the decision aid. It carries what
// the person paged needs to act: how to reach the person, the reason, the crisis protocol, and
// who has been alerted. Exactly one of ClientID and IntakeID is set.
type SafetyAlert struct {
	ID             string     `json:"id"`
	Source         string     `json:"source"` // AlertSourceMeasure or AlertSourceIntake
	Kind           string     `json:"kind"`
	ClientID       string     `json:"client_id,omitempty"`
	IntakeID       string     `json:"intake_id,omitempty"`
	At             time.Time  `json:"at"`
	Reason         string     `json:"reason"`
	Protocol       string     `json:"protocol"`
	AcknowledgedBy string     `json:"acknowledged_by,omitempty"`
	AcknowledgedAt *time.Time `json:"acknowledged_at,omitempty"`
	Note           string     `json:"note,omitempty"`
	// Contact is how to reach the person: their name, phone and email, and their emergency
	// contact's (a client's chart) or best times (an intake request).
	Contact       SafetyContact   `json:"contact"`
	Notifications []*Notification `json:"notifications"`
}

// SafetyContact is how to reach the person an alert is about.
type SafetyContact struct {
	Name             string `json:"name"`
	Phone            string `json:"phone,omitempty"`
	Email            string `json:"email,omitempty"`
	BestTimes        string `json:"best_times,omitempty"`
	EmergencyName    string `json:"emergency_name,omitempty"`
	EmergencyPhone   string `json:"emergency_phone,omitempty"`
	EmergencyRelated string `json:"emergency_relationship,omitempty"`
}

// SafetyAlertService shows and acknowledges the alerts the on-call rota is paged about. Those
// who may see an alert are the client's care team (or, for an intake request, the intake
// queue's staff) and everyone who was paged about it; every read is audited.
type SafetyAlertService interface {
	// FindSafetyAlert returns one alert with how to reach the person and who was paged.
	// ENOTFOUND when there is none or the actor may not see it.
	FindSafetyAlert(ctx context.Context, id string) (*SafetyAlert, error)
	// AcknowledgeSafetyAlert records who acknowledged the alert, when, and their note, and
	// cancels every message about it not sent yet (no escalation follows). EINVALID names
	// note; ENOTFOUND; ECONFLICT when it was acknowledged already.
	AcknowledgeSafetyAlert(ctx context.Context, id, note string) (*SafetyAlert, error)
	// FindCrisisIntakeAlerts lists the crisis intake requests not yet acknowledged, oldest
	// first, for the roles that see the intake queue.
	FindCrisisIntakeAlerts(ctx context.Context) ([]*SafetyAlert, error)
}

// The alert kinds carepath raises besides outcome's: a crisis intake request converted into a
// client (on the new chart's care team's dashboard), and a client in crisis without a current
// safety plan (computed when read; it clears itself once a plan is saved).
const (
	AlertCrisisIntake      = "crisis_intake"
	AlertSafetyPlanMissing = "safety_plan_missing"
)
