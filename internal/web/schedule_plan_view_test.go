package web

import (
	"testing"

	"github.com/carepath/carepath"
)

// TestProposalOutcome counts the plain figures of a proposal: full program hours under the
// plan and as the week stands (an uncovered group does not count), therapists kept and held.
func TestProposalOutcome(t *testing.T) {
	plan := &carepath.SchedulePlan{
		Summary:   carepath.SchedulePlanSummary{TherapistKept: 1},
		Uncovered: []string{"g2"},
		Groups: []carepath.SchedulePlanGroup{{GroupID: "g1", Slots: []string{"mon-9", "tue-9", "wed-9"}},
			{GroupID: "g2", Slots: []string{"thu-9", "fri-9", "sat-9"}}},
		Clients: []carepath.SchedulePlanClient{
			{ClientID: "a", GroupsBefore: []string{"g1"}, RequiredMinutes: 180, ClinicianBefore: "k1", ClinicianAfter: "k1"},
			{ClientID: "b", GroupsBefore: []string{"g2"}, RequiredMinutes: 180, ClinicianBefore: "k2", ClinicianAfter: "k1"},
			{ClientID: "c", GroupsBefore: nil, RequiredMinutes: 180, Short: true},
		},
	}
	got := proposalOutcome(plan)
	want := planOutcome{Clients: 3, FullHours: 2, FullHoursNow: 1, TherapistKept: 1, WithTherapist: 2, WithTherapistNow: 2}
	if got != want {
		t.Errorf("outcome = %+v, want %+v", got, want)
	}
}
