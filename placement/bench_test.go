package placement

import (
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
)

// fullProfile has all five instruments and every context field.
func fullProfile() Profile {
	cov := &cost.Coverage{DeductibleRemaining: ptr(carepath.Cents(50000)), CoinsurancePercent: ptr(20), OutOfPocketRemaining: ptr(carepath.Cents(300000))}
	return Profile{
		Answers: Answers{PHQ9: phq(17, 1), GAD7: []int{2, 2, 2, 2, 1, 1, 1}, AUDIT: []int{3, 2, 2, 1, 1, 0, 1, 1, 2, 0}, DAST10: dast(4)},
		Context: Context{SubstanceUse: ptr(true), Sex: "female", RecentLevel: "outpatient", CompletedRecentLevel: false,
			RelapsedAfterTreatment: true, AtRiskOfHospitalization: false, NeedsTwentyFourHourCare: false, LivesWithActiveUsers: false,
			StableHousing: ptr(true), TroubleKeepingSchedule: false, Support: SupportSome, WeeklyHoursAvailable: ptr(8),
			MustKeepWorking: true, Preference: PreferIndividual, SelfHarm: false, Withdrawal: SeverityMild, MedicalNeeds: SeverityMild, Readiness: ReadinessUnsure},
		Coverage: cov,
	}
}

// BenchmarkRecommendFullProfile measures one full profile: five instruments scored, six
// dimensions derived, the rubric, every counterfactual, conflicts and priced options.
func BenchmarkRecommendFullProfile(b *testing.B) {
	p := fullProfile()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Recommend(p); err != nil {
			b.Fatal(err)
		}
	}
}
