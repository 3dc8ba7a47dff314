package instrument

import (
	"errors"
	"slices"
	"testing"

	"github.com/carepath/carepath"
)

// answersFor returns answers to in that add up to total, choosing for each item in turn the
// option with the most points that still fits.
func answersFor(t *testing.T, in *Instrument, total int) []int {
	t.Helper()
	answers := make([]int, len(in.Items))
	left := total
	for i, item := range in.Items {
		best := -1
		for j, o := range item.Options {
			if o.Points <= left && (best < 0 || o.Points > item.Options[best].Points) {
				best = j
			}
		}
		answers[i] = best
		left -= item.Options[best].Points
	}
	if left != 0 {
		t.Fatalf("%s: no answers add up to %d", in.Name, total)
	}
	return answers
}

func TestBandEdges(t *testing.T) {
	tests := []struct {
		in    *Instrument
		total int
		band  string
		zone  int
	}{
		{phq9, 0, "minimal", 0}, {phq9, 4, "minimal", 0}, {phq9, 5, "mild", 0}, {phq9, 9, "mild", 0},
		{phq9, 10, "moderate", 0}, {phq9, 14, "moderate", 0}, {phq9, 15, "moderately_severe", 0},
		{phq9, 19, "moderately_severe", 0}, {phq9, 20, "severe", 0}, {phq9, 27, "severe", 0},

		{gad7, 0, "minimal", 0}, {gad7, 4, "minimal", 0}, {gad7, 5, "mild", 0}, {gad7, 9, "mild", 0},
		{gad7, 10, "moderate", 0}, {gad7, 14, "moderate", 0}, {gad7, 15, "severe", 0}, {gad7, 21, "severe", 0},

		{audit, 0, "low_risk", 1}, {audit, 7, "low_risk", 1}, {audit, 8, "hazardous", 2},
		{audit, 15, "hazardous", 2}, {audit, 16, "harmful", 3}, {audit, 19, "harmful", 3},
		{audit, 20, "possible_dependence", 4}, {audit, 40, "possible_dependence", 4},

		{dast10, 0, "none", 0}, {dast10, 1, "low", 0}, {dast10, 2, "low", 0}, {dast10, 3, "moderate", 0},
		{dast10, 5, "moderate", 0}, {dast10, 6, "substantial", 0}, {dast10, 8, "substantial", 0},
		{dast10, 9, "severe", 0}, {dast10, 10, "severe", 0},
	}
	for _, tt := range tests {
		s, err := tt.in.Score(answersFor(t, tt.in, tt.total), carepath.SexUnknown)
		if err != nil {
			t.Fatalf("%s total %d: %v", tt.in.Name, tt.total, err)
		}
		if s.Total != tt.total || s.Band != tt.band || s.Zone != tt.zone || s.Instrument != tt.in.ID {
			t.Errorf("%s total %d: got %s total %d band %s zone %d, want band %s zone %d",
				tt.in.Name, tt.total, s.Instrument, s.Total, s.Band, s.Zone, tt.band, tt.zone)
		}
		if s.Positive != nil {
			t.Errorf("%s is no screen but Positive is set", tt.in.Name)
		}
		if b := tt.in.BandOf(tt.total); b.Code != tt.band {
			t.Errorf("%s BandOf(%d) = %s, want %s", tt.in.Name, tt.total, b.Code, tt.band)
		}
	}
}

