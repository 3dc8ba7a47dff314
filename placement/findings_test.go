package placement

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// The tests in this file are named after the findings of the clinical review of the engine
// and the rules that answer them. testdata/safety_cases.json holds one row for each as well.

// mustRecommend recommends for p and fails the test on an error.
func mustRecommend(t *testing.T, p Profile) Recommendation {
	t.Helper()
	rec, err := Recommend(p)
	if err != nil {
		t.Fatalf("Recommend(%+v): %v", p, err)
	}
	return rec
}

// text is everything rec says in words, in lower case.
func text(t *testing.T, rec Recommendation) string {
	t.Helper()
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ToLower(string(b))
}

// codes lists the codes of reasons, services, flags or changes.
func codes[T any](list []T, code func(T) string) []string {
	var out []string
	for _, x := range list {
		out = append(out, code(x))
	}
	return out
}

func reasonCodes(rec Recommendation) []string {
	return codes(rec.Reasons, func(r Reason) string { return r.Code })
}
func serviceCodes(rec Recommendation) []string {
	return codes(rec.Services, func(s Service) string { return s.Code })
}
func flagCodes(rec Recommendation) []string {
	return codes(rec.Flags, func(f Flag) string { return f.Code })
}

// everyRating yields Ratings that set dimension i to r, for every dimension and rating.
func everyRating(yield func(Ratings) bool) {
	for i := range carepath.Dimensions {
		for r := range carepath.MaxRating + 1 {
			var rt Ratings
			rt.setAt(i, r)
			if !yield(rt) {
				return
			}
		}
	}
	for r := range carepath.MaxRating + 1 {
		var rt Ratings
		for i := range carepath.Dimensions {
			rt.setAt(i, r)
		}
		if !yield(rt) {
			return
		}
	}
}

// Finding 1: a clinician's psychiatric rating of 0 replaced the escalation from PHQ-9 item 9,
// and the answer said "no risk in any area" while crisis was true.
func TestFloorClinicianRatingCannotHideItem9(t *testing.T) {
	for item9 := 1; item9 <= 3; item9++ {
		for rt := range everyRating {
			p := Profile{Answers: Answers{PHQ9: phq(27, item9)}, Dimensions: rt}
			rec := mustRecommend(t, p)
			if rec.Level.Rank() < carepath.LevelIOP.Rank() || rec.Floor.Level != carepath.LevelIOP || !rec.Crisis ||
				rec.Urgency != UrgencyToday && rec.Urgency != UrgencyEmergency {
				t.Fatalf("item 9 = %d, ratings %+v: level %s floor %s crisis %v urgency %s", item9, rt, rec.Level, rec.Floor.Level, rec.Crisis, rec.Urgency)
			}
			if s := text(t, rec); strings.Contains(s, "no risk") {
				t.Fatalf("item 9 = %d, ratings %+v: the answer says no risk", item9, rt)
			}
		}
	}
}

// The floor of every safety table row holds whatever a clinician rates and whatever practical
// limits the person has.
func TestFloorHoldsWhateverTheRatingsAndLimits(t *testing.T) {
	for name, p := range safetyProfiles(t) {
		base := mustRecommend(t, p)
		for rt := range everyRating {
			q := p
			q.Dimensions = rt
			rec := mustRecommend(t, q)
			if rec.Floor.Level.Rank() < base.Floor.Level.Rank() || rec.Level.Rank() < base.Floor.Level.Rank() {
				t.Fatalf("%s with ratings %+v: level %s floor %s, below the floor %s", name, rt, rec.Level, rec.Floor.Level, base.Floor.Level)
			}
			if urgencyOf(rec.Urgency) < floorUrgency(base) {
				t.Fatalf("%s with ratings %+v: urgency %s, below the floor's", name, rt, rec.Urgency)
			}
			if wmOf(rec.WithdrawalManagement) < wmOf(base.WithdrawalManagement) {
				t.Fatalf("%s with ratings %+v: withdrawal management %s, below %s", name, rt, rec.WithdrawalManagement, base.WithdrawalManagement)
			}
		}
		q := p
		q.Context.MustKeepWorking, q.Context.WeeklyHoursAvailable, q.Context.Preference = true, ptr(0), PreferIndividual
		q.Context.TroubleKeepingSchedule = true
		if rec := mustRecommend(t, q); rec.Level.Rank() < base.Floor.Level.Rank() || rec.Floor.Level != base.Floor.Level {
			t.Fatalf("%s with every practical limit: level %s floor %s, want at least %s", name, rec.Level, rec.Floor.Level, base.Floor.Level)
		}
	}
}

