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
			got, err := tt.in.Check(LevelIOP)
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
