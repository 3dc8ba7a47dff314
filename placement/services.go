package placement

import (
	"math/bits"
	"sync"
	"sync/atomic"
)

// Service is something that should come with the recommended level: a safety plan,
// withdrawal management, medication, housing help and the like.
type Service struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Flag is something a clinician must act on first, or a caution for the person.
type Flag struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// The services, in the order they are listed: motivational interviewing first, because when a
// person is unsure about change it shapes everything after it.
const (
	sMotivationalInterviewing = iota
	sSafetyPlan
	sLethalMeans
	sWithdrawalManagement
	sMOUD
	sNaloxone
	sObstetricCare
	sGuardian
	sSupportiveHousing
	sCaseManagement
	sMedicalCare
	nServices
)

// Services lists every service carepath can suggest, with its text. The withdrawal management
// service's text names the setting (see withdrawalServiceText).
var Services = [nServices]Service{
	sMotivationalInterviewing: {"motivational_interviewing",
		"Start with motivational interviewing: a few conversations, at your own pace, about what you want to change and why. " +
			"It comes first, before or alongside the level of care."},
	sSafetyPlan: {"safety_plan",
		"Write a safety plan with a clinician: your warning signs, what helps you cope, people and places that take your mind " +
			"off things, people you can ask for help, professionals and 988 to call, and how to make your surroundings safer."},
	sLethalMeans: {"lethal_means",
		"Make your surroundings safer while things are hard: ask someone you trust to keep firearms away from your home, " +
			"and lock away or get rid of medicines you do not need."},
	sWithdrawalManagement: {"withdrawal_management", "Withdrawal management, alongside treatment."},
	sMOUD: {"moud",
		"Medication for opioid use disorder — buprenorphine, methadone or naltrexone — is the most effective treatment for " +
			"opioid use disorder and lowers the risk of overdose. It can start or continue at every level of care."},
	sNaloxone: {"naloxone",
		"Carry naloxone (for example Narcan nasal spray), and make sure the people you live with have it and know how to use " +
			"it: it reverses an opioid overdose."},
	sObstetricCare: {"obstetric_care",
		"Tell your obstetric team or midwife about substance use: care for the pregnancy and care for substance use work best together."},
	sGuardian: {"guardian_involvement",
		"For someone under 18, a parent or guardian takes part: in consent, in family sessions and in the plan. " +
			"Programs for adolescents are built for this age."},
	sSupportiveHousing: {"supportive_housing",
		"Ask about supportive or transitional housing: a stable place to live helps treatment work."},
	sCaseManagement: {"case_management",
		"A case manager can help with housing, benefits, transport and appointments."},
	sMedicalCare: {"medical_care",
		"See a doctor about the physical health problem (primary care or a specialist), alongside any other care."},
}

// withdrawalServiceText is the withdrawal management service's text at each setting.
var withdrawalServiceText = func() (text [5]string) {
	for i, l := range WithdrawalManagementLevels {
		text[i] = "Withdrawal management, alongside treatment — " + l.Name + "."
	}
	return text
}()

// The flags.
const (
	flagCSSRSNeeded = iota
	flagPregnancyOpioids
	flagNotRuledOut
	flagDoNotStopAbruptly
	flagAdolescent
	flagFullQuestionnaire
	nFlags
)

// Flags lists every flag carepath can raise, with its text.
var Flags = [nFlags]Flag{
	flagCSSRSNeeded: {"cssrs_needed",
		"Ask the suicide-risk screen (C-SSRS) now: the answers include thoughts of being better off dead or of self-harm."},
	flagPregnancyOpioids: {"pregnancy_opioid_use",
		"Priority: pregnant and using opioids. Recommend medication for opioid use disorder (buprenorphine or methadone) " +
			"and obstetric care together, and do not advise stopping opioids suddenly."},
	flagNotRuledOut: {"withdrawal_not_ruled_out",
		"Withdrawal is not ruled out: the answers point to physical dependence even though little or no withdrawal was reported."},
	flagDoNotStopAbruptly: {"do_not_stop_abruptly",
		"Do not stop drinking or taking sedatives suddenly on your own: withdrawal can be dangerous. A doctor can help you stop safely."},
	flagAdolescent: {"adolescent",
		"Under 18: care designed for adolescents, with a parent or guardian involved; an adolescent IOP gives at least 6 hours a week."},
	flagFullQuestionnaire: {"full_questionnaire_needed",
		"A short screen is positive and its full questionnaire was not asked: ask it before settling the level (the PHQ-9 after " +
			"a positive PHQ-2, the GAD-7 after the GAD-2, the AUDIT after the AUDIT-C, the DAST-10 after the single drug-use question)."},
}