// floorUrgency is the most urgent of rec's floor reasons.
func floorUrgency(rec Recommendation) urgency {
	u := uRoutine
	for _, r := range rec.Floor.Reasons {
		u = max(u, urgencyOf(r.Urgency))
	}
	return u
}

// safetyProfiles decodes the profiles of testdata/safety_cases.json, by row name.
func safetyProfiles(t *testing.T) map[string]Profile {
	t.Helper()
	data, err := os.ReadFile("testdata/safety_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Name    string          `json:"name"`
		Profile json.RawMessage `json:"profile"`
	}
	if err := json.Unmarshal(data, &rows); err != nil {
		t.Fatal(err)
	}
	out := map[string]Profile{}
	for _, r := range rows {
		p, err := DecodeBytes(r.Profile)
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		out[r.Name] = p
	}
	return out
}

// The safety table's profiles read the same through both decoders.
func TestSafetyProfilesDecodeAlike(t *testing.T) {
	data, _ := os.ReadFile("testdata/safety_cases.json")
	var rows []struct {
		Name    string          `json:"name"`
		Profile json.RawMessage `json:"profile"`
	}
	if err := json.Unmarshal(data, &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		fast, ok := decodeFast(r.Profile)
		careful, err := decodeCareful(r.Profile)
		if !ok || err != nil {
			t.Fatalf("%s: fast %v, careful %v", r.Name, ok, err)
		}
		a, _ := json.Marshal(fast)
		b, _ := json.Marshal(careful)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the decoders differ:\n%s\n%s", r.Name, a, b)
		}
	}
}

// Finding 2: moderate withdrawal with AUDIT 36 gave an IOP that "needs checking several times a
// week". Alcohol or sedative withdrawal that is moderate or worse never leaves withdrawal
// management at none, and never recommends an IOP or outpatient care alone.
func TestWithdrawalModerateAlcoholNeverIOP(t *testing.T) {
	severities := []Severity{SeverityModerate, SeveritySevere}
	substances := [][]Substance{nil, {SubstanceAlcohol}, {SubstanceSedatives}, {SubstanceAlcohol, SubstanceOpioids}, {SubstanceOther}}
	contexts := []Context{{}, {Support: SupportStrong, StableHousing: ptr(true)}, {Support: SupportNone}, {Age: ptr(17)}, {Age: ptr(72)},
		{MedicalNeeds: SeverityModerate}, {MustKeepWorking: true, WeeklyHoursAvailable: ptr(2)}}
	answers := []Answers{{AUDIT: []int{4, 4, 4, 4, 4, 4, 4, 4, 2, 0}}, {AUDIT: audit(9)}, {AUDITC: []int{1, 1, 0}}, {PHQ9: phq(3, 0)}}
	for _, sev := range severities {
		for _, subs := range substances {
			for _, c := range contexts {
				for _, a := range answers {
					for rt := range everyRating {
						c.Withdrawal, c.Substances = sev, subs
						rec := mustRecommend(t, Profile{Answers: a, Context: c, Dimensions: rt})
						if wmOf(rec.WithdrawalManagement) < wmOf(WMAmbulatoryExtended) || rec.Level.Rank() < carepath.LevelIOP.Rank() {
							t.Fatalf("%s withdrawal from %v, context %+v, ratings %+v: level %s with withdrawal management %s",
								sev, subs, c, rt, rec.Level, rec.WithdrawalManagement)
						}
						if s := text(t, rec); strings.Contains(s, "needs checking several times a week") {
							t.Fatal("the old IOP text is back")
						}
						if !slices.Contains(flagCodes(rec), "do_not_stop_abruptly") {
							t.Fatalf("%s withdrawal from %v: no caution against stopping suddenly", sev, subs)
						}
					}
				}
			}
		}
	}
	// A CIWA-Ar in the moderate band (10–15) is the same rule.
	for total := 10; total <= 15; total++ {
		ciwa := make([]int, 10)
		for i, left := 0, total; left > 0; i++ {
			ciwa[i] = min(left, 4)
			left -= ciwa[i]
		}
		rec := mustRecommend(t, Profile{Answers: Answers{CIWAAr: ciwa}, Dimensions: ratings(0, 0, 0, 0, 0, 0)})
		if rec.WithdrawalManagement != WMAmbulatoryExtended || rec.Level != carepath.LevelIOP {
			t.Errorf("CIWA-Ar %d: level %s with %s", total, rec.Level, rec.WithdrawalManagement)
		}
	}
}

