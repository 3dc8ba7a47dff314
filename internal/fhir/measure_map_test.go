package fhir

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

// TestQuestionnaires checks every form: schema-valid, every option coded (LOINC where LOINC
// has the answer) with its points as ordinalValue, codes unique within an item, attribution
// as copyright, and the PHQ-9's items and LOINC codes as published.
func TestQuestionnaires(t *testing.T) {
	for _, f := range allForms {
		q := Questionnaire(f)
		m := roundTrip(t, q)
		if at(m, "url") != questionnaireBase+f.fid || at(m, "id") != f.fid || at(m, "copyright") != f.attribution || at(m, "status") != "active" {
			t.Errorf("%s: %v", f.id, m)
		}
		for i, it := range q.Item[1:] {
			seen := map[string]bool{}
			for j, o := range it.AnswerOption {
				if o.ValueCoding.Code == "" || seen[o.ValueCoding.Code] {
					t.Errorf("%s item %d option %d: code %q", f.id, i, j, o.ValueCoding.Code)
				}
				seen[o.ValueCoding.Code] = true
				if *o.Extension[0].ValueDecimal != float64(f.items[i].options[j].points) {
					t.Errorf("%s item %d option %d: ordinalValue %v", f.id, i, j, *o.Extension[0].ValueDecimal)
				}
			}
		}
	}
	phq := Questionnaire(byForm["phq9"])
	if phq.Code[0].Code != "44249-1" || len(phq.Item) != 10 || phq.Item[9].Code[0].Code != "44260-8" || phq.Item[9].LinkID != "item9" ||
		phq.Item[1].AnswerOption[3].ValueCoding.Code != "LA6571-9" || *phq.Item[1].AnswerOption[3].Extension[0].ValueDecimal != 3 {
		t.Errorf("PHQ-9: %+v", phq)
	}
	dast := byForm["dast10"]
	if dast.items[2].options[0].coding.Code != "LA33-6" || dast.items[2].options[0].points != 0 || dast.items[2].options[1].points != 1 {
		t.Errorf("DAST-10 item 3 (reverse scored): %+v", dast.items[2].options)
	}
	audit := byForm["audit"]
	if c := audit.items[8].options[1].coding; c.System != sysAnswer || c.Code != "audit.item9.1" {
		t.Errorf("AUDIT item 9 option 2: %+v", c)
	}
	cssrs := roundTrip(t, Questionnaire(byForm["cssrs"]))
	if at(cssrs, "item", 3, "enableWhen", 0, "question") != "item2" || at(cssrs, "item", 3, "enableWhen", 0, "answerCoding", "code") != "LA33-6" ||
		at(cssrs, "item", 3, "required") != nil || at(cssrs, "item", 2, "enableWhen") != nil {
		t.Errorf("C-SSRS follow-up questions: %v", at(cssrs, "item", 3))
	}
	if q := roundTrip(t, Questionnaire(byForm["ciwa_ar"])); at(q, "id") != "ciwa-ar" || at(q, "url") != questionnaireBase+"ciwa-ar" {
		t.Errorf("CIWA-Ar ids: %v %v", at(q, "id"), at(q, "url"))
	}
	ci := roundTrip(t, Questionnaire(byForm[checkInID]))
	if at(ci, "item", 2, "extension", 1, "valueInteger") != 30.0 || at(ci, "item", 2, "type") != "integer" {
		t.Errorf("check-in: %v", ci)
	}
}

