package instrument

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
)

// The C-SSRS screener's triage: the most serious "yes" sets the risk, as the screener's
// published colour table does (questions 1–2 low; 3 and behaviour more than 3 months ago
// moderate; 4, 5 and behaviour in the past 3 months high).
func TestCSSRSTriage(t *testing.T) {
	y, n := 0, 1
	tests := []struct {
		name     string
		answers  []int
		band     string
		critical []string
	}{
		{"all no", []int{n, n, n, n, n, CSSRSBehaviorNo}, CSSRSNone, nil},
		{"wish to be dead only", []int{y, n, n, n, n, CSSRSBehaviorNo}, CSSRSLow, []string{"item1"}},
		{"wish and active thoughts", []int{y, y, n, n, n, CSSRSBehaviorNo}, CSSRSLow, []string{"item1", "item2"}},
		{"thoughts with a method", []int{y, y, y, n, n, CSSRSBehaviorNo}, CSSRSModerate, []string{"item1", "item2", "item3"}},
		{"intent without a plan", []int{y, y, y, y, n, CSSRSBehaviorNo}, CSSRSHigh, []string{"item1", "item2", "item3", "item4"}},
		{"plan with intent", []int{n, y, n, n, y, CSSRSBehaviorNo}, CSSRSHigh, []string{"item2", "item5"}},
		{"behaviour within 3 months, no thoughts now", []int{n, n, n, n, n, CSSRSBehaviorPast3Months}, CSSRSHigh, []string{"item6"}},
		{"behaviour more than 3 months ago only", []int{n, n, n, n, n, CSSRSBehaviorEarlier}, CSSRSModerate, []string{"item6"}},
		{"wish, and behaviour long ago", []int{y, n, n, n, n, CSSRSBehaviorEarlier}, CSSRSModerate, []string{"item1", "item6"}},
		// Questions 3–5 follow a yes to question 2; a yes after a no still counts.
		{"contradictory yes to 4 after no to 2", []int{n, n, n, y, n, CSSRSBehaviorNo}, CSSRSHigh, []string{"item4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := cssrs.Score(tt.answers, carepath.SexUnknown)
			if err != nil {
				t.Fatal(err)
			}
			if s.Band != tt.band || !slices.Equal(s.Critical, tt.critical) || s.Positive == nil || *s.Positive != (tt.band != CSSRSNone) {
				t.Errorf("band %s critical %v positive %v, want %s %v", s.Band, s.Critical, *s.Positive, tt.band, tt.critical)
			}
			if s.BandLabel() == "" {
				t.Error("no band label")
			}
		})
	}
	if b := cssrs.BandOf(0); b != (Band{}) {
		t.Errorf("BandOf on the C-SSRS = %+v, want the zero Band: its band follows its items", b)
	}
}

func TestCSSRSAnswers(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name   string
		yes    []bool
		recent *bool
		want   []int
		field  string
	}{
		{"all no", []bool{false, false, false, false, false, false}, nil, []int{1, 1, 1, 1, 1, CSSRSBehaviorNo}, ""},
		{"wish only", []bool{true, false, false, false, false, false}, nil, []int{0, 1, 1, 1, 1, CSSRSBehaviorNo}, ""},
		{"behaviour within 3 months", []bool{false, false, false, false, false, true}, &yes, []int{1, 1, 1, 1, 1, CSSRSBehaviorPast3Months}, ""},
		{"behaviour earlier", []bool{false, false, false, false, false, true}, &no, []int{1, 1, 1, 1, 1, CSSRSBehaviorEarlier}, ""},
		{"behaviour of unknown date counts as recent", []bool{false, false, false, false, false, true}, nil, []int{1, 1, 1, 1, 1, CSSRSBehaviorPast3Months}, ""},
		{"follow-up no after no is fine", []bool{false, false, false, false, false, false}, &no, []int{1, 1, 1, 1, 1, CSSRSBehaviorNo}, ""},
		{"follow-up yes after no", []bool{false, false, false, false, false, false}, &yes, nil, "answers.cssrs_behavior_past_3_months"},
		{"five answers", []bool{false, false, false, false, false}, nil, nil, "answers.cssrs"},
		{"none", nil, nil, nil, "answers.cssrs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CSSRSAnswers(tt.yes, tt.recent)
			if tt.field != "" {
				f := carepath.ErrorFields(err)
				if carepath.ErrorCode(err) != carepath.EINVALID || len(f) != 1 || f[0].Field != tt.field {
					t.Fatalf("err = %v, want a field error on %s", err, tt.field)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("got %v %v, want %v", got, err, tt.want)
			}
		})
	}
}