// Any history of seizures or delirium tremens, for a person still using alcohol or sedatives,
// never leaves withdrawal management at none and never recommends an IOP or outpatient care.
func TestWithdrawalHistoryNeverNone(t *testing.T) {
	for _, h := range []WithdrawalEvent{WithdrawalSeizures, WithdrawalDeliriumTremens} {
		for _, w := range []Severity{SeverityUnknown, SeverityNone, SeverityMild} {
			for _, subs := range [][]Substance{nil, {SubstanceAlcohol}, {SubstanceSedatives, SubstanceCannabis}} {
				rec := mustRecommend(t, Profile{Answers: Answers{AUDITC: []int{2, 1, 1}}, Dimensions: ratings(0, -1, -1, -1, -1, -1),
					Context: Context{WithdrawalHistory: []WithdrawalEvent{h}, Withdrawal: w, Substances: subs}})
				if wmOf(rec.WithdrawalManagement) < wmOf(WMResidential) || rec.Level.Rank() < carepath.LevelResidential.Rank() {
					t.Errorf("%s before, %q now, %v: level %s with %s", h, w, subs, rec.Level, rec.WithdrawalManagement)
				}
			}
		}
	}
	// Someone who says they no longer use anything has no withdrawal to manage.
	rec := mustRecommend(t, Profile{Answers: Answers{PHQ9: phq(6, 0)}, Context: Context{WithdrawalHistory: []WithdrawalEvent{WithdrawalSeizures},
		Substances: []Substance{}, SubstanceUse: ptr(false)}})
	if rec.WithdrawalManagement != WMNone {
		t.Errorf("no use now: withdrawal management %s", rec.WithdrawalManagement)
	}
}

// Finding 2, second half: "nothing much happens when I stop" switched the caution off, even
// with a daily morning drink (AUDIT item 6).
func TestWithdrawalNotRuledOutWithMorningDrinking(t *testing.T) {
	for item6 := 0; item6 <= 4; item6++ {
		a := []int{3, 2, 1, 0, 0, item6, 0, 0, 0, 0}
		rec := mustRecommend(t, Profile{Answers: Answers{AUDIT: a}, Context: Context{Withdrawal: SeverityNone}})
		notRuledOut := slices.Contains(flagCodes(rec), "withdrawal_not_ruled_out") && slices.Contains(flagCodes(rec), "do_not_stop_abruptly")
		if want := item6 >= 2; notRuledOut != want || (rec.WithdrawalManagement != WMNone) != want {
			t.Errorf("AUDIT item 6 = %d with no withdrawal reported: not ruled out %v, withdrawal management %s", item6, notRuledOut, rec.WithdrawalManagement)
		}
		if item6 >= 2 && !strings.Contains(rec.Dimensions.Withdrawal.Basis, "not ruled out") {
			t.Errorf("AUDIT item 6 = %d: withdrawal basis %q", item6, rec.Dimensions.Withdrawal.Basis)
		}
	}
	// Items 4–6 together: not able to stop and failing expectations, weekly.
	rec := mustRecommend(t, Profile{Answers: Answers{AUDIT: []int{3, 2, 1, 3, 1, 0, 0, 0, 0, 0}}, Context: Context{Withdrawal: SeverityNone}})
	if !slices.Contains(flagCodes(rec), "withdrawal_not_ruled_out") {
		t.Errorf("AUDIT items 4–6 adding to 4: flags %v", flagCodes(rec))
	}
}

