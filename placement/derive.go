package placement

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
	severities               // from the questionnaires
	ratings      Ratings     // the ratings a clinician gave
	saysUse      bool        // context.substance_use is true
	recent       rank        // context.recent_level
	completed    bool        // context.completed_recent_level
	relapsed     bool        // context.relapsed_after_treatment
	hospitalRisk bool        // context.at_risk_of_hospitalization
	needs24h     bool        // context.needs_24h_supervision
	withUsers    bool        // context.lives_with_active_users
	housing      housing     // context.stable_housing
	noSchedule   bool        // context.trouble_keeping_schedule
	support      supportKind // context.support
	selfHarm     bool        // context.self_harm
	withdrawal   int8        // context.withdrawal: 0–3, or notAsked
	medical      int8        // context.medical: 0–3, none when not asked
	readiness    readiness   // context.readiness
}

// flatten reads what derive needs from a checked profile and its scored answers.
func flatten(p *Profile, s severities) inputs {
	c := &p.Context
	in := inputs{
		severities: s, ratings: p.Dimensions,
		saysUse: c.SubstanceUse != nil && *c.SubstanceUse, recent: rankOf(c.RecentLevel), completed: c.CompletedRecentLevel,
		relapsed: c.RelapsedAfterTreatment, hospitalRisk: c.AtRiskOfHospitalization, needs24h: c.NeedsTwentyFourHourCare,
		withUsers: c.LivesWithActiveUsers, noSchedule: c.TroubleKeepingSchedule, selfHarm: c.SelfHarm,
		withdrawal: notAsked, medical: max(severityRating(c.MedicalNeeds), 0),
	}
	if c.Withdrawal != SeverityUnknown {
		in.withdrawal = max(severityRating(c.Withdrawal), 0)
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
// cannot carry. derive builds it, again for every what-if; it holds no pointers.
type facts struct {
	rating    [6]int8
	given     [6]bool
	basis     [6]basis // why a derived rating is what it is
	severe    bool     // a problem is in its most severe band (see severities.severe)
	substance bool
	crisis    bool
	recent    rank
	completed bool
}

// derive rates every dimension into f: a rating given in the profile is used as given, any
// other is derived from the scored answers and the context by the rules written out below.
func derive(f *facts, in *inputs) {
	*f = facts{recent: in.recent, completed: in.completed}
	f.substance = in.useScreen || in.saysUse
	f.crisis = in.item9 || in.selfHarm
	r, b := &f.rating, &f.basis

	// Withdrawal: what the person reports; when not asked, heavy drinking or drug use means
	// withdrawal cannot be ruled out.
	switch {
	case in.withdrawal == sevSevere:
		r[iWithdrawal], b[iWithdrawal] = 4, basisSevereWithdrawal
	case in.withdrawal != notAsked:
		r[iWithdrawal], b[iWithdrawal] = in.withdrawal, withdrawalBasis[in.withdrawal]
	case in.auditZone4 || in.use >= 4:
		r[iWithdrawal], b[iWithdrawal] = 2, basisWithdrawalNotRuledOut
	default:
		b[iWithdrawal] = basisNoWithdrawalReported
	}

	// Physical health.
	r[iBiomedical], b[iBiomedical] = in.medical, medicalBasis[in.medical]
	if in.needs24h && r[iBiomedical] >= 2 {
		r[iBiomedical], b[iBiomedical] = 4, basisMedical24h
	}

	// Mental health: the worst questionnaire band, raised by safety and hospitalization risk.
	r[iPsychiatric], b[iPsychiatric] = min(in.mood, 3), basisMoodScores
	if !in.moodAnswered {
		b[iPsychiatric] = basisNoMoodQuestionnaire
	}
	if f.crisis && r[iPsychiatric] < 3 {
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
	r[iRelapse], b[iRelapse] = min(in.use, 3), basisUseScores
	if !in.useAnswered {
		b[iRelapse] = basisNoUseQuestionnaire
	}
	if in.relapsed {
		want, why := int8(2), basisRelapsed
		if f.substance || in.mood >= 2 {
			want, why = 3, basisRelapsedActive
		}
		if r[iRelapse] < want {
			r[iRelapse], b[iRelapse] = want, why
		}
	}

	// Home and support.
	switch {
	case in.withUsers:
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
	// A severe band counts only while the rating agrees: a clinician's lower rating wins.
	worst := max(r[iPsychiatric], r[iRelapse])
	f.severe = worst >= 3 && (in.severe() || (r[iPsychiatric] >= 3 && r[iRelapse] >= 3))
}
