package placement

import (
	"encoding/json"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
)

// wireProfile is the JSON form of a Profile, as POST /api/v1/placements takes it.
type wireProfile struct {
	Answers    *wireAnswers   `json:"answers,omitempty"`
	Dimensions map[string]int `json:"dimensions,omitempty"`
	Context    *contextOut    `json:"context,omitempty"`
	Coverage   *cost.Coverage `json:"coverage,omitempty"`
}

type wireAnswers struct {
	PHQ9                     []int  `json:"phq9,omitempty"`
	PHQ2                     []int  `json:"phq2,omitempty"`
	GAD7                     []int  `json:"gad7,omitempty"`
	GAD2                     []int  `json:"gad2,omitempty"`
	AUDIT                    []int  `json:"audit,omitempty"`
	AUDITC                   []int  `json:"auditc,omitempty"`
	DAST10                   []bool `json:"dast10,omitempty"`
	SingleDrugScreen         *int   `json:"single_drug_screen,omitempty"`
	CSSRS                    []bool `json:"cssrs,omitempty"`
	CSSRSBehaviorPast3Months *bool  `json:"cssrs_behavior_past_3_months,omitempty"`
	CIWAAr                   []int  `json:"ciwa_ar,omitempty"`
	COWS                     []int  `json:"cows,omitempty"`
}

type wireContext struct {
	SubstanceUse            *bool             `json:"substance_use,omitempty"`
	Sex                     carepath.Sex      `json:"sex,omitempty"`
	RecentLevel             carepath.Level    `json:"recent_level,omitempty"`
	CompletedRecentLevel    bool              `json:"completed_recent_level,omitempty"`
	RelapsedAfterTreatment  bool              `json:"relapsed_after_treatment,omitempty"`
	AtRiskOfHospitalization bool              `json:"at_risk_of_hospitalization,omitempty"`
	NeedsTwentyFourHourCare bool              `json:"needs_24h_supervision,omitempty"`
	LivesWithActiveUsers    bool              `json:"lives_with_active_users,omitempty"`
	StableHousing           *bool             `json:"stable_housing,omitempty"`
	TroubleKeepingSchedule  bool              `json:"trouble_keeping_schedule,omitempty"`
	Support                 Support           `json:"support,omitempty"`
	WeeklyHoursAvailable    *int              `json:"weekly_hours_available,omitempty"`
	MustKeepWorking         bool              `json:"must_keep_working,omitempty"`
	Preference              Preference        `json:"preference,omitempty"`
	SelfHarm                bool              `json:"self_harm,omitempty"`
	Withdrawal              Severity          `json:"withdrawal,omitempty"`
	MedicalNeeds            Severity          `json:"medical,omitempty"`
	Readiness               Readiness         `json:"readiness,omitempty"`
	Substances              []Substance       `json:"substances,omitempty"`
	WithdrawalHistory       []WithdrawalEvent `json:"withdrawal_history,omitempty"`
	Age                     *int              `json:"age,omitempty"`
	Pregnant                *bool             `json:"pregnant,omitempty"`
	Intoxication            Severity          `json:"intoxication,omitempty"`
}

// MarshalJSON writes p in the form Decode reads, leaving out what was not given.
func (p Profile) MarshalJSON() ([]byte, error) {
	w := wireProfile{Coverage: p.Coverage}
	if a := p.Answers; a.answered() || a.CSSRSBehaviorPast3Months != nil {
		w.Answers = &wireAnswers{a.PHQ9, a.PHQ2, a.GAD7, a.GAD2, a.AUDIT, a.AUDITC, a.DAST10, a.SingleDrugScreen, a.CSSRS,
			a.CSSRSBehaviorPast3Months, a.CIWAAr, a.COWS}
	}
	for i := range carepath.Dimensions {
		if r, ok := p.Dimensions.at(i); ok {
			if w.Dimensions == nil {
				w.Dimensions = map[string]int{}
			}
			w.Dimensions[string(carepath.Dimensions[i])] = int(r)
		}
	}
	c := contextOut{wireContext: wireContext(p.Context)}
	if c.Sex == carepath.SexUnknown {
		c.Sex = ""
	}
	if p.Context.Substances != nil {
		c.Substances = &p.Context.Substances
	}
	if p.Context.WithdrawalHistory != nil {
		c.WithdrawalHistory = &p.Context.WithdrawalHistory
	}
	if b, err := json.Marshal(c); err != nil {
		return nil, err
	} else if string(b) != "{}" {
		w.Context = &c
	}
	return json.Marshal(w)
}

// contextOut is the context as MarshalJSON writes it: an empty list of substances or of
// withdrawal complications ("none") is kept, since it says something a missing one does not.
// Its own fields take the place of wireContext's of the same name.
type contextOut struct {
	wireContext
	Substances        *[]Substance       `json:"substances,omitempty"`
	WithdrawalHistory *[]WithdrawalEvent `json:"withdrawal_history,omitempty"`
}