// Finding 3: severe depression with item 9 = 3 gave a PHP "home is safe enough to return to
// each evening", on the strength of "support: strong" alone.
func TestNoSafeHomeTextWhenSuicidal(t *testing.T) {
	homes := []Context{{Support: SupportStrong}, {Support: SupportStrong, StableHousing: ptr(true)}, {Support: SupportSome}, {}}
	crises := []func(*Profile){
		func(p *Profile) { p.Answers.PHQ9 = phq(27, 3) },
		func(p *Profile) { p.Answers.PHQ9 = phq(24, 1) },
		func(p *Profile) { p.Answers.PHQ9 = phq(24, 0); p.Context.SelfHarm = true },
		func(p *Profile) {
			p.Answers.PHQ9 = phq(24, 0)
			p.Answers.CSSRS = []bool{true, false, false, false, false, false}
		},
	}
	for _, home := range homes {
		for i, crisis := range crises {
			p := Profile{Context: home}
			crisis(&p)
			rec := mustRecommend(t, p)
			s := text(t, rec)
			for _, claim := range []string{"home is safe", "safe enough to return", "going home each evening can work"} {
				if strings.Contains(s, claim) {
					t.Errorf("crisis %d, home %+v: the answer says %q", i, home, claim)
				}
			}
			if !rec.Crisis || slices.Contains(reasonCodes(rec), "home_each_evening") {
				t.Errorf("crisis %d, home %+v: crisis %v reasons %v", i, home, rec.Crisis, reasonCodes(rec))
			}
		}
	}
	// Without suicidal thoughts, and with support said to be there, the PHP may say so.
	rec := mustRecommend(t, Profile{Answers: Answers{PHQ9: phq(24, 0)}, Context: Context{Support: SupportStrong}})
	if !slices.Contains(reasonCodes(rec), "home_each_evening") {
		t.Errorf("reasons %v", reasonCodes(rec))
	}
}

// Finding 5: living with people who use made a person who does not use residential.
func TestLivingWithUsersCountsOnlyForSubstanceUse(t *testing.T) {
	for total := 0; total <= 27; total++ {
		rec := mustRecommend(t, Profile{Answers: Answers{PHQ9: phq(total, 0)}, Context: Context{LivesWithActiveUsers: true, SubstanceUse: ptr(false)}})
		if rec.Level.Rank() >= carepath.LevelResidential.Rank() || slices.Contains(reasonCodes(rec), "environment_high_risk") {
			t.Errorf("PHQ-9 %d, living with people who use, not using: level %s reasons %v", total, rec.Level, reasonCodes(rec))
		}
	}
	rec := mustRecommend(t, Profile{Answers: Answers{AUDIT: audit(12)}, Context: Context{LivesWithActiveUsers: true}})
	if rec.Level != carepath.LevelResidential {
		t.Errorf("hazardous drinking, living with people who use: level %s", rec.Level)
	}
}

