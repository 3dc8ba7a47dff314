package schedule

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

// tiny is a hand-made instance whose objective is checked by hand in TestObjectiveByHand.
func tiny() *Instance {
	iop, out := carepath.LevelIOP, carepath.LevelOutpatient
	return &Instance{
		HourSlots: []string{"a1", "a2", "a3", "b1", "b2"},
		Clinicians: []Clinician{
			{ID: "k1", Available: []string{"a1", "a2", "a3", "b1"}, MaxClients: 1},
			{ID: "k2", Available: []string{"b1", "b2"}, MaxClients: 2},
		},
		Groups: []Group{
			{ID: "g1", Slots: []string{"a1", "a2"}, Capacity: 2, Facilitator: "k1", Levels: []carepath.Level{iop}},
			{ID: "g2", Slots: []string{"b1"}, Capacity: 1, Levels: []carepath.Level{iop, out}},
		},
		Clients: []Client{
			{ID: "c1", Level: iop, Available: []string{"a1", "a2", "a3", "b1"}, GroupMinutesRequired: 180, IndividualSessionsRequired: 1, CurrentClinician: "k1"},
			{ID: "c2", Level: iop, Available: []string{"a1", "a2", "b1", "b2"}, GroupMinutesRequired: 60, IndividualSessionsRequired: 2, CurrentClinician: "k2"},
			{ID: "c3", Level: out, Available: []string{"a3", "b1", "b2"}, GroupMinutesRequired: 60, IndividualSessionsRequired: 1},
			{ID: "c4", Level: iop, Available: []string{"b1", "b2"}},
			{ID: "c5", Level: out, Available: []string{"a1", "a2", "a3", "b1", "b2"}, IndividualSessionsRequired: 2},
		},
		Weights:         DefaultWeights,
		TargetGroupSize: 1,
	}
}

// tinyBase is a feasible solution of tiny.
func tinyBase() *Solution {
	return &Solution{
		Groups: map[string][]string{"g1": {"c1", "c2"}, "g2": {"c3"}},
		Individual: []Session{
			{"c1", "k1", "a3"}, {"c2", "k2", "b1"}, {"c2", "k2", "b2"},
		},
		Objective: 630,
	}
}

func TestObjectiveByHand(t *testing.T) {
	r, err := Check(tiny(), tinyBase())
	if err != nil {
		t.Fatal(err)
	}
	if !r.Feasible {
		t.Fatalf("base solution infeasible: %+v", r.Violations)
	}
	// Group minutes: c1 min(120,180) + c2 min(120,60) + c3 min(60,60) = 240; sessions 3×60 = 180;
	// continuity c1 with k1 and c2 with k2 = 240; over target: g1 has 2 for a target of 1 = 30.
	want := Terms{GroupMinutes: 240, IndividualSessions: 180, Continuity: 240, OverTarget: 30}
	if r.Terms != want || r.Objective != 630 {
		t.Errorf("terms %+v objective %d, want %+v and 630", r.Terms, r.Objective, want)
	}

	// The same with other weights: 2×240 + 10×3 + 0 - 100×1.
	inst := tiny()
	inst.Weights = Weights{GroupMinute: 2, IndividualSession: 10, Continuity: 0, OverTarget: 100}
	if got, _ := Objective(inst, tinyBase()); got != 410 {
		t.Errorf("objective with other weights = %d, want 410", got)
	}
	// The empty solution is feasible and worth nothing.
	r, _ = Check(tiny(), &Solution{})
	if !r.Feasible || r.Objective != 0 {
		t.Errorf("empty solution: feasible %v objective %d", r.Feasible, r.Objective)
	}
}

func TestCheckerRejectsEachRule(t *testing.T) {
	type edit func(s *Solution)
	without := func(s *Solution, ses Session) {
		s.Individual = slices.DeleteFunc(s.Individual, func(x Session) bool { return x == ses })
	}
	tests := []struct {
		name  string
		edit  edit
		rules []int
		says  string
	}{
		{"level not admitted", func(s *Solution) { s.Groups["g1"] = []string{"c1", "c5"} }, []int{1}, `level "outpatient"`},
		{"client unavailable for group", func(s *Solution) { s.Groups["g1"] = []string{"c1", "c4"} }, []int{1, 1}, "not available in a1"},
		{"over capacity", func(s *Solution) { s.Groups["g2"] = []string{"c3", "c1"} }, []int{2}, "capacity 1"},
		{"group and session in one slot", func(s *Solution) {
			s.Groups["g2"] = []string{"c1"}
			s.Individual[0].Slot = "b1"
		}, []int{3}, "in 2 things in b1"},
		{"session when client unavailable", func(s *Solution) {
			without(s, Session{"c2", "k2", "b2"})
			s.Individual[0] = Session{"c1", "k2", "b2"}
		}, []int{4}, `client "c1" is not available in b2`},
		{"session when clinician unavailable", func(s *Solution) {
			s.Individual = append(s.Individual, Session{"c3", "k2", "a3"})
		}, []int{4}, `clinician "k2" is not available in a3`},
		{"session while facilitating", func(s *Solution) {
			without(s, Session{"c1", "k1", "a3"})
			s.Individual = append(s.Individual, Session{"c5", "k1", "a1"})
		}, []int{4}, "facilitates a group in a1"},
		{"clinician double-booked", func(s *Solution) {
			s.Individual = append(s.Individual, Session{"c5", "k2", "b1"})
		}, []int{4}, "already holds individual[1]"},
		{"two clinicians", func(s *Solution) {
			without(s, Session{"c1", "k1", "a3"})
			without(s, Session{"c2", "k2", "b2"})
			s.Individual = append(s.Individual, Session{"c5", "k1", "a3"}, Session{"c5", "k2", "b2"})
		}, []int{5}, `already sees clinician "k1"`},
		{"too many sessions", func(s *Solution) {
			s.Individual = append(s.Individual, Session{"c1", "k1", "b1"})
		}, []int{5}, "more than the 1 individual sessions"},
		{"caseload exceeded", func(s *Solution) {
			s.Individual = append(s.Individual, Session{"c5", "k1", "b1"})
		}, []int{5}, "sees 2 clients, max_clients 1"},
		{"unknown ids", func(s *Solution) {
			s.Groups["gx"] = []string{"c1"}
			s.Groups["g2"] = []string{"cx"}
			s.Individual = append(s.Individual, Session{"c5", "kx", "zz"})
		}, []int{0, 0, 0, 0}, `unknown group "gx"`},
		{"member listed twice", func(s *Solution) { s.Groups["g2"] = []string{"c3", "c3"} }, []int{0}, "listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sol := tinyBase()
			tt.edit(sol)
			r, err := Check(tiny(), sol)
			if err != nil {
				t.Fatal(err)
			}
			var rules []int
			var msgs []string
			for _, v := range r.Violations {
				rules = append(rules, v.Rule)
				msgs = append(msgs, v.Field+": "+v.Message)
			}
			if r.Feasible || !slices.Equal(rules, tt.rules) {
				t.Fatalf("violations %v (rules %v), want rules %v", msgs, rules, tt.rules)
			}
			if !strings.Contains(strings.Join(msgs, "\n"), tt.says) {
				t.Errorf("violations %q do not say %q", msgs, tt.says)
			}
		})
	}
}

func TestCheckStatedObjective(t *testing.T) {
	sol := tinyBase()
	sol.Objective = 1
	r, _ := Check(tiny(), sol)
	if !r.Feasible || r.Stated != 1 || r.Objective != 630 {
		t.Errorf("report %+v", r)
	}
}
