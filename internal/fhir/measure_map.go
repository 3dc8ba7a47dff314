package fhir

import (
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/outcome"
)

// The parts of a measure that are Observations of their own.
const (
	partTotal  = "total"  // the total score (the check-in: its three numbers as components)
	partItem9  = "item9"  // PHQ-9 item 9, thoughts of death or self-harm
	partAUDITC = "auditc" // the AUDIT-C score within an AUDIT
)

// crisisNote is the note on a positive PHQ-9 item 9.
const crisisNote = "Positive answer to PHQ-9 item 9 (thoughts of being better off dead or of hurting oneself): " +
	"the client's chart is flagged for same-day review by the care team. 988 Suicide & Crisis Lifeline: call or text 988. " +
	"In an emergency call 911."

// cssrsNote is the note on a C-SSRS screener with any yes.
const cssrsNote = "The C-SSRS screener has a yes about suicidal thoughts or behaviour: the client's chart is flagged for " +
	"same-day review by the care team, and a safety evaluation comes first. 988 Suicide & Crisis Lifeline: call or text 988. " +
	"In an emergency call 911."

// bandByCode returns the band a measure was stored with (its severity code), or, for a measure
// stored without one, the band its total falls in for unknown sex.
func bandByCode(in *instrument.Instrument, code string, total int) instrument.Band {
	for _, bands := range [][]instrument.Band{in.Bands, in.MaleBands} {
		for _, b := range bands {
			if code != "" && b.Code == code {
				return b
			}
		}
	}
	if code != "" || in.ByItems() {
		return instrument.Band{}
	}
	return in.BandFor(total, carepath.SexUnknown)
}

// QuestionnaireResponse maps a measure: each answer under its item's linkId, a choice as its
// option's coding, a check-in number as an integer. The author is the staff member who entered
// it, or the client when they answered through an answer link. Measures never change, so meta
// is version 1 at the time it was stored.
func QuestionnaireResponse(m *carepath.Measure) *r4.QuestionnaireResponse {
	qr := &r4.QuestionnaireResponse{
		Base:          r4.Base{ResourceType: "QuestionnaireResponse", ID: m.ID, Meta: meta(1, m.CreatedAt, "")},
		Questionnaire: questionnaireURL(m.Instrument),
		Status:        "completed",
		Subject:       r4.Ref("Patient", m.ClientID),
		Authored:      r4.Instant(m.TakenAt),
		Author:        measureAuthor(m),
		Source:        r4.Ref("Patient", m.ClientID),
	}
	f := byForm[m.Instrument]
	if f == nil {
		return qr
	}
	for i, a := range m.Answers {
		if i >= len(f.items) {
			break
		}
		it := f.items[i]
		item := r4.QuestionnaireResponseItem{LinkID: it.key, Text: it.text}
		switch {
		case it.options == nil:
			item.Answer = []r4.QuestionnaireResponseAnswer{{ValueInteger: r4.Integer(a)}}
		case a >= 0 && a < len(it.options):
			c := it.options[a].coding
			item.Answer = []r4.QuestionnaireResponseAnswer{{ValueCoding: &c}}
		}
		qr.Item = append(qr.Item, item)
	}
	return qr
}

// measureAuthor is who recorded a measure: the staff member, or the client through a link.
func measureAuthor(m *carepath.Measure) *r4.Reference {
	if m.Source == carepath.MeasureByLink || m.EnteredBy == "" {
		return r4.Ref("Patient", m.ClientID)
	}
	return r4.Ref("Practitioner", m.EnteredBy)
}

// Observations maps a measure to its Observations, US Core screening assessments in the survey
// category: the total score with its LOINC code and the severity band as interpretation; for
// the PHQ-9 also item 9 on its own (positive or negative, with the crisis note when positive);
// for the AUDIT also its AUDIT-C score; for a C-SSRS screener with any yes the crisis note;
// for the check-in one observation with its three numbers as components. The band is the one
// the measure was stored with. Each is derived from the measure's QuestionnaireResponse.
func Observations(m *carepath.Measure) []*r4.Observation {
	f := byForm[m.Instrument]
	if f == nil {
		return nil
	}
	if f.in == nil {
		return []*r4.Observation{checkInObservation(m)}
	}
	in := f.in
	total := measureObservation(m, partTotal, loincConcept(in.TotalLOINC, in.Name+" total score", m.Instrument))
	total.ValueQuantity = score(m.Score)
	total.Interpretation = bandInterpretation(in, bandByCode(in, m.Severity, m.Score))
	if in.ID == instrument.CSSRS && m.Score > 0 {
		total.Note = []r4.Annotation{{Text: cssrsNote}}
	}
	out := []*r4.Observation{total}
	switch in.ID {
	case instrument.PHQ9:
		if len(m.Answers) == len(in.Items) {
			out = append(out, item9Observation(m, f))
		}
	case instrument.AUDIT:
		if s, err := in.Score(m.Answers, carepath.SexUnknown); err == nil {
			if c, ok := s.AUDITC(carepath.SexUnknown); ok {
				ac, _ := instrument.Get(instrument.AUDITC)
				o := measureObservation(m, partAUDITC, loincConcept(ac.TotalLOINC, "AUDIT-C score (items 1–3 of the AUDIT)", string(instrument.AUDITC)))
				o.ValueQuantity = score(c.Total)
				o.Interpretation = bandInterpretation(ac, ac.BandFor(c.Total, carepath.SexUnknown))
				out = append(out, o)
			}
		}
	}
	return out
}