// Finding 5: home trouble alone (mental health only) gave residential. It now gives housing
// help and case management at the level the clinical problem needs.
func TestHomeTroubleWithoutSubstanceUseIsNotResidential(t *testing.T) {
	homes := []Context{{StableHousing: ptr(false), TroubleKeepingSchedule: true}, {StableHousing: ptr(false)}, {Support: SupportNone},
		{StableHousing: ptr(false), Support: SupportNone, TroubleKeepingSchedule: true}}
	for _, home := range homes {
		home.SubstanceUse = ptr(false)
		for total := 0; total <= 27; total++ {
			rec := mustRecommend(t, Profile{Answers: Answers{PHQ9: phq(total, 0)}, Context: home})
			alone := mustRecommend(t, Profile{Answers: Answers{PHQ9: phq(total, 0)}, Context: Context{SubstanceUse: ptr(false), Support: SupportStrong}})
			if rec.Level.Rank() >= carepath.LevelResidential.Rank() {
				t.Errorf("PHQ-9 %d, home %+v: level %s", total, home, rec.Level)
			}
			if home.Support != SupportNone && rec.Level != alone.Level {
				t.Errorf("PHQ-9 %d, home %+v: level %s, but %s with a stable home: housing set the level", total, home, rec.Level, alone.Level)
			}
			if !slices.Contains(serviceCodes(rec), "case_management") ||
				(home.StableHousing != nil && !slices.Contains(serviceCodes(rec), "supportive_housing")) {
				t.Errorf("PHQ-9 %d, home %+v: services %v", total, home, serviceCodes(rec))
			}
		}
	}
}

// Finding 5: a physical illness alone gave a PHP. It is a medical referral, not a program.
func TestPhysicalConditionAloneIsMedicalReferral(t *testing.T) {
	for _, sev := range []Severity{SeverityModerate, SeveritySevere} {
		for _, needs24h := range []bool{false, true} {
			rec := mustRecommend(t, Profile{Answers: Answers{PHQ9: phq(3, 0), GAD7: make([]int, 7)},
				Context: Context{MedicalNeeds: sev, NeedsTwentyFourHourCare: needs24h, Support: SupportStrong}})
			if rec.Level != carepath.LevelNone || rec.Referral != ReferralMedical || !slices.Contains(reasonCodes(rec), "medical_referral") ||
				!slices.Contains(serviceCodes(rec), "medical_care") {
				t.Errorf("%s physical problem (24 h %v) alone: level %s referral %q reasons %v", sev, needs24h, rec.Level, rec.Referral, reasonCodes(rec))
			}
			if needs24h && rec.Urgency != UrgencyToday {
				t.Errorf("a need for 24-hour medical care alone: urgency %s, want today", rec.Urgency)
			}
		}
	}
	// With a behavioral problem as well, the program and the referral both stand.
	rec := mustRecommend(t, Profile{Answers: Answers{PHQ9: phq(8, 0)}, Context: Context{MedicalNeeds: SeveritySevere}})
	if rec.Level != carepath.LevelPHP || rec.Referral != ReferralMedical {
		t.Errorf("with mild depression: level %s referral %q", rec.Level, rec.Referral)
	}
}

// Finding 5: the AUDIT could never exceed "moderately severe", so AUDIT 40 ranked below DAST-10
// 9. Every instrument's top band counts as severe.
func TestTopBandCountsAsSevere(t *testing.T) {
	contexts := []Context{{}, {Support: SupportStrong}, {Support: SupportNone}, {Withdrawal: SeverityNone}}
	for _, c := range contexts {
		a := mustRecommend(t, Profile{Answers: Answers{AUDIT: []int{4, 4, 4, 4, 4, 4, 4, 4, 2, 2}}, Context: c})
		d := mustRecommend(t, Profile{Answers: Answers{DAST10: dast(9)}, Context: c})
		if a.Level.Rank() < d.Level.Rank() {
			t.Errorf("context %+v: AUDIT 40 gives %s, below DAST-10 9's %s", c, a.Level, d.Level)
		}
	}
	for _, id := range []instrument.ID{instrument.PHQ9, instrument.GAD7, instrument.AUDIT, instrument.DAST10, instrument.COWS} {
		in, _ := instrument.Get(id)
		if r := bandRank(in.Bands[len(in.Bands)-1].Code); r != 4 {
			t.Errorf("%s: top band ranks %d", in.Name, r)
		}
	}
	if g, p := mustRecommend(t, Profile{Answers: Answers{GAD7: []int{3, 3, 3, 3, 3, 3, 3}}}), mustRecommend(t, Profile{Answers: Answers{PHQ9: phq(27, 0)}}); g.Level != p.Level {
		t.Errorf("GAD-7 21 gives %s, PHQ-9 27 gives %s", g.Level, p.Level)
	}
}

