package placement

import "math/bits"

// Dimension indexes into Ratings, in carepath.Dimensions order.
const (
	iWithdrawal = iota
	iBiomedical
	iPsychiatric
	iReadiness
	iRelapse
	iEnvironment
)

// A plain severity answer as derive reads it: 0–3, or notAsked.
const (
	notAsked    int8 = -1
	sevNone     int8 = 0
	sevMild     int8 = 1
	sevModerate int8 = 2
	sevSevere   int8 = 3
)

// severityRating turns a plain severity answer into a 0–3 rating, and -1 for an unknown word.
func severityRating(s Severity) int8 {
	switch s {
	case SeverityUnknown, SeverityNone:
		return sevNone
	case SeverityMild:
		return sevMild
	case SeverityModerate:
		return sevModerate
	case SeveritySevere:
		return sevSevere
	}
	return -1
}

// housing is the answer to context.stable_housing.
type housing int8

// The housing answers.
const (
	housingNotAsked housing = iota
	housingStable
	housingUnstable
)

// supportKind is Support as a small number.
type supportKind int8

// The support answers.
const (
	supportNotAsked supportKind = iota
	strongSupport
	someSupport
	noSupport
)

// readiness is Readiness as a small number.
type readiness int8

// The readiness answers.
const (
	readinessNotAsked readiness = iota
	readyToChange
	unsureAboutChange
	notReadyToChange
)

// inputs is a profile flattened into small numbers: everything derive reads. It holds no
// pointers, so the what-ifs change copies of it cheaply.
type inputs struct {
	severities                  // from the questionnaires
	ratings         Ratings     // the ratings a clinician gave
	saysUse         bool        // context.substance_use is true
	saysNoUse       bool        // context.substance_use is false and no screen is positive
	recent          rank        // context.recent_level
	completed       bool        // context.completed_recent_level
	relapsed        bool        // context.relapsed_after_treatment
	hospitalRisk    bool        // context.at_risk_of_hospitalization
	needs24h        bool        // context.needs_24h_supervision
	withUsers       bool        // context.lives_with_active_users
	housing         housing     // context.stable_housing
	noSchedule      bool        // context.trouble_keeping_schedule
	support         supportKind // context.support
	selfHarm        bool        // context.self_harm
	withdrawal      int8        // context.withdrawal: 0–3, or notAsked
	medical         int8        // context.medical: 0–3, none when not asked
	readiness       readiness   // context.readiness
	substances      uint8       // context.substances, as use* bits
	substancesGiven bool        // context.substances was answered (perhaps with none)
	history         uint8       // context.withdrawal_history, as hist* bits
	age             int16       // context.age, -1 when not given
	pregnant        bool        // context.pregnant
	intoxication    int8        // context.intoxication: 0–3
	detoxed         bool        // a what-if: withdrawal is safely behind the person
}

// substanceBits and historyBits are the bit of each answer.
var (
	substanceBits = map[Substance]uint8{SubstanceAlcohol: useAlcohol, SubstanceSedatives: useSedatives, SubstanceOpioids: useOpioids,
		SubstanceStimulants: useStimulants, SubstanceCannabis: useCannabis, SubstanceOther: useOther}
	historyBits = map[WithdrawalEvent]uint8{WithdrawalSeizures: histSeizures, WithdrawalDeliriumTremens: histDeliriumTremens,
		WithdrawalComplicated: histComplicated}
)

// flatten reads what derive needs from a checked profile and its scored answers.
func flatten(p *Profile, s severities) inputs {
	c := &p.Context
	in := inputs{
		severities: s, ratings: p.Dimensions,
		saysUse: c.SubstanceUse != nil && *c.SubstanceUse, recent: rankOf(c.RecentLevel), completed: c.CompletedRecentLevel,
		relapsed: c.RelapsedAfterTreatment, hospitalRisk: c.AtRiskOfHospitalization, needs24h: c.NeedsTwentyFourHourCare,
		withUsers: c.LivesWithActiveUsers, noSchedule: c.TroubleKeepingSchedule, selfHarm: c.SelfHarm,
		withdrawal: notAsked, medical: max(severityRating(c.MedicalNeeds), 0),
		substancesGiven: c.Substances != nil, age: -1, pregnant: c.Pregnant != nil && *c.Pregnant,
		intoxication: max(severityRating(c.Intoxication), 0),
	}
	in.saysNoUse = c.SubstanceUse != nil && !*c.SubstanceUse && !s.useScreen
	if c.Withdrawal != SeverityUnknown {
		in.withdrawal = max(severityRating(c.Withdrawal), 0)
	}
	for _, u := range c.Substances {
		in.substances |= substanceBits[u]
	}
	for _, h := range c.WithdrawalHistory {
		in.history |= historyBits[h]
	}
	if c.Age != nil {
		in.age = int16(max(0, min(*c.Age, 150)))
	}
	if c.StableHousing != nil {
		in.housing = housingUnstable
		if *c.StableHousing {
			in.housing = housingStable
		}
	}
	switch c.Support {
	case SupportStrong:
		in.support = strongSupport
	case SupportSome:
		in.support = someSupport
	case SupportNone:
		in.support = noSupport
	}
	switch c.Readiness {
	case ReadinessReady:
		in.readiness = readyToChange
	case ReadinessUnsure:
		in.readiness = unsureAboutChange
	case ReadinessNotReady:
		in.readiness = notReadyToChange
	}
	return in
}