// sedatingWithdrawalRules are the floor rules about withdrawal from alcohol or sedatives, after
// which a person should not stop suddenly on their own.
const sedatingWithdrawalRules = 1<<fWithdrawalSevere | 1<<fWithdrawalHistoryWithSymptoms | 1<<fWithdrawalPregnant |
	1<<fWithdrawalModerateWithRisk | 1<<fWithdrawalHistory | 1<<fWithdrawalModerate | 1<<fWithdrawalNotRuledOut

// services returns the services that should come with the level for this person: a shared,
// read-only slice.
func services(in *inputs, f *facts) []Service {
	var held uint16
	add := func(s int, on bool) {
		if on {
			held |= 1 << s
		}
	}
	opioids := in.substances&useOpioids != 0
	add(sMotivationalInterviewing, in.readiness >= unsureAboutChange && f.behavioral())
	add(sSafetyPlan, f.crisis)
	add(sLethalMeans, f.crisis)
	add(sWithdrawalManagement, f.wm > 0)
	add(sMOUD, opioids)
	add(sNaloxone, opioids)
	add(sObstetricCare, in.pregnant && f.substance)
	add(sGuardian, in.age >= 0 && in.age < 18)
	add(sSupportiveHousing, in.housing == housingUnstable)
	add(sCaseManagement, in.housing == housingUnstable || in.support == noSupport || in.withUsers)
	add(sMedicalCare, f.medicalReferral())
	return serviceList(held, f.wm)
}

// serviceLists maps the key of every set of services asked for so far (see serviceList) to its
// list, built once and shared read-only, so that a recommendation allocates none. The map is
// copied on write: reading it takes no lock, and few sets ever occur.
var (
	serviceLists   atomic.Pointer[map[uint32][]Service]
	serviceListsMu sync.Mutex
)

// serviceList returns the services of the set held (bit s for Services[s]), with the
// withdrawal management service's text for the setting wm.
func serviceList(held uint16, wm wmLevel) []Service {
	if held&(1<<sWithdrawalManagement) == 0 {
		wm = 0
	}
	key := uint32(held) | uint32(wm)<<16
	if m := serviceLists.Load(); m != nil {
		if list, ok := (*m)[key]; ok {
			return list
		}
	}
	list := make([]Service, 0, bits.OnesCount16(held))
	for b := held; b != 0; b &= b - 1 {
		i := bits.TrailingZeros16(b)
		s := Services[i]
		if i == sWithdrawalManagement {
			s.Text = withdrawalServiceText[wm]
		}
		list = append(list, s)
	}
	serviceListsMu.Lock()
	defer serviceListsMu.Unlock()
	next := map[uint32][]Service{key: list}
	if m := serviceLists.Load(); m != nil {
		if have, ok := (*m)[key]; ok {
			return have
		}
		for k, v := range *m {
			next[k] = v
		}
	}
	serviceLists.Store(&next)
	return list
}

// flagLists holds the list of flags of every set, built once and shared read-only.
var flagLists = func() (lists [1 << nFlags][]Flag) {
	for held := range lists {
		lists[held] = make([]Flag, 0, bits.OnesCount(uint(held)))
		for b := held; b != 0; b &= b - 1 {
			lists[held] = append(lists[held], Flags[bits.TrailingZeros(uint(b))])
		}
	}
	return lists
}()

// flags returns what a clinician must act on first and the cautions for the person: a shared,
// read-only slice.
func flags(in *inputs, f *facts) []Flag {
	var held int
	add := func(fl int, on bool) {
		if on {
			held |= 1 << fl
		}
	}
	add(flagCSSRSNeeded, (in.item9 || in.selfHarm) && in.cssrs == notAsked)
	add(flagPregnancyOpioids, f.floorRules&(1<<fPregnantOpioids) != 0)
	add(flagNotRuledOut, f.floorRules&(1<<fWithdrawalNotRuledOut) != 0)
	add(flagDoNotStopAbruptly, f.floorRules&sedatingWithdrawalRules != 0)
	add(flagAdolescent, in.age >= 0 && in.age < 18)
	add(flagFullQuestionnaire, in.unconfirmed)
	return flagLists[held]
}