// TestMeasureMapping checks a measure's QuestionnaireResponse and Observations for each form:
// schema-valid, answers coded, totals with LOINC codes and bands, PHQ-9 item 9 positive with
// the crisis note, the AUDIT-C within an AUDIT, the check-in's components.
func TestMeasureMapping(t *testing.T) {
	mk := func(inst string, answers []int, score int, severity string) *carepath.Measure {
		m := &carepath.Measure{ID: "01959c3e-0000-7000-8000-0000000000d1", ClientID: clientID, Instrument: inst, Answers: answers,
			Score: score, Severity: severity, TakenAt: t0, Source: carepath.MeasureByStaff, EnteredBy: staffID, CreatedAt: t0}
		if inst == "phq9" {
			m.Item9 = answers[8]
		}
		return m
	}
	phq := mk("phq9", []int{3, 3, 2, 2, 2, 2, 1, 1, 2}, 18, "moderately_severe")
	qr := roundTrip(t, QuestionnaireResponse(phq))
	if at(qr, "questionnaire") != questionnaireBase+"phq9" || at(qr, "status") != "completed" || at(qr, "authored") != "2026-03-02T15:04:05Z" ||
		at(qr, "item", 8, "linkId") != "item9" || at(qr, "item", 8, "answer", 0, "valueCoding", "code") != "LA6570-1" ||
		at(qr, "author", "reference") != "Practitioner/"+staffID || at(qr, "meta", "versionId") != "1" {
		t.Errorf("QR: %v", qr)
	}
	obs := Observations(phq)
	if len(obs) != 2 {
		t.Fatalf("PHQ-9 observations: %d", len(obs))
	}
	total, item9 := roundTrip(t, obs[0]), roundTrip(t, obs[1])
	if at(total, "id") != phq.ID+".total" || at(total, "code", "coding", 0, "code") != "44261-6" || at(total, "valueQuantity", "value") != 18.0 ||
		at(total, "interpretation", 0, "coding", 0, "code") != "moderately_severe" || at(total, "category", 0, "coding", 0, "code") != "survey" ||
		at(total, "derivedFrom", 0, "reference") != "QuestionnaireResponse/"+phq.ID || at(total, "effectiveDateTime") != "2026-03-02T15:04:05Z" ||
		at(total, "meta", "profile", 0) != profileScreening {
		t.Errorf("PHQ-9 total: %v", total)
	}
	if at(item9, "code", "coding", 0, "code") != "44260-8" || at(item9, "interpretation", 0, "coding", 0, "code") != "POS" ||
		!strings.Contains(at(item9, "note", 0, "text").(string), "988") || at(item9, "valueCodeableConcept", "coding", 0, "code") != "LA6570-1" {
		t.Errorf("PHQ-9 item 9: %v", item9)
	}
	phq.Answers[8], phq.Item9 = 0, 0
	if item9 := roundTrip(t, Observations(phq)[1]); at(item9, "interpretation", 0, "coding", 0, "code") != "NEG" || at(item9, "note") != nil {
		t.Errorf("negative item 9: %v", item9)
	}

	audit := mk("audit", []int{2, 1, 1, 0, 0, 0, 0, 0, 0, 0}, 4, "low_risk")
	audit.Source = carepath.MeasureByLink
	obs = Observations(audit)
	if len(obs) != 2 {
		t.Fatalf("AUDIT observations: %d", len(obs))
	}
	ac := roundTrip(t, obs[1])
	if at(ac, "code", "coding", 0, "code") != "75626-2" || at(ac, "valueQuantity", "value") != 4.0 ||
		at(ac, "interpretation", 0, "coding", 1, "code") != "POS" || at(ac, "performer", 0, "reference") != "Patient/"+clientID {
		t.Errorf("AUDIT-C within AUDIT: %v", ac)
	}
	auditC := roundTrip(t, Observations(mk("auditc", []int{0, 0, 1}, 1, "negative"))[0])
	if at(auditC, "interpretation", 0, "coding", 1, "code") != "NEG" {
		t.Errorf("AUDIT-C: %v", auditC)
	}
	for _, m := range []*carepath.Measure{mk("gad7", []int{1, 1, 1, 1, 1, 1, 1}, 7, "mild"), mk("dast10", []int{0, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, "low")} {
		roundTrip(t, QuestionnaireResponse(m))
		for _, o := range Observations(m) {
			roundTrip(t, o)
		}
	}
	cs := mk("cssrs", []int{0, 1, 1, 1, 1, 2}, 1, "low")
	if o := roundTrip(t, Observations(cs)[0]); at(o, "interpretation", 0, "coding", 0, "code") != "low" ||
		at(o, "interpretation", 0, "coding", 1, "code") != "POS" || !strings.Contains(at(o, "note", 0, "text").(string), "988") {
		t.Errorf("positive C-SSRS: %v", o)
	}
	if qr := roundTrip(t, QuestionnaireResponse(cs)); at(qr, "questionnaire") != questionnaireBase+"cssrs" {
		t.Errorf("C-SSRS response: %v", qr)
	}
	if o := roundTrip(t, Observations(mk("cssrs", []int{1, 1, 1, 1, 1, 2}, 0, "none"))[0]); at(o, "note") != nil ||
		at(o, "interpretation", 0, "coding", 1, "code") != "NEG" {
		t.Errorf("negative C-SSRS: %v", o)
	}
	ci := mk(checkInID, []int{5, 20, 7}, 7, "")
	if qr := roundTrip(t, QuestionnaireResponse(ci)); at(qr, "item", 1, "answer", 0, "valueInteger") != 20.0 {
		t.Errorf("check-in QR: %v", qr)
	}
	o := roundTrip(t, Observations(ci)[0])
	if at(o, "component", 1, "valueQuantity", "value") != 20.0 || at(o, "component", 1, "valueQuantity", "code") != "d" || at(o, "meta", "profile") != nil {
		t.Errorf("check-in observation: %v", o)
	}
}
