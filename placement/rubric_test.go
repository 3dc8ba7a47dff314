package placement

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
)

// phq returns PHQ-9 answers totalling total, with item 9 answered item9.
func phq(total, item9 int) []int {
	a := make([]int, 9)
	a[8] = item9
	total -= item9
	for i := 0; i < 8 && total > 0; i++ {
		a[i] = min(3, total)
		total -= a[i]
	}
	return a
}

// audit returns AUDIT answers totalling total using items 1–8 only.
func audit(total int) []int {
	a := make([]int, 10)
	for i := 0; i < 8 && total > 0; i++ {
		a[i] = min(4, total)
		total -= a[i]
	}
	return a
}

// dast returns DAST-10 answers scoring score (item 3 answered "yes", which scores 0).
func dast(score int) []bool {
	a := make([]bool, 10)
	a[2] = true
	for i := 0; i < 10 && score > 0; i++ {
		if i == 2 {
			continue
		}
		a[i] = true
		score--
	}
	if score > 0 {
		a[2] = false // the reverse-scored item gives the tenth point
	}
	return a
}

func ptr[T any](v T) *T { return &v }

func TestRubric(t *testing.T) {
	strong := Context{Support: SupportStrong, StableHousing: ptr(true)}
	tests := []struct {
		name    string
		p       Profile
		level   carepath.Level
		reason  string // a reason code that must be present ("" for none)
		crisis  bool
		derived bool
	}{
		{"minimal symptoms and no risk: no treatment, offer a consultation",
			Profile{Answers: Answers{PHQ9: phq(2, 0), GAD7: []int{0, 1, 0, 0, 0, 0, 0}}}, carepath.LevelNone, "no_current_need", false, true},
		{"mild depression: individual therapy",
			Profile{Answers: Answers{PHQ9: phq(7, 0)}}, carepath.LevelOutpatient, "mild_to_moderate", false, true},
		{"moderate depression alone: individual therapy",
			Profile{Answers: Answers{PHQ9: phq(13, 0)}, Context: strong}, carepath.LevelOutpatient, "mild_to_moderate", false, true},
		{"moderately severe depression: IOP",
			Profile{Answers: Answers{PHQ9: phq(17, 0)}, Context: strong}, carepath.LevelIOP, "moderate_to_severe", false, true},
		{"severe GAD-7 anxiety, its top band, counts as severe: PHP",
			Profile{Answers: Answers{GAD7: []int{3, 3, 3, 2, 2, 2, 2}}, Context: strong}, carepath.LevelPHP, "severe_needs_structure", false, true},
		{"moderate GAD-7 anxiety: individual therapy",
			Profile{Answers: Answers{GAD7: []int{2, 2, 2, 2, 2, 1, 1}}, Context: strong}, carepath.LevelOutpatient, "mild_to_moderate", false, true},
		{"AUDIT zone 4 drinking, its top band, counts as severe: PHP",
			Profile{Answers: Answers{AUDIT: audit(22)}, Context: Context{Support: SupportStrong}}, carepath.LevelPHP, "severe_needs_structure", false, true},
		{"AUDIT zone 3 drinking: individual therapy",
			Profile{Answers: Answers{AUDIT: []int{4, 4, 4, 0, 0, 0, 2, 1, 1, 0}}, Context: Context{Support: SupportStrong}}, carepath.LevelOutpatient, "mild_to_moderate", false, true},
		{"severe symptoms with a safe home: PHP",
			Profile{Answers: Answers{PHQ9: phq(23, 0)}, Context: strong}, carepath.LevelPHP, "severe_needs_structure", false, true},
		{"severe drug use with strong support: PHP",
			Profile{Answers: Answers{DAST10: dast(9)}, Context: Context{Support: SupportStrong, Withdrawal: SeverityMild}}, carepath.LevelPHP, "severe_needs_structure", false, true},
		{"severe depression and no support system, no substance use: PHP, not residential",
			Profile{Answers: Answers{PHQ9: phq(24, 0)}, Context: Context{Support: SupportNone}}, carepath.LevelPHP, "severe_needs_structure", false, true},
		{"severe drug use and no support system: residential",
			Profile{Answers: Answers{DAST10: dast(9)}, Context: Context{Support: SupportNone, Withdrawal: SeverityNone}}, carepath.LevelResidential, "severe_without_support", false, true},
		{"severe withdrawal risk: inpatient",
			Profile{Answers: Answers{AUDIT: audit(30)}, Context: Context{Withdrawal: SeveritySevere, Support: SupportStrong}}, carepath.LevelInpatient, "withdrawal_24h", false, true},
		{"a condition that needs 24-hour care: inpatient",
			Profile{Answers: Answers{PHQ9: phq(12, 0)}, Context: Context{NeedsTwentyFourHourCare: true}}, carepath.LevelInpatient, "psychiatric_24h", false, true},
		{"a medical condition that needs 24-hour care: inpatient",
			Profile{Answers: Answers{PHQ9: phq(6, 0)}, Context: Context{NeedsTwentyFourHourCare: true, MedicalNeeds: SeveritySevere}}, carepath.LevelInpatient, "medical_24h", false, true},
		{"lives with people who use: residential",
			Profile{Answers: Answers{AUDIT: audit(12)}, Context: Context{LivesWithActiveUsers: true, Support: SupportSome}}, carepath.LevelResidential, "environment_high_risk", false, true},
		{"unstable housing and trouble keeping a schedule: residential",
			Profile{Answers: Answers{DAST10: dast(4)}, Context: Context{StableHousing: ptr(false), TroubleKeepingSchedule: true}}, carepath.LevelResidential, "environment_high_risk", false, true},
		{"unstable housing with moderate depression, no substance use: individual therapy and housing help",
			Profile{Answers: Answers{PHQ9: phq(12, 0)}, Context: Context{StableHousing: ptr(false)}}, carepath.LevelOutpatient, "mild_to_moderate", false, true},
		{"unstable housing with moderate drug use: IOP",
			Profile{Answers: Answers{DAST10: dast(4)}, Context: Context{StableHousing: ptr(false), Withdrawal: SeverityNone}}, carepath.LevelIOP, "moderate_without_support", false, true},
		{"no support system with moderate depression: IOP for its peer support",
			Profile{Answers: Answers{PHQ9: phq(12, 0)}, Context: Context{Support: SupportNone}}, carepath.LevelIOP, "moderate_without_support", false, true},
		{"relapsed after earlier treatment: IOP",
			Profile{Answers: Answers{AUDIT: audit(10)}, Context: Context{RelapsedAfterTreatment: true, Support: SupportStrong}}, carepath.LevelIOP, "moderate_to_severe", false, true},
		{"stepping down after residential care: IOP",
			Profile{Answers: Answers{AUDIT: audit(6)}, Context: Context{RecentLevel: carepath.LevelResidential, CompletedRecentLevel: true, Support: SupportStrong}}, carepath.LevelIOP, "step_down_from_24h", false, true},
		{"stepping down after inpatient care: IOP",
			Profile{Answers: Answers{PHQ9: phq(8, 0)}, Context: Context{RecentLevel: carepath.LevelInpatient, CompletedRecentLevel: true}}, carepath.LevelIOP, "step_down_from_24h", false, true},
		{"completed an IOP and improved: individual therapy",
			Profile{Answers: Answers{PHQ9: phq(6, 0)}, Context: Context{RecentLevel: carepath.LevelIOP, CompletedRecentLevel: true, Support: SupportStrong}}, carepath.LevelOutpatient, "completed_iop", false, true},
		{"completed an IOP but still moderately severe: IOP again",
			Profile{Answers: Answers{PHQ9: phq(18, 0)}, Context: Context{RecentLevel: carepath.LevelIOP, CompletedRecentLevel: true, Support: SupportStrong}}, carepath.LevelIOP, "moderate_to_severe", false, true},
		{"at risk of hospitalization, weekly therapy cannot hold: IOP",
			Profile{Answers: Answers{PHQ9: phq(11, 0)}, Context: Context{AtRiskOfHospitalization: true, Support: SupportStrong}}, carepath.LevelIOP, "moderate_to_severe", false, true},
		{"moderate depression and harmful drinking together: IOP",
			Profile{Answers: Answers{PHQ9: phq(12, 0), AUDIT: audit(17)}, Context: strong}, carepath.LevelIOP, "co_occurring_moderate", false, true},
		{"moderate withdrawal: IOP with daily withdrawal management",
			Profile{Answers: Answers{AUDIT: audit(9)}, Context: Context{Withdrawal: SeverityModerate, Support: SupportStrong}}, carepath.LevelIOP, "withdrawal_daily_monitoring", false, true},
		{"a serious physical health problem with mild depression: PHP",
			Profile{Answers: Answers{PHQ9: phq(6, 0)}, Context: Context{MedicalNeeds: SeveritySevere}}, carepath.LevelPHP, "medical_monitoring", false, true},
		{"a serious physical health problem alone: a medical referral, no program",
			Profile{Answers: Answers{PHQ9: phq(2, 0)}, Context: Context{MedicalNeeds: SeveritySevere}}, carepath.LevelNone, "medical_referral", false, true},
		{"PHQ-9 item 9 positive: crisis, and at least an IOP",
			Profile{Answers: Answers{PHQ9: phq(8, 1)}, Context: strong}, carepath.LevelIOP, "moderate_to_severe", true, true},
		{"self-harm answer: crisis",
			Profile{Answers: Answers{GAD7: []int{1, 1, 0, 0, 0, 0, 0}}, Context: Context{SelfHarm: true}}, carepath.LevelIOP, "", true, true},
		{"clinician ratings are used as given: withdrawal 4 → inpatient",
			Profile{Dimensions: ratings(4, -1, -1, -1, -1, -1)}, carepath.LevelInpatient, "withdrawal_24h", false, false},
		{"a clinician's lower rating wins over a severe score",
			Profile{Answers: Answers{PHQ9: phq(22, 0)}, Dimensions: ratings(-1, -1, 2, -1, -1, -1), Context: strong}, carepath.LevelOutpatient, "mild_to_moderate", false, false},
		{"practical limits never lower the level: must keep working, few hours, severe",
			Profile{Answers: Answers{PHQ9: phq(25, 0)}, Context: Context{Support: SupportStrong, MustKeepWorking: true, WeeklyHoursAvailable: ptr(6), Preference: PreferIndividual}}, carepath.LevelPHP, "severe_needs_structure", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Recommend(tt.p)
			if err != nil {
				t.Fatalf("Recommend: %v", err)
			}
			if rec.Level != tt.level {
				t.Errorf("level = %s, want %s (reasons %+v, dimensions %+v)", rec.Level, tt.level, rec.Reasons, rec.Dimensions)
			}
			if rec.Crisis != tt.crisis {
				t.Errorf("crisis = %v, want %v", rec.Crisis, tt.crisis)
			}
			if tt.reason != "" && !slices.ContainsFunc(rec.Reasons, func(r Reason) bool { return r.Code == tt.reason }) {
				t.Errorf("reasons %+v lack %q", rec.Reasons, tt.reason)
			}
			if len(rec.Reasons) == 0 {
				t.Error("no reasons")
			}
			if rec.ASAMLevel != rec.Level.ASAMLevel() || rec.RubricVersion == "" || rec.Disclaimer == "" {
				t.Errorf("missing asam_level, rubric_version or disclaimer: %+v", rec)
			}
			if tt.derived && rec.Dimensions.Psychiatric.Source != "derived" {
				t.Errorf("psychiatric should be derived: %+v", rec.Dimensions.Psychiatric)
			}
			if len(rec.NotRecommended) != len(carepath.Levels)-1 {
				t.Errorf("not_recommended has %d levels", len(rec.NotRecommended))
			}
		})
	}
}

