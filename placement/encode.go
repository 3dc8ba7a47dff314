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
	Context    *wireContext   `json:"context,omitempty"`
	Coverage   *cost.Coverage `json:"coverage,omitempty"`
}

type wireAnswers struct {
	PHQ9   []int  `json:"phq9,omitempty"`
	GAD7   []int  `json:"gad7,omitempty"`
	AUDIT  []int  `json:"audit,omitempty"`
	AUDITC []int  `json:"auditc,omitempty"`
	DAST10 []bool `json:"dast10,omitempty"`
}

type wireContext struct {
	SubstanceUse            *bool          `json:"substance_use,omitempty"`
	Sex                     carepath.Sex   `json:"sex,omitempty"`
	RecentLevel             carepath.Level `json:"recent_level,omitempty"`
	CompletedRecentLevel    bool           `json:"completed_recent_level,omitempty"`
	RelapsedAfterTreatment  bool           `json:"relapsed_after_treatment,omitempty"`
	AtRiskOfHospitalization bool           `json:"at_risk_of_hospitalization,omitempty"`
	NeedsTwentyFourHourCare bool           `json:"needs_24h_supervision,omitempty"`
	LivesWithActiveUsers    bool           `json:"lives_with_active_users,omitempty"`
	StableHousing           *bool          `json:"stable_housing,omitempty"`
	TroubleKeepingSchedule  bool           `json:"trouble_keeping_schedule,omitempty"`
	Support                 Support        `json:"support,omitempty"`
	WeeklyHoursAvailable    *int           `json:"weekly_hours_available,omitempty"`
	MustKeepWorking         bool           `json:"must_keep_working,omitempty"`
	Preference              Preference     `json:"preference,omitempty"`
	SelfHarm                bool           `json:"self_harm,omitempty"`
	Withdrawal              Severity       `json:"withdrawal,omitempty"`
	MedicalNeeds            Severity       `json:"medical,omitempty"`
	Readiness               Readiness      `json:"readiness,omitempty"`
}

// MarshalJSON writes p in the form Decode reads, leaving out what was not given.
func (p Profile) MarshalJSON() ([]byte, error) {
	w := wireProfile{Coverage: p.Coverage}
	a := p.Answers
	if a.PHQ9 != nil || a.GAD7 != nil || a.AUDIT != nil || a.AUDITC != nil || a.DAST10 != nil {
		w.Answers = &wireAnswers{a.PHQ9, a.GAD7, a.AUDIT, a.AUDITC, a.DAST10}
	}
	for i := range carepath.Dimensions {
		if r, ok := p.Dimensions.at(i); ok {
			if w.Dimensions == nil {
				w.Dimensions = map[string]int{}
			}
			w.Dimensions[string(carepath.Dimensions[i])] = int(r)
		}
	}
	c := wireContext(p.Context)
	if c.Sex == carepath.SexUnknown {
		c.Sex = ""
	}
	if c != (wireContext{}) {
		w.Context = &c
	}
	return json.Marshal(w)
}