// Finding 5: leaving inpatient care early gave less care than completing it.
func TestLeavingCareEarlyCountsAtLeastAsMuchAsCompleting(t *testing.T) {
	for _, recent := range carepath.Levels {
		for total := 0; total <= 27; total += 3 {
			p := Profile{Answers: Answers{PHQ9: phq(total, 0)}, Context: Context{RecentLevel: recent, CompletedRecentLevel: true}}
			done := mustRecommend(t, p)
			p.Context.CompletedRecentLevel = false
			left := mustRecommend(t, p)
			if left.Level.Rank() < done.Level.Rank() {
				t.Errorf("after %s, PHQ-9 %d: leaving early gives %s, completing gives %s", recent, total, left.Level, done.Level)
			}
		}
	}
}

// Finding 5: "some support" with no symptoms gave therapy. Minimal symptoms and no risk give no
// treatment and the offer of a consultation, and never the words "no risk".
func TestNoSymptomsNoRiskGivesNone(t *testing.T) {
	for _, support := range []Support{SupportUnknown, SupportStrong, SupportSome, SupportNone} {
		for _, ready := range []Readiness{ReadinessUnknown, ReadinessReady, ReadinessUnsure, ReadinessNotReady} {
			for total := 0; total <= 4; total++ {
				rec := mustRecommend(t, Profile{Answers: Answers{PHQ9: phq(total, 0), GAD7: []int{1, 1, 1, 1, 0, 0, 0}},
					Context: Context{Support: support, Readiness: ready, StableHousing: ptr(true)}})
				if rec.Level != carepath.LevelNone || !slices.Contains(reasonCodes(rec), "no_current_need") {
					t.Errorf("PHQ-9 %d, support %q, readiness %q: level %s reasons %v", total, support, ready, rec.Level, reasonCodes(rec))
				}
				if strings.Contains(text(t, rec), "no risk") {
					t.Errorf("PHQ-9 %d, support %q: the answer says no risk", total, support)
				}
			}
		}
	}
}

// Readiness to change shapes the suggestions: motivational interviewing first when it is low.
func TestLowReadinessPutsMotivationalInterviewingFirst(t *testing.T) {
	for _, r := range []Readiness{ReadinessUnknown, ReadinessReady, ReadinessUnsure, ReadinessNotReady} {
		rec := mustRecommend(t, Profile{Answers: Answers{AUDIT: audit(12), PHQ9: phq(8, 1)}, Context: Context{Readiness: r}})
		s := serviceCodes(rec)
		low := r == ReadinessUnsure || r == ReadinessNotReady
		if low != (len(s) > 0 && s[0] == "motivational_interviewing") || (!low && slices.Contains(s, "motivational_interviewing")) {
			t.Errorf("readiness %q: services %v", r, s)
		}
	}
}

