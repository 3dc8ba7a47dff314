package instrument

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
)

// The PHQ-2 and the GAD-2 are the first two questions of the PHQ-9 and the GAD-7, word for
// word, with the same options and item codes.
func TestTwoItemScreensAreTheirQuestionnairesFirstItems(t *testing.T) {
	for _, pair := range [][2]*Instrument{{phq2, phq9}, {gad2, gad7}} {
		screen, full := pair[0], pair[1]
		if screen.Instructions != full.Instructions || screen.Attribution != full.Attribution || screen.RecallDays != full.RecallDays {
			t.Errorf("%s: stem, attribution or recall differ from %s", screen.Name, full.Name)
		}
		for i, item := range screen.Items {
			f := full.Items[i]
			if item.Key != f.Key || item.Text != f.Text || item.LOINC != f.LOINC || !slices.Equal(item.Options, f.Options) {
				t.Errorf("%s item %d differs from %s item %d", screen.Name, i+1, full.Name, i+1)
			}
		}
	}
}

// The published cut-off of both two-item screens: a total of 3 or more (of 6) is positive,
// whatever the sex.
func TestTwoItemScreenCutOffs(t *testing.T) {
	for _, in := range []*Instrument{phq2, gad2} {
		for a := range 4 {
			for b := range 4 {
				for _, sex := range []carepath.Sex{carepath.SexMale, carepath.SexFemale, carepath.SexUnknown} {
					s, err := in.Score([]int{a, b}, sex)
					if err != nil {
						t.Fatal(err)
					}
					want := a+b >= 3
					if s.Total != a+b || s.Positive == nil || *s.Positive != want || (s.Band == "positive") != want {
						t.Errorf("%s %d+%d (%s): total %d, band %s, positive %v; want positive %v", in.Name, a, b, sex, s.Total, s.Band, s.Positive, want)
					}
				}
			}
		}
		if _, err := in.Score([]int{1, 1, 1}, carepath.SexUnknown); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("%s with three answers: %v, want EINVALID", in.Name, err)
		}
	}
	if s, _ := phq2.Score([]int{3, 3}, carepath.SexUnknown); s.BandLabel() != "Positive screen" {
		t.Errorf("PHQ-2 6 band label %q", s.BandLabel())
	}
}

// The single-question drug screen: any use in the past year is positive; a count outside 0 to
// MaxCount is refused, naming the field.
func TestSingleDrugScreen(t *testing.T) {
	for _, tt := range []struct {
		times    int
		positive bool
	}{{0, false}, {1, true}, {2, true}, {365, true}, {SingleDrugScreen.MaxCount, true}} {
		s, err := SingleDrugScreen.Score(tt.times)
		if err != nil {
			t.Fatal(err)
		}
		if s.Instrument != DrugScreen || s.Total != tt.times || *s.Positive != tt.positive || !slices.Equal(s.Points, []int{tt.times}) {
			t.Errorf("%d times: %+v, want positive %v", tt.times, s, tt.positive)
		}
		want := map[bool]string{true: "Positive screen", false: "Negative screen"}[tt.positive]
		if s.BandLabel() != want {
			t.Errorf("%d times: band label %q, want %q", tt.times, s.BandLabel(), want)
		}
	}
	for _, bad := range []int{-1, SingleDrugScreen.MaxCount + 1} {
		_, err := SingleDrugScreen.Score(bad)
		fields := carepath.ErrorFields(err)
		if len(fields) != 1 || fields[0].Field != "answers.single_drug_screen" {
			t.Errorf("Score(%d) = %v, want an error naming answers.single_drug_screen", bad, err)
		}
	}
	a, _ := SingleDrugScreen.Score(0)
	b, _ := SingleDrugScreen.Score(5)
	if *a.Positive || !*b.Positive {
		t.Error("two drug screen scores share memory")
	}
}