// facts is what the rubric decides on: one rating per dimension and a few facts the ratings
// cannot carry, and the safety floor. derive builds it, again for every what-if; it holds no
// pointers.
type facts struct {
	rating     [6]int8
	given      [6]bool
	basis      [6]basis // why a derived rating is what it is
	severe     bool     // a problem is in its most severe band (see severities.severe)
	screenOnly bool     // the main problem is rated 1 only because a short screen is positive and its full questionnaire was not asked
	substance  bool     // substance use is part of the picture: said so, named a substance, or screened positive
	crisis     bool     // thoughts of death, self-harm or suicide: crisis resources at once
	recent     rank
	completed  bool
	homeAsked  bool    // support or housing was answered
	noSupport  bool    // no support system at home or nearby
	floor      rank    // the least level the risk answers allow
	floorRules uint32  // bit i set when FloorRules[i] holds
	urgency    urgency // the least urgency the risk answers call for
	ruleWM     wmLevel // the withdrawal management the risk answers call for
	wm         wmLevel // ruleWM, or more when a clinician's withdrawal rating asks for more
}

// behavioral reports whether any behavioral-health need is present: a mental-health or
// substance problem, withdrawal, or thoughts of self-harm. A physical problem alone is a
// medical referral, not a program.
func (f *facts) behavioral() bool {
	return f.worst() >= 1 || f.rating[iWithdrawal] >= 1 || f.crisis
}

// medicalReferral reports whether a physical health problem needs a doctor's care.
func (f *facts) medicalReferral() bool { return f.rating[iBiomedical] >= 2 }