func TestCSSRSSkipLogic(t *testing.T) {
	if got := CSSRSItemsToAsk(false); !slices.Equal(got, []int{0, 1, 5}) {
		t.Errorf("after a no to question 2, ask %v; want questions 1, 2 and 6", got)
	}
	if got := CSSRSItemsToAsk(true); !slices.Equal(got, []int{0, 1, 2, 3, 4, 5}) {
		t.Errorf("after a yes to question 2, ask %v; want all six", got)
	}
	for i, item := range cssrs.Items {
		if want := i >= CSSRSMethod && i <= CSSRSPlan; (item.Follows == "item2") != want {
			t.Errorf("%s Follows %q", item.Key, item.Follows)
		}
		// An unasked question is answered with the last option, which scores nothing.
		if last := item.Options[len(item.Options)-1]; last.Label != "No" || last.Points != 0 {
			t.Errorf("%s: last option %+v, want No", item.Key, last)
		}
	}
}

// CIWA-Ar: ten items, nine scored 0–7 and orientation 0–4, answers are the points themselves.
func TestCIWAArScoring(t *testing.T) {
	tests := []struct {
		name    string
		answers []int
		total   int
		band    string
	}{
		{"no withdrawal", []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, "minimal"},
		{"mild: tremor felt, palms moist, mildly anxious, headache", []int{1, 1, 1, 1, 1, 0, 0, 0, 2, 0}, 7, "minimal"},
		{"9 is the last minimal score", []int{1, 2, 1, 2, 1, 0, 0, 0, 2, 0}, 9, "minimal"},
		{"10 is moderate: medication is usually considered from here", []int{1, 2, 1, 2, 1, 1, 0, 0, 2, 0}, 10, "moderate"},
		{"moderate: visible tremor, sweats, anxiety, nausea", []int{1, 4, 4, 4, 1, 1, 0, 0, 0, 0}, 15, "moderate"},
		{"16 is severe", []int{1, 4, 4, 4, 1, 1, 1, 0, 0, 0}, 16, "severe"},
		{"hallucinations and disorientation", []int{4, 4, 4, 4, 4, 4, 4, 0, 3, 4}, 35, "severe"},
		{"every item at its worst", []int{7, 7, 7, 7, 7, 7, 7, 7, 7, 4}, 67, "severe"},
	}
	for _, tt := range tests {
		s, err := ciwaAr.Score(tt.answers, carepath.SexUnknown)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if s.Total != tt.total || s.Band != tt.band || !slices.Equal(s.Points, tt.answers) || s.Positive != nil || s.Critical != nil {
			t.Errorf("%s: total %d band %s, want %d %s", tt.name, s.Total, s.Band, tt.total, tt.band)
		}
	}
	if _, err := ciwaAr.Score([]int{0, 0, 0, 0, 0, 0, 0, 0, 0, 5}, carepath.SexUnknown); carepath.ErrorFields(err)[0].Field != "answers.ciwa_ar[9]" {
		t.Errorf("orientation 5 (the item stops at 4): %v", err)
	}
	for i, item := range ciwaAr.Items {
		want := 8
		if i == 9 {
			want = 5
		}
		if len(item.Options) != want {
			t.Errorf("%s has %d options, want %d", item.Key, len(item.Options), want)
		}
		for p, o := range item.Options {
			if o.Points != p {
				t.Errorf("%s option %d scores %d", item.Key, p, o.Points)
			}
		}
	}
}

