package carepath_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

// validPlanInput returns a plan with one problem, one goal, one objective due on target and one
// intervention.
func validPlanInput(target string) carepath.TreatmentPlanInput {
	return carepath.TreatmentPlanInput{Problems: []carepath.Problem{{
		Statement: " Alcohol use disorder, moderate ", InOwnWords: "I drink more than I mean to",
		Goals: []carepath.Goal{{Statement: "Sustained abstinence", InOwnWords: "Stay sober for my kids",
			Objectives: []carepath.Objective{{Statement: "Attend 3 group sessions a week", TargetDate: target,
				Interventions: []carepath.Intervention{{Kind: carepath.InterventionRelapsePrevention, Frequency: "3 × weekly"}}}}}},
	}}}
}

func TestPlanInputCheck(t *testing.T) {
	in := validPlanInput("2026-03-01")
	if err := in.Check("2026-01-10"); err != nil {
		t.Fatalf("valid plan: %v", err)
	}
	if in.Problems[0].Statement != "Alcohol use disorder, moderate" {
		t.Errorf("statement not trimmed: %q", in.Problems[0].Statement)
	}
	for _, tt := range []struct {
		name   string
		change func(*carepath.TreatmentPlanInput)
		want   []string
	}{
		{"no problems", func(p *carepath.TreatmentPlanInput) { p.Problems = nil }, []string{"problems"}},
		{"no goals", func(p *carepath.TreatmentPlanInput) { p.Problems[0].Goals = nil }, []string{"problems[0].goals"}},
		{"no objectives", func(p *carepath.TreatmentPlanInput) { p.Problems[0].Goals[0].Objectives = nil },
			[]string{"problems[0].goals[0].objectives"}},
		{"blank statement", func(p *carepath.TreatmentPlanInput) { p.Problems[0].Statement = "  " }, []string{"problems[0].statement"}},
		{"unreal target date", func(p *carepath.TreatmentPlanInput) { p.Problems[0].Goals[0].Objectives[0].TargetDate = "2026-02-30" },
			[]string{"problems[0].goals[0].objectives[0].target_date"}},
		{"target before creation", func(p *carepath.TreatmentPlanInput) { p.Problems[0].Goals[0].Objectives[0].TargetDate = "2026-01-09" },
			[]string{"problems[0].goals[0].objectives[0].target_date"}},
		{"missing target", func(p *carepath.TreatmentPlanInput) { p.Problems[0].Goals[0].Objectives[0].TargetDate = "" },
			[]string{"problems[0].goals[0].objectives[0].target_date"}},
		{"unknown intervention", func(p *carepath.TreatmentPlanInput) {
			p.Problems[0].Goals[0].Objectives[0].Interventions[0].Kind = "hypnosis"
		}, []string{"problems[0].goals[0].objectives[0].interventions[0].kind"}},
		{"other needs a description", func(p *carepath.TreatmentPlanInput) {
			p.Problems[0].Goals[0].Objectives[0].Interventions[0].Kind = carepath.InterventionOther
		}, []string{"problems[0].goals[0].objectives[0].interventions[0].description"}},
		{"second goal", func(p *carepath.TreatmentPlanInput) {
			p.Problems[0].Goals = append(p.Problems[0].Goals, carepath.Goal{Statement: "x",
				Objectives: []carepath.Objective{{Statement: "y", TargetDate: "soon"}}})
		}, []string{"problems[0].goals[1].objectives[0].target_date"}},
		{"long own words", func(p *carepath.TreatmentPlanInput) { p.Problems[0].InOwnWords = strings.Repeat("a", 1001) },
			[]string{"problems[0].in_own_words"}},
		{"review before creation", func(p *carepath.TreatmentPlanInput) { p.ReviewDate = "2025-12-31" }, []string{"review_date"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := validPlanInput("2026-03-01")
			tt.change(&in)
			err := in.Check("2026-01-10")
			if carepath.ErrorCode(err) != carepath.EINVALID {
				t.Fatalf("Check = %v, want EINVALID", err)
			}
			var got []string
			for _, f := range carepath.ErrorFields(err) {
				got = append(got, f.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("fields %v, want %v", got, tt.want)
			}
		})
	}
	// Without a creation date, the date ranges are not checked.
	early := validPlanInput("2000-01-01")
	if err := early.Check(""); err != nil {
		t.Errorf("no creation date: %v", err)
	}
}

func TestPlanDraftUpdateCheck(t *testing.T) {
	in := validPlanInput("2026-03-01")
	u := carepath.TreatmentPlanDraftUpdate{Problems: in.Problems, ReviewDate: "nope"}
	err := u.Check("2026-01-01")
	var got []string
	for _, f := range carepath.ErrorFields(err) {
		got = append(got, f.Field)
	}
	if !slices.Equal(got, []string{"revision", "review_date"}) {
		t.Errorf("fields %v", got)
	}
}

func TestDefaultReviewDate(t *testing.T) {
	if got := carepath.DefaultReviewDate(time.Date(2026, 1, 15, 23, 0, 0, 0, time.UTC)); got != "2026-02-14" {
		t.Errorf("DefaultReviewDate = %s", got)
	}
}
