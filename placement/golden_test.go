package placement

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
)

var update = flag.Bool("update", false, "rewrite testdata/recommend.golden.json from the current code")

// goldenProfiles are varied profiles whose whole recommendation is pinned in
// testdata/recommend.golden.json: every level, given ratings, crisis, conflicts and coverage.
func goldenProfiles() []struct {
	name string
	p    Profile
} {
	strong := Context{Support: SupportStrong, StableHousing: ptr(true)}
	copay := &cost.Coverage{DeductibleRemaining: ptr(carepath.Cents(0)), Copay: ptr(carepath.Cents(3000)), OutOfPocketRemaining: ptr(carepath.Cents(100000))}
	return []struct {
		name string
		p    Profile
	}{
		{"full profile", fullProfile()},
		{"minimal symptoms", Profile{Answers: Answers{PHQ9: phq(2, 0), GAD7: []int{0, 1, 0, 0, 0, 0, 0}}, Context: Context{Preference: PreferGroup}}},
		{"mild depression, prefers a group", Profile{Answers: Answers{PHQ9: phq(7, 0)}, Context: Context{Preference: PreferGroup, Support: SupportSome}}},
		{"completed an IOP", Profile{Answers: Answers{PHQ9: phq(6, 0), AUDITC: []int{2, 1, 1}}, Context: Context{RecentLevel: carepath.LevelIOP, CompletedRecentLevel: true, Support: SupportStrong, Sex: carepath.SexMale}}},
		{"drinking zone 4, few hours", Profile{Answers: Answers{AUDIT: audit(22)}, Context: Context{Support: SupportStrong, WeeklyHoursAvailable: ptr(4), TroubleKeepingSchedule: true}, Coverage: copay}},
		{"severe depression, must keep working", Profile{Answers: Answers{PHQ9: phq(25, 0)}, Context: Context{Support: SupportStrong, MustKeepWorking: true, WeeklyHoursAvailable: ptr(6), Preference: PreferIndividual}}},
		{"severe and no support", Profile{Answers: Answers{PHQ9: phq(24, 0), GAD7: []int{3, 3, 3, 3, 3, 3, 3}}, Context: Context{Support: SupportNone, Readiness: ReadinessNotReady}}},
		{"lives with users", Profile{Answers: Answers{AUDIT: audit(12), DAST10: dast(6)}, Context: Context{LivesWithActiveUsers: true, Support: SupportSome, SubstanceUse: ptr(true)}}},
		{"unstable housing, trouble with schedule", Profile{Answers: Answers{DAST10: dast(4)}, Context: Context{StableHousing: ptr(false), TroubleKeepingSchedule: true, Withdrawal: SeverityModerate}}},
		{"severe withdrawal", Profile{Answers: Answers{AUDIT: audit(30)}, Context: Context{Withdrawal: SeveritySevere, Support: SupportStrong, MedicalNeeds: SeverityModerate}, Coverage: copay}},
		{"24-hour care", Profile{Answers: Answers{PHQ9: phq(12, 0)}, Context: Context{NeedsTwentyFourHourCare: true, AtRiskOfHospitalization: true}}},
		{"item 9 positive", Profile{Answers: Answers{PHQ9: phq(8, 1), GAD7: []int{1, 1, 1, 1, 0, 0, 0}}, Context: strong}},
		{"stepping down after residential, relapsed", Profile{Answers: Answers{AUDIT: audit(6)}, Context: Context{RecentLevel: carepath.LevelResidential, CompletedRecentLevel: true, RelapsedAfterTreatment: true, Support: SupportStrong, Readiness: ReadinessReady}}},
		{"clinician ratings only", Profile{Dimensions: ratings(3, 1, 2, 2, 0, 4), Context: Context{MustKeepWorking: true}}},
		{"clinician rating lowers a severe score", Profile{Answers: Answers{PHQ9: phq(22, 0), AUDIT: audit(17)}, Dimensions: ratings(-1, -1, 2, -1, -1, -1), Context: strong}},
		{"invalid", Profile{Answers: Answers{PHQ9: []int{1, 2}}, Dimensions: ratings(-1, 7, -1, -1, -1, -1), Context: Context{Support: "lots"}}},
		// The safety floor and the rubric corrections, one profile each.
		{"clinician rating 0 with item 9 at 3", Profile{Answers: Answers{PHQ9: phq(27, 3)}, Dimensions: ratings(-1, -1, 0, -1, -1, -1)}},
		{"moderate alcohol withdrawal, AUDIT 36", Profile{Answers: Answers{AUDIT: []int{4, 4, 4, 4, 4, 4, 4, 4, 2, 0}},
			Context: Context{Withdrawal: SeverityModerate, Substances: []Substance{SubstanceAlcohol}, Support: SupportStrong, StableHousing: ptr(true)}}},
		{"no withdrawal reported, daily morning drink", Profile{Answers: Answers{AUDIT: []int{2, 1, 1, 0, 0, 4, 0, 0, 0, 0}},
			Context: Context{Withdrawal: SeverityNone, Substances: []Substance{SubstanceAlcohol}}}},
		{"severe depression, item 9, strong support", Profile{Answers: Answers{PHQ9: phq(27, 3)}, Context: strong}},
		{"lives with users, does not use", Profile{Answers: Answers{PHQ9: phq(7, 0)}, Context: Context{SubstanceUse: ptr(false), LivesWithActiveUsers: true, Support: SupportSome}}},
		{"home trouble, no substance use", Profile{Answers: Answers{PHQ9: phq(12, 0)}, Context: Context{StableHousing: ptr(false), TroubleKeepingSchedule: true, SubstanceUse: ptr(false)}}},
		{"physical illness alone", Profile{Answers: Answers{PHQ9: phq(2, 0)}, Context: Context{MedicalNeeds: SeveritySevere, Support: SupportStrong}}},
		{"AUDIT 40", Profile{Answers: Answers{AUDIT: []int{4, 4, 4, 4, 4, 4, 4, 4, 2, 2}}, Context: Context{Support: SupportStrong}}},
		{"left inpatient care early", Profile{Answers: Answers{PHQ9: phq(6, 0)}, Context: Context{RecentLevel: carepath.LevelInpatient, Support: SupportStrong}}},
		{"some support, no symptoms", Profile{Answers: Answers{PHQ9: phq(2, 0)}, Context: Context{Support: SupportSome}}},
		{"harmful drinking, not ready to change", Profile{Answers: Answers{AUDIT: []int{4, 4, 4, 0, 0, 0, 2, 1, 1, 0}}, Context: Context{Readiness: ReadinessNotReady, Support: SupportStrong}}},
		{"C-SSRS plan with intent", Profile{Answers: Answers{PHQ9: phq(19, 2), CSSRS: []bool{true, true, true, true, true, false}}, Context: strong}},
		{"C-SSRS thoughts with a method", Profile{Answers: Answers{PHQ9: phq(11, 1), CSSRS: []bool{true, true, true, false, false, false}}, Context: strong}},
		{"C-SSRS behaviour of unknown date", Profile{Answers: Answers{CSSRS: []bool{false, false, false, false, false, true}}}},
		{"CIWA-Ar 12 at 70 living alone", Profile{Answers: Answers{CIWAAr: []int{1, 2, 2, 2, 1, 1, 1, 0, 2, 0}},
			Context: Context{Substances: []Substance{SubstanceAlcohol}, Age: ptr(70), Support: SupportNone}}},
		{"COWS 15, pregnant", Profile{Answers: Answers{COWS: []int{1, 2, 2, 1, 1, 2, 2, 1, 1, 1, 0}},
			Context: Context{Substances: []Substance{SubstanceOpioids}, Pregnant: ptr(true), Sex: carepath.SexFemale}, Coverage: copay}},
		{"adolescent, moderately severe depression", Profile{Answers: Answers{PHQ9: phq(17, 0)}, Context: Context{Age: ptr(15), Support: SupportStrong, WeeklyHoursAvailable: ptr(7)}}},
		{"seizures before, drinking now", Profile{Answers: Answers{AUDIT: audit(14)},
			Context: Context{Withdrawal: SeverityNone, WithdrawalHistory: []WithdrawalEvent{WithdrawalSeizures}, Substances: []Substance{SubstanceAlcohol}}}},
		// The short screens: negative ones count as minimal, a positive one alone as a possible
		// problem (never none), and the self-harm question stands on its own.
		{"every short screen negative", Profile{Answers: Answers{PHQ2: []int{0, 1}, GAD2: []int{1, 0}, AUDITC: []int{1, 1, 0}, SingleDrugScreen: ptr(0)},
			Context: Context{Support: SupportStrong, StableHousing: ptr(true), RecentLevel: carepath.LevelNone, Readiness: ReadinessReady}}},
		{"positive PHQ-2 without the PHQ-9", Profile{Answers: Answers{PHQ2: []int{2, 2}, GAD2: []int{0, 0}}, Context: Context{Support: SupportSome}}},
		{"negative PHQ-2, thoughts of self-harm", Profile{Answers: Answers{PHQ2: []int{0, 1}}, Context: Context{SelfHarm: true, Support: SupportStrong}}},
		{"positive drug screen alone, opioids", Profile{Answers: Answers{SingleDrugScreen: ptr(12), AUDITC: []int{0, 0, 0}},
			Context: Context{Substances: []Substance{SubstanceOpioids}, Withdrawal: SeverityMild, Sex: carepath.SexMale}}},
	}
}

// TestRecommendGolden pins the full JSON of each golden profile's recommendation (or error).
// Run with -update to rewrite the file after an intended change to the rubric or its texts.
func TestRecommendGolden(t *testing.T) {
	got := map[string]json.RawMessage{}
	for _, g := range goldenProfiles() {
		rec, err := Recommend(g.p)
		var b []byte
		if err != nil {
			b, _ = json.Marshal(err.Error())
		} else if b, err = json.Marshal(rec); err != nil {
			t.Fatal(err)
		}
		got[g.name] = b
	}
	const path = "testdata/recommend.golden.json"
	out, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wantMap map[string]json.RawMessage
	if err := json.Unmarshal(want, &wantMap); err != nil {
		t.Fatal(err)
	}
	for _, g := range goldenProfiles() {
		var w, o bytes.Buffer
		json.Indent(&w, wantMap[g.name], "", "  ")
		json.Indent(&o, got[g.name], "", "  ")
		if w.String() != o.String() {
			t.Errorf("%s: recommendation changed\ngot:  %s\nwant: %s", g.name, o.String(), w.String())
		}
	}
	if len(wantMap) != len(got) {
		t.Errorf("golden file has %d profiles, want %d", len(wantMap), len(got))
	}
}