// COWS: option indices turn into the scale's own points, which skip numbers.
func TestCOWSScoring(t *testing.T) {
	tests := []struct {
		name    string
		answers []int
		points  []int
		total   int
		band    string
	}{
		{"no withdrawal", []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, "none"},
		{"4 is below withdrawal", []int{1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}, []int{1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}, 4, "none"},
		{"5 is mild", []int{1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0}, []int{1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0}, 5, "mild"},
		{"12 is the last mild score", []int{1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0}, []int{1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 0}, 12, "mild"},
		{"13 is moderate", []int{1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 0}, []int{1, 1, 3, 1, 1, 1, 1, 1, 1, 2, 0}, 13, "moderate"},
		{"moderately severe: fast pulse, sweat, restless, dilated pupils, vomiting, gooseflesh",
			[]int{2, 3, 2, 2, 2, 2, 3, 2, 2, 2, 1}, []int{2, 3, 3, 2, 2, 2, 3, 2, 2, 2, 3}, 26, "moderately_severe"},
		{"36 is the last moderately severe score", []int{3, 4, 3, 3, 3, 3, 4, 1, 1, 0, 1}, []int{4, 4, 5, 5, 4, 4, 5, 1, 1, 0, 3}, 36, "moderately_severe"},
		{"every item at its worst", []int{3, 4, 3, 3, 3, 3, 4, 3, 3, 3, 2}, []int{4, 4, 5, 5, 4, 4, 5, 4, 4, 4, 5}, 48, "severe"},
		{"37 is severe", []int{3, 4, 3, 3, 3, 3, 4, 3, 1, 1, 0}, []int{4, 4, 5, 5, 4, 4, 5, 4, 1, 1, 0}, 37, "severe"},
	}
	for _, tt := range tests {
		s, err := cows.Score(tt.answers, carepath.SexUnknown)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		sum := 0
		for _, p := range tt.points {
			sum += p
		}
		if sum != tt.total {
			t.Fatalf("%s: the test's points add up to %d, not %d", tt.name, sum, tt.total)
		}
		if s.Total != tt.total || s.Band != tt.band || !slices.Equal(s.Points, tt.points) {
			t.Errorf("%s: total %d band %s points %v, want %d %s %v", tt.name, s.Total, s.Band, s.Points, tt.total, tt.band, tt.points)
		}
	}
	edges := []struct {
		total int
		band  string
	}{{0, "none"}, {4, "none"}, {5, "mild"}, {12, "mild"}, {13, "moderate"}, {24, "moderate"},
		{25, "moderately_severe"}, {36, "moderately_severe"}, {37, "severe"}, {48, "severe"}}
	for _, e := range edges {
		if b := cows.BandOf(e.total); b.Code != e.band {
			t.Errorf("COWS %d is %s, want %s", e.total, b.Code, e.band)
		}
	}
	for _, e := range []struct {
		total int
		band  string
	}{{9, "minimal"}, {10, "moderate"}, {15, "moderate"}, {16, "severe"}, {67, "severe"}} {
		if b := ciwaAr.BandOf(e.total); b.Code != e.band {
			t.Errorf("CIWA-Ar %d is %s, want %s", e.total, b.Code, e.band)
		}
	}
}

func TestRecallDays(t *testing.T) {
	want := map[ID]int{PHQ9: 14, PHQ2: 14, GAD7: 14, GAD2: 14, AUDIT: 365, AUDITC: 365, DAST10: 365, CSSRS: 30, CIWAAr: 0, COWS: 0}
	for _, in := range All() {
		if in.RecallDays != want[in.ID] {
			t.Errorf("%s looks back %d days, want %d", in.Name, in.RecallDays, want[in.ID])
		}
		if in.ClinicianRated != (in.ID == CIWAAr || in.ID == COWS) {
			t.Errorf("%s ClinicianRated = %v", in.Name, in.ClinicianRated)
		}
	}
}
