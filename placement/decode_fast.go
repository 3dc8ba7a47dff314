package placement

import (
	"bytes"
	"encoding/json"

	"github.com/carepath/carepath/cost"
)

// wireInput is the typed form of a well-formed profile. Decoding into it is the fast path;
// anything it cannot take (a syntax error, a wrong type, an unknown field) goes to the
// field-by-field decoder, which names the offending path.
type wireInput struct {
	Answers    *wireAnswers    `json:"answers"`
	Dimensions *wireDimensions `json:"dimensions"`
	Context    *wireContext    `json:"context"`
	Coverage   *cost.Coverage  `json:"coverage"`
}

type wireDimensions struct {
	Withdrawal  *int `json:"withdrawal"`
	Biomedical  *int `json:"biomedical"`
	Psychiatric *int `json:"psychiatric"`
	Readiness   *int `json:"readiness"`
	Relapse     *int `json:"relapse"`
	Environment *int `json:"environment"`
}

// decodeFast decodes a well-formed profile in one pass. It reports false when the input needs
// the careful decoder: enum values and ranges are checked later by Recommend either way.
func decodeFast(data []byte) (Profile, bool) {
	var p Profile
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return p, false
	}
	var w wireInput
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil || dec.InputOffset() != int64(len(trimmed)) {
		return p, false
	}
	if a := w.Answers; a != nil {
		p.Answers = Answers{PHQ9: a.PHQ9, PHQ2: a.PHQ2, GAD7: a.GAD7, GAD2: a.GAD2, AUDIT: a.AUDIT, AUDITC: a.AUDITC,
			DAST10: a.DAST10, SingleDrugScreen: a.SingleDrugScreen, CSSRS: a.CSSRS,
			CSSRSBehaviorPast3Months: a.CSSRSBehaviorPast3Months, CIWAAr: a.CIWAAr, COWS: a.COWS}
	}
	if d := w.Dimensions; d != nil {
		for i, v := range []*int{d.Withdrawal, d.Biomedical, d.Psychiatric, d.Readiness, d.Relapse, d.Environment} {
			if v != nil {
				p.Dimensions.setAt(i, *v)
			}
		}
	}
	if c := w.Context; c != nil {
		p.Context = Context(*c)
	}
	p.Coverage = w.Coverage
	return p, true
}