// derive rates every dimension into f: a rating given in the profile is used as given, any
// other is derived from the scored answers and the context by the rules written out below. The
// safety floor is worked out first, from the answers alone; a what-if that changes no risk
// answer passes the facts it starts from as floorFrom, whose floor it keeps.
func derive(f *facts, in *inputs, floorFrom *facts) {
	*f = facts{recent: in.recent, completed: in.completed,
		homeAsked: in.housing != housingNotAsked || in.support != supportNotAsked, noSupport: in.support == noSupport}
	f.substance = in.useScreen || in.saysUse || in.substances != 0
	if g, ok := in.ratings.at(iWithdrawal); ok && g >= 1 {
		f.substance = true // withdrawal comes only with substance use
	}
	if floorFrom != nil {
		f.copyFloor(floorFrom)
	} else {
		f.evaluateFloor(in)
	}
	f.wm = f.ruleWM
	r, b := &f.rating, &f.basis

	// Withdrawal: rated as the withdrawal management the answers call for (0 none … 4
	// inpatient), on the basis of the strongest withdrawal rule that holds.
	r[iWithdrawal], b[iWithdrawal] = int8(f.wm), basisNoWithdrawalReported
	if in.withdrawal == sevNone {
		b[iWithdrawal] = basisNoWithdrawal
	}
	if held := f.floorRules & withdrawalRules; held != 0 {
		b[iWithdrawal] = reportedOnly(withdrawalRuleBasis[bits.TrailingZeros32(held)], in)
	}
	if in.intoxication == sevSevere {
		r[iWithdrawal], b[iWithdrawal] = 4, basisIntoxicated
	}

	// Physical health.
	r[iBiomedical], b[iBiomedical] = in.medical, medicalBasis[in.medical]
	if in.needs24h && r[iBiomedical] >= 2 {
		r[iBiomedical], b[iBiomedical] = 4, basisMedical24h
	}

	// Mental health: the worst questionnaire band, raised by the suicide-risk screen, thoughts
	// of self-harm and hospitalization risk.
	r[iPsychiatric], b[iPsychiatric] = min(in.mood, 3), areaBasis(basisMoodFirst, in.moodFrom, in.moodLift)
	switch {
	case in.cssrs != notAsked:
		if want := suicideRating(f.floorRules); r[iPsychiatric] < want {
			r[iPsychiatric], b[iPsychiatric] = want, basisSuicideScreen
		}
	case f.crisis && r[iPsychiatric] < 3:
		r[iPsychiatric], b[iPsychiatric] = 3, basisSelfHarm
	}
	if in.hospitalRisk && r[iPsychiatric] < 3 {
		r[iPsychiatric], b[iPsychiatric] = 3, basisHospitalRisk
	}
	if in.needs24h && r[iBiomedical] < 4 {
		r[iPsychiatric], b[iPsychiatric] = 4, basisPsychiatric24h
	}

	// Readiness to change.
	switch in.readiness {
	case unsureAboutChange:
		r[iReadiness], b[iReadiness] = 2, basisUnsure
	case notReadyToChange:
		r[iReadiness], b[iReadiness] = 3, basisNotReady
	case readyToChange:
		b[iReadiness] = basisReady
	default:
		b[iReadiness] = basisNotAsked
	}

	// Relapse or continued use: substance screens, and relapse after earlier treatment.
	r[iRelapse], b[iRelapse] = min(in.use, 3), areaBasis(basisUseFirst, in.useFrom, in.useLift)
	if in.relapsed {
		want, why := int8(2), basisRelapsed
		if f.substance || in.mood >= 2 {
			want, why = 3, basisRelapsedActive
		}
		if r[iRelapse] < want {
			r[iRelapse], b[iRelapse] = want, why
		}
	}

	// Home and support. People who use at home count only for a person who uses.
	switch {
	case in.withUsers && f.substance:
		r[iEnvironment], b[iEnvironment] = 4, basisWithUsers
	case in.housing == housingUnstable && in.noSchedule:
		r[iEnvironment], b[iEnvironment] = 4, basisUnstableAndNoSchedule
	case in.housing == housingUnstable:
		r[iEnvironment], b[iEnvironment] = 3, basisUnstableHousing
	case in.support == noSupport:
		r[iEnvironment], b[iEnvironment] = 3, basisNoSupport
	case in.support == someSupport:
		r[iEnvironment], b[iEnvironment] = 1, basisSomeSupport
	case in.support == strongSupport:
		b[iEnvironment] = basisStrongSupport
	default:
		b[iEnvironment] = basisNotAsked
	}

	for i := range r {
		if g, ok := in.ratings.at(i); ok {
			r[i], f.given[i], b[i] = g, true, basisGiven
		}
	}
	// A positive short screen alone says a problem may be there, not how serious it is: when it
	// is all that makes the main problem 1, the rubric says so (screen_positive) instead of
	// calling the problem mild to moderate.
	fromScreen := func(i int, lifted bool) bool { return r[i] < 1 || (lifted && !f.given[i] && r[i] == 1) }
	f.screenOnly = f.worst() == 1 && fromScreen(iPsychiatric, in.moodLift) && fromScreen(iRelapse, in.useLift)
	// A severe band counts only while the rating agrees: a clinician's lower rating wins.
	worst := max(r[iPsychiatric], r[iRelapse])
	f.severe = worst >= 3 && (in.severe() || (r[iPsychiatric] >= 3 && r[iRelapse] >= 3))
	// A clinician's withdrawal rating can ask for more withdrawal management, never less.
	if f.given[iWithdrawal] {
		f.wm = max(f.wm, wmLevel(max(0, min(r[iWithdrawal], 4))))
	}
}

// reportedOnly is b, or its words without the rating scale when the scale it names (CIWA-Ar,
// COWS) was not rated: a basis names only what was asked.
func reportedOnly(b basis, in *inputs) basis {
	switch {
	case b == basisModerateWithdrawal && in.ciwa == notAsked:
		return basisModerateWithdrawalReported
	case b == basisSevereWithdrawal && in.ciwa == notAsked:
		return basisSevereWithdrawalReported
	case b == basisOpioidWithdrawal && in.cows == notAsked:
		return basisOpioidWithdrawalReported
	}
	return b
}

// suicideRating is the least mental-health rating the suicide-risk answers that hold (bits of
// FloorRules) call for: 4 (24-hour care) for intent, a plan or recent behaviour; 3 for
// thoughts with a method; 2 for thoughts alone or behaviour long ago; 0 for none.
func suicideRating(rules uint32) int8 {
	switch {
	case rules&(1<<fCSSRSHigh|1<<fCSSRSUndated) != 0:
		return 4
	case rules&(1<<fCSSRSMethod) != 0:
		return 3
	case rules&(1<<fCSSRSBehaviorEarlier|1<<fCSSRSIdeation|1<<fSelfHarmScreened) != 0:
		return 2
	}
	return 0
}
