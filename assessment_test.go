package carepath

import (
	"slices"
	"strings"
	"testing"
)

func TestAssessmentInputCheck(t *testing.T) {
	lv := func(l Level) *Level { return &l }
	for _, tt := range []struct {
		name       string
		in         AssessmentInput
		wantLevel  Level
		wantFields []string
	}{
		{"the recommendation by default", AssessmentInput{}, LevelIOP, nil},
		{"the recommendation named", AssessmentInput{FinalLevel: lv(LevelIOP)}, LevelIOP, nil},
		{"override with a coded variance", AssessmentInput{FinalLevel: lv(LevelOutpatient),
			Variance: &Variance{Code: VarianceClientPreference}}, LevelOutpatient, nil},
		{"payer authorized another level", AssessmentInput{FinalLevel: lv(LevelPHP),
			Variance: &Variance{Code: VariancePayerAuthorizedOther}}, LevelPHP, nil},
		{"clinical judgment with a note", AssessmentInput{FinalLevel: lv(LevelPHP),
			Variance: &Variance{Code: VarianceClinicalJudgment, Note: "worsening at home"}}, LevelPHP, nil},
		{"override without a variance", AssessmentInput{FinalLevel: lv(LevelPHP)}, "", []string{"variance.code"}},
		{"empty code", AssessmentInput{FinalLevel: lv(LevelPHP), Variance: &Variance{}}, "", []string{"variance.code"}},
		{"unknown code", AssessmentInput{FinalLevel: lv(LevelPHP), Variance: &Variance{Code: "whim"}}, "", []string{"variance.code"}},
		{"other needs a note", AssessmentInput{FinalLevel: lv(LevelPHP), Variance: &Variance{Code: VarianceOther, Note: "  "}}, "", []string{"variance.note"}},
		{"note too long", AssessmentInput{FinalLevel: lv(LevelPHP),
			Variance: &Variance{Code: VarianceOther, Note: strings.Repeat("x", MaxVarianceNote+1)}}, "", []string{"variance.note"}},
		{"variance without an override", AssessmentInput{Variance: &Variance{Code: VarianceNoBedAvailable}}, "", []string{"variance"}},
		{"unknown level", AssessmentInput{FinalLevel: lv("spa")}, "", []string{"final_level"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Check(LevelIOP, LevelOutpatient)
			var fields []string
			for _, f := range ErrorFields(err) {
				fields = append(fields, f.Field)
			}
			if !slices.Equal(fields, tt.wantFields) || (err == nil && got != tt.wantLevel) {
				t.Errorf("Check = %q, %v; want %q, fields %v", got, err, tt.wantLevel, tt.wantFields)
			}
			if err != nil && ErrorCode(err) != EINVALID {
				t.Errorf("code %s", ErrorCode(err))
			}
		})
	}
}

// TestFinalLevelBelowTheFloorNeedsANote checks the dangerous edge: a final level below the
// safety floor is refused without a coded variance and a note, whatever the code, and allowed
// with both; at or above the floor a code alone is enough.
func TestFinalLevelBelowTheFloorNeedsANote(t *testing.T) {
	lv := func(l Level) *Level { return &l }
	for _, tt := range []struct {
		name       string
		in         AssessmentInput
		wantFields []string
	}{
		{"below the floor without a variance", AssessmentInput{FinalLevel: lv(LevelOutpatient)}, []string{"variance.code"}},
		{"below the floor with a code only", AssessmentInput{FinalLevel: lv(LevelOutpatient), Variance: &Variance{Code: VarianceClientPreference}}, []string{"variance.note"}},
		{"below the floor with a code and a note", AssessmentInput{FinalLevel: lv(LevelOutpatient),
			Variance: &Variance{Code: VarianceClientPreference, Note: "Declines IOP; daily check-in calls and safety plan in place."}}, nil},
		{"none, far below the floor", AssessmentInput{FinalLevel: lv(LevelNone), Variance: &Variance{Code: VarianceOther, Note: " "}}, []string{"variance.note"}},
		{"above the floor with a code", AssessmentInput{FinalLevel: lv(LevelResidential), Variance: &Variance{Code: VarianceNoBedAvailable}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.in.Check(LevelPHP, LevelIOP)
			var fields []string
			for _, f := range ErrorFields(err) {
				fields = append(fields, f.Field)
			}
			if !slices.Equal(fields, tt.wantFields) {
				t.Errorf("fields %v (%v), want %v", fields, err, tt.wantFields)
			}
		})
	}
}