// The C-SSRS screener: wish or thoughts only → today; thoughts with a method → today and at
// least an IOP; intent, a plan with intent or behaviour in the past 3 months → emergency,
// inpatient, crisis. Every combination of answers is tried.
func TestCSSRSSetsUrgencyAndFloor(t *testing.T) {
	for bits := range 1 << 6 {
		for _, recent := range []*bool{nil, ptr(true), ptr(false)} {
			yes := make([]bool, 6)
			for i := range yes {
				yes[i] = bits&(1<<i) != 0
			}
			if recent != nil && !yes[5] {
				continue
			}
			rec := mustRecommend(t, Profile{Answers: Answers{CSSRS: yes, CSSRSBehaviorPast3Months: recent}, Dimensions: ratings(0, 0, 0, 0, 0, 0)})
			high := yes[3] || yes[4] || (yes[5] && (recent == nil || *recent))
			method := yes[2]
			switch {
			case high:
				if rec.Urgency != UrgencyEmergency || rec.Level != carepath.LevelInpatient || !rec.Crisis {
					t.Errorf("%v %v: urgency %s level %s crisis %v", yes, recent, rec.Urgency, rec.Level, rec.Crisis)
				}
			case method:
				if rec.Urgency != UrgencyToday || rec.Level.Rank() < carepath.LevelIOP.Rank() || !rec.Crisis {
					t.Errorf("%v %v: urgency %s level %s", yes, recent, rec.Urgency, rec.Level)
				}
			case bits != 0:
				if rec.Urgency != UrgencyToday || !rec.Crisis || rec.Level.Rank() < carepath.LevelOutpatient.Rank() {
					t.Errorf("%v %v: urgency %s level %s crisis %v", yes, recent, rec.Urgency, rec.Level, rec.Crisis)
				}
			default:
				if rec.Crisis || rec.Level != carepath.LevelNone {
					t.Errorf("all no: crisis %v level %s", rec.Crisis, rec.Level)
				}
			}
		}
	}
}

// A what-if never suggests a level below the floor, unless it is about the risk answers
// themselves (withdrawal safely behind the person).
func TestWouldChangeNeverBelowFloor(t *testing.T) {
	for name, p := range safetyProfiles(t) {
		for _, rt := range []Ratings{{}, ratings(0, 0, 0, 0, 0, 0), ratings(2, 2, 2, 2, 2, 2)} {
			q := p
			if rt.given != 0 {
				q.Dimensions = rt
			}
			rec := mustRecommend(t, q)
			for _, c := range rec.WouldChange {
				if c.Code != "withdrawal_managed" && c.Level.Rank() < rec.Floor.Level.Rank() {
					t.Errorf("%s: would_change %s to %s, below the floor %s", name, c.Code, c.Level, rec.Floor.Level)
				}
			}
		}
	}
}

// No what-if is offered about home or withdrawal when the person was not asked about them.
func TestNoHomeOrWithdrawalWhatIfsWhenNotAsked(t *testing.T) {
	homeOrWithdrawal := []string{"support_strong", "support_lost", "housing_stable", "housing_lost", "away_from_users", "with_users",
		"withdrawal_managed", "withdrawal_severe"}
	profiles := []Profile{
		{Answers: Answers{PHQ9: phq(22, 0)}},
		{Answers: Answers{AUDIT: []int{4, 4, 4, 4, 4, 4, 4, 4, 2, 2}}},
		{Answers: Answers{DAST10: dast(7), PHQ9: phq(14, 1)}},
		{Dimensions: ratings(-1, -1, 3, -1, 3, -1)},
	}
	for _, p := range profiles {
		rec := mustRecommend(t, p)
		for _, c := range rec.WouldChange {
			if slices.Contains(homeOrWithdrawal, c.Code) {
				t.Errorf("%+v: would_change %s about something not asked", p.Answers, c.Code)
			}
		}
	}
}

// An adolescent IOP gives at least 6 hours a week, and the hours conflict follows it.
func TestAdolescentIOPHours(t *testing.T) {
	p := Profile{Answers: Answers{PHQ9: phq(17, 0)}, Context: Context{Age: ptr(15), WeeklyHoursAvailable: ptr(7), Support: SupportStrong}}
	rec := mustRecommend(t, p)
	var iop Option
	for _, o := range rec.Options {
		if o.Level == carepath.LevelIOP {
			iop = o
		}
	}
	if rec.Level != carepath.LevelIOP || iop.HoursPerWeek.Min != 6 || len(rec.Conflicts) != 0 {
		t.Errorf("adolescent: level %s, IOP hours %+v, conflicts %+v", rec.Level, iop.HoursPerWeek, rec.Conflicts)
	}
	if !slices.Contains(iop.Cons, "A bigger time commitment: at least 6 hours a week.") ||
		!slices.Contains(flagCodes(rec), "adolescent") || !slices.Contains(serviceCodes(rec), "guardian_involvement") {
		t.Errorf("adolescent: IOP cons %q, flags %v, services %v", iop.Cons, flagCodes(rec), serviceCodes(rec))
	}
	p.Context.Age = ptr(30)
	if rec := mustRecommend(t, p); len(rec.Conflicts) != 1 || rec.Conflicts[0].Code != "hours_short" {
		t.Errorf("adult with 7 hours: conflicts %+v", rec.Conflicts)
	}
}