func TestPracticalLimitsMakeConflicts(t *testing.T) {
	rec, err := Recommend(Profile{Answers: Answers{PHQ9: phq(25, 0)}, Context: Context{Support: SupportStrong,
		MustKeepWorking: true, WeeklyHoursAvailable: ptr(6), Preference: PreferIndividual}})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, c := range rec.Conflicts {
		codes = append(codes, c.Code)
		if len(c.Suggestions) == 0 {
			t.Errorf("conflict %s has no suggestions", c.Code)
		}
	}
	for _, want := range []string{"hours_short", "must_keep_working", "prefers_individual"} {
		if !slices.Contains(codes, want) {
			t.Errorf("conflicts %v lack %s", codes, want)
		}
	}
	// An IOP with too few hours: the level stays, the conflict suggests an evening track.
	rec, _ = Recommend(Profile{Answers: Answers{PHQ9: phq(16, 0)}, Context: Context{Support: SupportStrong, WeeklyHoursAvailable: ptr(4)}})
	if rec.Level != carepath.LevelIOP || len(rec.Conflicts) != 1 || rec.Conflicts[0].Code != "hours_short" {
		t.Fatalf("level %s conflicts %+v", rec.Level, rec.Conflicts)
	}
}

func TestWouldChange(t *testing.T) {
	rec, err := Recommend(Profile{Answers: Answers{PHQ9: phq(22, 0)}, Context: Context{Support: SupportStrong, StableHousing: ptr(true)}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		dir   string
		level carepath.Level
	}{
		"symptoms_improve": {"down", carepath.LevelIOP},
		"needs_24h":        {"up", carepath.LevelInpatient},
	}
	got := map[string]Change{}
	for _, c := range rec.WouldChange {
		got[c.Code] = c
		if c.Level == rec.Level {
			t.Errorf("would_change %s does not change the level", c.Code)
		}
	}
	for code, w := range want {
		c, ok := got[code]
		if !ok || c.Direction != w.dir || c.Level != w.level {
			t.Errorf("would_change[%s] = %+v, want %s to %s", code, c, w.dir, w.level)
		}
	}
	// Home does not set the level of a person who does not use: losing support moves nothing.
	for _, c := range rec.WouldChange {
		if c.Code == "support_lost" {
			t.Errorf("would_change %+v for a person with depression alone", c)
		}
	}
	// For a person who uses, it does.
	rec, _ = Recommend(Profile{Answers: Answers{DAST10: dast(9)}, Context: Context{Support: SupportStrong, StableHousing: ptr(true), Withdrawal: SeverityNone}})
	if !slices.ContainsFunc(rec.WouldChange, func(c Change) bool {
		return c.Code == "support_lost" && c.Direction == "up" && c.Level == carepath.LevelResidential
	}) {
		t.Errorf("level %s, would_change %+v lacks support_lost up to residential", rec.Level, rec.WouldChange)
	}
	// Given ratings are tried one step up and down.
	rec, _ = Recommend(Profile{Dimensions: ratings(3, -1, -1, -1, -1, -1)})
	found := false
	for _, c := range rec.WouldChange {
		if c.Code == "rating_withdrawal" && c.Direction == "up" && c.Level == carepath.LevelInpatient {
			found = true
		}
	}
	if rec.Level != carepath.LevelResidential || !found {
		t.Errorf("level %s, would_change %+v", rec.Level, rec.WouldChange)
	}
}

func TestDeterministic(t *testing.T) {
	p := Profile{Answers: Answers{PHQ9: phq(17, 1), GAD7: []int{2, 2, 2, 2, 1, 1, 1}, AUDIT: audit(14), DAST10: dast(3)},
		Context: Context{Support: SupportSome, MustKeepWorking: true, WeeklyHoursAvailable: ptr(10)}}
	a, _ := Recommend(p)
	for range 20 {
		b, _ := Recommend(p)
		if !slices.EqualFunc(a.Reasons, b.Reasons, func(x, y Reason) bool { return x == y }) ||
			!slices.EqualFunc(a.WouldChange, b.WouldChange, func(x, y Change) bool { return x == y }) || a.Level != b.Level {
			t.Fatal("Recommend is not deterministic")
		}
	}
}

// ratings builds Ratings from six values in carepath.Dimensions order; -1 means not given.
func ratings(v ...int) Ratings {
	var r Ratings
	for i, x := range v {
		if x >= 0 {
			r.setAt(i, x)
		}
	}
	return r
}