func TestScoreExamples(t *testing.T) {
	tests := []struct {
		name    string
		in      *Instrument
		answers []int
		total   int
		points  []int
		band    string
	}{
		{"PHQ-9 all nearly every day", phq9, []int{3, 3, 3, 3, 3, 3, 3, 3, 3}, 27, []int{3, 3, 3, 3, 3, 3, 3, 3, 3}, "severe"},
		{"PHQ-9 mixed", phq9, []int{0, 1, 2, 3, 0, 1, 2, 3, 0}, 12, []int{0, 1, 2, 3, 0, 1, 2, 3, 0}, "moderate"},
		{"GAD-7 all several days", gad7, []int{1, 1, 1, 1, 1, 1, 1}, 7, []int{1, 1, 1, 1, 1, 1, 1}, "mild"},
		{"AUDIT item 9 index 1 scores 2", audit, []int{0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, 2, []int{0, 0, 0, 0, 0, 0, 0, 0, 2, 0}, "low_risk"},
		{"AUDIT item 9 index 2 scores 4", audit, []int{0, 0, 0, 0, 0, 0, 0, 0, 2, 0}, 4, []int{0, 0, 0, 0, 0, 0, 0, 0, 4, 0}, "low_risk"},
		{"AUDIT item 10 index 1 scores 2", audit, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 2, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, "low_risk"},
		{"AUDIT items 9 and 10 index 2", audit, []int{4, 4, 0, 0, 0, 0, 0, 0, 2, 2}, 16, []int{4, 4, 0, 0, 0, 0, 0, 0, 4, 4}, "harmful"},
		{"AUDIT all highest", audit, []int{4, 4, 4, 4, 4, 4, 4, 4, 2, 2}, 40, []int{4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, "possible_dependence"},
		{"DAST-10 all no", dast10, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, []int{0, 0, 1, 0, 0, 0, 0, 0, 0, 0}, "low"},
		{"DAST-10 no drug use", dast10, []int{1, 1, 0, 1, 1, 1, 1, 1, 1, 1}, 0, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "none"},
		{"DAST-10 all yes", dast10, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 9, []int{1, 1, 0, 1, 1, 1, 1, 1, 1, 1}, "severe"},
		{"DAST-10 item 3 no only", dast10, YesNo([]bool{false, false, false, false, false, false, false, false, false, false}), 1, []int{0, 0, 1, 0, 0, 0, 0, 0, 0, 0}, "low"},
		{"DAST-10 worst", dast10, []int{0, 0, 1, 0, 0, 0, 0, 0, 0, 0}, 10, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, "severe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.in.Score(tt.answers, carepath.SexUnknown)
			if err != nil {
				t.Fatal(err)
			}
			if s.Total != tt.total || s.Band != tt.band || !slices.Equal(s.Points, tt.points) {
				t.Errorf("got total %d band %s points %v, want %d %s %v", s.Total, s.Band, s.Points, tt.total, tt.band, tt.points)
			}
		})
	}
}

func TestPHQ9Item9Critical(t *testing.T) {
	for a := range 4 {
		answers := []int{0, 0, 0, 0, 0, 0, 0, 0, a}
		s, err := phq9.Score(answers, carepath.SexUnknown)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		if a > 0 {
			want = []string{"item9"}
		}
		if !slices.Equal(s.Critical, want) || (a == 0) != (s.Critical == nil) {
			t.Errorf("item 9 answer %d: Critical = %#v, want %#v", a, s.Critical, want)
		}
	}
	// Other items never flag, however high.
	s, _ := phq9.Score([]int{3, 3, 3, 3, 3, 3, 3, 3, 0}, carepath.SexUnknown)
	if s.Critical != nil {
		t.Errorf("Critical = %v with item 9 at 0", s.Critical)
	}
}

func TestAUDITCCutOffs(t *testing.T) {
	tests := []struct {
		sex   carepath.Sex
		total int
		want  bool
	}{
		{carepath.SexFemale, 2, false}, {carepath.SexFemale, 3, true}, {carepath.SexFemale, 4, true},
		{carepath.SexMale, 2, false}, {carepath.SexMale, 3, false}, {carepath.SexMale, 4, true},
		{carepath.SexUnknown, 2, false}, {carepath.SexUnknown, 3, true}, {carepath.SexUnknown, 4, true},
		{"", 3, true}, {carepath.SexMale, 0, false}, {carepath.SexMale, 12, true},
	}
	for _, tt := range tests {
		answers := answersFor(t, auditC, tt.total)
		s, err := auditC.Score(answers, tt.sex)
		if err != nil {
			t.Fatal(err)
		}
		band := map[bool]string{false: "negative", true: "positive"}[tt.want]
		if s.Positive == nil || *s.Positive != tt.want || s.Band != band || s.Total != tt.total {
			t.Errorf("%q total %d: Positive %v band %s, want %v %s", tt.sex, tt.total, s.Positive, s.Band, tt.want, band)
		}
		if b := auditC.BandFor(tt.total, tt.sex); b.Code != band {
			t.Errorf("%q BandFor(%d) = %s, want %s", tt.sex, tt.total, b.Code, band)
		}

		// The same answers as the first three of a full AUDIT give the same AUDIT-C.
		full := append(slices.Clone(answers), 0, 0, 0, 0, 0, 0, 0)
		a, err := audit.Score(full, tt.sex)
		if err != nil {
			t.Fatal(err)
		}
		if a.Positive != nil {
			t.Error("an AUDIT score carries Positive")
		}
		c, ok := a.AUDITC(tt.sex)
		if !ok || c.Instrument != AUDITC || c.Total != s.Total || c.Band != s.Band || *c.Positive != *s.Positive || !slices.Equal(c.Points, s.Points) {
			t.Errorf("%q total %d: AUDIT-C from AUDIT = %+v, %v; want %+v", tt.sex, tt.total, c, ok, s)
		}
	}
	if _, ok := (Score{Instrument: PHQ9, Points: make([]int, 9)}).AUDITC(carepath.SexMale); ok {
		t.Error("AUDITC of a PHQ-9 score reported ok")
	}
}

func TestScoreErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      *Instrument
		answers []int
		want    []carepath.FieldError
	}{
		{"too few", phq9, []int{0, 0, 0, 0, 0, 0, 0}, []carepath.FieldError{
			{Field: "answers.phq9", Code: "count", Message: "PHQ-9 needs 9 answers, got 7"}}},
		{"none", gad7, nil, []carepath.FieldError{
			{Field: "answers.gad7", Code: "count", Message: "GAD-7 needs 7 answers, got 0"}}},
		{"too many", auditC, []int{0, 0, 0, 0}, []carepath.FieldError{
			{Field: "answers.auditc", Code: "count", Message: "AUDIT-C needs 3 answers, got 4"}}},
		{"out of range", phq9, []int{0, 0, 0, 4, 0, 0, 0, 0, 0}, []carepath.FieldError{
			{Field: "answers.phq9[3]", Code: "range", Message: "answer 4 must be between 0 and 3, got 4"}}},
		{"negative", dast10, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, -1}, []carepath.FieldError{
			{Field: "answers.dast10[9]", Code: "range", Message: "answer 10 must be between 0 and 1, got -1"}}},
		{"AUDIT item 9 has three options", audit, []int{4, 4, 4, 4, 4, 4, 4, 4, 3, 2}, []carepath.FieldError{
			{Field: "answers.audit[8]", Code: "range", Message: "answer 9 must be between 0 and 2, got 3"}}},
		{"every problem at once", phq9, []int{9, 0, -2, 0, 0}, []carepath.FieldError{
			{Field: "answers.phq9", Code: "count", Message: "PHQ-9 needs 9 answers, got 5"},
			{Field: "answers.phq9[0]", Code: "range", Message: "answer 1 must be between 0 and 3, got 9"},
			{Field: "answers.phq9[2]", Code: "range", Message: "answer 3 must be between 0 and 3, got -2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.in.Score(tt.answers, carepath.SexUnknown)
			var e *carepath.Error
			if !errors.As(err, &e) || e.Code != carepath.EINVALID {
				t.Fatalf("err = %v, want an EINVALID *carepath.Error", err)
			}
			if !slices.Equal(e.Fields, tt.want) {
				t.Errorf("fields = %+v\nwant     %+v", e.Fields, tt.want)
			}
			if s.Points != nil || s.Band != "" {
				t.Errorf("a failed score is not empty: %+v", s)
			}
		})
	}
}

