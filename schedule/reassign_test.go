package schedule

import (
	"context"
	"fmt"
	"testing"

	"github.com/carepath/carepath"
)

func TestReassignKeepsOthersUnchanged(t *testing.T) {
	inst, _ := Generate(GenParams{Clients: 150, Clinicians: 15, Groups: 12, Slots: 40, Seed: 1})
	prev, _, err := Solve(context.Background(), inst, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	gone := []string{"k3"}
	orphans := Orphans(inst, prev, gone)
	next, uncovered, err := inst.Without(gone)
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Clinicians) != len(inst.Clinicians)-1 {
		t.Fatalf("Without kept %d clinicians", len(next.Clinicians))
	}
	for _, g := range next.Groups {
		if g.Facilitator == "k3" {
			t.Errorf("group %s still facilitated by k3", g.ID)
		}
	}
	t.Logf("%d orphans, groups without facilitator %v", len(orphans), uncovered)
	sol, _, err := Solve(context.Background(), next, Options{Seed: 2, Previous: prev, Stability: 25, Orphans: orphans, Fairness: 10})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := Check(next, sol); !r.Feasible {
		t.Fatalf("infeasible: %+v", r.Violations)
	}
	ch := Compare(next, prev, sol, orphans)
	t.Logf("%+v", ch)
	if ch.MembershipsDropped*20 > ch.MembershipsKept {
		t.Errorf("more than 5%% of memberships dropped: %+v", ch)
	}
	// Everyone who saw a clinician who stays keeps that clinician, bar a few.
	if moved := ch.ClinicianChanged - len(orphans); moved*20 > ch.ClinicianKept {
		t.Errorf("%d clients who did not lose their clinician got a new one", moved)
	}
	if len(orphans) == 0 || ch.OrphansUnassigned == len(orphans) {
		t.Errorf("no orphan got a clinician: %+v", ch)
	}
}

func TestReassignSpreadsFairly(t *testing.T) {
	inst := &Instance{Weights: DefaultWeights, TargetGroupSize: 8}
	for s := range 10 {
		inst.HourSlots = append(inst.HourSlots, fmt.Sprintf("s%d", s))
	}
	for k := range 4 {
		inst.Clinicians = append(inst.Clinicians, Clinician{ID: fmt.Sprintf("k%d", k), Available: inst.HourSlots, MaxClients: 10})
	}
	for c := range 6 {
		inst.Clients = append(inst.Clients, Client{ID: fmt.Sprintf("c%d", c), Level: carepath.LevelOutpatient,
			Available: inst.HourSlots, IndividualSessionsRequired: 1, CurrentClinician: "k3"})
	}
	prev, _, err := Solve(context.Background(), inst, Options{})
	if err != nil {
		t.Fatal(err)
	}
	orphans := Orphans(inst, prev, []string{"k3"})
	next, _, _ := inst.Without([]string{"k3"})
	for _, fairness := range []int{10, 0} {
		sol, _, err := Solve(context.Background(), next, Options{Previous: prev, Stability: 25, Orphans: orphans, Fairness: fairness})
		if err != nil {
			t.Fatal(err)
		}
		ch := Compare(next, prev, sol, orphans)
		lo, hi := 6, 0
		for _, k := range next.Clinicians {
			lo, hi = min(lo, ch.Received[k.ID]), max(hi, ch.Received[k.ID])
		}
		t.Logf("fairness %d: received %v", fairness, ch.Received)
		if fairness > 0 && hi-lo > 0 {
			t.Errorf("fairness %d: received %v, want 2 each", fairness, ch.Received)
		}
	}
}

func TestWithoutUnknownClinician(t *testing.T) {
	_, _, err := tiny().Without([]string{"k1", "k9"})
	f := carepath.ErrorFields(err)
	if len(f) != 1 || f[0].Field != "without[1]" {
		t.Errorf("Without = %v", err)
	}
}