// Opioid use shows medication for opioid use disorder and naloxone in the result and in every
// option.
func TestOpioidsShowMedicationAndNaloxone(t *testing.T) {
	for _, total := range []int{0, 3, 6, 9} {
		rec := mustRecommend(t, Profile{Answers: Answers{DAST10: dast(total)}, Context: Context{Substances: []Substance{SubstanceOpioids}}})
		if s := serviceCodes(rec); !slices.Contains(s, "moud") || !slices.Contains(s, "naloxone") {
			t.Errorf("DAST-10 %d with opioids: services %v", total, s)
		}
		for _, o := range rec.Options {
			all := strings.Join(append(slices.Clone(o.Pros), o.Cons...), " ")
			if !strings.Contains(all, "opioid use disorder") {
				t.Errorf("DAST-10 %d with opioids: option %s says nothing of medication: %q", total, o.Level, all)
			}
		}
	}
}

// Codes are unique across the rubric, the floor and the fixed reasons, so a code names one rule.
func TestCodesAreUnique(t *testing.T) {
	seen := map[string]bool{"no_current_need": true, "medical_referral": true}
	for _, r := range Rubric {
		if seen[r.Code] {
			t.Errorf("code %s used twice", r.Code)
		}
		seen[r.Code] = true
	}
	for _, r := range FloorRules {
		if seen[r.Code] || r.Code == "" || r.Text == "" || rankOf(r.Level) == rankUnknown || urgencyOf(r.Urgency) == uRoutine && r.Urgency != UrgencyRoutine {
			t.Errorf("floor rule %+v", r)
		}
		seen[r.Code] = true
	}
}

// A what-if that keeps the floor really does: working its floor out again gives the floor it
// keeps, for every profile of the safety table.
func TestWhatIfsThatKeepTheFloorDo(t *testing.T) {
	for name, p := range safetyProfiles(t) {
		var errs carepath.FieldErrors
		var mem [nQuestionnaires]instrument.Score
		_, sev := scoreAnswers(&mem, &p.Answers, p.Context.Sex, &errs)
		in := flatten(&p, sev)
		var base facts
		derive(&base, &in, nil)
		for _, wi := range whatIfs {
			if !wi.Floor.keepsFloor(&in, &base) {
				continue
			}
			changed := in
			wi.Apply(&changed)
			var kept, again facts
			derive(&kept, &changed, &base)
			derive(&again, &changed, nil)
			if kept != again {
				t.Errorf("%s, what-if %s: keeping the floor gives %+v, working it out gives %+v", name, wi.Code, kept, again)
			}
		}
	}
}

// The severity of each band follows its place among its instrument's bands: counting up from
// 0, at most 3, and 4 for the top band.
func TestBandRanksFollowBandOrder(t *testing.T) {
	for _, id := range []instrument.ID{instrument.PHQ9, instrument.GAD7, instrument.AUDIT, instrument.DAST10, instrument.COWS} {
		in, _ := instrument.Get(id)
		for i, b := range in.Bands {
			want := int8(min(i, 3))
			if i == len(in.Bands)-1 {
				want = 4
			}
			if got := bandRank(b.Code); got != want {
				t.Errorf("%s band %s ranks %d, want %d", in.Name, b.Code, got, want)
			}
		}
	}
}