func TestBandLabel(t *testing.T) {
	s, _ := phq9.Score([]int{2, 2, 2, 2, 2, 2, 2, 1, 0}, carepath.SexUnknown)
	if got := s.BandLabel(); got != "Moderately severe" {
		t.Errorf("BandLabel = %q, want Moderately severe", got)
	}
	if got := (Score{}).BandLabel(); got != "" {
		t.Errorf("BandLabel of an empty score = %q", got)
	}
	if b := phq9.BandOf(28); b != (Band{}) {
		t.Errorf("BandOf(28) = %+v, want the zero Band", b)
	}
}

// Score allocates once, plus once more for Critical when a safety item scores.
func TestScoreAllocatesOnce(t *testing.T) {
	answers := map[ID][]int{
		PHQ9: {1, 1, 1, 1, 1, 1, 1, 1, 0}, GAD7: {1, 1, 1, 1, 1, 1, 1},
		PHQ2: {1, 1}, GAD2: {1, 1}, AUDIT: {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, AUDITC: {1, 1, 1}, DAST10: {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		CSSRS: {1, 1, 1, 1, 1, 2}, CIWAAr: {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, COWS: {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	}
	for _, in := range All() {
		n := testing.AllocsPerRun(100, func() {
			if _, err := in.Score(answers[in.ID], carepath.SexMale); err != nil {
				t.Fatal(err)
			}
		})
		if n > 1 {
			t.Errorf("%s: Score allocates %v times, want 1", in.Name, n)
		}
	}
}

// Two scores never share memory: changing one leaves the other as it was.
func TestScoresDoNotShare(t *testing.T) {
	a, _ := auditC.Score([]int{4, 4, 4}, carepath.SexMale)
	b, _ := auditC.Score([]int{0, 0, 0}, carepath.SexMale)
	*a.Positive = false
	a.Points[0] = 99
	if *b.Positive || b.Points[0] != 0 {
		t.Error("two scores share memory")
	}
	c, _ := phq9.Score([]int{0, 0, 0, 0, 0, 0, 0, 0, 1}, carepath.SexUnknown)
	c.Critical[0] = "changed"
	d, _ := phq9.Score([]int{0, 0, 0, 0, 0, 0, 0, 0, 1}, carepath.SexUnknown)
	if d.Critical[0] != "item9" || phq9.Items[8].Key != "item9" {
		t.Error("changing a score's Critical changed another score or the instrument")
	}
}