// measureObservation is what every observation of a measure shares.
func measureObservation(m *carepath.Measure, part string, code r4.CodeableConcept) *r4.Observation {
	profile := ""
	if len(code.Coding) > 0 && code.Coding[0].System == sysLOINC {
		profile = profileScreening
	}
	performer := measureAuthor(m)
	return &r4.Observation{
		Base:              r4.Base{ResourceType: "Observation", ID: observationID(m.ID, part), Meta: meta(1, m.CreatedAt, profile)},
		Status:            "final",
		Category:          []r4.CodeableConcept{*r4.Concept(sysObsCategory, "survey", "Survey", "")},
		Code:              code,
		Subject:           r4.Ref("Patient", m.ClientID),
		EffectiveDateTime: r4.Instant(m.TakenAt),
		Issued:            r4.Instant(m.CreatedAt),
		Performer:         []r4.Reference{*performer},
		DerivedFrom:       []r4.Reference{*r4.Ref("QuestionnaireResponse", m.ID)},
	}
}

// loincConcept codes a score by LOINC, or by carepath's measure codes when it has no LOINC code.
func loincConcept(loinc, text, fallback string) r4.CodeableConcept {
	if loinc == "" {
		return r4.CodeableConcept{Coding: []r4.Coding{{System: sysMeasure, Code: fallback + "-total"}}, Text: text}
	}
	return r4.CodeableConcept{Coding: []r4.Coding{{System: sysLOINC, Code: loinc}}, Text: text}
}

// score is a score as a quantity of the UCUM unit {score}.
func score(n int) *r4.Quantity {
	return &r4.Quantity{Value: r4.Decimal(float64(n)), Unit: "{score}", System: sysUCUM, Code: "{score}"}
}

// bandInterpretation codes a severity band, and a screen's result as positive or negative.
func bandInterpretation(in *instrument.Instrument, b instrument.Band) []r4.CodeableConcept {
	if b.Code == "" {
		return nil
	}
	cc := r4.CodeableConcept{Coding: []r4.Coding{{System: Canonical + "/CodeSystem/" + string(in.ID) + "-band", Code: b.Code, Display: b.Label}},
		Text: b.Label}
	if in.Screen {
		if b.Positive {
			cc.Coding = append(cc.Coding, r4.Coding{System: sysInterpretation, Code: "POS", Display: "Positive"})
		} else {
			cc.Coding = append(cc.Coding, r4.Coding{System: sysInterpretation, Code: "NEG", Display: "Negative"})
		}
	}
	return []r4.CodeableConcept{cc}
}

// item9Observation is PHQ-9 item 9 on its own: the answer, positive when it scores.
func item9Observation(m *carepath.Measure, f *form) *r4.Observation {
	it := f.items[8]
	o := measureObservation(m, partItem9, r4.CodeableConcept{Coding: []r4.Coding{{System: sysLOINC, Code: it.loinc}}, Text: it.text})
	a := m.Answers[8]
	if a >= 0 && a < len(it.options) {
		c := it.options[a].coding
		o.ValueCodeableConcept = &r4.CodeableConcept{Coding: []r4.Coding{c}, Text: it.options[a].label}
	}
	if m.Item9 > 0 {
		o.Interpretation = []r4.CodeableConcept{*r4.Concept(sysInterpretation, "POS", "Positive", "Positive: thoughts of death or self-harm")}
		o.Note = []r4.Annotation{{Text: crisisNote}}
	} else {
		o.Interpretation = []r4.CodeableConcept{*r4.Concept(sysInterpretation, "NEG", "Negative", "Negative")}
	}
	return o
}

// checkInObservation is the check-in's three numbers as components.
func checkInObservation(m *carepath.Measure) *r4.Observation {
	o := measureObservation(m, partTotal, r4.CodeableConcept{Coding: []r4.Coding{{System: sysMeasure, Code: checkInID}},
		Text: "Substance use check-in"})
	units := []struct{ unit, code string }{{"days", "d"}, {"days", "d"}, {"{score}", "{score}"}}
	for i, q := range outcome.CheckInQuestions {
		if i >= len(m.Answers) {
			break
		}
		o.Component = append(o.Component, r4.ObservationComponent{
			Code:          r4.CodeableConcept{Coding: []r4.Coding{{System: sysMeasure, Code: checkInID + "." + q.Key}}, Text: q.Text},
			ValueQuantity: &r4.Quantity{Value: r4.Decimal(float64(m.Answers[i])), Unit: units[i].unit, System: sysUCUM, Code: units[i].code}})
	}
	return o
}
